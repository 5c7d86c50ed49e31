"""Hands every listener the app's services through Bolt's context."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext

from bot.services import Services


def register(app: App, services: Services) -> None:
    def provide_services(context: BoltContext, next_: Callable[[], Any]) -> Any:
        context["services"] = services
        return next_()

    app.use(provide_services)
