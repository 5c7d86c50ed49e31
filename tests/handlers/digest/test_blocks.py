"""The digest's blocks: each figure with its change, the young programme in words, who is named, the release's
comments neutralised, the late line."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from slack_sdk.models.blocks import Block

from bot.digest.figures import Digest, Figures, Rate, StalledPairing, WaitingMentee, WeekRate
from bot.feedback.release import Comment, Figure, Partition, Release
from bot.i18n import Language, Translator
from handlers.digest.blocks import digest_blocks, digest_text
from tests.factories import HOSTILE

AT = datetime(2027, 3, 15, 8, 0, tzinfo=UTC)
EN, NL = Translator(Language.EN), Translator(Language.NL)
NOW = Figures(
    at=AT, since=AT - timedelta(days=7), participants=12, new_profiles=3, mentees_waiting=1,
    longest_wait_since=AT - timedelta(days=20), active=5, stalled=1, checkins=6, checkins_ever=40,
    completion=Rate(6, 8), places_taken=6, places_offered=10,
    weekly=tuple(WeekRate(date(2027, 3, 15), Rate(1, 2)) for _ in range(12)),
    stalled_pairings=(StalledPairing(7, "UMENTOR", "UMENTEE", AT - timedelta(days=3)),),
    waiting_longest=(WaitingMentee("UWAITS", AT - timedelta(days=20)),),
)  # fmt: skip
LAST = Figures(at=AT - timedelta(days=7), since=AT - timedelta(days=14), participants=9, checkins=8)
RELEASE = Release(
    week="2027-W10",
    k=5,
    figures=(Figure(Partition.PROGRAMME, "all", 7, 4.1), Figure(Partition.TOPIC, "received")),
    comments=tuple(Comment("programme", f"{hostile} thanks", "2027-W08", "2027-W09") for hostile in HOSTILE),
)


def text_of(blocks: list[dict[str, object]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_each_figure_shows_its_change_since_last_week() -> None:
    shown = text_of(digest_blocks(Digest("2027-W11", NOW, LAST), EN))
    assert "Participants: 12 (+3)" in shown
    assert "Check-ins logged this week: 6 (−2)" in shown


def test_the_first_digest_says_so_and_shows_no_changes() -> None:
    shown = text_of(digest_blocks(Digest("2027-W11", NOW), EN))
    assert "Participants: 12," in shown
    assert "This is the first digest" in shown


def test_stalled_pairings_and_waiting_mentees_are_named_as_mentions() -> None:
    shown = text_of(digest_blocks(Digest("2027-W11", NOW, LAST), EN))
    assert "<@UMENTOR> and <@UMENTEE>, stalled since" in shown
    assert "<@UWAITS>, waiting since" in shown


def test_an_empty_programme_reads_in_words() -> None:
    empty = Figures(at=AT, since=AT - timedelta(days=7))
    shown = text_of(digest_blocks(Digest("2027-W11", empty), EN))
    for words in ("No check-ins yet.", "No mentee is waiting", "No pairing has stalled.", "No mentor has offered"):
        assert words in shown
    assert "0%" not in shown
    assert "Nog geen check-ins." in text_of(digest_blocks(Digest("2027-W11", empty), NL))
    assert digest_text(Digest("2027-W11", empty), EN) == "Mentoring digest, week 2027-W11: nobody has a profile yet."


@pytest.mark.parametrize("hostile", HOSTILE)
def test_release_comments_arrive_neutralised(hostile: str) -> None:
    shown = text_of(digest_blocks(Digest("2027-W11", NOW, LAST, RELEASE), EN))
    assert hostile not in shown
    assert hostile.replace("<", "&lt;").replace(">", "&gt;") in shown


def test_the_release_shows_its_groups_under_k() -> None:
    shown = text_of(digest_blocks(Digest("2027-W11", NOW, LAST, RELEASE), EN))
    assert "average rating 4.1 from 7 responses" in shown
    assert "Mentoring received: not enough responses yet" in shown


def test_a_late_digest_says_when_it_was_due() -> None:
    shown = text_of(digest_blocks(Digest("2027-W11", NOW), EN, late_since=date(2027, 3, 8)))
    assert "This digest is late: it was due on <!date^" in shown
    assert "This digest is late" not in text_of(digest_blocks(Digest("2027-W11", NOW), EN))


def test_a_preview_says_who_sees_it() -> None:
    assert "only you can see this" in text_of(digest_blocks(Digest("2027-W11", NOW), EN, preview=True))


def test_the_blocks_are_valid_block_kit_and_fit_a_message() -> None:
    blocks = digest_blocks(Digest("2027-W11", NOW, LAST, RELEASE), NL)
    assert len(blocks) <= 50
    for block in blocks:
        Block.parse(block).validate_json()  # type: ignore[union-attr]


def test_the_notification_text_names_the_week() -> None:
    assert digest_text(Digest("2027-W11", NOW), EN).startswith("Mentoring digest, week 2027-W11: 12 participants")
