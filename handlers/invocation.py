"""One `/mentor …` as its subcommands see it (the main table in handlers.commands, admin's in handlers.admin)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
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
    translator: Callable[[], Translator]  # their language, looked up when first needed (`t`)
    services: Services
    _looked_up: list[Translator] = field(default_factory=list, repr=False)

    @property
    def t(self) -> Translator:
        """Their language's translator: looked up once, and only if the subcommand needs it (find reads the
        language with everything else it reads, in one statement). Not functools.cached_property: on
        Python 3.11 that holds one lock for every instance, so each command's lookup would wait for the others'."""
        if not self._looked_up:
            self._looked_up.append(self.translator())
        return self._looked_up[0]

    def reply(self, text: str, blocks: list[dict[str, Any]] | None = None) -> None:
        self.services.messenger.reply(self.response_url, text, blocks)


Subcommand = Callable[[Invocation], None]
