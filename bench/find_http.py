"""`/mentor find` over signed HTTP against a served app, beside `/mentor help`, at thousands of profiles.

What it measures
----------------
For each size (5,000 and 20,000 mentor profiles by default) it seeds a database as bench/find_mentors.py
does (the same population: mentors and "both" profiles over the default areas, topics in English and
Dutch that the built-in synonyms join, capacities 1 to 5, ~10% paused, pairings filling some mentors up,
pending and declined requests, a fresh `person` row for everyone), written in bulk, with the pool
version moved as the app moves it. Then it starts `mentorbot serve` in a process of its own (HTTP mode,
waitress, as in production) and lets C people (20) each send signed slash commands one after another,
each waiting for its answer before asking again, alternating `/mentor find` and `/mentor help`, so both
see the same load. An answer is the reply the app posts to the command's response_url (a small HTTP
receiver here); the time is from the request leaving the client to the reply arriving. After a warm-up
round it prints p50/p99 of both commands and the ratio of find's p99 to help's (the target: at most 1.5,
help being the floor of Bolt, HTTP and the benchmark itself). The served process builds its pool on
the first find after seeding (a warm-up request) and never again: nothing changes during the run.

Slack itself is the project's stand-in (bot.standin); every person row is fresh, so nobody is looked up.

How to run (from the project root)
----------------------------------
    .venv/bin/python -m bench.find_http
    .venv/bin/python -m bench.find_http --sizes 5000 --people 20 --rounds 30
    .venv/bin/python -m bench.find_http --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test
    .venv/bin/python -m bench.find_http --small        # a check that it runs (tests/test_bench.py)

With a PostgreSQL URL each size works in a schema of its own, dropped at the end. A SQLite URL runs one
size only (the file must be new or empty); without a URL each size gets a temporary SQLite file.
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Engine, insert

from bench.find_mentors import Population, bench_database, build_population, percentile, seed_pairings, wire
from bench.outbox import SECRET, served
from bot.matching import topic_words
from bot.runtime.settings import Settings
from bot.runtime.web import EVENTS_PATH
from bot.standin.driver import SlackDriver
from bot.standin.payloads import slash_command
from bot.standin.server import SlackStandIn
from storage.db import make_engine, utcnow
from storage.migrate import upgrade
from storage.models import Person, Profile
from storage.pool_version import bump_pool_version

SIZES = (5000, 20000)
SMALL = {"sizes": (60,), "people": 3, "rounds": 2, "mentees": 10}
WARMUP_ROUNDS = 2  # the first requests pay for imports, connections and the pool's first build
TARGET = 1.5
COMMANDS = ("find", "help")


class Answers:
    """Receives the replies the app posts to response_urls, and tells each waiting client its reply arrived."""

    def __init__(self) -> None:
        self._arrived: dict[str, float] = {}
        self._condition = threading.Condition()
        answers = self

        class Receiver(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": true}')
                answers.arrived(self.path.rsplit("/", 1)[-1])

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/respond"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def arrived(self, key: str) -> None:
        with self._condition:
            self._arrived[key] = time.perf_counter()
            self._condition.notify_all()

    def wait_for(self, key: str, timeout: float = 30) -> float:
        with self._condition:
            if not self._condition.wait_for(lambda: key in self._arrived, timeout):
                raise SystemExit(f"bench: no answer to request {key} within {timeout:.0f} s")
            return self._arrived.pop(key)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@dataclass
class Timings:
    find: list[float] = field(default_factory=list)
    help: list[float] = field(default_factory=list)


def seed_in_bulk(engine: Engine, url: str, population: Population, rng: random.Random) -> None:
    """The population's rows as ProfileService.save and PeopleService would write them, in a few statements."""
    bench = wire(engine, Settings(database_url=url))
    now = utcnow()
    profiles, people = [], []
    for m in population.everyone:
        p = m.profile
        skill_words = sorted(topic_words(p.skills)) if p.role.mentors else []
        profiles.append(
            {"user_id": m.user_id, "role": p.role.value, "function_area": p.function_area, "skills": p.skills,
             "goals": p.goals, "capacity": p.capacity, "available": p.available,
             "skill_words": " ".join(skill_words), "goal_words": " ".join(sorted(topic_words(p.goals))),
             "updated_at": now, "created_at": now}
        )  # fmt: skip
        people.append({"user_id": m.user_id, "locale": m.locale, "tz": m.tz, "gone": False, "fetched_at": now})
    with bench.uow() as uow:
        for table, rows in ((Profile, profiles), (Person, people)):
            for start in range(0, len(rows), 5000):
                uow.session.execute(insert(table), rows[start : start + 5000])
        bump_pool_version(uow.session)  # as every save does: the served processes' pools are stale
        uow.commit()
    seed_pairings(bench, rng, population, now)
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()


def run_clients(base_url: str, slack: SlackStandIn, mentee_ids: Sequence[str], people: int, rounds: int) -> Timings:
    """`people` clients, each sending find and help in turn `rounds` times, waiting for each answer."""
    driver = SlackDriver(base_url + EVENTS_PATH, SECRET, slack)
    answers = Answers()
    timings = Timings()
    counter = iter(range(10**9))
    lock = threading.Lock()

    def one(user_id: str, command: str, record: bool) -> None:
        with lock:
            key = str(next(counter))
        form = slash_command(user_id, command, command="/mentor", response_url=f"{answers.base_url}/{key}",
                             trigger_id=f"{key}.trigger")  # fmt: skip
        started = time.perf_counter()
        result = driver.post(urlencode(form))
        if result.status != 200:
            raise SystemExit(f"bench: /mentor {command} answered HTTP {result.status}")
        took = answers.wait_for(key) - started
        if record:
            with lock:
                getattr(timings, command).append(took)

    def client(index: int) -> None:
        user_id = mentee_ids[index % len(mentee_ids)]
        for n in range(WARMUP_ROUNDS + rounds):
            for command in COMMANDS if (index + n) % 2 else reversed(COMMANDS):
                one(user_id, command, record=n >= WARMUP_ROUNDS)

    try:
        with ThreadPoolExecutor(people) as workers:
            list(workers.map(client, range(people)))
    finally:
        answers.close()
    return timings


def measure(url: str, size: int, args: argparse.Namespace) -> tuple[Timings, int]:
    engine = make_engine(url)
    try:
        upgrade(engine)
        rng = random.Random(args.seed)  # noqa: S311 - repeatable test data, not secrets
        population = build_population(rng, size, args.mentees, Settings().function_areas)
        started = time.perf_counter()
        seed_in_bulk(engine, url, population, rng)
        print(f"size {size}: {len(population.everyone)} profiles seeded in {time.perf_counter() - started:.1f} s")
    finally:
        engine.dispose()
    with SlackStandIn() as slack:
        for member in population.mentees:
            slack.add_user(member.user_id, member.user_id.title(), locale=member.locale, tz=member.tz)
        with served(slack, url) as base_url:
            mentee_ids = [m.user_id for m in population.mentees if m.profile.available]
            timings = run_clients(base_url, slack, mentee_ids, args.people, args.rounds)
        lookups = len(slack.calls_to("users.info"))
    return timings, lookups


def report(size: int, timings: Timings, lookups: int) -> bool:
    find_ms, help_ms = [t * 1000 for t in timings.find], [t * 1000 for t in timings.help]
    ratio = percentile(find_ms, 0.99) / percentile(help_ms, 0.99)
    print(f"size {size}: {len(find_ms)} finds and {len(help_ms)} helps, Slack users.info calls: {lookups}")
    for name, values in (("find", find_ms), ("help", help_ms)):
        print(f"  /mentor {name:<5} p50 {percentile(values, 0.5):6.1f} ms   p99 {percentile(values, 0.99):6.1f} ms   "
              f"max {max(values):6.1f} ms")  # fmt: skip
    verdict = "within" if ratio <= TARGET else "NOT within"
    print(f"  find's p99 / help's p99 = {ratio:.2f} ({verdict} the {TARGET}x target)")
    return True


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="mentor profiles (5000 20000)")
    parser.add_argument("--mentees", type=int, default=400, help="mentees without a mentor, who ask (default 400)")
    parser.add_argument("--people", type=int, default=20, help="people asking at once (default 20)")
    parser.add_argument("--rounds", type=int, default=60, help="finds and helps each person sends (default 60)")
    parser.add_argument("--database-url", help="SQLite or PostgreSQL URL (default: temporary SQLite files)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed of the data (default 2026)")
    parser.add_argument("--small", action="store_true", help="60 mentors, 3 people: a check, not a measurement")
    args = parser.parse_args(argv)
    if args.small:
        args.sizes, args.people, args.rounds, args.mentees = SMALL.values()
    if args.database_url and args.database_url.startswith("sqlite") and len(args.sizes) > 1:
        parser.error("a SQLite URL holds one size: give one --sizes, or no URL (a temporary file per size)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    print(f"{args.people} people at once, each alternating /mentor find and /mentor help, "
          f"{args.rounds} of each after {WARMUP_ROUNDS} warm-up rounds")  # fmt: skip
    for size in args.sizes:
        with bench_database(args.database_url) as url:
            timings, lookups = measure(url, size, args)
        report(size, timings, lookups)
    return 0


if __name__ == "__main__":
    sys.exit(main())
