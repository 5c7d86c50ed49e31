"""The newcomer term: a newcomer and a mentor who likes helping newcomers score it, with its reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from bot.i18n import Language, Translator
from bot.matching import WEIGHTS, Mentee, Mentor, best_mentors, score
from bot.synonyms.table import built_in
from bot.welcomes.rules import is_newcomer

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
HOURS = (time(9, 0), time(17, 0))
ON = date(2026, 12, 2)


def make_mentee(**overrides: Any) -> Mentee:
    base = Mentee("UMENTEE", "Engineering", built_in().topics("Python, testing"), Language.EN, "Europe/Amsterdam")
    return replace(base, **overrides)


def make_mentor(**overrides: Any) -> Mentor:
    base = Mentor("UMENTOR", "Design", built_in().topics("Kubernetes"), "Kubernetes", Language.NL, "Asia/Tokyo", 1)
    return replace(base, **overrides)


def test_a_newcomer_and_a_mentor_who_likes_newcomers_score_the_term_with_its_reason() -> None:
    plain = score(make_mentee(newcomer=True), make_mentor(), HOURS, ON)
    liked = score(make_mentee(newcomer=True), make_mentor(likes_newcomers=True), HOURS, ON)
    assert liked.score == round(plain.score + WEIGHTS.newcomer, 3)
    assert [r.key for r in liked.reasons if r.key not in {x.key for x in plain.reasons}] == ["match.newcomer"]


def test_the_term_needs_both_a_newcomer_and_a_mentor_who_likes_newcomers() -> None:
    for mentee, mentor in (
        (make_mentee(newcomer=False), make_mentor(likes_newcomers=True)),
        (make_mentee(newcomer=True), make_mentor(likes_newcomers=False)),
    ):
        reasons = [r.key for r in score(mentee, mentor, HOURS, ON).reasons]
        assert "match.newcomer" not in reasons
        assert score(mentee, mentor, HOURS, ON).score == score(make_mentee(), make_mentor(), HOURS, ON).score


def test_a_mentor_who_likes_newcomers_is_ranked_first_for_a_newcomer() -> None:
    mentors = [make_mentor(user_id="UA"), make_mentor(user_id="UB", likes_newcomers=True)]
    assert [s.mentor.user_id for s in best_mentors(make_mentee(newcomer=True), mentors, HOURS, ON)] == ["UB", "UA"]
    assert [s.mentor.user_id for s in best_mentors(make_mentee(), mentors, HOURS, ON)] == ["UA", "UB"]


def test_the_reason_reads_in_english_and_dutch() -> None:
    reason = score(make_mentee(newcomer=True), make_mentor(likes_newcomers=True), HOURS, ON).reasons[-1]
    assert Translator(Language.EN)(reason.key) == "likes helping newcomers settle in, and you have just joined"
    assert Translator(Language.NL)(reason.key) == "helpt graag nieuwe collega's op weg, en jij bent net begonnen"


def test_newcomers_are_people_in_their_first_90_days() -> None:
    assert is_newcomer(NOW - timedelta(days=89, hours=23), NOW)
    assert not is_newcomer(NOW - timedelta(days=90), NOW)
    assert not is_newcomer(None, NOW)  # the bot never saw them join
