"""The one handler for the unexpected: log it, and tell the person in plain words."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext

from bot import slack_ids
from bot.i18n import Language
from bot.services import Services
from storage.db import DatabaseBusyError

log = logging.getLogger(__name__)


def on_error(error: Exception, body: dict[str, Any], context: BoltContext) -> None:
    kind = body.get("type") or ("slash_command" if "command" in body else "unknown")
    busy = isinstance(error, DatabaseBusyError)
    if busy:  # expected under load: one line, and the person is asked to try again
        log.warning("a %s listener met a busy database; its person was asked to try again", kind)
    else:
        log.error("unhandled error in a %s listener", kind, exc_info=error)
    services: Services | None = context.get("services")
    response_url = body.get("response_url") or _first_response_url(body)
    user = body.get("user")  # an object in interactions, an id in some events
    user_id = slack_ids.user_id(body.get("user_id") or (user.get("id") if isinstance(user, dict) else user))
    if services is None or not (response_url or user_id):
        return
    try:
        t = services.people.translator_for(user_id) if user_id else services.people.translator_in(Language.EN)
    except Exception:  # the database may be what failed
        t = services.people.translator_in(Language.EN)
    said = t("error.busy" if busy else "error.generic")
    if response_url:
        services.messenger.reply(response_url, said)
    elif user_id:  # a dialog or the App Home: no reply of its own, so a DM
        services.messenger.post(user_id, said)


def _first_response_url(body: dict[str, Any]) -> str | None:
    urls = body.get("response_urls") or []
    return urls[0].get("response_url") if urls else None


class WithoutBodies(logging.Filter):
    """Bolt's warnings about a request no listener takes quote parts of its body (a typed search, a
    dialog's fields, for a global middleware the whole body); people's words stay out of the logs."""

    QUOTING = ("Unhandled request", "A global middleware")

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith(self.QUOTING):
            record.msg, record.args = "%s (body not logged)", (record.msg.split(" (", 1)[0],)
        return True


def register(app: App) -> None:
    app.error(on_error)
    if not any(isinstance(f, WithoutBodies) for f in app.logger.filters):  # the logger outlives the app
        app.logger.addFilter(WithoutBodies())
