"""How fast `/mentor find` is with thousands of profiles.

What it measures
----------------
It builds a database (a temporary SQLite file unless told otherwise) and seeds it, with a fixed
random seed, like a large programme: N mentor and "both" profiles, M mentees without a mentor (the
timed ones) and about N mentees in pairings, spread over the default function areas, skills and
goals drawn from ~150 topics in English and Dutch, capacities 1 to 5, about 10% paused, active and
paused pairings that fill some mentors up (each with a mentee of its own: a mentee has one mentor
at a time, and the timed ones have none), some pending and declined requests, and a fresh `person`
row for everyone. Profiles go through ProfileService.save, so the stored word sets and topic rows
are exactly what the app stores.

Then it builds the process's mentor pool once (bot.pool: every open mentor in memory, their skills
read as concepts with the built-in synonyms) and prints how long that took, then times
`SuggestionService.find` for each of the M mentees (after a few warm-up calls), the call `/mentor find`
makes, and prints p50/p95/max. A second pass splits each find into its parts so a reader sees where
the time goes: the lookups (profile, cached person), the SQL (the pool version, one row, and the
mentee's exclusions: storage.matching.excluded_mentors) and the scoring over the pool with numpy plus
the reasons for the three shown (bot.pool.scoring.best_for); the last exclusion query is also run
through the driver alone, so what the ORM adds shows. It prints how many mentors the pool holds, how
many were relevant per mentee, and the peak memory. On PostgreSQL the tables are ANALYZEd after
seeding, as autovacuum would have done long before a programme reaches this size.

Slack is never reached: every person row is fresh, so PeopleService answers from its cache, and the
client points at a closed loopback port and aborts the run if anything calls it anyway.

How to run (from the project root)
----------------------------------
    .venv/bin/python -m bench.find_mentors
    .venv/bin/python -m bench.find_mentors --mentors 20000
    .venv/bin/python -m bench.find_mentors --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test
    .venv/bin/python -m bench.find_mentors --explain    # also print the exclusion query and its plan
    .venv/bin/python -m bench.find_mentors --small      # a quick check that it runs (tests/test_bench.py)

`.venv/bin/python bench/find_mentors.py …` works as well. With a PostgreSQL URL the script creates a
schema of its own in that database and drops it at the end; nothing else in the database is touched.
A SQLite URL must name a new or empty database file.
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import Engine, create_engine, event, func, select, text
from sqlalchemy.engine import make_url
from sqlmodel import col

from bot.delivery.directory import SlackDirectory
from bot.people import PeopleService
from bot.pool.cache import PoolCache
from bot.pool.scoring import best_for, relevance_mask
from bot.profiles import ProfileData, ProfileService, Role
from bot.runtime.settings import Settings
from bot.suggestions import HOW_MANY, FindOutcome, SuggestionService, mentee_of
from bot.synonyms.table import built_in
from storage.db import make_engine, make_session_factory, normalise_url, utcnow
from storage.matching import HOLDS_A_SLOT, excluded_mentors
from storage.migrate import upgrade
from storage.models import Pairing, PairingRequest, PairingStatus, Profile, RequestStatus
from storage.people import save_person
from storage.uow import UnitOfWork

UNREACHABLE_SLACK = "http://127.0.0.1:9/api/"  # the discard port: nothing listens there
WARMUPS = 3  # the first calls pay for imports, the connection pool and statement caches
SMALL = (60, 8)  # mentors and mentees of `--small`, which the test suite runs so the script can't rot
PAUSED_SHARE = 0.10
BOTH_SHARE = 0.30  # of the mentoring profiles, how many also want to learn

# Topics by function area; mentors mostly share their own area's, mentees mostly want them too.
AREA_TOPICS: dict[str, tuple[str, ...]] = {
    "Engineering": (
        "Python", "Go", "Java", "TypeScript", "React", "SQL", "Kubernetes", "Docker", "AWS",
        "Terraform", "code review", "system design", "testing", "CI/CD", "security", "incident response",
        "Rust", "PostgreSQL",
    ),
    "Product": (
        "product discovery", "roadmapping", "user research", "A/B testing", "prioritisation", "OKRs",
        "product analytics", "stakeholder management", "writing specs", "pricing",
    ),
    "Design": (
        "Figma", "UX writing", "interaction design", "design systems", "accessibility", "prototyping",
        "usability testing", "visual design", "illustration", "service design",
    ),
    "Data": (
        "SQL", "pandas", "statistics", "machine learning", "dbt", "data modelling", "Tableau", "Looker",
        "experimentation", "forecasting", "Spark", "data visualisation",
    ),
    "Sales": (
        "negotiation", "prospecting", "cold calling", "Salesforce", "account management", "enterprise sales",
        "closing deals", "objection handling", "product demos", "sales forecasting",
    ),
    "Marketing": (
        "SEO", "content marketing", "copywriting", "brand strategy", "social media", "Google Ads",
        "email marketing", "marketing analytics", "events", "PR",
    ),
    "Customer Success": (
        "customer onboarding", "churn reduction", "Zendesk", "customer interviews", "escalations", "renewals",
        "support tooling", "knowledge base", "NPS",
    ),
    "Operations": (
        "process improvement", "Lean", "project management", "vendor management", "logistics", "Excel",
        "automation", "procurement", "workplace safety",
    ),
    "Finance": (
        "Excel", "financial modelling", "budgeting", "accounting", "IFRS", "tax", "FP&A", "cash flow", "audit",
        "treasury",
    ),
    "People/HR": (
        "recruiting", "interviewing", "employee onboarding", "performance reviews", "compensation",
        "employment law", "DEI", "talent development", "HR analytics",
    ),
    "Legal": (
        "contract law", "GDPR", "privacy", "compliance", "intellectual property", "negotiation",
        "employment law", "legal writing", "litigation",
    ),
    "Other": ("facilitation", "event planning", "office management", "translation", "research"),
}  # fmt: skip
GENERAL_TOPICS: tuple[str, ...] = (
    "public speaking", "leadership", "giving feedback", "time management", "career growth", "writing",
    "coaching", "conflict resolution", "remote work", "storytelling", "decision making", "Dutch", "English",
    "presenteren", "leidinggeven", "feedback geven", "timemanagement", "samenwerken", "projectmanagement",
    "onderhandelen", "zakelijk schrijven", "vergaderen", "Nederlandse taal", "coachen", "loopbaanontwikkeling",
)  # fmt: skip
# Engineering-heavy, as most companies that run such a programme are; unknown areas weigh 3.
AREA_WEIGHTS = {"Engineering": 30, "Data": 10, "Sales": 10, "Product": 8, "Marketing": 8, "Customer Success": 8}
LOCALE_WEIGHTS = {"en-US": 5, "en-GB": 2, "nl-NL": 3}
ZONES = {
    "en-US": ("America/New_York", "America/Chicago", "America/Los_Angeles"),
    "en-GB": ("Europe/London", "Europe/Dublin", "Asia/Kolkata", "Asia/Singapore", "Australia/Sydney"),
    "nl-NL": ("Europe/Amsterdam", "Europe/Amsterdam", "Europe/Brussels"),
}


class UnexpectedSlackCallError(RuntimeError):
    """Raised on any Slack call: PeopleService does not catch it, so the run stops right there."""


class NoSlack(WebClient):
    """A client that records and refuses every call; its base URL is a closed loopback port anyway."""

    def __init__(self) -> None:
        super().__init__(base_url=UNREACHABLE_SLACK, timeout=1)
        self.calls: list[str] = []

    def api_call(self, api_method: str, **kwargs: Any) -> Any:
        self.calls.append(api_method)
        raise UnexpectedSlackCallError(
            f"Slack's {api_method} was called: a person row was missing or stale, "
            "so the figures would include a network call"
        )


@dataclass(frozen=True)
class Member:
    user_id: str
    profile: ProfileData
    locale: str
    tz: str


@dataclass(frozen=True)
class Population:
    mentors: list[Member]  # role mentor or both
    mentees: list[Member]  # role mentee, without a mentor: the ones find is timed for
    paired: list[Member]  # role mentee, each in at most one pairing that holds a slot: never timed

    @property
    def everyone(self) -> list[Member]:
        return self.mentors + self.mentees + self.paired


@dataclass(frozen=True)
class Bench:
    """The services wired as bot.app.build_services wires them, with the refusing Slack client."""

    uow: Callable[[], UnitOfWork]
    profiles: ProfileService
    people: PeopleService
    suggestions: SuggestionService
    settings: Settings
    slack: NoSlack
    pool: PoolCache


@dataclass
class Split:
    lookups: list[float] = field(default_factory=list)
    sql: list[float] = field(default_factory=list)
    scoring: list[float] = field(default_factory=list)
    driver: list[float] = field(default_factory=list)  # the same SQL without the ORM: the database's share
    candidates: dict[str, int] = field(default_factory=dict)  # relevant mentors in the pool, per mentee
    statements: dict[str, tuple[str, Any]] = field(default_factory=dict)  # SQL and parameters, for --explain


# --- the population -------------------------------------------------------------------------------


def pick_topics(rng: random.Random, area: str, count: int, own_share: float) -> list[str]:
    """`count` distinct topics: mostly the area's own, the rest general or from another area."""
    chosen: dict[str, None] = {}
    areas = list(AREA_TOPICS)
    while len(chosen) < count:
        roll = rng.random()
        if roll < own_share and area in AREA_TOPICS:
            pool = AREA_TOPICS[area]
        elif roll < own_share + (1 - own_share) / 2:
            pool = GENERAL_TOPICS
        else:
            pool = AREA_TOPICS[rng.choice(areas)]
        chosen[rng.choice(pool)] = None
    return list(chosen)


def as_list(rng: random.Random, topics: Sequence[str], dutch: bool) -> str:
    """Written as people write lists: commas, sometimes "and"/"en" before the last item."""
    if len(topics) > 1 and rng.random() < 0.5:
        return ", ".join(topics[:-1]) + (" en " if dutch else " and ") + topics[-1]
    return ", ".join(topics)


def goals_text(rng: random.Random, topics: Sequence[str], dutch: bool) -> str:
    # The filler words are the app's stop words; "beter", "worden" are the noise real goals carry.
    templates = ("Ik wil {} leren", "Beter worden in {}", "{}") if dutch else ("I want to learn {}", "More {}", "{}")
    return rng.choice(templates).format(as_list(rng, topics, dutch))


def pick_area(rng: random.Random, areas: Sequence[str]) -> str:
    return rng.choices(areas, weights=[AREA_WEIGHTS.get(area, 3) for area in areas])[0]


def pick_locale(rng: random.Random) -> tuple[str, str]:
    locale = rng.choices(list(LOCALE_WEIGHTS), weights=list(LOCALE_WEIGHTS.values()))[0]
    return locale, rng.choice(ZONES[locale])


def mentor(rng: random.Random, index: int, areas: Sequence[str]) -> Member:
    area = pick_area(rng, areas)
    locale, tz = pick_locale(rng)
    role = Role.BOTH if rng.random() < BOTH_SHARE else Role.MENTOR
    skills = as_list(rng, pick_topics(rng, area, rng.randint(3, 8), own_share=0.7), dutch=locale == "nl-NL")
    goals = goals_text(rng, pick_topics(rng, area, rng.randint(1, 3), 0.5), locale == "nl-NL") if role.learns else ""
    available = rng.random() >= PAUSED_SHARE
    profile = ProfileData(role, area, skills, goals, rng.randint(1, 5), available)
    return Member(f"UM{index:07d}", profile, locale, tz)


def mentee(rng: random.Random, index: int, areas: Sequence[str], prefix: str = "UE") -> Member:
    area = pick_area(rng, areas)
    locale, tz = pick_locale(rng)
    goals = goals_text(rng, pick_topics(rng, area, rng.randint(1, 4), own_share=0.6), dutch=locale == "nl-NL")
    profile = ProfileData(Role.MENTEE, area, "", goals, 2, rng.random() >= PAUSED_SHARE)
    return Member(f"{prefix}{index:07d}", profile, locale, tz)


def build_population(rng: random.Random, mentors: int, mentees: int, areas: Sequence[str]) -> Population:
    """The timed mentees have no mentor (a mentor at a time: find would refuse them), so the
    pairings that fill mentors up go to mentees of their own, about one per mentor."""
    return Population(
        mentors=[mentor(rng, i, areas) for i in range(mentors)],
        mentees=[mentee(rng, i, areas) for i in range(mentees)],
        paired=[mentee(rng, i, areas, prefix="UP") for i in range(mentors)],
    )


# --- seeding --------------------------------------------------------------------------------------


def seed_profiles(bench: Bench, population: Population) -> None:
    # One save, one transaction, as the app does when someone submits the profile modal.
    for member in population.everyone:
        bench.profiles.save(member.user_id, member.profile)


def seed_people(bench: Bench, population: Population, now: datetime) -> None:
    with bench.uow() as uow:
        for m in population.everyone:
            save_person(uow.session, m.user_id, locale=m.locale, tz=m.tz, fetched_at=now)
        uow.commit()


def pairings_of(
    rng: random.Random, mentor_id: str, capacity: int, unpaired: list[str], timed: Sequence[str], now: datetime
) -> list[Pairing]:
    """About 15% of mentors full, 25% partly taken (1 in 10 of those pairings paused), 10% with an ended one.

    A slot goes to a mentee from `unpaired`, taken off it (a mentor at a time); an ended pairing
    holds no slot, so it may be with a timed mentee, and rules that pair out of their suggestions.
    """
    roll = rng.random()
    filled = capacity if roll < 0.15 else rng.randint(1, capacity) if roll < 0.40 else 0
    started = now - timedelta(days=rng.randint(1, 180))
    mentee_ids = [unpaired.pop() for _ in range(min(filled, len(unpaired)))]
    rows = [Pairing(mentor_id=mentor_id, mentee_id=m, status=slot_status(rng), started_at=started) for m in mentee_ids]
    if rng.random() < 0.10:
        ended = PairingStatus.ENDED.value
        rows.append(
            Pairing(mentor_id=mentor_id, mentee_id=rng.choice(timed), status=ended, started_at=started, ended_at=now)
        )
    return rows


def slot_status(rng: random.Random) -> str:
    return PairingStatus.PAUSED.value if rng.random() < 0.1 else PairingStatus.ACTIVE.value


def requests_of(rng: random.Random, mentee_id: str, mentor_ids: Sequence[str], now: datetime) -> list[PairingRequest]:
    """Up to three requests per mentee, to different mentors, so the partial unique index holds."""
    statuses = [s.value for s in (RequestStatus.PENDING, RequestStatus.DECLINED, RequestStatus.WITHDRAWN)]
    return [
        PairingRequest(mentee_id=mentee_id, mentor_id=mentor_id, status=rng.choice(statuses), created_at=now)
        for mentor_id in rng.sample(mentor_ids, min(rng.randint(0, 3), len(mentor_ids)))
    ]


def seed_pairings(bench: Bench, rng: random.Random, population: Population, now: datetime) -> None:
    mentor_ids = [m.user_id for m in population.mentors]
    unpaired = [m.user_id for m in population.paired]
    timed = [m.user_id for m in population.mentees]
    rng.shuffle(unpaired)
    with bench.uow() as uow:
        for m in population.mentors:
            uow.session.add_all(pairings_of(rng, m.user_id, m.profile.capacity, unpaired, timed, now))
        for m in population.mentees:
            uow.session.add_all(requests_of(rng, m.user_id, mentor_ids, now))
        uow.commit()


def seed(bench: Bench, engine: Engine, rng: random.Random, population: Population) -> None:
    now = utcnow()
    steps: tuple[tuple[str, Callable[[], None]], ...] = (
        ("profiles (ProfileService.save, one transaction each)", lambda: seed_profiles(bench, population)),
        ("people", lambda: seed_people(bench, population, now)),
        ("pairings and requests", lambda: seed_pairings(bench, rng, population, now)),
    )
    total = 0.0
    for name, step in steps:
        started = time.perf_counter()
        step()
        took = time.perf_counter() - started
        total += took
        print(f"seed: {name}: {took:.1f} s")
    print(f"seed: total {total:.1f} s")
    if engine.dialect.name == "postgresql":
        # Autovacuum would have analysed the tables of a programme this size long ago; without
        # statistics the planner guesses, and the first minutes after a bulk load are not the steady state.
        with engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()


def describe_data(bench: Bench) -> None:
    with bench.uow() as uow:

        def count(*where: Any, table: Any = Profile) -> int:
            return uow.session.execute(select(func.count()).select_from(table).where(*where)).scalar_one()

        mentoring, paused = count(col(Profile.role) != "mentee"), count(~col(Profile.available))
        print(
            f"data: {count()} profiles ({mentoring} mentor/both, {count() - mentoring} mentees, {paused} paused), "
            f"{count(table=Pairing)} pairings "
            f"({count(col(Pairing.status).in_(HOLDS_A_SLOT), table=Pairing)} holding a slot), "
            f"{count(table=PairingRequest)} requests"
        )


# --- measuring ------------------------------------------------------------------------------------


def time_finds(bench: Bench, mentee_ids: Sequence[str]) -> list[float]:
    for user_id in mentee_ids[:WARMUPS]:
        bench.suggestions.find(user_id)
    durations = []
    for user_id in mentee_ids:
        started = time.perf_counter()
        result = bench.suggestions.find(user_id)
        durations.append(time.perf_counter() - started)
        if result.outcome not in (FindOutcome.FOUND, FindOutcome.NONE_FOUND):
            raise SystemExit(f"bench: find for {user_id} answered {result.outcome}: the seeding is wrong")
    return durations


def time_parts(bench: Bench, user_id: str, split: Split) -> None:
    """One find's parts, each read on its own and timed (find itself reads the profile, the person, the pool
    version and the exclusions in one statement: storage.matching.reads_for_find)."""
    started = time.perf_counter()
    profile = bench.profiles.get(user_id)
    if profile is None:
        raise SystemExit(f"bench: {user_id} has no profile: the seeding is wrong")
    me = bench.people.who(user_id)
    looked_up = time.perf_counter()
    on = utcnow().date()
    with bench.uow() as uow:
        pool = bench.pool.current(uow.session, on)
        excluded = excluded_mentors(uow.session, [user_id])[user_id]
    queried = time.perf_counter()
    mentee = mentee_of(user_id, profile, me, bench.pool.synonyms)
    best_for(pool, mentee, excluded, HOW_MANY)
    scored = time.perf_counter()
    split.lookups.append(looked_up - started)
    split.sql.append(queried - looked_up)
    split.scoring.append(scored - queried)
    split.candidates[user_id] = int(relevance_mask(pool, [mentee]).sum())


def time_split(bench: Bench, engine: Engine, mentee_ids: Sequence[str]) -> Split:
    split = Split()
    with catching_statements(engine) as sent:
        for user_id in mentee_ids:
            time_parts(bench, user_id, split)
            split.statements[user_id] = sent[-1]  # scoring sends nothing: the last one is an exclusion query
    for statement, parameters in split.statements.values():
        split.driver.append(time_driver(engine, statement, parameters))
    return split


def time_driver(engine: Engine, statement: str, parameters: Any) -> float:
    """An exclusion query through the driver alone: what is left of its time is the ORM's."""
    with engine.connect() as connection:
        connection.exec_driver_sql("SELECT 1")  # check a connection out of the pool before timing
        started = time.perf_counter()
        connection.exec_driver_sql(statement, parameters).all()
        return time.perf_counter() - started


def heap_peak_of_find(bench: Bench, user_id: str) -> float:
    """Python's allocations during one find (MiB); tracemalloc slows code, so never while timing."""
    tracemalloc.start()
    try:
        bench.suggestions.find(user_id)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def peak_rss() -> float:
    """The process's peak resident memory (MiB), seeding included; Linux says KiB, macOS bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (2**20 if sys.platform == "darwin" else 2**10)


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest rank: the smallest value with at least `share` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def spread(values: Sequence[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"p50 {percentile(ms, 0.5):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms, max {max(ms):.1f} ms"


# --- the plan of the candidate query ------------------------------------------------------------------


@contextmanager
def catching_statements(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """Every statement and its parameters as sent to the cursor, while the block runs."""
    sent: list[tuple[str, Any]] = []

    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", catch)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", catch)


def print_plan(engine: Engine, user_id: str, statement: str, parameters: Any) -> None:
    print(f"\nthe last exclusion query for {user_id}:\n{statement}\nparameters: {parameters}\n")
    sqlite = engine.dialect.name == "sqlite"
    prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN (ANALYZE, BUFFERS) "
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(prefix + statement, parameters).all()
    print("plan:")
    depth: dict[int, int] = {0: -1}
    for row in rows:
        if sqlite:  # (id, parent, notused, detail): indent by the parent chain
            depth[row[0]] = depth.get(row[1], -1) + 1
            print("  " + "  " * depth[row[0]] + row[3])
        else:
            print("  " + row[0])


# --- the database -------------------------------------------------------------------------------------


@contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """A schema of our own, dropped at the end: the URL's search_path points every table there."""
    schema = f"mentorbot_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        print(f"database: PostgreSQL, temporary schema {schema} (dropped at the end)")
        try:
            yield (
                make_url(url)
                .update_query_dict({"options": f"-csearch_path={schema}"})
                .render_as_string(hide_password=False)
            )
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


@contextmanager
def bench_database(url: str | None) -> Iterator[str]:
    if url is None:
        with tempfile.TemporaryDirectory(prefix="mentorbot-bench-") as folder:
            print("database: SQLite, temporary file")
            yield f"sqlite:///{Path(folder) / 'bench.db'}"
        return
    url = normalise_url(url)
    backend = make_url(url).get_backend_name()
    if backend == "postgresql":
        with postgres_schema(url) as schema_url:
            yield schema_url
    elif backend == "sqlite":
        print(f"database: SQLite, {make_url(url).database}")
        yield url
    else:
        raise SystemExit(f"bench: only SQLite and PostgreSQL URLs are supported, got {backend}")


def require_empty(bench: Bench) -> None:
    with bench.uow() as uow:
        if uow.session.execute(select(func.count()).select_from(Profile)).scalar_one():
            raise SystemExit("bench: the database already has profiles; give an empty one (or none: a temp file)")


def wire(engine: Engine, settings: Settings) -> Bench:
    session_factory = make_session_factory(engine)

    def uow() -> UnitOfWork:
        return UnitOfWork(session_factory)

    slack = NoSlack()
    people = PeopleService(uow, SlackDirectory(slack).look_up, utcnow)
    profiles = ProfileService(uow, utcnow)
    pool = PoolCache(built_in(), settings.working_hours)
    suggestions = SuggestionService(uow, profiles, people, settings, utcnow, pool)
    return Bench(uow, profiles, people, suggestions, settings, slack, pool)


# --- running ------------------------------------------------------------------------------------------


def report(bench: Bench, durations: Sequence[float], split: Split, mentors: int) -> None:
    counts = list(split.candidates.values())
    busiest = max(split.candidates, key=split.candidates.__getitem__)
    print(
        f"relevant mentors in the pool (same area or a shared concept): mean {sum(counts) / len(counts):.0f}, "
        f"p50 {percentile(counts, 0.5):.0f}, max {max(counts)} per mentee"
    )
    print(f"find: {spread(durations)} over {len(durations)} mentees ({mentors} mentors)")
    print(f"  lookups (profile, cached person): {spread(split.lookups)}")
    print(f"  SQL (pool version, exclusions):   {spread(split.sql)}")
    print(f"    the last exclusion query alone: {spread(split.driver)}")
    print(f"  pool scoring (numpy) and reasons: {spread(split.scoring)}")
    total = sum(split.lookups) + sum(split.sql) + sum(split.scoring)
    shares = (sum(part) / total * 100 for part in (split.lookups, split.sql, split.scoring))
    print("  share of the time: lookups {:.0f}%, SQL {:.0f}%, scoring {:.0f}%".format(*shares))
    heap = heap_peak_of_find(bench, busiest)
    print(f"memory: peak RSS {peak_rss():.0f} MiB (whole process, seeding included); "
          f"one find allocates at most {heap:.1f} MiB ({busiest}, {split.candidates[busiest]} relevant)")  # fmt: skip
    print(f"slack calls: {len(bench.slack.calls)}")


def run(engine: Engine, url: str, args: argparse.Namespace) -> None:
    upgrade(engine)
    bench = wire(engine, Settings(database_url=url))
    require_empty(bench)
    rng = random.Random(args.seed)  # noqa: S311 - repeatable test data, not secrets
    population = build_population(rng, args.mentors, args.mentees, bench.settings.function_areas)
    seed(bench, engine, rng, population)
    describe_data(bench)
    mentee_ids = [m.user_id for m in population.mentees]
    started = time.perf_counter()
    with bench.uow() as uow:
        pool = bench.pool.current(uow.session, utcnow().date())
    print(f"pool: {len(pool)} open mentors, {len(pool.concept_ids)} concepts, built in "
          f"{time.perf_counter() - started:.2f} s (once per change to profiles, pairings or people)")  # fmt: skip
    durations = time_finds(bench, mentee_ids)
    split = time_split(bench, engine, mentee_ids)
    report(bench, durations, split, args.mentors)
    if args.explain:
        busiest = max(split.candidates, key=split.candidates.__getitem__)
        print_plan(engine, busiest, *split.statements[busiest])


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--mentors", type=int, default=5000, help="mentor and 'both' profiles (default 5000)")
    parser.add_argument("--mentees", type=int, default=200, help="mentees to time find for (default 200)")
    parser.add_argument("--database-url", help="SQLite or PostgreSQL URL (default: a temporary SQLite file)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed of the data (default 2026)")
    parser.add_argument("--explain", action="store_true", help="print the candidate query's plan")
    parser.add_argument(
        "--small", action="store_true", help=f"{SMALL[0]} mentors, {SMALL[1]} mentees: a check, not a measurement"
    )
    args = parser.parse_args(argv)
    if args.small:
        args.mentors, args.mentees = SMALL
    if args.mentors < 1 or args.mentees <= WARMUPS:
        parser.error(f"need at least 1 mentor and more than {WARMUPS} mentees")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with bench_database(args.database_url) as url:
        engine = make_engine(url)
        try:
            run(engine, url, args)
        except UnexpectedSlackCallError as e:
            print(f"bench: aborted: {e}", file=sys.stderr)
            return 2
        finally:
            engine.dispose()  # before the schema is dropped: idle pooled connections would hold it
    return 0


if __name__ == "__main__":
    sys.exit(main())
