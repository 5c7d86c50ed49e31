"""Every claim takes at most its limit, whatever plan PostgreSQL picks for it.

As `IN (subquery)`, a nested loop rescanned the limited, SKIP LOCKED pick for each row, and each rescan
skipped the rows the UPDATE had just changed: one claim took every due row (one tick took all 500 outbox
rows, the other none). Here the planner is pushed to that plan (no hashing, no merging, no seq scans), and
the claims must still take their limit; on SQLite the same claims simply run.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from bot.delivery.outbox import Letter, enqueue
from storage.checkins import claim_due_rhythms
from storage.db import make_session_factory
from storage.evaluations import claim_due_evaluations
from storage.models import Pairing, PairingRequest, PairingStatus, RequestStatus, Rhythm
from storage.outbox import claim_due
from storage.pairings import expire_due_requests
from storage.uow import UnitOfWork

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
ROWS = 30
LIMIT = 4
NESTED_LOOPS_ONLY = ("enable_hashjoin", "enable_mergejoin", "enable_hashagg", "enable_material", "enable_seqscan")


def due_rows(session: Session) -> None:
    """ROWS of each kind, all due: outbox rows, rhythms to plan and to evaluate, requests to expire."""
    for n in range(ROWS):
        enqueue(session, Letter("post", f"U{n:03d}", {"text": "hello"}), NOW - timedelta(minutes=1))
        pairing = Pairing(
            mentor_id=f"UM{n:03d}", mentee_id=f"UE{n:03d}", status=PairingStatus.ACTIVE.value, started_at=NOW
        )
        session.add(pairing)
        session.flush()
        earlier = NOW - timedelta(hours=1)
        session.add(
            Rhythm(
                pairing_id=pairing.id or 0,
                cadence="weekly",
                period_start=date(2026, 11, 2),
                next_plan_at=earlier,
                next_evaluation_at=earlier,
            )
        )
        session.add(
            PairingRequest(
                mentee_id=f"UR{n:03d}",
                mentor_id=f"UM{n:03d}",
                status=RequestStatus.PENDING.value,
                created_at=earlier,
                expires_at=earlier,
            )
        )


CLAIMS: dict[str, Callable[[Session], list[object]]] = {
    "outbox rows": lambda session: list(claim_due(session, NOW, timedelta(seconds=60), "claim", LIMIT)),
    "rhythms to plan": lambda session: list(claim_due_rhythms(session, NOW, LIMIT)),
    "evaluations to ask for": lambda session: list(claim_due_evaluations(session, NOW, LIMIT)),
    "requests to expire": lambda session: list(expire_due_requests(session, NOW, LIMIT)),
}


@pytest.mark.parametrize("claim", list(CLAIMS))
def test_a_claim_takes_its_limit_even_in_a_nested_loop(engine: Engine, claim: str) -> None:
    factory = make_session_factory(engine)
    with UnitOfWork(factory) as uow:
        due_rows(uow.session)
        uow.commit()
    for _ in range(2):  # the second takes the next ones: what the first took is no longer due
        with UnitOfWork(factory) as uow:
            if engine.dialect.name == "postgresql":
                for setting in NESTED_LOOPS_ONLY:
                    uow.session.execute(text(f"SET LOCAL {setting} = off"))
            taken = CLAIMS[claim](uow.session)
            uow.commit()
        assert len(taken) == LIMIT
