"""The HR digest's read side: building one week's digest from a large programme, and the statements it takes.

Seeds a tenth of the programme, builds the digest (the figures, the current feedback release, the blocks and the
chart) and counts its SQL statements; then seeds the other nine tenths and does it again. By default the whole is
10,000 people, 2,000 pairings, 100,000 check-ins and 5,000 feedback answers. Targets: the digest built in under
1 s, and the same number of statements at both sizes (no query per pairing or per person).

    .venv/bin/python -m bench.digest
    .venv/bin/python -m bench.digest --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test

With a PostgreSQL URL it works in a schema of its own and drops it afterwards.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, event, insert, text

from bench.find_mentors import bench_database
from bot.digest.chart import chart_png
from bot.digest.figures import Digest, Figures
from bot.digest.read import read_figures
from bot.feedback.releases import ReleaseService
from bot.feedback.rules import iso_week
from bot.i18n import Language, Translator
from bot.synonyms.table import built_in
from handlers.digest.blocks import digest_blocks
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.models import Checkin, Feedback, Pairing, PairingRequest, Person, Profile, Rhythm
from storage.uow import UnitOfWork

NOW = datetime(2027, 3, 15, 8, 0, tzinfo=UTC)  # a Monday, 09:00 in Amsterdam
ZONE = ZoneInfo("Europe/Amsterdam")
K = 5
AREAS = ("Engineering", "Product", "Design", "Data", "Sales")
SKILLS = ("python", "sql", "design", "sale", "leadership", "go", "rust", "kubernete", "finance", "writing")
TOPICS = ("programme", "received", "given", "evaluation.midpoint", "evaluation.end")
CADENCES = ("weekly", "biweekly", "monthly")


@dataclass(frozen=True)
class Size:
    people: int = 10_000
    pairings: int = 2_000
    checkins: int = 100_000
    feedback: int = 5_000

    def tenth(self) -> Size:
        return Size(self.people // 10, self.pairings // 10, self.checkins // 10, self.feedback // 10)

    def minus(self, other: Size) -> Size:
        return Size(
            self.people - other.people,
            self.pairings - other.pairings,
            self.checkins - other.checkins,
            self.feedback - other.feedback,
        )

    def __str__(self) -> str:
        return (
            f"{self.people:,} people, {self.pairings:,} pairings, {self.checkins:,} check-ins, "
            f"{self.feedback:,} feedback answers"
        )


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def seed(engine: Engine, share: Size, offset: int, rng: random.Random) -> None:
    """`share` of the programme, its ids numbered from `offset` (so shares add up)."""
    mentors = share.people // 4
    people = [_profile(f"U{offset + n:07d}", n < mentors, rng) for n in range(share.people)]
    gone = [{"user_id": p["user_id"], "gone": True, "fetched_at": NOW} for p in people[::50]]
    pairings, rhythms = _pairings(share, offset, mentors, rng)
    per_pairing = share.checkins // share.pairings
    checkins = [  # a check-in a week each, the latest some days or weeks ago (some pairings have gone quiet)
        {"pairing_id": row["id"], "period": period, "logged_by": row["mentee_id"], "met_on": (at := days_ago(
            quiet + 7 * (per_pairing - 1 - period) + rng.random() * 6)).date(), "created_at": at}
        for row in pairings
        for quiet in (rng.choice((0, 0, 0, 5, 12, 30)),)
        for period in range(per_pairing)
    ]  # fmt: skip
    requests = [_request(n, rng, offset, share.people, mentors) for n in range(share.pairings * 2)]
    feedback = [_answer(rng) for _ in range(share.feedback)]
    with UnitOfWork(make_session_factory(engine)) as uow:
        for table, rows in (
            (Profile, people), (Person, gone), (Pairing, pairings), (Rhythm, rhythms),
            (Checkin, checkins), (PairingRequest, requests), (Feedback, feedback),
        ):  # fmt: skip
            uow.session.execute(insert(table), rows)
        uow.commit()
    if engine.dialect.name == "postgresql":  # as autovacuum would have, long before this size
        with engine.connect() as connection:
            connection.execute(text("ANALYZE"))


def _profile(user_id: str, mentor: bool, rng: random.Random) -> dict[str, Any]:
    created = days_ago(rng.uniform(0, 400))
    words = " ".join(sorted(rng.sample(SKILLS[:6], 2))) if mentor else ""
    goals = " ".join(sorted(rng.sample(SKILLS, 2))) if not mentor else ""
    return {
        "user_id": user_id, "role": "mentor" if mentor else "mentee", "function_area": rng.choice(AREAS),
        "skills": words, "goals": goals, "capacity": rng.randint(1, 3), "available": True, "skill_words": words,
        "goal_words": goals, "updated_at": created, "created_at": created,
    }  # fmt: skip


def _pairings(
    share: Size, offset: int, mentors: int, rng: random.Random
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    pairings, rhythms = [], []
    for n in range(share.pairings):
        state = rng.choices(("active", "paused", "stalled", "ended"), (70, 10, 10, 10))[0]
        pairing_id = offset + n + 1
        started = days_ago(rng.uniform(30, 400))
        pairings.append({
            "id": pairing_id, "mentor_id": f"U{offset + n % mentors:07d}", "mentee_id": f"U{offset + mentors + n:07d}",
            "status": "active" if state == "stalled" else state, "channel_id": "", "started_at": started,
            "ended_at": days_ago(rng.uniform(0, 30)) if state == "ended" else None,
        })  # fmt: skip
        rhythms.append({
            "pairing_id": pairing_id, "cadence": rng.choice(CADENCES), "period": 0, "period_start": date(2027, 1, 1),
            "stalled_at": days_ago(rng.uniform(0, 60)) if state == "stalled" else None,
        })  # fmt: skip
    return pairings, rhythms


def _request(n: int, rng: random.Random, offset: int, people: int, mentors: int) -> dict[str, Any]:
    """The n-th request: a waiting one only among the first of each mentee's (one pending per mentee and mentor)."""
    sent = days_ago(rng.uniform(0, 60))
    mentees = people - mentors
    pending = n < mentees and rng.random() < 0.25
    status = "pending" if pending else rng.choice(("accepted", "declined", "expired"))
    return {
        "mentee_id": f"U{offset + mentors + n % mentees:07d}",
        "mentor_id": f"U{offset + rng.randrange(mentors):07d}",
        "status": status, "created_at": sent, "answered_at": None if pending else sent + timedelta(days=1),
    }  # fmt: skip


def _answer(rng: random.Random) -> dict[str, Any]:
    topic = rng.choice(TOPICS)
    evaluation = topic.startswith("evaluation")
    return {
        "id": uuid.uuid4().hex, "topic": topic, "role": rng.choice(("mentor", "mentee")),
        "function_area": rng.choice(AREAS), "week": iso_week(NOW - timedelta(weeks=rng.randint(1, 30))),
        "rating": rng.randint(1, 5), "progress": rng.randint(1, 5) if evaluation else None,
        "recommend": rng.randint(1, 5) if evaluation else None, "comment": "",
    }  # fmt: skip


@dataclass(frozen=True)
class Built:
    seconds: float
    statements: int
    reading: float  # of which the figures' queries and the release
    figures: Figures


def build(engine: Engine, releases: ReleaseService) -> Built:
    """One digest, as the weekly post builds it: figures, the current release, blocks and chart."""
    seen: list[str] = []

    def count(*_: Any) -> None:
        seen.append("")

    event.listen(engine, "before_cursor_execute", count)
    started = time.perf_counter()
    with UnitOfWork(make_session_factory(engine)) as uow:
        figures = read_figures(uow.session, NOW, hr_zone=ZONE, k=K, synonyms=built_in())
    digest = Digest(iso_week(NOW), figures, None, releases.current())
    reading = time.perf_counter() - started
    t = Translator(Language.EN)
    digest_blocks(digest, t)
    chart_png(digest, t)
    seconds = time.perf_counter() - started
    event.remove(engine, "before_cursor_execute", count)
    return Built(seconds, len(seen), reading, figures)


def run(url: str, size: Size) -> bool:
    engine = make_engine(url)
    upgrade(engine)

    def uow() -> UnitOfWork:
        return UnitOfWork(make_session_factory(engine))

    releases = ReleaseService(uow, lambda: NOW, K, AREAS)
    rng = random.Random(17)  # noqa: S311 (the same programme every run, not a secret)
    tenth = size.tenth()
    seed(engine, tenth, 0, rng)
    if not releases.release_due():  # the week's release, as the tick makes it (not part of the digest's time)
        print("no feedback release was made")
    small = _report(f"a tenth ({tenth})", build(engine, releases))
    seed(engine, size.minus(tenth), 10_000_000, rng)
    full = _report(f"the whole ({size})", build(engine, releases))
    engine.dispose()
    same = small.statements == full.statements
    print(f"statements: {small.statements} and {full.statements}: {'the same' if same else 'NOT the same'}")
    return same and full.figures.participants > small.figures.participants


def _report(label: str, built: Built) -> Built:
    f = built.figures
    print(
        f"{label}: built in {built.seconds * 1000:.0f} ms (target under 1000 ms; reading {built.reading * 1000:.0f} ms,"
        f" the rest blocks and chart), {built.statements} statements"
    )
    print(
        f"  {f.participants:,} participants, {f.mentees_waiting:,} waiting, {f.active:,} active, "
        f"{f.stalled:,} stalled, {f.checkins:,} check-ins this week, completion {f.completion.met}/{f.completion.due}"
    )
    return built


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--database-url", help="SQLite or PostgreSQL URL (default: a temporary SQLite file)")
    parser.add_argument("--small", action="store_true", help="a hundredth of the size: a check, not a measurement")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    size = Size(1_000, 200, 10_000, 500) if args.small else Size()
    with bench_database(args.database_url) as url:
        ok = run(url, size)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
