"""THROWAWAY stand-in for helper F1's read side (branch digest-read): replaced by theirs at the merge."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.digest.figures import Figures
from storage.models import Checkin, Profile


def read_figures(session: Session, now: datetime, *, hr_zone: ZoneInfo, k: int) -> Figures:
    participants = session.execute(select(func.count()).select_from(Profile)).scalar_one()
    checkins = session.execute(select(func.count()).select_from(Checkin)).scalar_one()
    return Figures(now, now - timedelta(days=7), int(participants), int(checkins))
