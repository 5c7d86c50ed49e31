"""The check-ins' notifier port: what the rhythm tells whom, and its outbox adapter (ids and keys, never text)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.orm import Session

from bot.checkins.planning import Prompt, PromptKind
from bot.checkins.quiet import NOTES
from bot.delivery.letters import HOME, TELL, phrase_to_json
from bot.delivery.outbox import Letter, enqueue_all
from bot.i18n import Phrase
from storage.checkins import PromptRow, cancel_prompts, write_prompts
from storage.outbox import pending_recipients


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

    def withdraw(self, pairing_id: int) -> None:
        """The pairing's waiting prompts are moot (it paused or ended)."""


class OutboxNotifier:
    """Writes into the caller's unit of work: sent by the dispatcher once it commits."""

    def __init__(self, session: Session, now: datetime, max_age: timedelta) -> None:
        self._session = session
        self._now = now
        self._max_age = max_age

    def prompts(self, prompts: Sequence[Prompt]) -> None:
        rows = [
            PromptRow(
                kind=p.kind.value,
                unique_key=p.unique_key,
                recipient=p.recipient,
                subject=f'{{"pairing": {p.pairing_id}, "period": {p.period}}}',
                due_at=p.due_at,
                expires_at=p.due_at + self._max_age,
            )
            for p in prompts
        ]
        write_prompts(self._session, rows, self._now)

    def tell(self, user_id: str, notice: Phrase, at: datetime | None = None) -> None:
        self.tell_each([ToTell(user_id, notice, at)])

    def tell_each(self, news: Sequence[ToTell]) -> None:
        letters = [
            Letter(TELL, n.user_id, {"notices": [phrase_to_json(n.notice)], "mentors": 0}, due_at=n.at) for n in news
        ]
        enqueue_all(self._session, letters, self._now)

    def refresh(self, *user_ids: str) -> None:
        """One waiting refresh per person is enough; found for everyone at once, written at once."""
        people = list(dict.fromkeys(user_ids))
        waiting = pending_recipients(self._session, HOME, people)
        enqueue_all(self._session, [Letter(HOME, user_id) for user_id in people if user_id not in waiting], self._now)

    def withdraw(self, pairing_id: int) -> None:
        cancel_prompts(self._session, [*(kind.value for kind in PromptKind), *NOTES], pairing_id, self._now)
