"""Events API listeners; each acts on an `event_id` once (see bot.inbox)."""

from __future__ import annotations

from typing import Any

from slack_bolt import App

from bot.services import Services
from bot.slack_api import DeliveryError
from handlers.home import publish_home


def app_home_opened(event: dict[str, Any], body: dict[str, Any], services: Services) -> None:
    if event.get("tab") != "home":
        return
    user_id = event["user"]

    def publish() -> None:
        outcome = publish_home(services.people, services.pairings, services.messenger, user_id)
        if not outcome.ok:
            raise DeliveryError("views.publish", outcome)

    services.inbox.once(body["event_id"], publish)


def person_changed(event: dict[str, Any], body: dict[str, Any], services: Services) -> None:
    """`user_change` and `team_join` both carry the person: keep the cache fresh."""
    user = event.get("user")
    if not isinstance(user, dict):
        return

    def remember() -> None:
        services.people.remember(user)

    services.inbox.once(body["event_id"], remember)


def register(app: App) -> None:
    app.event("app_home_opened")(app_home_opened)
    app.event("user_change")(person_changed)
    app.event("team_join")(person_changed)
