"""Events API: each event is kept, with what it calls for, before Slack gets its 200 (see bot.delivery.inbox).

Bolt acknowledges an event before its listener runs, so the keeping is a listener middleware, which
runs first, on the request's own thread: an event that could not be kept fails the request, and
Slack retries it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse

from bot.services import DatabaseBusyError, Services

log = logging.getLogger(__name__)


def keep_event(body: dict[str, Any], services: Services, next_: Callable[[], BoltResponse]) -> BoltResponse:
    try:
        services.inbox.keep(str(body["event_id"]), body["event"])
    except DatabaseBusyError:
        log.warning("an event met a busy database; Slack is asked to send it again")
        return BoltResponse(status=503, body="busy: please retry")
    return next_()


def kept() -> None:
    """Nothing left to do here: the dispatcher acts on what the event called for."""


def register(app: App) -> None:
    for name in ("app_home_opened", "user_change", "team_join"):
        app.event(name, middleware=[keep_event])(kept)
