"""The welcome's "Find me a buddy": the profile dialog filled in as a mentee who wants to settle in; saving it
sends their suggestions, as `/mentor find` shows them, to their DM."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.profiles import check_profile
from bot.services import Services
from handlers.blocks.handshake import notice_modal
from handlers.blocks.profile import profile_modal, read_profile_form, saved_modal
from handlers.dialogs import register_view
from handlers.replies import open_dialog
from handlers.welcomes.blocks import BUDDY_PROFILE, FIND_BUDDY, buddy_draft


def buddy_clicked(ack: Ack, body: dict[str, Any], services: Services) -> None:
    """Their profile if they made one meanwhile (to change, as `/mentor profile`), else the buddy's draft."""
    ack()
    areas, existing = services.settings.function_areas, services.profiles.get(body["user"]["id"])
    open_dialog(services, body, lambda t: profile_modal(t, areas, existing, buddy_draft(t), BUDDY_PROFILE))


def buddy_profile_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
    """Checked as every profile is; saved with `/mentor find`'s answer to follow in their DM if they look for one."""
    user_id = body["user"]["id"]
    t = services.people.cached_translator_for(user_id)  # the answer is due within 3 seconds
    profile, errors = check_profile(read_profile_form(view["state"]["values"]), services.settings.function_areas)
    if profile is None:
        ack(response_action="errors", errors={field: t(key) for field, key in errors.items()})
        return
    services.profiles.save(user_id, profile, suggest=profile.role.learns)
    answer = notice_modal(t, "profile.title", t("welcome.saved")) if profile.role.learns else saved_modal(t)
    ack(response_action="update", view=answer)


def register(app: App) -> None:
    app.action(FIND_BUDDY)(buddy_clicked)
    register_view(app, BUDDY_PROFILE, buddy_profile_submitted)
