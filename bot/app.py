"""The composition root: settings in, a wired Bolt app and its services out."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from slack_bolt import App
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.audit.trail import AuditTrail
from bot.checkins.calendar import schedule_for
from bot.checkins.planner import Planner
from bot.checkins.quiet import end_stalled_on_start
from bot.checkins.service import CheckinService, rhythm_starts
from bot.delivery.channels import ChannelCheck
from bot.delivery.courier import Courier
from bot.delivery.directory import SlackDirectory
from bot.delivery.inbox import EventInbox
from bot.delivery.kinds import KINDS
from bot.delivery.outbox import Dispatcher, Kind
from bot.delivery.slack_api import Messenger, build_dispatch_client, build_web_client
from bot.departures import Departures
from bot.digest.service import DigestService
from bot.evaluations import EvaluationService
from bot.expiry import RequestExpiry
from bot.feedback.giving import FeedbackService
from bot.feedback.releases import ReleaseService
from bot.hrtools.service import HrToolsService
from bot.i18n import load_catalogs
from bot.knowledge.service import KnowledgeService, give_up_seats_of_leaver
from bot.lifecycle import Lifecycle, end_pairings_of_leaver
from bot.pairings import PairingService, withdraw_requests_of_leaver
from bot.people import PeopleService
from bot.people_changes import PersonChanges
from bot.pool.cache import PoolCache
from bot.privacy.service import PrivacyService
from bot.profiles import ProfileService
from bot.retention.service import Retention
from bot.rounds.service import RoundService, drop_proposals_on_start, withdraw_proposals_of_leaver
from bot.runtime.executor import ListenerThreads
from bot.runtime.health import DatabaseCheck, Health, SlackTokenCheck
from bot.runtime.operations import Erasing, Operations
from bot.runtime.settings import Settings
from bot.services import Services
from bot.suggestions import SuggestionService
from bot.synonyms.table import load_synonyms
from bot.waiting.service import WaitingNotices
from bot.welcomes.service import WelcomeService
from handlers import checkin_deliveries, deliveries, evaluation_deliveries
from handlers.digest import deliveries as digest_deliveries
from handlers.feedback import deliveries as feedback_deliveries
from handlers.hrtools import deliveries as hrtools_deliveries
from handlers.knowledge import deliveries as knowledge_deliveries
from handlers.privacy import deliveries as privacy_deliveries
from handlers.registry import register_all
from handlers.rounds import deliveries as rounds_deliveries
from handlers.waiting import deliveries as waiting_deliveries
from handlers.welcomes import deliveries as welcome_deliveries
from storage.db import make_engine, make_session_factory, utcnow
from storage.uow import UnitOfWork

# How long work someone waits on may wait for another writer's lock (Slack allows 3 s for the answer).
REQUEST_LOCK_WAIT_SECONDS = 1.5
# Rows a process sends side by side: a Slack call takes tens of milliseconds, most of it waiting.
SENDERS = 4


@dataclass(frozen=True)
class Mentorbot:
    app: App
    services: Services
    engine: Engine
    dispatcher: Dispatcher
    operations: Operations
    identity: SlackIdentity
    listeners: Executor
    health: Health


def build_services(
    settings: Settings,
    uow: Callable[[], UnitOfWork],
    client: WebClient,
    background_uow: Callable[[], UnitOfWork] | None = None,
) -> Services:
    """`uow` for work someone waits on; `background_uow` (the same if not given) for the tick's planner."""
    people = PeopleService(uow, SlackDirectory(client).look_up, utcnow, load_catalogs(settings.messages_dir))
    profiles = ProfileService(uow, utcnow)
    messenger = Messenger(client)
    pool = PoolCache(load_synonyms(settings.synonyms_file), settings.working_hours)  # read and checked at start
    suggestions = SuggestionService(uow, profiles, people, settings, utcnow, pool)
    schedule = schedule_for(settings.prompt_time, settings.working_hours, settings.holiday_country)
    evaluations = EvaluationService(uow, utcnow, settings.programme_months, schedule)
    lifecycle = Lifecycle()  # a start's followers, in this order: the stalled pairing ends before the new one begins
    lifecycle.on_start(end_stalled_on_start)
    lifecycle.on_start(rhythm_starts(settings.checkin_cadence))
    lifecycle.on_start(evaluations.pairing_started)
    lifecycle.on_start(drop_proposals_on_start)  # a mentee paired another way leaves their round's proposal
    pairings = PairingService(uow, profiles, utcnow, lifecycle, schedule.working_days)
    max_age = timedelta(days=settings.prompt_max_age_days)
    checkins = CheckinService(uow, schedule, utcnow, max_age)
    departures = Departures(background_uow or uow, utcnow)  # a leaver's pairings end before their requests close
    departures.on_leave("pairings ended", end_pairings_of_leaver)
    departures.on_leave("requests withdrawn", withdraw_requests_of_leaver)
    departures.on_leave("seats given up", give_up_seats_of_leaver)  # and the sessions they host cancelled
    departures.on_leave("round proposals dropped", withdraw_proposals_of_leaver)
    releases = ReleaseService(uow, utcnow, settings.feedback_min_group, settings.function_areas)
    welcomes = WelcomeService(uow, utcnow, schedule, settings.welcome_new_joiners)
    return Services(
        settings=settings,
        people=people,
        inbox=EventInbox(uow, utcnow, on_join=welcomes.joined),
        messenger=messenger,
        profiles=profiles,
        suggestions=suggestions,
        pool=pool,
        pairings=pairings,
        courier=Courier(uow, utcnow),
        checkins=checkins,
        planner=Planner(background_uow or uow, schedule, utcnow, max_age),
        departures=departures,
        evaluations=evaluations,
        person_changes=PersonChanges(people, departures, checkins),
        releases=releases,
        feedback=FeedbackService(uow, utcnow, settings.hr_admins, settings.feedback_min_group),
        privacy=PrivacyService(uow, utcnow),
        audit=AuditTrail(uow, utcnow),
        digest=DigestService(uow, utcnow, settings, releases, pool.synonyms),
        hrtools=HrToolsService(uow, utcnow, settings),
        rounds=RoundService(uow, utcnow, settings, lifecycle, pool, schedule.working_days),
        waiting=WaitingNotices(uow, people, settings, utcnow, pool.synonyms, schedule),
        welcomes=welcomes,
        knowledge=KnowledgeService(
            uow, utcnow, profiles, ChannelCheck(client).can_post, lambda user_id: people.cached(user_id).tz
        ),
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
        """For work someone waits on: a lock held elsewhere is waited for briefly, then "try again"."""
        return UnitOfWork(session_factory, on_outbox_commit=ring, wait_at_most=REQUEST_LOCK_WAIT_SECONDS)

    def background_uow() -> UnitOfWork:
        """For the dispatcher and the tick, which nobody waits on: they wait their turn."""
        return UnitOfWork(session_factory, on_outbox_commit=ring)

    client = build_web_client(settings)
    services = build_services(settings, uow, client, background_uow)
    lease = timedelta(seconds=settings.outbox_lease_seconds)
    senders = 1 if inline else SENDERS  # inline: one at a time, in order, so tests and the demo read the same each run
    dispatcher = Dispatcher(
        background_uow, build_dispatch_client(settings), kinds(services), utcnow, lease, senders=senders, inline=inline
    )
    doorbell.append(dispatcher.wake)
    identity = SlackIdentity(settings.slack_bot_token)
    listeners = listener_executor or ListenerThreads()
    app = App(
        # Bolt's own client carries no token: the one each request uses comes from `authorize`.
        client=WebClient(base_url=client.base_url, timeout=client.timeout),
        signing_secret=settings.slack_signing_secret or "",
        # HTTP requests are verified by bot.runtime.web before Bolt sees them; Socket Mode needs none.
        request_verification_enabled=False,
        # Who the bot is comes from the check `serve` makes at start, never from a call per request:
        # while Slack is unreachable, requests that need no Slack call still work.
        authorize=identity.authorizer(),
        listener_executor=listeners,
        logger=logging.getLogger("slack_bolt.mentorbot"),  # a library's: its DEBUG shows request bodies
    )
    register_all(app, services)
    schedule = schedule_for(settings.prompt_time, settings.working_hours, settings.holiday_country)
    releases = ReleaseService(background_uow, utcnow, settings.feedback_min_group, settings.function_areas)
    operations = Operations(
        background_uow,
        dispatcher,
        utcnow,
        services.planner,
        RequestExpiry(background_uow, utcnow),
        EvaluationService(background_uow, utcnow, settings.programme_months, schedule),  # the tick waits its turn
        FeedbackService(background_uow, utcnow, settings.hr_admins, settings.feedback_min_group),
        Retention(background_uow, utcnow, settings.note_retention_days),
        releases,
        DigestService(background_uow, utcnow, settings, releases, services.pool.synonyms),
        Erasing(PrivacyService(background_uow, utcnow), timedelta(days=settings.erase_after_days)),
        # The tick's reminders and clean-up wait their turn; it never offers a session (no channel to ask about).
        knowledge=KnowledgeService(background_uow, utcnow, services.profiles, lambda _channel: None, lambda _user: ""),
        proposals=services.rounds.working_in(background_uow),  # the tick's expiry waits its turn
        waiting=WaitingNotices(background_uow, services.people, settings, utcnow, services.pool.synonyms, schedule),
    )
    health = Health([SlackTokenCheck(dispatcher.health), DatabaseCheck(engine)])
    return Mentorbot(app, services, engine, dispatcher, operations, identity, listeners, health)


class SlackIdentity:
    """Who the bot is in its workspace, as `auth.test` said at start (unknown before, or if Slack was down)."""

    def __init__(self, token: str | None) -> None:
        self.token = token
        self.bot_user_id: str | None = None
        self.bot_id: str | None = None
        self.team_id: str | None = None

    def learn(self, auth_test: Mapping[str, Any]) -> None:
        self.bot_user_id = _text(auth_test.get("user_id"))
        self.bot_id = _text(auth_test.get("bot_id"))
        self.team_id = _text(auth_test.get("team_id"))

    def authorizer(self) -> Callable[..., AuthorizeResult]:
        """For Bolt's `authorize`, which reads a function's parameter names (a method's `self` confuses it)."""

        def authorize(enterprise_id: str | None, team_id: str | None) -> AuthorizeResult:
            return AuthorizeResult(
                enterprise_id=enterprise_id,
                team_id=team_id or self.team_id,
                bot_token=self.token,
                bot_user_id=self.bot_user_id,
                bot_id=self.bot_id,
            )

        return authorize


def _text(value: object) -> str | None:
    return str(value) if value else None


def kinds(services: Services) -> dict[str, Kind]:
    """The dispatcher's table: each feature's senders joined to the kinds declared (bot.delivery.kinds.KINDS)."""
    senders = {
        **deliveries.senders(services),
        **checkin_deliveries.senders(services),
        **evaluation_deliveries.senders(services),
        **feedback_deliveries.senders(services),
        **privacy_deliveries.senders(services),
        **digest_deliveries.senders(services),
        **hrtools_deliveries.senders(services),
        **rounds_deliveries.senders(services),
        **waiting_deliveries.senders(services),
        **welcome_deliveries.senders(services),
        **knowledge_deliveries.senders(services),
    }
    return KINDS.kinds(senders)
