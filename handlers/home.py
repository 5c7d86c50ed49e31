"""Publishing a person's App Home, on opening it and whenever something of theirs changes."""

from __future__ import annotations

import logging

from bot.services import Services
from bot.slack_api import Outcome
from handlers.blocks.home import home_view

log = logging.getLogger(__name__)


def publish_home(services: Services, user_id: str) -> Outcome:
    t = services.people.translator_for(user_id)
    return services.messenger.publish_home(user_id, home_view(t, services.pairings.overview(user_id)))


def refresh_homes(services: Services, *user_ids: str) -> None:
    """Best effort, after the real work is done: the tab is rebuilt anyway when next opened."""
    for user_id in dict.fromkeys(user_ids):
        try:
            publish_home(services, user_id)
        except Exception:  # a stale tab must never undo or hide what the person just did
            log.exception("refreshing an App Home failed")
