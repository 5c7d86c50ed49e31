"""HR's tools as use cases: the export (a letter through the outbox, its files built when it goes out), and
acting on a stalled pairing: a kind message to both, or a kind end through the lifecycle. Each action on a
pairing is written to the audit trail in the same unit of work as what it changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot import lifecycle
from bot.audit.trail import record_in
from bot.delivery.kinds import Nothing
from bot.delivery.letters import TELLING, News, Notice, Tell
from bot.delivery.outbox import enqueue
from bot.digest.figures import StalledPairing
from bot.hrtools.kinds import HR_EXPORTING, export_key, nudge_key
from bot.hrtools.tables import ExportFiles, export_files
from bot.i18n import Who
from bot.runtime.settings import Settings
from storage.digest import every_waiting_mentee, stalled_pairings
from storage.hrtools import exported_pairings, exported_profiles, stalled_pair
from storage.uow import UnitOfWork

LISTED = 20  # stalled pairings `/mentor admin stalled` lists, each with its buttons (Slack allows 50 blocks)


@dataclass(frozen=True)
class Stalled:
    pairings: tuple[StalledPairing, ...]  # the longest stalled first
    more: bool  # more are stalled than listed


class Nudge(StrEnum):
    SENT = "sent"
    ALREADY = "already"  # both were sent one about this pairing today
    GONE = "gone"  # not stalled any more, or ended


class HrToolsService:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Callable[[], datetime], settings: Settings) -> None:
        self._uow = uow
        self._clock = clock
        self._settings = settings

    def ask_export(self, user_id: str) -> bool:
        """The export's letter to the HR admin who asked; False when one from this minute is on its way."""
        now = self._clock()
        letter = HR_EXPORTING.letter(user_id, Nothing(), unique_key=export_key(user_id, now))
        with self._uow() as uow:
            queued = enqueue(uow.session, letter, now)
            uow.commit()
        return queued

    def export_files(self) -> ExportFiles:
        """Built when the letter goes out: the tables as they are at that moment."""
        with self._uow() as uow:
            session = uow.session
            return export_files(exported_profiles(session), exported_pairings(session), every_waiting_mentee(session))

    def stalled(self) -> Stalled:
        with self._uow() as uow:
            rows = stalled_pairings(uow.session, LISTED + 1)
        return Stalled(tuple(StalledPairing(*row) for row in rows[:LISTED]), len(rows) > LISTED)

    def nudge(self, pairing_id: int, by: str) -> Nudge:
        """A kind message from HR to both, each in their language, once per pairing, person and day."""
        now = self._clock()
        day = now.astimezone(self._settings.hr_timezone).date().isoformat()
        with self._uow() as uow:
            pair = stalled_pair(uow.session, pairing_id)
            if pair is None:
                return Nudge.GONE
            sent = 0
            for user, other in (pair, pair[::-1]):
                notice = Notice("hr.nudge", {"other": Who(other)})
                letter = TELLING.letter(user, Tell.of(notice), unique_key=nudge_key(pairing_id, day, user))
                sent += enqueue(uow.session, letter, now)
            if sent:
                record_in(uow.session, now, by, "hr.nudge", str(pairing_id))
            uow.commit()
        return Nudge.SENT if sent else Nudge.ALREADY

    def end(self, pairing_id: int, by: str) -> bool:
        """The stalled pairing ends kindly through the lifecycle; False if it isn't stalled (any more)."""
        now = self._clock()
        with self._uow() as uow:
            pair = stalled_pair(uow.session, pairing_id)
            if pair is None:
                return False
            the_pair = lifecycle.Pair(pairing_id, *pair)
            if not lifecycle.end(uow.session, News(uow.session, now), the_pair, lifecycle.EndedByHR(), now):
                return False
            record_in(uow.session, now, by, "hr.end", str(pairing_id))
            uow.commit()
        return True
