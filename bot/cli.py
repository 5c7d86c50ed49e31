"""The `mentorbot` command (also `python -m bot`)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.settings import Settings, SettingsError, load_settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "demo":
            from bot.demo import run_demo

            return run_demo(database_url=args.database_url)
        settings = load_settings(dotenv_path=Path(".env"))
        _configure_logging(settings)
        if args.command == "serve":
            from bot.serve import StartupError, serve

            try:
                serve(settings)
            except StartupError as e:
                print(f"mentorbot: {e}", file=sys.stderr)
                return 1
            return 0
        if args.command == "db" and args.db_command == "upgrade":
            return _db_upgrade(settings)
    except SettingsError as e:
        print(f"mentorbot: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    parser.print_help()
    return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mentorbot", description="A mentoring programme inside Slack.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("serve", help="run the bot (Socket Mode with SLACK_APP_TOKEN, otherwise HTTP on $PORT)")
    demo = commands.add_parser("demo", help="run the whole programme offline and print what each person saw")
    demo.add_argument("--database-url", help="a database for the demo (default: a throwaway SQLite file)")
    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", metavar="DB_COMMAND")
    db_commands.add_parser("upgrade", help="apply the database migrations")
    return parser


def _db_upgrade(settings: Settings) -> int:
    from storage.db import make_engine
    from storage.migrate import current_revision, upgrade

    engine = make_engine(settings.database_url)
    upgrade(engine)
    print(f"database is at revision {current_revision(engine)}")
    return 0


def _configure_logging(settings: Settings) -> None:
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


if __name__ == "__main__":
    sys.exit(main())
