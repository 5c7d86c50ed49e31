"""Publishing a person's App Home, on opening it and whenever something of theirs changes."""

from __future__ import annotations

from bot.pairings import PairingService
from bot.people import PeopleService
from bot.slack_api import Messenger, Outcome
from handlers.blocks.home import home_view


def publish_home(people: PeopleService, pairings: PairingService, messenger: Messenger, user_id: str) -> Outcome:
    t = people.translator_for(user_id)
    return messenger.publish_home(user_id, home_view(t, pairings.overview(user_id)))
