"""The feedback releases: made by the tick once a week, read by HR's `/mentor admin feedback`."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from datetime import datetime

from bot.feedback.release import Release, Response, cells_to_json, make_release, release_from_json
from bot.feedback.release import release_to_json as snapshot_json
from bot.feedback.rules import iso_week
from storage.feedback_release import add_release, all_feedback, latest_release, release_of_week
from storage.models import Feedback, FeedbackRelease
from storage.uow import UnitOfWork


class ReleaseService:
    def __init__(
        self, uow: Callable[[], UnitOfWork], clock: Callable[[], datetime], k: int, areas: Sequence[str]
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._k = k
        self._areas = tuple(areas)
        self._tried = ""  # the week this process last tried: the answers it counts don't change within a week
        self._shuffle = random.SystemRandom()  # no one can replay the order of the comments

    def release_due(self) -> bool:
        """Make this week's release if there is a new one to make; True when this call saved it.

        Idempotent: the week is the release's key, so two replicas' ticks save one release."""
        week = iso_week(self._clock())
        if self._tried == week:
            return False
        with self._uow() as uow:
            if release_of_week(uow.session, week) is not None:
                self._tried = week
                return False
            stored = latest_release(uow.session)
            previous = _release_of(stored) if stored is not None else None
            answers = [_response(row) for row in all_feedback(uow.session)]
            made = make_release(answers, previous, self._k, week, self._shuffle, self._areas)
            saved = made is not None and add_release(uow.session, _row(made))
            uow.commit()
        self._tried = week
        return saved

    def current(self) -> Release | None:
        """The release HR may see now, or None before the first."""
        with self._uow() as uow:
            stored = latest_release(uow.session)
            return _release_of(stored) if stored is not None else None


def _response(row: Feedback) -> Response:
    return Response(
        row.topic, row.role, row.function_area, row.week, row.rating, row.progress, row.recommend, row.comment
    )


def _row(release: Release) -> FeedbackRelease:
    return FeedbackRelease(
        week=release.week,
        snapshot=json.dumps(snapshot_json(release), ensure_ascii=False),
        counts=json.dumps(cells_to_json(release.cells), ensure_ascii=False),
    )


def _release_of(row: FeedbackRelease) -> Release:
    return release_from_json(json.loads(row.snapshot), json.loads(row.counts))
