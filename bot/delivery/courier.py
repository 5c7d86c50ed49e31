"""Letters a person asked for without changing anything (an answer for a click that has no reply of its own)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.delivery.letters import News, Notice
from storage.uow import UnitOfWork


class Courier:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Callable[[], datetime]) -> None:
        self._uow = uow
        self._clock = clock

    def tell(self, user_id: str, *notices: Notice) -> None:
        """A DM, through the outbox like everything else the bot posts."""
        with self._uow() as uow:
            News(uow.session, self._clock()).tell(user_id, *notices)
            uow.commit()

    def suggest(self, user_id: str) -> None:
        """`/mentor find`'s answer in the person's DM (the App Home's button has nowhere else to answer)."""
        with self._uow() as uow:
            News(uow.session, self._clock()).suggest(user_id)
            uow.commit()
