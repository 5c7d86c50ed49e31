"""How the outbox holds up: many due rows against a rate-limited Slack, and the wait after a click.

What it measures
----------------
1. Throughput and exactly-once. It queues N due DMs (10,000 by default), each naming a different
   person so every one can be told apart, and starts P processes (2) that each dispatch until
   nothing is left, against the project's Slack stand-in set to allow R posts a second (50) and to
   answer 429 with `Retry-After` above that. It prints rows lost (never posted), rows sent twice,
   and the achieved rate as a fraction of the allowed one (targets: 0, 0, at least 0.9).
2. Latency. With `mentorbot serve` running in a process of its own (HTTP mode), C people (20) send
   a request to a mentor at the same moment; it prints, p50 and p99, the time from each click
   leaving the client to the mentor's DM reaching the stand-in (an upper bound of commit-to-Slack;
   target p99 under 500 ms), and the time to the dialog's own answer.

How to run (from the project root)
----------------------------------
    .venv/bin/python -m bench.outbox                 # temporary SQLite file
    .venv/bin/python -m bench.outbox --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test
    .venv/bin/python -m bench.outbox --rows 2000 --rate 100 --processes 3
    .venv/bin/python -m bench.outbox --small         # a check that it runs (tests/test_bench.py)

With a PostgreSQL URL it works in a schema of its own and drops it afterwards.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime

from bench.find_mentors import bench_database, percentile
from bot.app import build
from bot.delivery.letters import TELLING, Notice, Tell
from bot.delivery.outbox import enqueue
from bot.i18n import Who
from bot.profiles import ProfileData, Role
from bot.runtime.settings import Settings
from bot.runtime.web import EVENTS_PATH
from bot.standin.driver import SlackDriver
from bot.standin.payloads import text_submission
from bot.standin.server import SlackStandIn
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.outbox import next_due
from storage.uow import UnitOfWork

TOKEN = "xoxb-bench"  # noqa: S105 - a placeholder the stand-in accepts
SECRET = "bench-signing-secret"  # noqa: S105 - signs the bench's own requests to its own app
READERS = 20  # the DMs go to this many people (each process asks Slack who they are once)


def settings_for(database_url: str, api_url: str) -> Settings:
    return Settings(
        slack_bot_token=TOKEN, slack_signing_secret=SECRET, slack_api_url=api_url, database_url=database_url
    )


# --- 1. throughput and exactly-once -------------------------------------------------------------------


def queue_rows(database_url: str, rows: int) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    now = datetime.now(UTC)
    with UnitOfWork(make_session_factory(engine)) as uow:
        for n in range(rows):
            notice = Notice("request.undelivered", {"mentor": Who(f"UM{n:06d}")})
            letter = TELLING.letter(f"UREADER{n % READERS:02d}", Tell.of(notice))
            enqueue(uow.session, letter, now)
        uow.commit()
    engine.dispose()


def dispatch_until_empty(database_url: str, api_url: str) -> int:
    """One worker process: dispatch until no row is waiting; how many it handled."""
    logging.basicConfig(level=logging.ERROR)  # a 429 is the point here, not news
    bot = build(settings_for(database_url, api_url))
    handled = 0
    session_factory = make_session_factory(bot.engine)
    while True:
        handled += bot.dispatcher.dispatch_due()
        with UnitOfWork(session_factory) as uow:
            due = next_due(uow.session)
        if due is None:
            break
        time.sleep(min(max((due - datetime.now(UTC)).total_seconds(), 0.01), 1.0))
    bot.engine.dispose()
    return handled


def throughput(slack: SlackStandIn, database_url: str, rows: int, rate: int, processes: int) -> bool:
    for n in range(READERS):
        slack.add_user(f"UREADER{n:02d}", f"Reader {n}")
    queue_rows(database_url, rows)
    slack.rate_limit("chat.postMessage", rate)
    command = [sys.executable, "-m", "bench.outbox", "--worker", "--database-url", database_url, "--api-url"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    started = time.monotonic()
    workers = [
        subprocess.Popen([*command, slack.api_url], env=env, stdout=subprocess.PIPE, text=True)  # noqa: S603
        for _ in range(processes)
    ]
    handled = [int(worker.communicate()[0].strip() or 0) for worker in workers]
    elapsed = time.monotonic() - started
    posts = [call for call in slack.calls_to("chat.postMessage") if call.answered_ok]
    named = Counter(str(call.args["text"]).split("<@", 1)[1].split(">", 1)[0] for call in posts)
    lost = rows - len(named)
    twice = sum(count - 1 for count in named.values())
    limited = len(slack.calls_to("chat.postMessage")) - len(posts)
    span = (posts[-1].at - posts[0].at) if len(posts) > 1 else 0.0
    achieved = len(posts) / span / rate if span else 0.0
    print(f"throughput: {rows} rows, {processes} processes, Slack allowing {rate} posts/s")
    print(f"  rows lost: {lost}; rows sent twice: {twice}; 429s answered: {limited}")
    print(f"  posted {len(posts)} in {span:.1f} s: {len(posts) / span if span else 0:.1f}/s, "
          f"{achieved:.2f} of the allowed rate (whole run {elapsed:.1f} s; rows per process {handled})")  # fmt: skip
    return lost == 0 and twice == 0


# --- 2. latency from a click to Slack ---------------------------------------------------------------------


def latency(slack: SlackStandIn, database_url: str, clicks: int) -> bool:
    mentees, mentors = [f"UMENTEE{n:02d}" for n in range(clicks)], [f"UMENTOR{n:02d}" for n in range(clicks)]
    seed_pairs(slack, database_url, mentees, mentors)
    sent_at: dict[str, float] = {}
    acked_at: dict[str, float] = {}
    start = threading.Barrier(clicks)
    with served(slack, database_url) as url:
        driver = SlackDriver(url + EVENTS_PATH, SECRET, slack)

        def click(pair: tuple[str, str]) -> None:
            mentee, mentor = pair
            submission = text_submission(mentee, "request", mentor, "")
            start.wait()
            sent_at[mentor] = time.monotonic()
            driver.interaction(submission)
            acked_at[mentor] = time.monotonic()

        with ThreadPoolExecutor(clicks) as pool:
            list(pool.map(click, zip(mentees, mentors, strict=True)))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(_dms_to(slack, mentors)) < clicks:
            time.sleep(0.01)
    arrived = _dms_to(slack, mentors)
    waits = sorted((arrived[mentor] - sent_at[mentor]) * 1000 for mentor in arrived)
    acks = sorted((acked_at[mentor] - sent_at[mentor]) * 1000 for mentor in acked_at)
    print(f"latency: {clicks} people sending a request at once, click to the mentor's DM at Slack")
    if not waits:
        print("  no DM arrived")
        return False
    print(f"  p50 {percentile(waits, 0.5):.0f} ms, p99 {percentile(waits, 0.99):.0f} ms, max {waits[-1]:.0f} ms "
          f"({len(waits)} of {clicks} arrived)")  # fmt: skip
    print(
        f"  the dialog's own answer (the ack): p50 {percentile(acks, 0.5):.0f} ms, p99 {percentile(acks, 0.99):.0f} ms"
    )
    return len(waits) == clicks


def seed_pairs(slack: SlackStandIn, database_url: str, mentees: list[str], mentors: list[str]) -> None:
    """Profiles for each mentee and mentor, known to Slack and cached, their App Homes already sent."""
    bot = build(settings_for(database_url, slack.api_url))
    upgrade(bot.engine)
    for mentee, mentor in zip(mentees, mentors, strict=True):
        for user_id, role in ((mentee, Role.MENTEE), (mentor, Role.MENTOR)):
            slack.add_user(user_id, user_id.title())
            bot.services.profiles.save(user_id, ProfileData(role, "Engineering", "Python", "Python", 1, True))
            bot.services.people.who(user_id)
    bot.dispatcher.dispatch_due()
    bot.engine.dispose()


@contextmanager
def served(slack: SlackStandIn, database_url: str) -> Iterator[str]:
    """`mentorbot serve` in a process of its own, as in production: its base URL while it runs."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_", "LOG_"))}
    env |= {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "bot", "serve"]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)  # noqa: S603
    try:
        _wait_until_listening(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=15)


def _wait_until_listening(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise SystemExit(f"bench: `mentorbot serve` did not start: {process.stderr.read() if process.stderr else ''}")


def _dms_to(slack: SlackStandIn, users: Sequence[str]) -> dict[str, float]:
    wanted = set(users)
    return {
        str(call.args["channel"]): call.at
        for call in slack.calls_to("chat.postMessage")
        if call.answered_ok and call.args.get("channel") in wanted
    }


# --- running --------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=10_000, help="due rows to dispatch (default 10000)")
    parser.add_argument("--rate", type=int, default=50, help="posts a second Slack allows (default 50)")
    parser.add_argument("--processes", type=int, default=2, help="dispatching processes (default 2)")
    parser.add_argument("--clicks", type=int, default=20, help="people clicking at once (default 20)")
    parser.add_argument("--database-url", help="SQLite or PostgreSQL URL (default: a temporary SQLite file)")
    parser.add_argument("--small", action="store_true", help="200 rows, 5 clicks: a check, not a measurement")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--api-url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.small:
        args.rows, args.rate, args.clicks = 200, 400, 5
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        print(dispatch_until_empty(args.database_url, args.api_url))
        return 0
    ok = True
    with bench_database(args.database_url) as url:
        with SlackStandIn() as slack:
            ok &= throughput(slack, url, args.rows, args.rate, args.processes)
        with SlackStandIn() as slack:
            ok &= latency(slack, url, args.clicks)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
