"""The check-ins' notifier port: what the rhythm tells whom, and its outbox adapter (ids and keys, never text)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.orm import Session

from bot.checkins.kinds import PROMPTS, PromptAbout
from bot.checkins.planning import Prompt
from bot.delivery.letters import News, Told
from bot.delivery.outbox import enqueue_or_move
from bot.i18n import Phrase


class CheckinNotifier(Protocol):
    def prompts(self, prompts: Sequence[Prompt]) -> None:
        """Queue prompts for their time; one queued before under the same key is moved, never doubled."""

    def tell(self, user_id: str, notice: Phrase, at: datetime | None = None) -> None:
        """A DM of news, now or at `at`."""

    def refresh(self, *user_ids: str) -> None:
        """Their App Home tabs, which show each pairing's rhythm."""


class OutboxNotifier:
    """Writes into the caller's unit of work: sent by the dispatcher once it commits."""

    def __init__(self, session: Session, now: datetime, max_age: timedelta) -> None:
        self._session = session
        self._now = now
        self._max_age = max_age
        self._news = News(session, now)  # news and App Home as every feature writes them

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
        self._news.tell_each([Told(user_id, notice, at=at)])

    def refresh(self, *user_ids: str) -> None:
        self._news.refresh(*user_ids)
