"""The pairing handshake after each step: who is told what, in which order.

The state changes are bot.pairings'; this module decides the news that follows them. How the
news looks and travels (Slack messages, Block Kit) is the Notifier's: handlers/notifier.py.
Each notice is a catalog key with its values, put into each reader's language by the notifier.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from bot.i18n import Phrase, Who
from bot.pairings import Answered, AnswerResult, Asked, AskResult, PairingService, RequestInfo
from bot.profiles import ProfileData, ProfileService
from bot.settings import Cadence
from bot.slack_api import Delivery
from bot.suggestions import FindResult, SuggestionService

log = logging.getLogger(__name__)


Notice = Phrase  # news for one person, in words their language supplies


@dataclass(frozen=True)
class Posted:
    """Where a message went, when Slack confirmed it."""

    delivery: Delivery
    channel: str = ""
    ts: str = ""


class Notifier(Protocol):
    def ask_mentor(self, request: RequestInfo, mentee: ProfileData) -> Posted:
        """The request in the mentor's DM, with Accept and Decline."""

    def tell(self, user_id: str, *notices: Notice, mentors: FindResult | None = None) -> None:
        """A DM; with `mentors`, the mentors who could fit them, each with a Request button."""

    def update_request(self, request: RequestInfo, notice: Notice) -> None:
        """The mentor's copy of the request: no more buttons, and what became of it."""

    def introduce(self, request: RequestInfo, goals: str, cadence: Cadence) -> str | None:
        """The pair's group DM with the introduction in it; None when Slack refused either."""

    def refresh(self, *user_ids: str) -> None:
        """Their App Home tabs, best effort."""


class Handshake:
    def __init__(
        self,
        pairings: PairingService,
        suggestions: SuggestionService,
        profiles: ProfileService,
        notifier: Notifier,
        cadence: Cadence,
    ) -> None:
        self._pairings = pairings
        self._suggestions = suggestions
        self._profiles = profiles
        self._notifier = notifier
        self._cadence = cadence

    def deliver(self, result: AskResult) -> None:
        """A sent request reaches the mentor; one Slack refuses is dropped, and the mentee told."""
        request, mentee = result.request, result.mentee
        if result.asked is not Asked.SENT or request is None or mentee is None:
            return
        posted = self._notifier.ask_mentor(request, mentee)
        mentor = Who(request.mentor_id)
        if posted.delivery is Delivery.FAILED:
            self._pairings.undeliverable(request.request_id)
            self._notifier.tell(request.mentee_id, Notice("request.undelivered", {"mentor": mentor}))
            return
        if posted.delivery is Delivery.SENT and posted.channel and posted.ts:
            self._pairings.delivered(request.request_id, posted.channel, posted.ts)
        else:  # it may have arrived: kept, not resent
            self._notifier.tell(request.mentee_id, Notice("request.unsure", {"mentor": mentor}))
        self._notifier.refresh(request.mentee_id, request.mentor_id)

    def accept(self, request_id: int, by: str) -> AnswerResult:
        """Pair them and tell everyone; the result says why, when nothing changed."""
        result = self._pairings.accept(request_id, by)
        request = result.request
        if request is None or result.answered not in (Answered.DONE, Answered.NO_ROOM):
            return result
        if result.answered is Answered.DONE and result.pairing_id is not None:
            self._introduce(request, result.pairing_id, result.withdrawn)
        else:
            self._no_room(request)
        self._notifier.refresh(request.mentee_id, by, *(other.mentor_id for other in result.withdrawn))
        return result

    def declined(self, result: AnswerResult) -> None:
        """After a decline: the mentee told kindly with the next suggestion, then the mentor's copy updated."""
        request = result.request
        if result.answered is not Answered.DONE or request is None:
            return
        mentor, mentee = Who(request.mentor_id), Who(request.mentee_id)
        self._tell_with_others(request.mentee_id, Notice("request.declined.mentee", {"mentor": mentor}), limit=1)
        self._notifier.update_request(request, Notice("request.declined.mentor", {"mentee": mentee}))
        self._notifier.refresh(request.mentee_id, request.mentor_id)

    def withdraw(self, request_id: int, by: str) -> AnswerResult:
        """The mentee takes a waiting request back; the mentor's copy says so."""
        result = self._pairings.withdraw(request_id, by)
        request = result.request
        if result.answered is Answered.DONE and request is not None:
            notice = Notice("request.withdrawn_by_mentee", {"mentee": Who(by)})
            self._notifier.update_request(request, notice)
            self._notifier.refresh(by, request.mentor_id)
        return result

    def _introduce(self, request: RequestInfo, pairing_id: int, withdrawn: tuple[RequestInfo, ...]) -> None:
        """The group DM and its introduction; then each of them told, and the other mentors."""
        both = {"mentor": Who(request.mentor_id), "mentee": Who(request.mentee_id)}
        profile = self._profiles.get(request.mentee_id)
        channel = self._notifier.introduce(request, profile.goals if profile else "", self._cadence)
        if channel is None:
            self._notifier.update_request(request, Notice("request.accepted.no_chat", both))
            self._notifier.tell(request.mentee_id, Notice("request.accepted.no_chat", both))
        else:
            self._pairings.paired(pairing_id, channel)  # stays empty when no introduction could be posted
            self._notifier.update_request(request, Notice("request.accepted.mentor", both))
            others = [Notice("request.others_withdrawn")] if withdrawn else []
            self._notifier.tell(request.mentee_id, Notice("request.accepted.mentee", both), *others)
        for other in withdrawn:
            self._notifier.update_request(other, Notice("request.withdrawn.mentor", {"mentee": Who(other.mentee_id)}))

    def _no_room(self, request: RequestInfo) -> None:
        self._notifier.update_request(request, Notice("request.no_room.mentor", {"mentee": Who(request.mentee_id)}))
        self._tell_with_others(request.mentee_id, Notice("request.no_room.mentee", {"mentor": Who(request.mentor_id)}))

    def _tell_with_others(self, mentee_id: str, news: Notice, limit: int = 3) -> None:
        """The news first; other mentors only if they can be found (the news must arrive regardless)."""
        try:
            mentors: FindResult | None = self._suggestions.find(mentee_id, limit)
        except Exception:
            log.exception("finding other mentors failed; the news goes out without them")
            mentors = None
        self._notifier.tell(mentee_id, news, mentors=mentors)
