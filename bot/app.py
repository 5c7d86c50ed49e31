"""The composition root: settings in, a wired Bolt app and its services out."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import timedelta

from slack_bolt import App
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.checkins.calendar import schedule_for
from bot.checkins.planner import Planner
from bot.checkins.service import CheckinService
from bot.courier import Courier
from bot.inbox import EventInbox
from bot.operations import Operations
from bot.outbox import Dispatcher
from bot.pairings import PairingService
from bot.people import PeopleService
from bot.profiles import ProfileService
from bot.services import Services
from bot.settings import Settings
from bot.slack_api import Messenger, build_dispatch_client, build_web_client
from bot.suggestions import SuggestionService
from handlers.deliveries import kinds
from handlers.registry import register_all
from storage.db import make_engine, make_session_factory, utcnow
from storage.uow import UnitOfWork

# Rows a process sends side by side: a Slack call takes tens of milliseconds, most of it waiting.
SENDERS = 4


@dataclass(frozen=True)
class Mentorbot:
    app: App
    services: Services
    engine: Engine
    dispatcher: Dispatcher
    operations: Operations


def build_services(settings: Settings, uow: Callable[[], UnitOfWork], client: WebClient) -> Services:
    people = PeopleService(uow, client, utcnow)
    profiles = ProfileService(uow, utcnow)
    messenger = Messenger(client)
    suggestions = SuggestionService(uow, profiles, people, settings, utcnow)
    pairings = PairingService(uow, profiles, utcnow, settings.checkin_cadence)
    schedule = schedule_for(settings.prompt_time, settings.working_hours, settings.holiday_country)
    max_age = timedelta(days=settings.prompt_max_age_days)
    return Services(
        settings=settings,
        people=people,
        inbox=EventInbox(uow, utcnow),
        messenger=messenger,
        profiles=profiles,
        suggestions=suggestions,
        pairings=pairings,
        courier=Courier(uow, utcnow),
        checkins=CheckinService(uow, schedule, utcnow, max_age),
        planner=Planner(uow, schedule, utcnow, max_age),
    )


def build(settings: Settings, listener_executor: Executor | None = None, *, inline: bool = False) -> Mentorbot:
    """Everything the bot is made of.

    `listener_executor` and `inline` let tests and the demo run listeners, and send what they
    write to the outbox, on the request's own thread, so what happened is known when it returns.
    """
    engine = make_engine(settings.database_url)
    session_factory = make_session_factory(engine)
    doorbell: list[Callable[[], None]] = []  # the dispatcher's wake, once built: it needs the services first

    def ring() -> None:
        for wake in doorbell:
            wake()

    def uow() -> UnitOfWork:
        return UnitOfWork(session_factory, on_outbox_commit=ring)

    client = build_web_client(settings)
    services = build_services(settings, uow, client)
    lease = timedelta(seconds=settings.outbox_lease_seconds)
    senders = 1 if inline else SENDERS  # inline: one at a time, in order, so tests and the demo read the same each run
    dispatcher = Dispatcher(
        uow, build_dispatch_client(settings), kinds(services), utcnow, lease, senders=senders, inline=inline
    )
    doorbell.append(dispatcher.wake)
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
    return Mentorbot(app, services, engine, dispatcher, Operations(uow, dispatcher, utcnow, services.planner))
