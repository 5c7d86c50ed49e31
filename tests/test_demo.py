"""`mentorbot demo` runs the real app offline and prints what each person saw."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.i18n import EN, NL


def run_demo(database_url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # A DATABASE_URL that would fail if it were used: the demo must never read it.
    env = {**os.environ, "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/nothing"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--database-url", database_url],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_the_demo_shows_an_english_and_a_dutch_person_what_they_saw(database_url: str, tmp_path: Path) -> None:
    result = run_demo(database_url, tmp_path)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Anna types `/mentor help`" in out
    assert EN["help.title"] in out
    assert NL["help.title"] in out
    assert NL["help.not_understood"].format(text="koffie") in out
    assert NL["home.title"].upper() in out
    assert EN["find.title"] in out
    assert "*@Daan Jansen* · Engineering" in out
    assert EN["match.shared_topics"].format(topics="Python, code review") in out
    assert NL["status.title"].upper() in out
    assert NL["request.dm"].format(mentee="@Anna de Vries") in out
    assert EN["request.declined.mentee"].format(mentor="@Mei Tanaka") in out
    assert out.count("Fully booked until March") == 1  # Mei typed it; nobody is shown it
    assert "Anna and Daan see, in a message:" in out
    assert EN["intro.title"].upper() in out
    assert NL["intro.title"].upper() in out
    assert EN["request.accepted.mentee"].format(mentor="@Daan Jansen") in out
    assert "Traceback" not in result.stderr
