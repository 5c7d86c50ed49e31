"""Synonyms: terms that mean one thing match both ways and across English and Dutch; HR's file extends them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.runtime.settings import SettingsError, parse_settings
from bot.synonyms.table import Synonyms, SynonymsError, built_in, load_synonyms, parse_groups
from tests.support.slack import BOT_TOKEN, SIGNING_SECRET


def shared(synonyms: Synonyms, one: str, other: str) -> frozenset[str]:
    return synonyms.concepts(one) & synonyms.concepts(other)


@pytest.mark.parametrize(
    ("asked", "offered"),
    [
        ("presenteren", "public speaking"),
        ("Public Speaking", "presentaties"),
        ("spreken in het openbaar", "Presentations"),
        ("k8s", "Kubernetes"),
        ("ML", "machine learning"),
        ("leidinggeven", "leadership"),
        ("onderhandelen", "negotiation"),
        ("feedback geven", "giving feedback"),
        ("JS", "JavaScript"),
    ],
)
def test_synonyms_match_both_ways_and_across_languages(asked: str, offered: str) -> None:
    assert shared(built_in(), asked, offered)
    assert shared(built_in(), offered, asked)


def test_a_multi_word_term_is_one_concept_and_uses_up_its_words() -> None:
    concepts = built_in().concepts("machine learning for fraud")

    assert concepts == built_in().concepts("ML") | {"fraud"}
    assert "learning" not in concepts
    assert "machine" not in concepts


def test_words_in_no_group_are_their_own_concept() -> None:
    assert built_in().concepts("Rust, Figma") == {"rust", "figma"}


def test_the_built_in_table_is_a_useful_size() -> None:
    assert 40 <= len(built_in()) <= 120


def test_hrs_file_extends_the_built_in_groups(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.txt"
    path.write_text("# our own words\npitchen, presenteren\nzaakwaarneming, negotiorum gestio  # legal\n")

    synonyms = load_synonyms(path)

    assert shared(synonyms, "pitchen", "public speaking")  # joined the built-in group through "presenteren"
    assert shared(synonyms, "negotiorum gestio", "zaakwaarneming")
    assert not shared(built_in(), "pitchen", "public speaking")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("k8s", "at least two different terms"),
        ("k8s, , kubernetes", "an empty term"),
        ("k8s, kubernetes,", "an empty term"),
        ("k8s, !!!", "no letters or digits"),
        ("k8s, K8s", "two different"),
        ("one, a term of far too many words here", "too long"),
    ],
)
def test_a_bad_line_is_named_with_its_number(line: str, problem: str) -> None:
    with pytest.raises(SynonymsError) as raised:
        parse_groups(f"# fine\npresenteren, pitchen\n{line}\n", "ours.txt")

    assert str(raised.value).startswith("ours.txt, line 3: ")
    assert problem in str(raised.value)


def test_a_bad_synonyms_file_is_one_settings_line_naming_file_line_and_problem(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.txt"
    path.write_text("pitchen, presenteren\nk8s\n")

    with pytest.raises(SettingsError) as raised:
        parse_settings({"SYNONYMS_FILE": str(path)})

    message = str(raised.value)
    assert "\n" not in message
    assert "SYNONYMS_FILE" in message
    assert f"{path}, line 2: a group needs at least two different terms" in message


def test_the_bot_refuses_to_start_with_a_bad_synonyms_file(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.txt"
    path.write_text("k8s, kubernetes\n,presenteren\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_", "LOG_"))}
    env.update(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SYNONYMS_FILE=str(path))
    env.update(DATABASE_URL=f"sqlite:///{tmp_path}/m.db")

    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("mentorbot: Setting SYNONYMS_FILE has a bad entry: ")
    assert f"{path}, line 2: an empty term" in line
