"""What an operator runs by hand: the tick, the outbox's status, and re-queueing a row checked by hand.

Nothing here prints message text: rows hold ids and kinds, never words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.checkins.planner import Planner
from bot.delivery.outbox import Dispatcher
from bot.delivery.slack_api import TOKEN_REFUSALS
from bot.digest.service import DigestService
from bot.evaluations import EvaluationService
from bot.expiry import RequestExpiry
from bot.feedback.giving import FeedbackService
from bot.feedback.releases import ReleaseService
from bot.knowledge.service import KnowledgeService
from bot.privacy.service import PrivacyService
from bot.retention.service import Forgotten, Retention
from bot.rounds.service import RoundService
from bot.waiting.service import WaitingNotices
from storage.checkins import next_planning
from storage.evaluations import next_evaluation
from storage.models import OutboxState
from storage.outbox import (
    count_by_kind_and_state,
    forget_old,
    held_rows,
    next_due,
    problems_since,
    refusals_pending,
    requeue,
)
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

EVENTS_KEPT = timedelta(days=1)  # Slack retries an event for minutes, not days
ROWS_KEPT = timedelta(days=30)  # sent rows stay a while, so `outbox status` can show what happened
PROBLEMS_SHOWN = timedelta(days=7)


@dataclass(frozen=True)
class TickReport:
    dispatched: int
    prompts_planned: int
    events_forgotten: int
    rows_forgotten: int
    requests_expired: int = 0
    notes_forgotten: int = 0  # check-in notes deleted: NOTE_RETENTION_DAYS after they were written
    reasons_forgotten: int = 0  # decline reasons deleted: 90 days after the request was answered
    feedback_released: bool = False  # this tick made the week's feedback release
    digest_planned: bool = False  # this tick planned the week's HR digest
    people_erased: int = 0  # gone from Slack for ERASE_AFTER_DAYS, erased (bot.privacy)
    reminders_planned: int = 0  # knowledge sessions' reminders written (an hour before; bot.knowledge)
    seats_forgotten: int = 0  # who joined knowledge sessions over 30 days ago, deleted
    proposals_expired: int = 0  # a matching round's proposals not both answered in time (bot.rounds)
    waiting_told: int = 0  # waiting mentees told of a mentor who fits them and has room (bot.waiting)
    rounds_forgotten: int = 0  # matching round previews never sent, deleted after a week (bot.rounds)


@dataclass(frozen=True)
class Erasing:
    """The grace-period erasure the tick runs: people gone from Slack for `after` (ERASE_AFTER_DAYS)."""

    privacy: PrivacyService
    after: timedelta

    def erase_due(self) -> int:
        return self.privacy.erase_gone(self.after)


class Operations:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        dispatcher: Dispatcher,
        clock: Callable[[], datetime],
        planner: Planner | None = None,
        expiry: RequestExpiry | None = None,
        evaluations: EvaluationService | None = None,
        feedback: FeedbackService | None = None,
        retention: Retention | None = None,
        releases: ReleaseService | None = None,
        digests: DigestService | None = None,
        erasure: Erasing | None = None,
        *,
        knowledge: KnowledgeService | None = None,
        proposals: RoundService | None = None,
        waiting: WaitingNotices | None = None,
    ) -> None:
        self._uow = uow
        self._dispatcher = dispatcher
        self._clock = clock
        self._planner = planner
        self._expiry = expiry
        self._evaluations = evaluations
        self._feedback = feedback
        self._retention = retention
        self._releases = releases
        self._digests = digests
        self._erasure = erasure
        self._knowledge = knowledge
        self._proposals = proposals
        self._waiting = waiting

    def tick(self) -> TickReport:
        """The check-ins whose time has come planned, unanswered requests expired, evaluations asked for,
        the week's feedback release made (once a week), the week's HR digest planned, waiting mentees told of a
        mentor who fits them (bot.waiting), everything due now sent,
        then the housekeeping: private texts whose time is up deleted, old events and sent rows forgotten.

        What the scheduler runs every minute.
        """
        planned = self._planner.plan_due().prompts if self._planner is not None else 0
        expired = self._expiry.expire_due() if self._expiry is not None else 0
        proposals_expired = self._proposals.expire_due() if self._proposals is not None else 0
        if self._evaluations is not None:
            self._evaluations.send_due()
        released = self._releases.release_due() if self._releases is not None else False
        digest = self._digests.plan_due() if self._digests is not None else False  # after the release it shows
        reminders = self._knowledge.plan_reminders() if self._knowledge is not None else 0
        told = self._waiting.look().told if self._waiting is not None else 0  # mentees waiting, told of a mentor
        dispatched = self._dispatcher.dispatch_due()
        forgotten = self._retention.forget_due() if self._retention is not None else Forgotten(0, 0)
        with self._uow() as uow:
            events, rows = forget_old(uow.session, self._clock(), EVENTS_KEPT, ROWS_KEPT)
            uow.commit()
        if self._feedback is not None:  # who gave feedback on what is kept only while its week lasts
            self._feedback.forget_past_weeks()
        erased = self._erasure.erase_due() if self._erasure is not None else 0
        seats = self._knowledge.forget_old() if self._knowledge is not None else 0
        rounds = self._proposals.forget_unsent() if self._proposals is not None else 0
        return TickReport(
            dispatched,
            planned,
            events,
            rows,
            expired,
            forgotten.notes,
            forgotten.decline_reasons,
            released,
            digest,
            erased,
            reminders,
            seats,
            proposals_expired,
            told,
            rounds,
        )

    def next_due(self) -> datetime | None:
        """When a tick next has something to do: an outbox row falls due, a rhythm is to be planned, an
        evaluation to be asked for, or a knowledge session's reminders to be written."""
        with self._uow() as uow:
            moments = [
                next_due(uow.session),
                next_planning(uow.session) if self._planner is not None else None,
                next_evaluation(uow.session) if self._evaluations is not None else None,
            ]
        if self._knowledge is not None:  # a knowledge session's reminders
            moments.append(self._knowledge.next_reminder())
        return min((moment for moment in moments if moment is not None), default=None)

    def outbox_status(self) -> list[str]:
        """Counts per kind and state (`refused`: Slack said no; `cancelled`: nothing to send any more, by
        design), rows waiting for a token Slack accepts, then the unknown, failed and refused rows of the
        last week and the rows they hold."""
        since = self._clock() - PROBLEMS_SHOWN
        with self._uow() as uow:  # read while the session lives: the rows are not kept
            counts = count_by_kind_and_state(uow.session)
            refusals = refusals_pending(uow.session, sorted(TOKEN_REFUSALS))
            problems = problems_since(
                uow.session, since, (OutboxState.UNKNOWN, OutboxState.FAILED, OutboxState.REFUSED)
            )
            held = held_rows(uow.session)
            lines = [f"{'kind':<24} {'state':<10} {'rows':>6}"]
            lines += [f"{kind:<24} {state:<10} {n:>6}" for kind, state, n in counts] or ["(the outbox is empty)"]
            for error in refusals:
                lines += [
                    "",
                    f"pending rows wait: Slack refused the bot's token ({error}) at the last try. Configure a "
                    "working SLACK_BOT_TOKEN (or reinstall the app); they are sent once Slack accepts it",
                ]
            if problems:
                lines += [
                    "",
                    "unknown, failed or refused by Slack in the last 7 days "
                    "(check by hand, then `mentorbot outbox retry ID`):",
                ]
                lines += [
                    f"  #{row.id} {row.kind} {row.state} ({row.error or 'no detail'}) at {_when(row.finished_at)}"
                    for row in problems
                ]
            if held:
                lines += ["", "waiting behind a failed row of theirs:"]
                lines += [f"  #{row.id} {row.kind} (order key {row.order_key})" for row in held]
            return lines

    def retry(self, row_id: int) -> bool:
        """Re-queue a failed, unknown, refused, cancelled or expired row, now (an expired one gets a new expiry);
        False when there is no such row."""
        with self._uow() as uow:
            done = requeue(uow.session, row_id, self._clock())
            uow.commit()
        if done:
            log.info("outbox row %s re-queued by an operator", row_id)
            self._dispatcher.wake()
        return done


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "?"
