"""The check-ins' notifier port: what the rhythm tells whom, and its outbox adapter (ids and keys, never text)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.orm import Session

from bot.checkins.kinds import PROMPTS, PromptAbout
from bot.checkins.planning import Prompt
from bot.delivery.kinds import KINDS, Cancels, Nothing
from bot.delivery.letters import HOME, HOMING, TELLING, Tell
from bot.delivery.outbox import enqueue_all, enqueue_or_move
from bot.i18n import Phrase
from storage.outbox import cancel_about_pairing, pending_recipients


@dataclass(frozen=True)
class ToTell:
    """A DM of news for one person, now or at `at`."""

    user_id: str
    notice: Phrase
    at: datetime | None = None


class CheckinNotifier(Protocol):
    def prompts(self, prompts: Sequence[Prompt]) -> None:
        """Queue prompts for their time; one queued before under the same key is moved, never doubled."""

    def tell(self, user_id: str, notice: Phrase, at: datetime | None = None) -> None:
        """A DM of news, now or at `at`."""

    def tell_each(self, news: Sequence[ToTell]) -> None:
        """Many DMs of news at once (`tell` for each), as one write."""

    def refresh(self, *user_ids: str) -> None:
        """Their App Home tabs, which show each pairing's rhythm."""

    def withdraw(self, pairing_id: int, change: Cancels) -> None:
        """The pairing's waiting letters that `change` (it paused or ended) makes moot."""


class OutboxNotifier:
    """Writes into the caller's unit of work: sent by the dispatcher once it commits."""

    def __init__(self, session: Session, now: datetime, max_age: timedelta) -> None:
        self._session = session
        self._now = now
        self._max_age = max_age

    def prompts(self, prompts: Sequence[Prompt]) -> None:
        letters = [
            PROMPTS[p.kind].letter(
                p.recipient,
                PromptAbout(p.pairing_id, p.period),
                unique_key=p.unique_key,
                due_at=p.due_at,
                expires_at=p.due_at + self._max_age,
            )
            for p in prompts
        ]
        enqueue_or_move(self._session, letters, self._now)

    def tell(self, user_id: str, notice: Phrase, at: datetime | None = None) -> None:
        self.tell_each([ToTell(user_id, notice, at)])

    def tell_each(self, news: Sequence[ToTell]) -> None:
        letters = [TELLING.letter(n.user_id, Tell.of(n.notice), due_at=n.at) for n in news]
        enqueue_all(self._session, letters, self._now)

    def refresh(self, *user_ids: str) -> None:
        """One waiting refresh per person is enough; found for everyone at once, written at once."""
        people = list(dict.fromkeys(user_ids))
        waiting = pending_recipients(self._session, HOME, people)
        enqueue_all(
            self._session,
            [HOMING.letter(user_id, Nothing()) for user_id in people if user_id not in waiting],
            self._now,
        )

    def withdraw(self, pairing_id: int, change: Cancels) -> None:
        cancel_about_pairing(self._session, KINDS.cancelled_by(change), pairing_id, self._now)
