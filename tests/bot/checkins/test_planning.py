"""What the planner decides for one pairing, with plain values: downtime and a new cadence start the rhythm again."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.checkins.planning import PairClock, PromptKind, new_cadence, plan
from bot.checkins.rules import Cadence, Schedule

WEEKLY_FROM_1_MARCH = PairClock(
    pairing_id=1,
    mentor_id="UDAAN",
    mentee_id="UALICE",
    mentor_zone=ZoneInfo("Europe/Amsterdam"),
    mentee_zone=ZoneInfo("America/New_York"),
    cadence=Cadence.WEEKLY,
    period=0,
    period_start=date(2027, 3, 1),
    planned=0,
    active=True,
)


def test_a_tick_a_period_late_moves_on_with_the_calendar() -> None:
    decided = plan(WEEKLY_FROM_1_MARCH, Schedule(), datetime(2027, 3, 9, 12, tzinfo=UTC))

    assert (decided.period, decided.period_start, decided.restarts) == (1, date(2027, 3, 8), False)


def test_whole_periods_missed_start_the_rhythm_again_from_the_mentees_today() -> None:
    decided = plan(WEEKLY_FROM_1_MARCH, Schedule(), datetime(2027, 3, 23, 3, tzinfo=UTC))  # 22 March in New York

    assert (decided.period, decided.period_start, decided.restarts) == (1, date(2027, 3, 22), True)
    assert decided.starts_afresh
    assert [p.kind for p in decided.prompts] == [PromptKind.NUDGE, PromptKind.ASK, PromptKind.ASK]


def test_a_new_cadence_begins_a_period_on_its_day() -> None:
    decided = new_cadence(
        WEEKLY_FROM_1_MARCH, Cadence.MONTHLY, date(2027, 3, 3), Schedule(), datetime(2027, 3, 3, tzinfo=UTC)
    )

    assert (decided.period, decided.period_start) == (1, date(2027, 3, 3))
    assert [p.kind for p in decided.prompts] == [PromptKind.NUDGE, PromptKind.ASK, PromptKind.ASK]
    assert decided.next_plan_at == datetime(2027, 4, 2, 10, tzinfo=UTC)  # 3 April begins in Kiribati
    asks = [p.due_at for p in decided.prompts if p.kind is PromptKind.ASK]
    # Two working days before Saturday 3 April: Thursday 1 April, 10:00 in New York and in Amsterdam.
    assert asks == [datetime(2027, 4, 1, 14, tzinfo=UTC), datetime(2027, 4, 1, 8, tzinfo=UTC)]


def test_a_new_cadence_on_the_day_the_period_began_gets_no_second_opener() -> None:
    decided = new_cadence(
        WEEKLY_FROM_1_MARCH, Cadence.BIWEEKLY, date(2027, 3, 1), Schedule(), datetime(2027, 3, 1, 12, tzinfo=UTC)
    )

    assert [p.kind for p in decided.prompts] == [PromptKind.ASK, PromptKind.ASK]
