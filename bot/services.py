"""The services a request can use, bundled so handlers reach them through Bolt's context."""

from __future__ import annotations

from dataclasses import dataclass

from bot.audit.trail import AuditTrail
from bot.checkins.planner import Planner
from bot.checkins.service import CheckinService
from bot.delivery.courier import Courier
from bot.delivery.inbox import EventInbox
from bot.delivery.slack_api import Messenger
from bot.departures import Departures
from bot.digest.service import DigestService
from bot.evaluations import EvaluationService
from bot.feedback.giving import FeedbackService
from bot.feedback.releases import ReleaseService
from bot.hrtools.service import HrToolsService
from bot.knowledge.service import KnowledgeService
from bot.pairings import PairingService
from bot.people import PeopleService
from bot.people_changes import PersonChanges
from bot.pool.cache import PoolCache
from bot.privacy.service import PrivacyService
from bot.profiles import ProfileService
from bot.rounds.service import RoundService
from bot.runtime.settings import Settings
from bot.suggestions import SuggestionService
from bot.waiting.service import WaitingNotices
from bot.welcomes.service import WelcomeService
from storage.db import DatabaseBusyError as DatabaseBusyError  # handlers answer it with "try again"


@dataclass(frozen=True)
class Services:
    settings: Settings
    people: PeopleService
    inbox: EventInbox
    messenger: Messenger
    profiles: ProfileService
    suggestions: SuggestionService
    pool: PoolCache  # every open mentor, in memory, refreshed when the pool version moves (bot.pool)
    pairings: PairingService
    courier: Courier
    checkins: CheckinService
    planner: Planner
    departures: Departures
    evaluations: EvaluationService
    person_changes: PersonChanges
    releases: ReleaseService
    feedback: FeedbackService
    privacy: PrivacyService
    audit: AuditTrail
    digest: DigestService
    hrtools: HrToolsService
    rounds: RoundService
    waiting: WaitingNotices
    welcomes: WelcomeService
    knowledge: KnowledgeService
