"""Giving feedback: anonymously into the store, at most once a week per topic, or named to HR for a follow-up.

An anonymous answer takes three short transactions, never one: a read of the person's profile (their role
and function area, the only groupings kept), the claim of the once-a-week record (`feedback_given`, which
names them), then the answer's own transaction, which writes the feedback row and nothing else: no outbox
row, no audit, no counter. If the answer can't be stored, the claim is released. Nothing here logs who gave
what. A named follow-up goes to each HR admin through the outbox and never touches the anonymous store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.delivery.kinds import KINDS, KindSpec, Payload
from bot.delivery.outbox import enqueue
from bot.feedback.rules import NO_ROLE, FeedbackForm, Field, Topic, check_answer, iso_week, topics_for
from storage.feedback import AnonymousAnswer, claim_week, forget_weeks_before, release_week, store_answer
from storage.profiles import get_profile
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

FOLLOW_UP = "feedback.follow_up"  # a named submission, in each HR admin's DM
FORGET_BATCH = 500  # once-a-week records deleted per transaction


@dataclass(frozen=True)
class FollowUp(Payload):
    """Someone who asked HR to follow up: who, on what, their rating and their own words (escaped when sent)."""

    author: str
    topic: str
    rating: int
    comment: str = ""


# Kept when its author leaves (HR may still want to know); moot when the HR admin reading it leaves.
FOLLOWING_UP = KINDS.declare(KindSpec(FOLLOW_UP, FollowUp, FollowUp("U1", Topic.PROGRAMME.value, 4, "more pairs")))


@dataclass(frozen=True)
class Offer:
    """What the dialog offers this person: the topics that fit their role, and whether HR can follow up."""

    topics: tuple[Topic, ...]
    follow_up: bool
    min_group: int


class Outcome(StrEnum):
    STORED = "stored"  # anonymously
    FOLLOWED_UP = "followed_up"  # named, to the HR admins
    ALREADY = "already"  # this person gave feedback on this topic this week
    INVALID = "invalid"


@dataclass(frozen=True)
class Given:
    outcome: Outcome
    errors: dict[Field, str] = field(default_factory=dict)  # field → catalog key, when INVALID or ALREADY


@dataclass(frozen=True)
class Author:
    """What is kept of the person with their answer: the groupings the figures use, nothing that names them."""

    role: str
    function_area: str


class FeedbackService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Callable[[], datetime],
        hr_admins: Collection[str],
        min_group: int,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._hr_admins = sorted(hr_admins)
        self._min_group = min_group

    def offer(self, user_id: str) -> Offer:
        return Offer(topics_for(self._author(user_id).role), bool(self._hr_admins), self._min_group)

    def give(self, user_id: str, form: FeedbackForm) -> Given:
        author = self._author(user_id)
        answer, errors = check_answer(form, topics_for(author.role), bool(self._hr_admins))
        if answer is None:
            return Given(Outcome.INVALID, errors)
        if answer.follow_up:
            self._follow_up(FollowUp(user_id, answer.topic.value, answer.rating, answer.comment))
            return Given(Outcome.FOLLOWED_UP)
        week = iso_week(self._clock())
        if not self._claim(week, answer.topic, user_id):
            return Given(Outcome.ALREADY, {Field.TOPIC: "feedback.error.already"})
        try:
            with self._uow() as uow:  # the answer's own transaction: this one row and nothing else
                stored = AnonymousAnswer(
                    answer.topic.value, author.role, author.function_area, week, answer.rating, comment=answer.comment
                )
                store_answer(uow.session, stored)
                uow.commit()
        except BaseException:
            self._release(week, answer.topic, user_id)
            raise
        return Given(Outcome.STORED)

    def forget_past_weeks(self) -> int:
        """Run by the tick: the once-a-week records of weeks that are over, deleted in batches; how many."""
        week, total = iso_week(self._clock()), 0
        while True:
            with self._uow() as uow:
                deleted = forget_weeks_before(uow.session, week, FORGET_BATCH)
                uow.commit()
            total += deleted
            if deleted < FORGET_BATCH:
                return total

    def _author(self, user_id: str) -> Author:
        with self._uow() as uow:
            profile = get_profile(uow.session, user_id)
            if profile is None:
                return Author(NO_ROLE, "")
            return Author(profile.role, profile.function_area)

    def _claim(self, week: str, topic: Topic, user_id: str) -> bool:
        with self._uow() as uow:
            claimed = claim_week(uow.session, week, topic.value, user_id)
            uow.commit()
        return claimed

    def _release(self, week: str, topic: Topic, user_id: str) -> None:
        """After a failed store; if this fails too, the record stays until the week is over (said, not whose)."""
        try:
            with self._uow() as uow:
                release_week(uow.session, week, topic.value, user_id)
                uow.commit()
        except Exception:
            log.warning("a once-a-week feedback record could not be released; it goes when the week is over")

    def _follow_up(self, follow_up: FollowUp) -> None:
        now = self._clock()
        with self._uow() as uow:
            for admin in self._hr_admins:
                enqueue(uow.session, FOLLOWING_UP.letter(admin, follow_up), now)
            uow.commit()
