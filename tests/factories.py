"""People and payloads for tests, with overrides for what a test cares about."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Persona:
    user_id: str
    name: str
    locale: str = "en-US"
    tz: str = "Europe/London"


ALICE = Persona("UALICE", "Alice Smith", "en-US", "America/New_York")
DAAN = Persona("UDAAN", "Daan Jansen", "nl-NL", "Europe/Amsterdam")
PEOPLE = {person.user_id: person for person in (ALICE, DAAN)}

HOSTILE = ("<!channel>", "<@U123>", "<https://x|y>")


def home_opened(user_id: str) -> dict[str, str]:
    return {"type": "app_home_opened", "user": user_id, "channel": "DHOME", "tab": "home"}
