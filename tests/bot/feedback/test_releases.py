"""The release service: the tick makes a week's release once, however many ticks and replicas try."""

from __future__ import annotations

from datetime import UTC, datetime

from freezegun import freeze_time
from sqlalchemy import Engine, func, select

from bot.feedback.release import ALL, Partition
from bot.feedback.releases import ReleaseService
from storage.db import make_session_factory
from storage.feedback_release import add_release
from storage.models import FeedbackRelease
from storage.uow import UnitOfWork
from tests.support.releases import seed_feedback

MONDAY = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)  # week 11; the answers below are of week 10


def service(engine: Engine) -> ReleaseService:
    factory = make_session_factory(engine)
    return ReleaseService(lambda: UnitOfWork(factory), lambda: datetime.now(UTC), 5, ["Engineering"])


def releases_saved(engine: Engine) -> int:
    with UnitOfWork(make_session_factory(engine)) as uow:
        return int(uow.session.execute(select(func.count()).select_from(FeedbackRelease)).scalar_one())


def test_two_replicas_ticking_in_the_same_week_save_one_release(engine: Engine) -> None:
    seed_feedback(engine, 6, week="2027-W10")
    first, second = service(engine), service(engine)

    with freeze_time(MONDAY):
        made = [first.release_due(), second.release_due(), first.release_due()]

    assert made == [True, False, False]
    assert releases_saved(engine) == 1


def test_a_later_week_with_too_few_new_answers_keeps_the_release(engine: Engine) -> None:
    seed_feedback(engine, 6, week="2027-W10")
    releases = service(engine)
    with freeze_time(MONDAY):
        releases.release_due()
    seed_feedback(engine, 4, week="2027-W11")

    with freeze_time("2027-03-22 09:00"):
        assert not releases.release_due()

    current = releases.current()
    assert current is not None
    assert current.week == "2027-W11"
    total = current.figure(Partition.PROGRAMME, ALL)
    assert total is not None
    assert total.count == 6


def test_k_new_answers_make_the_next_weeks_release(engine: Engine) -> None:
    seed_feedback(engine, 6, week="2027-W10")
    releases = service(engine)
    with freeze_time(MONDAY):
        releases.release_due()
    seed_feedback(engine, 5, week="2027-W11")

    with freeze_time("2027-03-22 09:00"):
        assert releases.release_due()

    current = releases.current()
    assert current is not None
    total = current.figure(Partition.PROGRAMME, ALL)
    assert total is not None
    assert (current.week, total.count) == ("2027-W12", 11)


def test_a_second_save_for_the_same_week_is_refused_not_raised(engine: Engine) -> None:
    """Two replicas that both made the week's release before either committed: the second save is a no."""
    factory = make_session_factory(engine)
    saved = []
    for _ in range(2):
        with UnitOfWork(factory) as uow:
            saved.append(add_release(uow.session, FeedbackRelease(week="2027-W11", snapshot="{}", counts="[]")))
            uow.commit()

    assert saved == [True, False]
