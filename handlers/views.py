"""Modal submissions: read, check, save, and answer inline."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.profiles import check_profile
from bot.services import Services
from handlers.blocks.profile import CALLBACK_ID, read_profile_form, saved_modal


def profile_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
    user_id = body["user"]["id"]
    t = services.people.translator_for(user_id)
    form = read_profile_form(view["state"]["values"])
    profile, errors = check_profile(form, services.settings.function_areas)
    if profile is None:
        ack(response_action="errors", errors={field: t(key) for field, key in errors.items()})
        return
    services.profiles.save(user_id, profile)
    ack(response_action="update", view=saved_modal(t))


def register(app: App) -> None:
    app.view(CALLBACK_ID)(profile_submitted)
