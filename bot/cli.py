"""The `mentorbot` command (also `python -m bot`)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bot.logs import START_UP_SLACK_LOGGER, PrivateFormatter
from bot.settings import Settings, SettingsError, database_url_problem, load_settings
from storage.db import DatabaseUnavailableError
from storage.migrate import SchemaBehindError, SchemaNewerError

# Loggers that are ours: LOG_LEVEL applies to them. Everything else is a library's.
OUR_LOGGERS = ("bot", "handlers", "storage", "mentorbot")
# Libraries whose INFO lines say nothing an operator needs (serve says it in one line), or carry
# a live response_url (slack-sdk's webhook client logs the URL of a request it retries). The Socket Mode
# client says each connection's comings and goings (Slack renews one every few hours); /healthz tells that.
QUIET_LIBRARIES = ("alembic", "apscheduler", "slack_sdk.webhook", "slack_sdk.socket_mode")
# Libraries whose lines at any level say again what a line of ours says better (see each name's comment).
SILENT_LIBRARIES = (START_UP_SLACK_LOGGER,)
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None or getattr(args, "subcommand", "") is None:
        args.print_help()  # the help of the command that was given, or the top-level one
        return 2
    try:
        if args.command == "demo":
            return _demo(args.database_url)
        settings = _load_settings()
        _configure_logging(settings)
        if args.command == "serve":
            from bot.serve import StartupError, serve

            try:
                serve(settings)
            except StartupError as e:
                print(f"mentorbot: {e}", file=sys.stderr)
                return 1
            return 0
        if args.command == "db":
            return _db_upgrade(settings)
        return _operate(settings, args)
    except SettingsError as e:
        print(f"mentorbot: {e}", file=sys.stderr)
        return 2
    except DatabaseUnavailableError as e:
        print(f"mentorbot: cannot use the database in DATABASE_URL ({e.where}): {e.cause}", file=sys.stderr)
        return 1
    except (SchemaNewerError, SchemaBehindError) as e:
        print(f"mentorbot: {_schema_problem(e)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `mentorbot demo | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so the exit's flush fails quietly
        return 0


def _schema_problem(error: SchemaNewerError | SchemaBehindError) -> str:
    if isinstance(error, SchemaNewerError):
        return (
            f"the database ({error.where}) is at revision {error.found}, newer than this Mentorbot knows "
            f"(up to {error.known}): run the newer version, or restore a backup taken before the upgrade"
        )
    fix = "run `mentorbot db upgrade`, or start `mentorbot serve`, which does it first"
    if not error.exists:
        return f"there is no database yet ({error.where}): {fix}"
    if error.found is None:
        return f"the database ({error.where}) has no Mentorbot tables yet: {fix}"
    return (
        f"the database ({error.where}) is at revision {error.found}, older than this Mentorbot ({error.known}): {fix}"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentorbot",
        description="A mentoring programme inside Slack.",
        epilog="Settings come from the environment, or from .env in the working directory (see .env.example).",
    )
    parser.set_defaults(print_help=parser.print_help)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "serve",
        help="run the bot (Socket Mode with SLACK_APP_TOKEN, otherwise HTTP on $PORT)",
        description="Run the bot: Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP on $PORT. "
        "It upgrades the database first.",
        epilog="Settings come from the environment, or from .env in the working directory (see .env.example).",
    )
    demo = commands.add_parser("demo", help="run the whole programme offline and print what each person saw")
    demo.add_argument("--database-url", help="a database for the demo (default: a throwaway SQLite file)")
    db = _group(commands, "db", "database maintenance")
    db.add_parser("upgrade", help="apply the database migrations to the database in DATABASE_URL")
    jobs = _group(commands, "jobs", "scheduled work, run by hand")
    run = jobs.add_parser("run", help="run a job now")
    run.add_argument("job", choices=["tick"], help="tick: send everything that is due now, then tidy up")
    outbox = _group(commands, "outbox", "what the bot has to send, and what became of it")
    outbox.add_parser("status", help="counts per kind and state; unknown and failed rows of the last week")
    retry = outbox.add_parser("retry", help="send a row again that you have checked by hand")
    retry.add_argument("row_id", type=int, metavar="ID", help="the row's id, as `mentorbot outbox status` lists it")
    return parser


def _group(commands: Any, name: str, description: str) -> Any:
    """A command with subcommands of its own; alone, it prints its own help."""
    group = commands.add_parser(name, help=description)
    group.set_defaults(print_help=group.print_help)
    return group.add_subparsers(dest="subcommand", metavar=f"{name.upper()}_COMMAND")


def _load_settings() -> Settings:
    """Settings from the environment and `.env`; then the Slack credentials leave the environment."""
    environ: Mapping[str, str] = dict(os.environ)
    settings = load_settings(environ, dotenv_path=Path(".env"))
    _forget_slack_environment()
    return settings


def _forget_slack_environment() -> None:
    """Settings are the one place configuration comes from.

    Bolt's `App` would otherwise read SLACK_BOT_TOKEN (and SLACK_CLIENT_ID/SECRET, which switch
    on its OAuth flow) from the environment by itself, and warn that the token is unused because
    we give it a client of our own.
    """
    for name in [name for name in os.environ if name.startswith("SLACK_")]:
        del os.environ[name]


def _demo(database_url: str | None) -> int:
    from bot.demo import run_demo

    _forget_slack_environment()  # the demo talks to its own stand-in, with a token of its own
    if database_url is not None:
        problem = database_url_problem(database_url)
        if problem:
            print(f"mentorbot: --database-url {problem}", file=sys.stderr)
            return 2
        try:
            tables = _tables_in(database_url)
        except DatabaseUnavailableError as e:
            print(f"mentorbot: cannot use the database in --database-url ({e.where}): {e.cause}", file=sys.stderr)
            return 1
        if tables:
            # The demo's story needs a programme of its own; and it must never mix into someone's real data.
            print(
                f"mentorbot: the database in --database-url is not empty ({len(tables)} tables, e.g. {tables[0]}): "
                "give the demo an empty database, or leave out --database-url for a throwaway one",
                file=sys.stderr,
            )
            return 1
    return run_demo(database_url=database_url)


def _tables_in(database_url: str) -> list[str]:
    """The tables already in the demo's database (it must be reachable: a demo doesn't wait for a server)."""
    from sqlalchemy import inspect

    from storage.db import make_engine, wait_for_database

    engine = make_engine(database_url)
    try:
        wait_for_database(engine, 0)
        return sorted(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _db_upgrade(settings: Settings) -> int:
    from storage.db import describe, make_engine, wait_for_database
    from storage.migrate import upgrade

    engine = make_engine(settings.database_url)
    try:
        wait_for_database(engine, settings.database_wait_seconds)
        print(f"database: {describe(engine.url)}; {upgrade(engine)}")
    finally:
        engine.dispose()
    return 0


def _operate(settings: Settings, args: argparse.Namespace) -> int:
    """`jobs run tick`, `outbox status`, `outbox retry ID`: on the real database, as `serve` would.

    They never create nor migrate it (only `serve` and `db upgrade` do): a typo in DATABASE_URL, or
    a command run in the wrong folder, must not leave a fresh empty database behind.
    """
    from bot.app import build
    from storage.db import missing_file, wait_for_database
    from storage.migrate import require_current

    bot = build(settings)
    try:
        if not missing_file(bot.engine.url):  # connecting would create it; require_current says so instead
            wait_for_database(bot.engine, settings.database_wait_seconds)
        require_current(bot.engine)
        if args.command == "jobs":
            report = bot.operations.tick()
            print(f"tick: {report.dispatched} outbox rows handled, {report.events_forgotten} old events forgotten")
            return 0
        if args.subcommand == "status":
            print("\n".join(bot.operations.outbox_status()))
            return 0
        if bot.operations.retry(args.row_id):
            print(f"outbox row {args.row_id} is queued again; the next tick sends it")
            return 0
        print(f"mentorbot: no outbox row {args.row_id} that could be sent again", file=sys.stderr)
        return 1
    finally:
        bot.engine.dispose()


def library_level(settings: Settings) -> int:
    """Libraries log at INFO or above, however verbose LOG_LEVEL is, unless LOG_LIBRARIES says."""
    if settings.log_libraries is not None:
        return logging.getLevelNamesMapping()[settings.log_libraries]
    return max(logging.getLevelNamesMapping()[settings.log_level], logging.INFO)


def _configure_logging(settings: Settings) -> None:
    libraries = library_level(settings)
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(PrivateFormatter(LOG_FORMAT))
        root.addHandler(handler)
    # The root's level is every library's unless it sets its own: Bolt copies it when the app is built.
    root.setLevel(libraries)
    for name in OUR_LOGGERS:
        logging.getLogger(name).setLevel(settings.log_level)
    if settings.log_libraries is None:
        for name in QUIET_LIBRARIES:
            logging.getLogger(name).setLevel(max(libraries, logging.WARNING))
        for name in SILENT_LIBRARIES:
            logging.getLogger(name).setLevel(logging.CRITICAL)


if __name__ == "__main__":
    sys.exit(main())
