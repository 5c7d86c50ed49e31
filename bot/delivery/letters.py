"""Letters: the words every feature writes news to people with, as outbox rows of ids and catalog keys.

A feature's service writes `News` in its unit of work (`tell`, `refresh`, the handshake's steps); the
dispatcher sends each kind later, rendered in its reader's language (handlers/deliveries.py). Phrases
travel as JSON (`phrase_to_json`), never as rendered text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.delivery.kinds import KINDS, Cancels, KindSpec, Nothing, Payload
from bot.delivery.outbox import Letter, enqueue, enqueue_all
from bot.i18n import Phrase, Who
from storage.outbox import pending_recipients

Notice = Phrase  # news for one person, in words their language supplies

# The kinds of letter written with `News`; handlers/deliveries.py sends each.
ASK_MENTOR = "request.ask"  # the request in the mentor's DM, with Accept and Decline
TELL = "tell"  # a DM of news, maybe with the mentors who could fit the reader
UPDATE_COPY = "request.update"  # the mentor's copy of a request: no more buttons, and what became of it
INTRODUCE = "pairing.introduce"  # the pair's group DM, opened, with the introduction in it
HOME = "home"  # a person's App Home tab, published afresh
SUGGEST = "suggest"  # `/mentor find`'s answer, as a DM (for a click on the App Home, which has no reply)


@dataclass(frozen=True)
class Request(Payload):
    """The ids a request's news is about."""

    request_id: int
    mentee_id: str
    mentor_id: str

    @classmethod
    def of(cls, subject: Mapping[str, Any]) -> Request:
        """The ids back from a letter's subject (as `to_subject` wrote them)."""
        return cls(int(subject["request"]), str(subject["mentee"]), str(subject["mentor"]))

    @classmethod
    def from_subject(cls, subject: Mapping[str, Any]) -> Request:
        return cls.of(subject)

    def to_subject(self) -> dict[str, Any]:
        return {"request": self.request_id, "mentee": self.mentee_id, "mentor": self.mentor_id}

    @property
    def order_key(self) -> str:
        # Everything about one request goes out in the order it was written: the mentor's copy is
        # updated only after the letter that put it there, whatever became of that one.
        return f"request:{self.request_id}"


@dataclass(frozen=True)
class Tell(Payload):
    """A DM of notices (phrases as JSON); with `mentors`, that many mentors who could fit the reader."""

    notices: list[Any]
    mentors: int = 0

    @classmethod
    def of(cls, *notices: Notice, mentors: int = 0) -> Tell:
        return cls([phrase_to_json(notice) for notice in notices], mentors)


@dataclass(frozen=True)
class UpdateCopy(Payload):
    request: int
    notice: list[Any]


@dataclass(frozen=True)
class Introduction(Payload):
    request: int
    mentee: str
    mentor: str
    pairing: int
    others_withdrawn: bool


@dataclass(frozen=True)
class Told:
    """A DM of news for one person: now, or at `at`; with `mentors`, that many mentors who could fit them."""

    user_id: str
    notice: Notice
    mentors: int = 0
    at: datetime | None = None


_NEWS = frozenset({Cancels.PERSON_LEAVES})
ASKING = KINDS.declare(KindSpec(ASK_MENTOR, Request, Request(1, "U1", "U2"), _NEWS))
TELLING = KINDS.declare(KindSpec(TELL, Tell, Tell([["k", {"who": {"who": "U1"}, "n": 2}]], 1), _NEWS))
UPDATING = KINDS.declare(KindSpec(UPDATE_COPY, UpdateCopy, UpdateCopy(1, ["request.accepted", {}]), _NEWS))
# A pairing that ended before its introduction went out (its mentor left, one of them ended it at once) is
# not introduced: "you're paired" after the news that it ended would be untrue.
INTRODUCING = KINDS.declare(
    KindSpec(
        INTRODUCE,
        Introduction,
        Introduction(1, "U1", "U2", 3, True),
        frozenset({Cancels.PAIRING_ENDS, Cancels.PERSON_LEAVES}),
    )
)
HOMING = KINDS.declare(KindSpec(HOME, Nothing, Nothing(), _NEWS))
SUGGESTING = KINDS.declare(KindSpec(SUGGEST, Nothing, Nothing(), _NEWS))


class News:
    """Letters written in one unit of work (the caller's session) at one moment."""

    def __init__(self, session: Session, now: datetime) -> None:
        self._session = session
        self._now = now

    def tell(self, user_id: str, *notices: Notice, mentors: int = 0, order_key: str = "") -> None:
        """A DM of `notices`; with `mentors`, that many mentors who could fit them (found when it is sent)."""
        self._post(TELLING.letter(user_id, Tell.of(*notices, mentors=mentors), order_key=order_key))

    def tell_each(self, told: Sequence[Told]) -> None:
        """A DM of news for each, now or at its time, as one write."""
        letters = [TELLING.letter(t.user_id, Tell.of(t.notice, mentors=t.mentors), due_at=t.at) for t in told]
        enqueue_all(self._session, letters, self._now)

    def ask_mentor(self, request: Request) -> None:
        self._post(ASKING.letter(request.mentor_id, request, order_key=request.order_key))

    def update_copy(self, request: Request, notice: Notice) -> None:
        copy = UpdateCopy(request.request_id, phrase_to_json(notice))
        self._post(UPDATING.letter(request.mentor_id, copy, order_key=request.order_key))

    def introduce(self, request: Request, pairing_id: int, others_withdrawn: bool) -> None:
        about = Introduction(request.request_id, request.mentee_id, request.mentor_id, pairing_id, others_withdrawn)
        key = INTRODUCING.pairing_key(pairing_id)
        self._post(INTRODUCING.letter(request.mentee_id, about, unique_key=key, order_key=request.order_key))

    def suggest(self, user_id: str) -> None:
        self._post(SUGGESTING.letter(user_id, Nothing()))

    def refresh(self, *user_ids: str) -> None:
        """Their App Home tabs; one waiting refresh per person is enough (it renders what is true when sent).

        Who has one waiting is found for everyone at once, and the rest written at once.
        """
        people = list(dict.fromkeys(user_ids))
        waiting = pending_recipients(self._session, HOME, people)
        letters = [HOMING.letter(user_id, Nothing()) for user_id in people if user_id not in waiting]
        enqueue_all(self._session, letters, self._now)

    def _post(self, letter: Letter) -> None:
        enqueue(self._session, letter, self._now)


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
