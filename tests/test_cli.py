"""The `mentorbot` command as an operator meets it: one line for what is wrong, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.runtime.cli import main
from storage.db import make_engine
from storage.migrate import current_revision, head_revision, known_revisions, upgrade
from tests.support.databases import postgres_url
from tests.support.processes import free_port
from tests.support.slack import BOT_TOKEN, SIGNING_SECRET

PASSWORD = "hunter2-b7"


def run(args: list[str], cwd: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` with only the given settings: no SLACK_*, DATABASE_* or LOG_* from outside."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_", "LOG_"))}
    env.update(settings)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


def missing_postgres_database() -> str:
    """A database that does not exist on a server that does (the test server's, when there is one)."""
    url = postgres_url()
    if url is None:
        pytest.skip("needs a PostgreSQL server (TEST_DATABASE_URL)")
    return make_url(url).set(database="mentorbot_no_such_db", password=PASSWORD).render_as_string(hide_password=False)


UNUSABLE: dict[str, tuple[Callable[[], str], str]] = {
    "down": (lambda: f"postgresql://mentorbot:{PASSWORD}@127.0.0.1:{free_port()}/x", "Connection refused"),
    "missing": (missing_postgres_database, "does not exist"),
    "folder": (lambda: "sqlite:////nonexistent/dir/x.db", "unable to open database file"),
    "mysql": (lambda: f"mysql://root:{PASSWORD}@db/x", "mysql is not supported"),
    "garbage": (lambda: "garbage", "must be a database URL"),
}


def assert_one_line_naming(stderr: str, name: str, cause: str) -> None:
    assert "Traceback" not in stderr
    assert PASSWORD not in stderr
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("mentorbot: ")
    assert name in last
    assert cause in last


@pytest.mark.postgres  # "missing": a database that isn't there, on the test server
@pytest.mark.parametrize("case", UNUSABLE.keys())
def test_serve_with_an_unusable_database_says_so_in_one_line(case: str, tmp_path: Path) -> None:
    url, cause = UNUSABLE[case]
    settings = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
    }

    result = run(["serve"], tmp_path, DATABASE_URL=url(), DATABASE_WAIT_SECONDS="0", **settings)

    assert result.returncode != 0
    assert_one_line_naming(result.stderr, "DATABASE_URL", cause)
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("case", ["down", "folder", "garbage"])
def test_db_upgrade_with_an_unusable_database_says_so_in_one_line(case: str, tmp_path: Path) -> None:
    url, cause = UNUSABLE[case]

    result = run(["db", "upgrade"], tmp_path, DATABASE_URL=url(), DATABASE_WAIT_SECONDS="0")

    assert result.returncode != 0
    assert_one_line_naming(result.stderr, "DATABASE_URL", cause)


def test_a_database_that_is_still_down_is_waited_for_with_a_line_first(tmp_path: Path) -> None:
    url, cause = UNUSABLE["down"]

    result = run(["db", "upgrade"], tmp_path, DATABASE_URL=url(), DATABASE_WAIT_SECONDS="1")

    assert result.returncode != 0
    first, _ = result.stderr.strip().splitlines()
    assert "not reachable yet" in first
    assert "trying for up to 1 s" in first
    assert_one_line_naming(result.stderr, "DATABASE_URL", f"{cause}, still after 1 s")


@pytest.mark.parametrize("case", ["down", "mysql", "garbage"])
def test_the_demo_with_an_unusable_database_says_so_in_one_line(case: str, tmp_path: Path) -> None:
    url, cause = UNUSABLE[case]

    result = run(["demo", "--database-url", url()], tmp_path)

    assert result.returncode != 0
    assert_one_line_naming(result.stderr, "--database-url", cause)
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_the_demo_refuses_a_database_that_is_not_empty_in_one_line(database_url: str, tmp_path: Path) -> None:
    upgrade_engine = make_engine(database_url)
    upgrade(upgrade_engine)  # what a first demo (or a real programme) leaves there
    upgrade_engine.dispose()

    result = run(["demo", "--database-url", database_url], tmp_path)

    assert result.returncode == 1
    assert_one_line_naming(result.stderr, "--database-url", "not empty")
    assert result.stdout == ""


def test_db_upgrade_says_which_revision_it_brought_the_schema_to(tmp_path: Path) -> None:
    result = run(["db", "upgrade"], tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'm.db'}")

    assert result.returncode == 0, result.stderr
    assert "schema upgraded from revision (empty) to " in result.stdout


def test_db_without_a_subcommand_shows_the_help_of_db(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db"]) == 2

    out = capsys.readouterr().out
    assert out.startswith("usage: mentorbot db")
    assert "upgrade" in out
    assert "serve" not in out


def test_the_demo_ignores_slack_credentials_in_the_environment(tmp_path: Path) -> None:
    result = run(["demo"], tmp_path, SLACK_BOT_TOKEN="xoxb-from-the-environment")

    assert result.returncode == 0, result.stderr
    assert "will be unused" not in result.stderr


def test_the_demo_runs_without_the_dev_dependencies(tmp_path: Path) -> None:
    """A plain `pip install .` has no `websockets` (the stand-in's Socket Mode side needs it, the demo doesn't)."""
    absent = tmp_path / "websockets"
    absent.mkdir()
    (absent / "__init__.py").write_text("raise ModuleNotFoundError(\"No module named 'websockets'\")\n")

    result = run(["demo"], tmp_path)  # `python -m` puts the working directory first on the path

    assert result.returncode == 0, result.stderr
    assert "Demo finished" in result.stdout


def test_serve_imports_neither_the_stand_in_nor_dev_dependencies(tmp_path: Path) -> None:
    modules = "bot.runtime.cli, bot.runtime.serve, bot.app"
    looked = f"import sys, {modules}; print(sorted(m for m in sys.modules if m.startswith(M)))"
    code = looked.replace("M", "('bot.standin', 'websockets', 'pytest', 'freezegun')")

    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)

    assert result.stdout.strip() == "[]"


def test_the_demo_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    demo = subprocess.Popen(
        [sys.executable, "-m", "bot", "demo"], env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert demo.stdout is not None
    assert demo.stderr is not None
    first_lines = [demo.stdout.readline() for _ in range(3)]
    demo.stdout.close()  # as `head -n 3` does once it has its lines

    errors = demo.stderr.read().decode()
    demo.wait(timeout=120)

    assert all(first_lines)
    assert "Traceback" not in errors
    assert "BrokenPipeError" not in errors


def test_serve_with_wording_hr_cannot_use_stops_with_one_line_per_entry(tmp_path: Path) -> None:
    messages = tmp_path / "messages"
    messages.mkdir()
    entries = ('msgid "help.titel"\nmsgstr "Hallo"\n', 'msgid "request.sent"\nmsgstr "Verstuurd naar {mentee}."\n')
    (messages / "nl.po").write_text('msgid ""\nmsgstr ""\n\n' + "\n".join(entries))
    settings = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET}

    result = run(["serve"], tmp_path, MESSAGES_DIR=str(messages), DATABASE_URL=f"sqlite:///{tmp_path}/m.db", **settings)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "mentorbot: MESSAGES_DIR has entries the bot can't use:",
        "nl.po: 'help.titel' is not an entry of the bot's catalog (a typo, or an entry that was removed?)",
        "nl.po: 'request.sent' has {mentee}, which the original doesn't have; lacks {mentor}, which the original has",
    ]


SLACK_FOR_SERVE = {
    "SLACK_BOT_TOKEN": BOT_TOKEN,
    "SLACK_SIGNING_SECRET": SIGNING_SECRET,
    "SLACK_API_URL": "http://127.0.0.1:9/api/",
}
READ_ONLY = [["jobs", "run", "tick"], ["outbox", "status"], ["outbox", "retry", "1"]]


def set_revision(database_url: str, revision: str) -> None:
    """The schema as `revision` left it: a real one, or one this code has never heard of (a rollback)."""
    engine = make_engine(database_url)
    if revision in known_revisions():
        upgrade(engine, revision)
    else:
        upgrade(engine)
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :revision"), {"revision": revision})
    engine.dispose()


def revision_of(database_url: str) -> str | None:
    engine = make_engine(database_url)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def the_one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mentorbot: ")
    return lines[0]


@pytest.mark.parametrize("command", [["serve"], ["db", "upgrade"], *READ_ONLY])
def test_a_schema_newer_than_the_code_is_named_in_one_line(
    command: list[str], database_url: str, tmp_path: Path
) -> None:
    set_revision(database_url, "0999")

    result = run(command, tmp_path, DATABASE_URL=database_url, DATABASE_WAIT_SECONDS="0", **SLACK_FOR_SERVE)

    line = the_one_line(result)
    assert f"at revision 0999, newer than this Mentorbot knows (up to {head_revision()})" in line
    assert "restore a backup" in line
    assert revision_of(database_url) == "0999"


@pytest.mark.parametrize("command", READ_ONLY)
def test_a_read_only_command_in_an_empty_folder_creates_no_database(command: list[str], tmp_path: Path) -> None:
    result = run(command, tmp_path)  # DATABASE_URL's default: mentorbot.db, here

    line = the_one_line(result)
    assert "no database" in line
    assert "mentorbot db upgrade" in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", READ_ONLY)
def test_a_read_only_command_on_an_empty_database_neither_creates_nor_migrates(
    command: list[str], database_url: str, tmp_path: Path
) -> None:
    result = run(command, tmp_path, DATABASE_URL=database_url)

    line = the_one_line(result)
    assert "mentorbot db upgrade" in line
    assert revision_of(database_url) is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", READ_ONLY)
def test_a_read_only_command_on_an_older_schema_says_how_to_upgrade_and_leaves_it(
    command: list[str], database_url: str, tmp_path: Path
) -> None:
    older = known_revisions()[-2]
    set_revision(database_url, older)

    result = run(command, tmp_path, DATABASE_URL=database_url)

    line = the_one_line(result)
    assert f"at revision {older}, older than this Mentorbot ({head_revision()})" in line
    assert "mentorbot db upgrade" in line
    assert revision_of(database_url) == older


def test_outbox_status_on_a_current_schema_still_answers(database_url: str, tmp_path: Path) -> None:
    set_revision(database_url, head_revision())

    result = run(["outbox", "status"], tmp_path, DATABASE_URL=database_url)

    assert result.returncode == 0, result.stderr
    assert "(the outbox is empty)" in result.stdout
