"""Planning check-ins: one tick planning the next prompts of many active pairings, then a tick with nothing new.

Seeds pairings (10,000 by default) whose people live in Amsterdam, New York, Tokyo and Kolkata, each
rhythm due for planning, and times the planner as the tick runs it: the first pass writes a group
nudge, two questions and (two periods without a check-in) two gentle notes per pairing, in transactions
of at most 200 rows; the second finds nothing due. Targets: under 5 s, and under 100 ms.

    .venv/bin/python -m bench.checkins
    .venv/bin/python -m bench.checkins --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test

With a PostgreSQL URL it works in a schema of its own and drops it afterwards.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select

from bench.find_mentors import bench_database
from bot.checkins.calendar import schedule_for
from bot.checkins.planner import Planner
from bot.runtime.settings import Settings
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.models import OutboxRow, OutboxState, Pairing, PairingStatus, Person, Rhythm
from storage.uow import UnitOfWork

ZONES = ("Europe/Amsterdam", "America/New_York", "Asia/Tokyo", "Asia/Kolkata")
NOW = datetime(2027, 3, 15, 6, 0, tzinfo=UTC)  # a Monday; each rhythm moves into its third weekly period


def seed(uow: UnitOfWork, pairings: int) -> None:
    people = [
        {"user_id": f"U{role}{n:06d}", "locale": "en-US", "tz": ZONES[(n + k) % len(ZONES)], "fetched_at": NOW}
        for n in range(pairings)
        for k, role in enumerate(("MR", "ME"))
    ]
    uow.session.execute(insert(Person), people)
    rows = [
        {
            "mentor_id": f"UMR{n:06d}",
            "mentee_id": f"UME{n:06d}",
            "status": PairingStatus.ACTIVE.value,
            "channel_id": f"G{n:08d}",
            "started_at": NOW - timedelta(days=14),
        }
        for n in range(pairings)
    ]
    uow.session.execute(insert(Pairing), rows)
    ids = uow.session.execute(select(Pairing.id).order_by(Pairing.id)).scalars().all()  # type: ignore[call-overload]
    # Each rhythm is in its second weekly period, planned and asked, and moves into its third: two periods
    # without a check-in behind it (the first's questions were asked, as the second's were).
    rhythms = [
        {
            "pairing_id": pairing_id,
            "cadence": "weekly",
            "period": 1,
            "period_start": (NOW - timedelta(days=7)).date(),
            "planned": 1,
            "next_plan_at": NOW - timedelta(hours=1),
        }
        for pairing_id in ids
    ]
    uow.session.execute(insert(Rhythm), rhythms)
    asked = [
        {
            "kind": "checkin.ask",
            "recipient": user_id,
            "subject": f'{{"pairing": {pairing_id}, "period": 1}}',
            "unique_key": f"checkin.ask:{pairing_id}:1:{user_id}",
            "pairing_id": pairing_id,
            "state": OutboxState.SENT.value,
            "due_at": NOW - timedelta(days=4),
            "created_at": NOW - timedelta(days=7),
        }
        for n, pairing_id in enumerate(ids)
        for user_id in (f"UMR{n:06d}", f"UME{n:06d}")
    ]
    uow.session.execute(insert(OutboxRow), asked)
    uow.commit()


def run(url: str, pairings: int) -> bool:
    engine = make_engine(url)
    upgrade(engine)
    factory = make_session_factory(engine)

    def uow() -> UnitOfWork:
        return UnitOfWork(factory)

    settings = Settings()
    schedule = schedule_for(settings.prompt_time, settings.working_hours, "NL")
    planner = Planner(uow, schedule, lambda: NOW, timedelta(days=settings.prompt_max_age_days))
    with uow() as unit:
        seed(unit, pairings)
    started = time.perf_counter()
    first = planner.plan_due()
    planning = time.perf_counter() - started
    started = time.perf_counter()
    second = planner.plan_due()
    idle = time.perf_counter() - started
    with uow() as unit:
        rows = unit.session.execute(select(func.count()).select_from(OutboxRow)).scalar_one()
    engine.dispose()
    print(f"pairings planned: {first.pairings}, prompts written: {first.prompts} (rows in the outbox: {rows})")
    print(f"planning tick: {planning * 1000:.0f} ms (target under 5000 ms)")
    print(f"tick with nothing to plan: {idle * 1000:.1f} ms (target under 100 ms), planned {second.pairings}")
    # A nudge and two questions each, and (two periods without a check-in) each person's gentle note; beside
    # the questions seeded as asked.
    written = rows - 2 * pairings
    return first.pairings == pairings and written == first.prompts == 5 * pairings and second.pairings == 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--pairings", type=int, default=10_000, help="active pairings to plan (default 10000)")
    parser.add_argument("--database-url", help="SQLite or PostgreSQL URL (default: a temporary SQLite file)")
    parser.add_argument("--small", action="store_true", help="200 pairings: a check, not a measurement")
    args = parser.parse_args(argv)
    if args.small:
        args.pairings = 200
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with bench_database(args.database_url) as url:
        ok = run(url, args.pairings)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
