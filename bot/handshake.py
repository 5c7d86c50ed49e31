"""The pairing handshake's news: who is told what after each step, written as outbox letters.

bot.pairings changes the state and, in the same transaction, calls these to write the news; the
dispatcher sends it later (handlers/deliveries.py renders each kind in its reader's language). What
a letter's outcome changes (a request Slack refused is dropped, a group DM that opened is kept) is
decided here too, by the `after_…` hooks, in the transaction that marks the letter.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.delivery.outbox import Ended, Job, Letter, enqueue
from bot.i18n import Phrase, Who
from storage.outbox import pending_letter_for
from storage.pairings import forget_request, remember_pairing_channel, remember_request_message

log = logging.getLogger(__name__)

Notice = Phrase  # news for one person, in words their language supplies

# The kinds of letter the handshake writes; handlers/deliveries.py sends each.
ASK_MENTOR = "request.ask"  # the request in the mentor's DM, with Accept and Decline
TELL = "tell"  # a DM of news, maybe with the mentors who could fit the reader
UPDATE_COPY = "request.update"  # the mentor's copy of a request: no more buttons, and what became of it
INTRODUCE = "pairing.introduce"  # the pair's group DM, opened, with the introduction in it
HOME = "home"  # a person's App Home tab, published afresh
SUGGEST = "suggest"  # `/mentor find`'s answer, as a DM (for a click on the App Home, which has no reply)


@dataclass(frozen=True)
class Request:
    """The ids a request's news is about."""

    request_id: int
    mentee_id: str
    mentor_id: str

    @property
    def order_key(self) -> str:
        # Everything about one request goes out in the order it was written: the mentor's copy is
        # updated only after the letter that put it there, whatever became of that one.
        return f"request:{self.request_id}"


class News:
    """Letters written in one unit of work (the caller's session) at one moment."""

    def __init__(self, session: Session, now: datetime) -> None:
        self._session = session
        self._now = now

    def tell(self, user_id: str, *notices: Notice, mentors: int = 0, order_key: str = "") -> None:
        """A DM of `notices`; with `mentors`, that many mentors who could fit them (found when it is sent)."""
        subject = {"notices": [phrase_to_json(notice) for notice in notices], "mentors": mentors}
        self._post(Letter(TELL, user_id, subject, order_key=order_key))

    def ask_mentor(self, request: Request) -> None:
        self._post(Letter(ASK_MENTOR, request.mentor_id, _about(request), order_key=request.order_key))

    def update_copy(self, request: Request, notice: Notice) -> None:
        subject = {"request": request.request_id, "notice": phrase_to_json(notice)}
        self._post(Letter(UPDATE_COPY, request.mentor_id, subject, order_key=request.order_key))

    def introduce(self, request: Request, pairing_id: int, others_withdrawn: bool) -> None:
        subject = {**_about(request), "pairing": pairing_id, "others_withdrawn": others_withdrawn}
        self._post(
            Letter(
                INTRODUCE,
                request.mentee_id,
                subject,
                unique_key=f"{INTRODUCE}:{pairing_id}",
                order_key=request.order_key,
            )
        )

    def suggest(self, user_id: str) -> None:
        self._post(Letter(SUGGEST, user_id))

    def refresh(self, *user_ids: str) -> None:
        """Their App Home tabs; one waiting refresh per person is enough (it renders what is true when sent)."""
        for user_id in dict.fromkeys(user_ids):
            if pending_letter_for(self._session, HOME, user_id) is None:
                self._post(Letter(HOME, user_id))

    def _post(self, letter: Letter) -> None:
        enqueue(self._session, letter, self._now)


def _about(request: Request) -> dict[str, Any]:
    return {"request": request.request_id, "mentee": request.mentee_id, "mentor": request.mentor_id}


# -- what each step of the handshake tells whom ------------------------------------------------------


def asked(news: News, request: Request) -> None:
    """A new request: to the mentor's DM (the mentee hears if it can't get there)."""
    news.ask_mentor(request)


def accepted(news: News, request: Request, pairing_id: int, withdrawn: Sequence[Request]) -> None:
    """The group DM and its introduction first; what each of them is told follows from how that went."""
    news.introduce(request, pairing_id, others_withdrawn=bool(withdrawn))
    for other in withdrawn:
        news.update_copy(other, Notice("request.withdrawn.mentor", {"mentee": Who(other.mentee_id)}))
    news.refresh(request.mentee_id, request.mentor_id, *(other.mentor_id for other in withdrawn))


def no_room(news: News, request: Request) -> None:
    """The mentor's last place went to someone else a moment before: the mentee is shown others."""
    news.update_copy(request, Notice("request.no_room.mentor", {"mentee": Who(request.mentee_id)}))
    news.tell(request.mentee_id, Notice("request.no_room.mentee", {"mentor": Who(request.mentor_id)}), mentors=3)
    news.refresh(request.mentee_id, request.mentor_id)


def declined(news: News, request: Request) -> None:
    """The mentee told kindly, with the next mentor who could fit; then the mentor's copy updated."""
    news.tell(request.mentee_id, Notice("request.declined.mentee", {"mentor": Who(request.mentor_id)}), mentors=1)
    news.update_copy(request, Notice("request.declined.mentor", {"mentee": Who(request.mentee_id)}))
    news.refresh(request.mentee_id, request.mentor_id)


def expired(news: News, request: Request) -> None:
    """Three working days without an answer: the mentee told kindly, with the next mentor who could fit."""
    news.tell(request.mentee_id, Notice("request.expired.mentee", {"mentor": Who(request.mentor_id)}), mentors=1)
    news.update_copy(request, Notice("request.expired.mentor", {"mentee": Who(request.mentee_id)}))
    news.refresh(request.mentee_id, request.mentor_id)


def withdrawn(news: News, request: Request) -> None:
    news.update_copy(request, Notice("request.withdrawn_by_mentee", {"mentee": Who(request.mentee_id)}))
    news.refresh(request.mentee_id, request.mentor_id)


# -- what a letter's outcome changes ---------------------------------------------------------------


def after_asking(session: Session, job: Job, ended: Ended, data: Mapping[str, Any], now: datetime) -> None:
    """Sent: remember where the mentor's copy is. Refused: drop the request, tell the mentee. Unknown: say so."""
    request = _request_of(job)
    news = News(session, now)
    mentor = {"mentor": Who(request.mentor_id)}
    if ended is Ended.SENT:
        channel, ts = str(data.get("channel") or ""), str(data.get("ts") or "")
        if channel and ts:
            remember_request_message(session, request.request_id, request.mentor_id, channel, ts)
    elif ended is Ended.REFUSED:
        forget_request(session, request.request_id)
        news.tell(request.mentee_id, Notice("request.undelivered", mentor))
    else:  # it may have arrived: kept, not resent, and the mentee knows to check
        news.tell(request.mentee_id, Notice("request.unsure", mentor))
    news.refresh(request.mentee_id, request.mentor_id)


def after_introducing(session: Session, job: Job, ended: Ended, data: Mapping[str, Any], now: datetime) -> None:
    """The news for both, now that it is known whether they have a group DM with the introduction in it."""
    request = _request_of(job)
    channel = str(job.progress.get("channel") or "")
    both = {"mentor": Who(request.mentor_id), "mentee": Who(request.mentee_id)}
    news = News(session, now)
    if ended is Ended.REFUSED or not channel:
        news.update_copy(request, Notice("request.accepted.no_chat", both))
        news.tell(request.mentee_id, Notice("request.accepted.no_chat", both), order_key=request.order_key)
        return
    # Sent, or unknown after the group DM opened: the introduction most likely arrived.
    remember_pairing_channel(session, int(job.subject["pairing"]), channel)
    news.update_copy(request, Notice("request.accepted.mentor", both))
    others = [Notice("request.others_withdrawn")] if job.subject.get("others_withdrawn") else []
    news.tell(request.mentee_id, Notice("request.accepted.mentee", both), *others, order_key=request.order_key)


def _request_of(job: Job) -> Request:
    ids = job.subject
    return Request(int(ids["request"]), str(ids["mentee"]), str(ids["mentor"]))


# -- phrases in a letter: keys and values, never rendered text --------------------------------------


def phrase_to_json(phrase: Phrase) -> list[Any]:
    values = {
        name: {"who": value.user_id} if isinstance(value, Who) else value for name, value in phrase.values.items()
    }
    return [phrase.key, values]


def phrase_from_json(data: Iterable[Any]) -> Phrase:
    key, values = list(data)
    return Phrase(str(key), {name: _value(value) for name, value in dict(values).items()})


def _value(value: Any) -> object:
    return Who(str(value["who"])) if isinstance(value, dict) and "who" in value else value
