"""Registers every Slack surface on the Bolt app."""

from __future__ import annotations

from slack_bolt import App

from bot.services import Services
from handlers import actions, checkins, commands, context, errors, evaluations, events, privacy, views
from handlers.digest import preview as digest
from handlers.feedback import dialog as feedback
from handlers.hrtools import stalled
from handlers.knowledge import dialog as knowledge
from handlers.rounds import preview as rounds
from handlers.waiting import actions as waiting
from handlers.welcomes import buddy as welcomes


def register_all(app: App, services: Services) -> None:
    context.register(app, services)
    errors.register(app)
    commands.register(app)
    actions.register(app)
    events.register(app)
    views.register(app)
    checkins.register(app)
    evaluations.register(app)
    feedback.register(app)
    privacy.register(app)
    digest.register(app)
    stalled.register(app)
    rounds.register(app)
    waiting.register(app)
    welcomes.register(app)
    knowledge.register(app)
