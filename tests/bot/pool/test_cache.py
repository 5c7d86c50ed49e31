"""The per-process pool: built once for many threads at once, rebuilt only when the version moved."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, time

from sqlalchemy import Engine

from bot.pool.cache import PoolCache
from bot.pool.snapshot import MentorPool
from bot.synonyms.table import built_in
from storage.db import make_session_factory
from storage.models import Profile
from storage.pool_version import bump_pool_version
from storage.profiles import save_profile

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
ON = date(2026, 12, 2)
HOURS = (time(9, 0), time(17, 0))


def add_mentor(engine: Engine, user_id: str) -> None:
    with make_session_factory(engine)() as session:
        row = Profile(user_id=user_id, role="mentor", function_area="Engineering", skills="k8s", capacity=2,
                      updated_at=NOW, created_at=NOW)  # fmt: skip
        save_profile(session, row)
        session.commit()


def look(engine: Engine, cache: PoolCache) -> MentorPool:
    with make_session_factory(engine)() as session:
        return cache.current(session, ON)


def test_threads_looking_at_once_share_one_build(engine: Engine) -> None:
    add_mentor(engine, "UBEA")
    cache = PoolCache(built_in(), HOURS)
    start, seen = threading.Barrier(8), []

    def finder() -> None:
        start.wait()
        seen.append(look(engine, cache))

    threads = [threading.Thread(target=finder) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert cache.builds == 1
    assert {pool.mentor_ids for pool in seen} == {("UBEA",)}


def test_the_pool_is_rebuilt_only_when_the_version_moved(engine: Engine) -> None:
    add_mentor(engine, "UBEA")
    cache = PoolCache(built_in(), HOURS)
    first = look(engine, cache)
    assert look(engine, cache) is first

    add_mentor(engine, "UDAAN")

    assert look(engine, cache).mentor_ids == ("UBEA", "UDAAN")
    assert cache.builds == 2


def test_a_version_moved_by_anything_rebuilds(engine: Engine) -> None:
    add_mentor(engine, "UBEA")
    cache = PoolCache(built_in(), HOURS)
    look(engine, cache)
    with make_session_factory(engine)() as session:
        bump_pool_version(session)
        session.commit()

    look(engine, cache)

    assert cache.builds == 2


def test_another_day_reuses_the_pool_with_that_days_working_hours(engine: Engine) -> None:
    add_mentor(engine, "UBEA")
    cache = PoolCache(built_in(), HOURS)
    first = look(engine, cache)

    with make_session_factory(engine)() as session:
        summer = cache.current(session, date(2027, 6, 1))

    assert (summer.on, summer.mentor_ids, summer.free is first.free) == (date(2027, 6, 1), ("UBEA",), True)
    assert cache.builds == 1


def test_the_call_after_each_build_runs_once_per_build_not_per_look(engine: Engine) -> None:
    add_mentor(engine, "UBEA")
    cache, calls = PoolCache(built_in(), HOURS), []
    cache.after_each_build(lambda: calls.append(cache.builds))
    look(engine, cache)
    look(engine, cache)
    add_mentor(engine, "UCHEN")  # the version moves: one more build
    look(engine, cache)

    assert calls == [1, 2]
