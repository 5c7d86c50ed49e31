"""Taking due rows for one process: the pick made once, then updated.

Every claim in the house (outbox rows, rhythms to plan, evaluations to ask for, requests to expire) is one
UPDATE of the rows a limited SELECT picks. On PostgreSQL that SELECT skips rows another transaction holds
(FOR UPDATE SKIP LOCKED), and it must run exactly once: as a plain `IN (subquery)` the planner may rescan it
for every row of a nested loop, and each rescan skips the rows this very UPDATE has just changed and picks
the next ones, so one claim took every due row whatever its limit (seen with two ticks: one took all 500
rows, the other none). A MATERIALIZED common table expression is evaluated once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session


def picked_once(session: Session, pick: Select[Any], *, of: Any = None) -> Select[Any]:
    """`pick` (ids, ordered and limited) as a subquery for the UPDATE's `IN`: evaluated once, its rows
    locked for this transaction and rows others hold skipped (PostgreSQL; SQLite has one writer at a time).

    `of`: the table to lock, when `pick` reads others too (an EXISTS over an alias of the same table)."""
    if session.get_bind().dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True, of=of)
    picked = pick.cte("picked").prefix_with("MATERIALIZED", dialect="postgresql")
    return select(*picked.c)
