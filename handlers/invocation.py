"""One `/mentor …` as its subcommands see it (the main table in handlers.commands, admin's in handlers.admin)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.i18n import Translator
from bot.services import Services


@dataclass(frozen=True)
class Invocation:
    """One `/mentor …`: who typed it, what followed the subcommand, and where to answer."""

    user_id: str
    args: str
    response_url: str
    trigger_id: str
    t: Translator
    services: Services

    def reply(self, text: str, blocks: list[dict[str, Any]] | None = None) -> None:
        self.services.messenger.reply(self.response_url, text, blocks)


Subcommand = Callable[[Invocation], None]
