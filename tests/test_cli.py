"""The `mentorbot` command as an operator meets it: one line for what is wrong, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.cli import main
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
