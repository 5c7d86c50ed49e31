"""`/mentor` and its subcommands: parse, call a service, reply privately."""

from __future__ import annotations

from functools import partial
from typing import Any

from slack_bolt import Ack, App

from bot.admin.access import is_hr_admin
from bot.services import Services
from bot.text import unescape
from handlers import admin, checkins, privacy
from handlers.blocks.help import help_blocks
from handlers.blocks.profile import profile_modal
from handlers.blocks.status import status_blocks
from handlers.blocks.suggestions import find_blocks, find_text
from handlers.feedback.dialog import feedback_command
from handlers.invocation import Invocation, Subcommand
from handlers.knowledge.dialog import session_command


def show_help(invocation: Invocation) -> None:
    t = invocation.t
    invocation.reply(t("help.title"), help_blocks(t, listed(invocation)))


def listed(invocation: Invocation) -> list[str]:
    """The subcommands the help lists to this person: `privacy …` to all, `admin …` only to HR admins."""
    names = [name for name in SUBCOMMANDS if name not in ("admin", "privacy")]
    hr = is_hr_admin(invocation.services.settings, invocation.user_id)
    return names + privacy.LISTED + (admin.LISTED if hr else [])


def edit_profile(invocation: Invocation) -> None:
    services, t = invocation.services, invocation.t
    existing = services.profiles.get(invocation.user_id)
    modal = profile_modal(t, services.settings.function_areas, existing)
    if not services.messenger.call("views.open", trigger_id=invocation.trigger_id, view=modal).ok:
        invocation.reply(t("error.generic"))
    services.people.who(invocation.user_id)  # the language was taken from the cache: refresh it for next time


def find_mentors(invocation: Invocation) -> None:
    result = invocation.services.suggestions.find(invocation.user_id)
    # Find read their language with the rest (fresh, or asked of Slack); otherwise it is looked up now.
    t = invocation.services.people.translator_in(result.language) if result.language else invocation.t
    invocation.reply(find_text(t, result), find_blocks(t, result))


def show_status(invocation: Invocation) -> None:
    overview = invocation.services.pairings.overview(invocation.user_id)
    invocation.reply(invocation.t("status.title"), status_blocks(invocation.t, overview))


def pause_pairing(invocation: Invocation) -> None:
    checkins.pause_command(
        invocation.services, invocation.user_id, invocation.t, invocation.trigger_id, invocation.reply
    )


def end_pairing(invocation: Invocation) -> None:
    checkins.end_command(invocation.services, invocation.user_id, invocation.t, invocation.reply)


def give_feedback(invocation: Invocation) -> None:
    feedback_command(invocation.services, invocation.user_id, invocation.t, invocation.trigger_id, invocation.reply)


# In the order the help lists them; each name has a line in handlers.blocks.help.LINES.
SUBCOMMANDS: dict[str, Subcommand] = {
    "help": show_help,
    "profile": edit_profile,
    "find": find_mentors,
    "status": show_status,
    "pause": pause_pairing,
    "end": end_pairing,
    "feedback": give_feedback,
    "session": session_command,  # offer a knowledge session (mentors; handlers.knowledge)
    "privacy": privacy.privacy_command,  # export or delete one's own data (handlers.privacy)
    "admin": admin.admin_command,  # its own subcommands, each checked for HR (handlers.admin)
}
# These open a dialog, which must happen within the trigger's 3 seconds: their language comes
# from the cache, however old, rather than from a `users.info` that may be slow.
OPENS_A_DIALOG = frozenset({"profile", "pause", "feedback", "session"})


def parse(text: str) -> tuple[str, str]:
    word, _, rest = text.strip().partition(" ")
    return word.lower(), rest.strip()


def mentor_command(ack: Ack, command: dict[str, Any], services: Services) -> None:
    ack()
    name, args = parse(command.get("text") or "")
    user_id = command["user_id"]
    people = services.people
    look_up = people.cached_translator_for if name in OPENS_A_DIALOG else people.translator_for
    trigger_id = command.get("trigger_id", "")
    invocation = Invocation(user_id, args, command["response_url"], trigger_id, partial(look_up, user_id), services)
    if not name:
        show_help(invocation)
        return
    subcommand = SUBCOMMANDS.get(name)
    if subcommand is None:
        typed = unescape(command.get("text") or "").strip()
        t = invocation.t
        invocation.reply(t("help.title"), help_blocks(t, listed(invocation), not_understood=typed))
        return
    subcommand(invocation)


def register(app: App) -> None:
    app.command("/mentor")(mentor_command)
