"""How fast a matching round is, and how good: the whole cohort assigned at once against one mentee at a time.

What it measures
----------------
It makes, with a fixed random seed, synthetic profiles in memory (no database: a round reads its cohort in one go,
and what it costs is the matrix and the solver): N mentors over twelve function areas, each offering three to
five skills and with a capacity of 1 to 4, and M waiting mentees, each with two to four goals, from ~80 topics in
English and Dutch that the built-in synonym table knows ("presenteren", "public speaking", "k8s", …), in five time
zones and two languages. The mentors become the pool `/mentor find` scores (bot.pool.snapshot.build_pool), the
mentees are read with the same synonym table. Then, for each size:

- build: the score matrix and find's relevance mask (bot.pool.scoring.score_all), mentees by mentors;
- solve: the round's assignment (bot.rounds.solve.best_assignment: the largest total score within capacity);
- greedy: the baseline the preview shows (mentees in waiting order, each taking their best mentor with room);

and prints the wall time of each, the peak memory traced by Python (tracemalloc: numpy's arrays included), the
process's peak resident memory (getrusage), the pairs made and the total score of both. Targets: 2,000 by 600 in
under 5 s and 10,000 by 3,000 in under 60 s (build and solve), within 4 GiB, the round's score at least greedy's.
With `--exact` it also solves without pruning (every allowed edge) to show what pruning costs in score.

Then the round as HR runs it, against a database (a temporary SQLite file unless `--database-url` names one;
PostgreSQL in a schema of its own, dropped afterwards): 2,000 waiting mentees and 600 mentors seeded as rows,
`RoundService.preview` (the cohort read with find's eligibility rule, the pool, the exclusions, the plan, the
drafts written) and `RoundService.send` (every pair checked again, two outbox rows each) timed.

How to run (from the project root)
----------------------------------
    .venv/bin/python -m bench.rounds
    .venv/bin/python -m bench.rounds --exact
    .venv/bin/python -m bench.rounds --small      # a quick check that it runs (tests/test_bench.py)

    .venv/bin/python -m bench.rounds --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Engine, insert

from bench.find_mentors import bench_database
from bot.i18n import Language
from bot.lifecycle import Lifecycle
from bot.matching import Mentee
from bot.pool.cache import PoolCache
from bot.pool.scoring import score_all
from bot.pool.snapshot import MentorPool, build_pool
from bot.rounds.service import RoundService
from bot.rounds.solve import Assignment, best_assignment, greedy_assignment
from bot.runtime.settings import DEFAULT_FUNCTION_AREAS, Settings
from bot.synonyms.table import built_in
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.models import Person, Profile
from storage.pool import MentorRow
from storage.uow import UnitOfWork

SIZES = ((2_000, 600), (10_000, 3_000))
SERVICE_SIZE = (2_000, 600)
NOW = datetime(2027, 3, 1, 11, 0, tzinfo=UTC)
SMALL = ((60, 20),)
HOURS = (clock_time(9), clock_time(17))
ON = date(2027, 3, 1)
AREAS = DEFAULT_FUNCTION_AREAS
TOPICS = (
    "Python", "SQL", "Kubernetes", "k8s", "Docker", "Go", "Rust", "TypeScript", "React", "code review",
    "testing", "public speaking", "presenteren", "presenting", "leadership", "leiderschap", "coaching",
    "feedback geven", "giving feedback", "negotiation", "onderhandelen", "sales", "verkoop", "marketing",
    "SEO", "copywriting", "design systems", "Figma", "user research", "gebruikersonderzoek", "UX", "data analysis",
    "data-analyse", "machine learning", "ML", "statistics", "statistiek", "Excel", "budgeting", "budgetteren",
    "finance", "accounting", "boekhouden", "employment law", "arbeidsrecht", "contracts", "contracten",
    "recruiting", "werving", "onboarding", "time management", "timemanagement", "planning", "roadmaps",
    "product discovery", "stakeholder management", "writing", "schrijven", "career growth", "loopbaan",
    "architecture", "architectuur", "security", "beveiliging", "cloud", "AWS", "Azure", "DevOps", "CI/CD",
    "mentoring", "Scrum", "Agile", "customer support", "klantenservice", "operations", "logistics", "logistiek",
    "Java", "Kotlin", "Swift",
)  # fmt: skip
ZONES = ("Europe/Amsterdam", "Europe/London", "America/New_York", "Asia/Singapore", "Europe/Berlin")
T = TypeVar("T")


@dataclass(frozen=True)
class Row:
    mentees: int
    mentors: int
    places: int
    build_s: float
    solve_s: float
    greedy_s: float
    traced_mib: float
    pairs: int
    total: float
    greedy_pairs: int
    greedy_total: float
    exact_total: float | None = None


def mentors(n: int, rng: random.Random) -> list[MentorRow]:
    return [
        MentorRow(
            f"M{i:05d}",
            rng.choice(AREAS),
            ", ".join(rng.sample(TOPICS, rng.randint(3, 5))),
            rng.randint(1, 4),
            0,
            rng.choice(("en-US", "nl-NL")),
            rng.choice(ZONES),
        )
        for i in range(n)
    ]


def mentees(n: int, rng: random.Random) -> list[Mentee]:
    synonyms = built_in()
    return [
        Mentee(
            f"E{i:05d}",
            rng.choice(AREAS),
            synonyms.topics(", ".join(rng.sample(TOPICS, rng.randint(2, 4)))),
            rng.choice(tuple(Language)),
            rng.choice(ZONES),
        )
        for i in range(n)
    ]


def timed(step: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = step()
    return result, time.perf_counter() - start


def measure(n_mentees: int, n_mentors: int, exact: bool) -> Row:
    rng = random.Random(20261202 + n_mentees)  # noqa: S311 (synthetic profiles, not secrets)
    pool: MentorPool = build_pool(mentors(n_mentors, rng), built_in(), HOURS, ON, 1)
    cohort = mentees(n_mentees, rng)
    tracemalloc.start()
    scored, build_s = timed(lambda: score_all(pool, cohort))
    best, solve_s = timed(lambda: best_assignment(scored.scores, scored.relevant, pool.free))
    greedy, greedy_s = timed(lambda: greedy_assignment(scored.scores, scored.relevant, pool.free))
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    check(scored.relevant, pool.free, best)
    exact_total = None
    if exact:
        exact_total = best_assignment(scored.scores, scored.relevant, pool.free, n_mentors, sparse=True).total
    return Row(
        n_mentees,
        n_mentors,
        int(pool.free.sum()),
        build_s,
        solve_s,
        greedy_s,
        traced,
        len(best.pairs),
        best.total,
        len(greedy.pairs),
        greedy.total,
        exact_total,
    )


def check(allowed: NDArray[np.bool_], free: NDArray[np.int64], assignment: Assignment) -> None:
    """The round never breaks a rule, whatever its speed: within capacity, only allowed pairs."""
    pairs = assignment.pairs
    taken = np.bincount([mentor for _, mentor in pairs], minlength=free.size)
    if (taken > free).any() or not all(allowed[mentee, mentor] for mentee, mentor in pairs):
        raise SystemExit("the round broke a rule: a mentor over capacity or a pair not allowed")


def measure_service(url: str, n_mentees: int, n_mentors: int) -> tuple[int, int, float, int, float, int]:
    """The round through its service, against a database seeded with the same synthetic people."""
    rng = random.Random(20261203)  # noqa: S311 (synthetic profiles, not secrets)
    engine = make_engine(url)
    try:
        upgrade(engine)
        seed(engine, mentors(n_mentors, rng), [_goals(rng) for _ in range(n_mentees)], rng)
        settings = Settings(database_url=url)
        service = RoundService(
            lambda: UnitOfWork(make_session_factory(engine)),
            lambda: NOW,
            settings,
            Lifecycle(),
            PoolCache(built_in(), settings.working_hours),
        )
        preview, preview_s = timed(lambda: service.preview("UHR"))
        sent, send_s = timed(lambda: service.send(preview.round_id, "UHR"))
    finally:
        engine.dispose()
    return n_mentees, n_mentors, preview_s, len(preview.plan.pairs), send_s, sent.sent


def _goals(rng: random.Random) -> tuple[str, str, str]:
    return rng.choice(AREAS), ", ".join(rng.sample(TOPICS, rng.randint(2, 4))), rng.choice(ZONES)


def seed(
    engine: Engine, mentor_rows: Sequence[MentorRow], mentee_goals: Sequence[tuple[str, str, str]], rng: random.Random
) -> None:
    """Profiles and cached Slack details as the app stores them (the pool reads skills as text)."""
    profiles, people = [], []
    for row in mentor_rows:
        profiles.append(_profile(row.user_id, "mentor", row.function_area, row.skills, "", row.capacity))
        people.append({"user_id": row.user_id, "locale": row.locale, "tz": row.tz, "fetched_at": NOW})
    for i, (area, goals, tz) in enumerate(mentee_goals):
        user_id = f"E{i:05d}"
        profiles.append(_profile(user_id, "mentee", area, "", goals, 1, NOW - timedelta(minutes=i)))
        people.append({"user_id": user_id, "locale": rng.choice(("en-US", "nl-NL")), "tz": tz, "fetched_at": NOW})
    with engine.begin() as connection:
        connection.execute(insert(Profile), profiles)
        connection.execute(insert(Person), people)


def _profile(
    user_id: str, role: str, area: str, skills: str, goals: str, capacity: int, created: datetime = NOW
) -> dict[str, object]:
    return {
        "user_id": user_id,
        "role": role,
        "function_area": area,
        "skills": skills,
        "goals": goals,
        "capacity": capacity,
        "available": True,
        "skill_words": "",
        "goal_words": "",
        "created_at": created,
        "updated_at": created,
    }


def print_service(figures: tuple[int, int, float, int, float, int]) -> None:
    n_mentees, n_mentors, preview_s, pairs, send_s, sent = figures
    print(
        f"through the service and the database, {n_mentees:,} mentees by {n_mentors:,} mentors: "
        f"preview {preview_s:.2f} s ({pairs:,} pairs), send {send_s:.2f} s ({sent:,} proposals, two DMs each)"
    )


def print_table(rows: Sequence[Row]) -> None:
    header = (
        f"{'mentees':>8} {'mentors':>8} {'places':>7} {'build s':>8} {'solve s':>8} {'greedy s':>9} "
        f"{'traced MiB':>10} {'pairs':>6} {'score':>10} {'greedy pairs':>12} {'greedy score':>12} {'exact score':>11}"
    )
    print(header)
    for r in rows:
        exact = f"{r.exact_total:>11.1f}" if r.exact_total is not None else f"{'-':>11}"
        print(
            f"{r.mentees:>8,} {r.mentors:>8,} {r.places:>7,} {r.build_s:>8.2f} {r.solve_s:>8.2f} {r.greedy_s:>9.2f} "
            f"{r.traced_mib:>10.0f} {r.pairs:>6,} {r.total:>10.1f} {r.greedy_pairs:>12,} {r.greedy_total:>12.1f} "
            f"{exact}"
        )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--small", action="store_true", help="60 mentees and 20 mentors: a check, not a measurement")
    parser.add_argument("--exact", action="store_true", help="also solve without pruning, to compare the score")
    parser.add_argument("--database-url", help="SQLite or PostgreSQL URL (default: a temporary SQLite file)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    print(f"Matching round on {platform.machine()}, {platform.python_version()}, numpy {np.__version__}")
    rows = [
        measure(n_mentees, n_mentors, args.exact or args.small)
        for n_mentees, n_mentors in (SMALL if args.small else SIZES)
    ]
    print_table(rows)
    with bench_database(args.database_url) as url:
        print_service(measure_service(url, *(SMALL[0] if args.small else SERVICE_SIZE)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10  # KiB on Linux
    print(f"peak resident memory of the process: {peak:,.0f} MiB")
    worse = [row for row in rows if row.total < row.greedy_total]
    if worse:
        print("the round scored below greedy at: " + ", ".join(f"{r.mentees}x{r.mentors}" for r in worse))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
