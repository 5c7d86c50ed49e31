"""The weekly HR digest: planned by the tick once a week, previewed and posted now by HR, kept to compare.

The tick plans the latest digest moment that has come (bot.digest.schedule) as one outbox row keyed by its
week, so with any number of replicas it is planned once, and after downtime once, late. The row is rendered
when it goes out (handlers/digest/deliveries.py) from what is true then: the figures read now, last week's kept
ones (`digest_figures`, saved once the weekly digest is posted) and the current feedback release. If Slack
won't let the bot post in HR_CHANNEL, the HR admins are told once per digest and the row waits its turn again.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.admin.access import digest_reader
from bot.audit.trail import SYSTEM, record_in
from bot.delivery.letters import TELLING, Notice, Tell
from bot.delivery.outbox import enqueue
from bot.digest.figures import Digest, Figures, figures_from_json, figures_to_json
from bot.digest.kinds import DIGEST, DIGESTS, DigestAbout, now_key
from bot.digest.read import read_figures
from bot.digest.schedule import digest_week, late_since, latest_moment, weekly_key, worth_planning
from bot.feedback.releases import ReleaseService
from bot.runtime.settings import Settings
from bot.synonyms.table import Synonyms
from storage.digest_figures import any_digest, figures_before, figures_of_week, latest_figures, save_figures
from storage.outbox import cancel_superseded
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

# While Slack refuses the HR channel (the bot not invited, the channel gone), the digest tries again this often:
# one refused call each time, which shows nobody anything.
CHANNEL_RETRY = timedelta(minutes=10)
_PREVIEW_ID = re.compile(r"^[0-9a-f]{32}$")
# What the HR admins are told when Slack refuses the channel, by Slack's reason (bot.delivery.files.CHANNEL_REFUSALS).
REFUSAL_NOTICES = {
    "not_in_channel": "digest.refused.not_in_channel",
    "channel_not_found": "digest.refused.channel_not_found",
}


@dataclass(frozen=True)
class ToSend:
    """A digest as it goes out: what it shows, and since when it is late (None: on time, or posted now)."""

    digest: Digest
    late_since: date | None  # the day it was due


class PostNow(StrEnum):
    QUEUED = "queued"  # it goes out now
    ALREADY = "already"  # this preview was posted already (a second click)
    NO_CHANNEL = "no_channel"  # HR_CHANNEL is not set


def preview_id(value: object) -> str | None:
    """A preview's id from its button's value (a UUID's 32 hex digits), or None for anything else."""
    return value if isinstance(value, str) and _PREVIEW_ID.match(value) else None


class DigestService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Callable[[], datetime],
        settings: Settings,
        releases: ReleaseService,
        synonyms: Synonyms,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._settings = settings
        self._releases = releases
        self._synonyms = synonyms  # matching's table: a skill asked for is offered when a mentor offers its concept
        self._planned = ""  # the week this process planned last: planning it again would change nothing

    @property
    def channel(self) -> str | None:
        return self._settings.hr_channel

    @property
    def reader(self) -> str | None:
        """The HR admin whose language the digest is in (bot.admin.access.digest_reader)."""
        return digest_reader(self._settings)

    def plan_due(self) -> bool:
        """Run by the tick: plan the latest weekly digest if it isn't yet; True when this call planned it.

        One row per week (its unique key): two replicas planning at once write one. A digest of an earlier week
        still waiting (kept while the bot couldn't post in the channel) is cancelled: the new one says it all.
        """
        if not self.channel:
            return False
        now, at, zone = self._clock(), self._settings.digest_at, self._settings.hr_timezone
        moment = latest_moment(now, at.weekday, at.at, zone)
        week = digest_week(moment, zone)
        if self._planned == week:
            return False
        key = weekly_key(week)
        with self._uow() as uow:
            if not worth_planning(moment, now, ever_planned=any_digest(uow.session, DIGEST)):
                return False  # the first digest comes at its time, not late at the bot's first start
            letter = DIGESTS.letter(self.channel, DigestAbout(week, moment.isoformat()), unique_key=key)
            planned = enqueue(uow.session, letter, now)
            if planned:
                cancel_superseded(uow.session, [DIGEST], key, now, "a newer digest was planned")
            uow.commit()
        self._planned = week
        return planned

    def preview(self) -> Digest:
        """The digest as it would be posted now (nothing is kept)."""
        now = self._clock()
        return self._digest(digest_week(now, self._settings.hr_timezone), now)

    def last_posted(self) -> Digest | None:
        """The figures the last weekly digest showed, as kept when it was posted (None before the first): what
        `/mentor admin stats` shows. Without its feedback release: that is `/mentor admin feedback`'s."""
        with self._uow() as uow:
            kept = latest_figures(uow.session)
            if kept is None:
                return None
            week, figures = kept
            last = figures_before(uow.session, week)
        before = figures_from_json(json.loads(last)) if last else None
        return Digest(week, figures_from_json(json.loads(figures)), before)

    def post_now(self, preview: str, asked_by: str) -> PostNow:
        """An HR admin's "post it now" from a preview: once per preview, beside (never instead of) the weekly one."""
        if not self.channel:
            return PostNow.NO_CHANNEL
        now = self._clock()
        about = DigestAbout(digest_week(now, self._settings.hr_timezone), asked_by=asked_by)
        with self._uow() as uow:
            queued = enqueue(uow.session, DIGESTS.letter(self.channel, about, unique_key=now_key(preview)), now)
            uow.commit()
        return PostNow.QUEUED if queued else PostNow.ALREADY

    def to_send(self, about: DigestAbout) -> ToSend:
        """What a digest row shows as it goes out: the weekly one's kept figures if it was posted already (a row
        resumed to share its chart), else the figures now."""
        now = self._clock()
        with self._uow() as uow:
            kept = figures_of_week(uow.session, about.week) if about.weekly else None
        digest = self._digest(about.week, now, figures_from_json(json.loads(kept)) if kept else None)
        late = late_since(about.due_at, now, self._settings.hr_timezone) if about.weekly else None
        return ToSend(digest, late)

    def posted(self, about: DigestAbout, digest: Digest) -> None:
        """The weekly digest is in the channel: keep its figures, for next week's to say what changed."""
        if not about.weekly:
            return  # one posted now compares with the last weekly one, and leaves the next weekly one alone
        with self._uow() as uow:
            save_figures(uow.session, about.week, json.dumps(figures_to_json(digest.now)), self._clock())
            record_in(uow.session, self._clock(), SYSTEM, "digest.posted", about.week)  # the audit trail
            uow.commit()

    def channel_refused(self, row_id: int, week: str, error: str) -> datetime:
        """Slack won't let the bot post in HR_CHANNEL (`not_in_channel`, `channel_not_found`): the HR admins are
        told by DM, once per digest (keyed by its row), and the digest waits; when to try it again."""
        now = self._clock()
        key = REFUSAL_NOTICES.get(error, REFUSAL_NOTICES["channel_not_found"])
        notice = Notice(key, {"channel": self.channel or "", "week": week})
        with self._uow() as uow:
            told = 0
            for admin in sorted(self._settings.hr_admins):
                letter = TELLING.letter(admin, Tell.of(notice), unique_key=f"digest:refused:{row_id}:{admin}")
                told += enqueue(uow.session, letter, now)
            uow.commit()
        if told:
            log.warning(
                "the HR digest can't be posted in HR_CHANNEL (%s): %s HR admins told; it is tried again every %s "
                "minutes until the bot is invited",
                error,
                told,
                int(CHANNEL_RETRY.total_seconds() // 60),
            )
        elif not self._settings.hr_admins:
            log.warning("the HR digest can't be posted in HR_CHANNEL (%s), and no HR_ADMINS are set to tell", error)
        return now + CHANNEL_RETRY

    def _digest(self, week: str, now: datetime, figures: Figures | None = None) -> Digest:
        with self._uow() as uow:
            if figures is None:
                zone, k = self._settings.hr_timezone, self._settings.feedback_min_group
                figures = read_figures(uow.session, now, hr_zone=zone, k=k, synonyms=self._synonyms)
            last = figures_before(uow.session, week)
        release = self._releases.current()
        return Digest(week, figures, figures_from_json(json.loads(last)) if last else None, release)
