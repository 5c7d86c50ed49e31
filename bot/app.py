"""The composition root: settings in, a wired Bolt app and its services out."""

from __future__ import annotations

import logging
from concurrent.futures import Executor
from dataclasses import dataclass

from slack_bolt import App
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.handshake import Handshake
from bot.inbox import EventInbox
from bot.pairings import PairingService
from bot.people import PeopleService
from bot.profiles import ProfileService
from bot.services import Services
from bot.settings import Settings
from bot.slack_api import Messenger, build_web_client
from bot.suggestions import SuggestionService
from handlers.notifier import SlackNotifier
from handlers.registry import register_all
from storage.db import make_engine, make_session_factory, utcnow
from storage.uow import UnitOfWork


@dataclass(frozen=True)
class Mentorbot:
    app: App
    services: Services
    engine: Engine


def build_services(settings: Settings, engine: Engine, client: WebClient) -> Services:
    session_factory = make_session_factory(engine)

    def uow() -> UnitOfWork:
        return UnitOfWork(session_factory)

    people = PeopleService(uow, client, utcnow)
    profiles = ProfileService(uow, utcnow)
    messenger = Messenger(client)
    suggestions = SuggestionService(uow, profiles, people, settings, utcnow)
    pairings = PairingService(uow, profiles, utcnow)
    notifier = SlackNotifier(messenger, people, pairings)
    return Services(
        settings=settings,
        people=people,
        inbox=EventInbox(uow, utcnow),
        messenger=messenger,
        profiles=profiles,
        suggestions=suggestions,
        pairings=pairings,
        handshake=Handshake(pairings, suggestions, profiles, notifier, settings.checkin_cadence),
        notifier=notifier,
    )


def build(settings: Settings, listener_executor: Executor | None = None) -> Mentorbot:
    """Everything the bot is made of. `listener_executor` lets tests and the demo run listeners inline."""
    engine = make_engine(settings.database_url)
    client = build_web_client(settings)
    services = build_services(settings, engine, client)
    app = App(
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        # HTTP requests are verified by bot.web before Bolt sees them; Socket Mode needs none.
        request_verification_enabled=False,
        token_verification_enabled=False,
        listener_executor=listener_executor,
        logger=logging.getLogger("slack_bolt.mentorbot"),  # a library's: its DEBUG shows request bodies
    )
    register_all(app, services)
    return Mentorbot(app, services, engine)
