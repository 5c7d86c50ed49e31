"""One pairing lifecycle: its transitions and their news in one place (bot/lifecycle.py), whichever feature asks."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlmodel import col

from bot.delivery.letters import INTRODUCE, News, Request, Told
from bot.i18n import Who
from bot.lifecycle import Closed, EndedBy, EndedByHR, Left, Pair, Superseded, end, end_homes, end_news
from storage.db import make_session_factory
from storage.models import OutboxRow, OutboxState, Pairing
from storage.uow import UnitOfWork
from tests.factories import add_pairing

ROOT = Path(__file__).resolve().parents[2]
# `set_pairing_status(…, PairingStatus.ENDED …)`: a pairing ended by hand, its rhythm and its letters left to chance.
ENDS_BY_HAND = re.compile(r"set_pairings?_status\([^)]*PairingStatus\.ENDED", re.DOTALL)


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (ROOT / "bot").rglob("*.py") if p.name != "lifecycle.py"),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_only_the_lifecycle_ends_a_pairing(path: Path) -> None:
    assert not ENDS_BY_HAND.search(path.read_text(encoding="utf-8")), "end it with bot.lifecycle.end"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
    return found


def test_accepting_starts_a_pairing_without_calling_the_features_that_follow() -> None:
    """The check-ins and the evaluations subscribe to a pairing's start (bot/app.py); accept doesn't call them."""
    # The check-in calendar's rules (working days, zones) are shared values, not a feature that follows a start.
    followers = ("bot.checkins.quiet", "bot.checkins.service", "bot.evaluations", "storage.checkins")
    assert [name for name in imports_of(ROOT / "bot" / "pairings.py") if name.startswith(followers)] == []


# The notices a transition sends: written by the lifecycle alone, rendered from the transition's value.
TRANSITION_NEWS = (
    "checkin.ended.partner",
    "checkin.ended.you",
    "checkin.stalled.ended.",
    "left.pairing.",
    "evaluation.closed",
    "checkin.paused.partner",
    "checkin.resumed",
)


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (ROOT / "bot").rglob("*.py") if p.name != "lifecycle.py"),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_only_the_lifecycle_tells_people_a_pairing_paused_resumed_or_ended(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert [key for key in TRANSITION_NEWS if f'"{key}' in text] == [], "the lifecycle writes a transition's news"


def test_a_departure_calls_no_feature_it_ends_things_through_its_subscribers() -> None:
    """Which pairings end and which requests close when someone leaves is the lifecycle's and the handshake's."""
    features = ("bot.handshake", "bot.pairings", "bot.lifecycle", "bot.checkins", "bot.evaluations")
    assert [name for name in imports_of(ROOT / "bot" / "departures.py") if name.startswith(features)] == []


PAIR = Pair(4, "UMENTOR", "UMENTEE")


def keys(told: tuple[Told, ...]) -> list[tuple[str, str, dict[str, object], int]]:
    return [(t.user_id, t.notice.key, dict(t.notice.values), t.mentors) for t in told]


def test_an_end_by_one_of_them_tells_the_other_and_thanks_the_one_who_ended_it() -> None:
    assert keys(end_news(PAIR, EndedBy("UMENTEE"))) == [
        ("UMENTOR", "checkin.ended.partner", {"other": Who("UMENTEE")}, 0),
        ("UMENTEE", "checkin.ended.you", {"other": Who("UMENTOR")}, 0),
    ]
    assert end_homes(PAIR, EndedBy("UMENTEE")) == ("UMENTEE", "UMENTOR")


def test_a_stalled_pairing_superseded_by_a_new_mentor_tells_both() -> None:
    assert keys(end_news(PAIR, Superseded())) == [
        ("UMENTOR", "checkin.stalled.ended.mentor", {"mentee": Who("UMENTEE")}, 0),
        ("UMENTEE", "checkin.stalled.ended.mentee", {"mentor": Who("UMENTOR")}, 0),
    ]


def test_a_leaver_is_not_told_and_a_mentee_whose_mentor_left_is_shown_another() -> None:
    assert keys(end_news(PAIR, Left("UMENTOR"))) == [("UMENTEE", "left.pairing.mentee", {"mentor": Who("UMENTOR")}, 1)]
    assert keys(end_news(PAIR, Left("UMENTEE"))) == [("UMENTOR", "left.pairing.mentor", {"mentee": Who("UMENTEE")}, 0)]
    assert end_homes(PAIR, Left("UMENTOR")) == ("UMENTEE",)


def test_an_evaluations_close_tells_both_without_saying_who_chose_what() -> None:
    assert keys(end_news(PAIR, Closed())) == [
        ("UMENTEE", "evaluation.closed", {"other": Who("UMENTOR")}, 0),
        ("UMENTOR", "evaluation.closed", {"other": Who("UMENTEE")}, 0),
    ]


def test_an_end_by_hr_tells_both_kindly_without_naming_the_hr_admin() -> None:
    assert keys(end_news(PAIR, EndedByHR())) == [
        ("UMENTEE", "hr.ended", {"other": Who("UMENTOR")}, 0),
        ("UMENTOR", "hr.ended", {"other": Who("UMENTEE")}, 0),
    ]
    assert end_homes(PAIR, EndedByHR()) == ("UMENTOR", "UMENTEE")


def test_an_introduction_still_waiting_when_its_pairing_ends_is_not_sent(engine: Engine) -> None:
    """ "You're paired" after the news that it ended would be untrue (its mentor left, one of them ended it at once)."""
    add_pairing(engine, "UMENTOR", "UMENTEE")
    now = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    with UnitOfWork(make_session_factory(engine)) as uow:
        pairing_id = uow.session.execute(select(col(Pairing.id))).scalar_one() or 0
        News(uow.session, now).introduce(Request(1, "UMENTEE", "UMENTOR"), pairing_id, others_withdrawn=False)
        uow.commit()
    with UnitOfWork(make_session_factory(engine)) as uow:
        pair = Pair(pairing_id, "UMENTOR", "UMENTEE")
        assert end(uow.session, News(uow.session, now), pair, Left("UMENTOR"), now)
        uow.commit()

    with UnitOfWork(make_session_factory(engine)) as uow:
        query = select(col(OutboxRow.state)).where(col(OutboxRow.kind) == INTRODUCE)
        assert uow.session.execute(query).scalar_one() == OutboxState.CANCELLED
