"""The outbox: what must be sent, claimed by one dispatcher at a time, and what became of it.

Every change of state here is one conditional UPDATE (`… WHERE state = … AND claimed_by = …`), so
two claims can never both own a row: the database decides, on SQLite and PostgreSQL alike. A claim
is one `claim_due` call, with a token of its own: two passes of one process are two claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, exists, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased
from sqlmodel import col

from storage.claims import picked_once
from storage.db import rowcount
from storage.models import MethodGate, OutboxRow, OutboxState, ProcessedEvent
from storage.uow import WROTE_OUTBOX

# An earlier row in one of these states holds back later rows with the same order key.
HOLDING = (OutboxState.PENDING.value, OutboxState.CLAIMED.value, OutboxState.SENDING.value, OutboxState.FAILED.value)
OWNED = (OutboxState.CLAIMED.value, OutboxState.SENDING.value)
REQUEUEABLE = (
    OutboxState.FAILED.value,
    OutboxState.UNKNOWN.value,
    OutboxState.REFUSED.value,
    OutboxState.CANCELLED.value,
    OutboxState.EXPIRED.value,
)
# A re-queued row that had expired lives at least this long again (it was written with a short life).
REQUEUED_LIFETIME_AT_LEAST = timedelta(hours=1)


def add_row(session: Session, row: OutboxRow) -> bool:
    """Queue a row; False (and nothing queued) when a row with its unique key exists already."""
    values = row.model_dump(exclude={"id"})
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(OutboxRow).values(**values)
    if row.unique_key is not None:
        statement = statement.on_conflict_do_nothing(index_elements=["unique_key"])
    # RETURNING, not the row count: an ORM-enabled INSERT reports no row count on PostgreSQL.
    added = session.execute(statement.returning(col(OutboxRow.id))).first() is not None
    session.info[WROTE_OUTBOX] = session.info.get(WROTE_OUTBOX, False) or added
    return added


def add_rows(session: Session, rows: Sequence[OutboxRow]) -> int:
    """Queue many rows in one statement (sent in as few round trips as the driver can); how many were queued.

    As `add_row` for each: a row whose unique key exists already (or comes twice here) is not queued.
    """
    if not rows:
        return 0
    values = [row.model_dump(exclude={"id"}) for row in rows]
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(OutboxRow).on_conflict_do_nothing(index_elements=["unique_key"])
    added = len(session.execute(statement.returning(col(OutboxRow.id)), values).all())
    session.info[WROTE_OUTBOX] = session.info.get(WROTE_OUTBOX, False) or added > 0
    return added


def claim_due(session: Session, now: datetime, lease: timedelta, claim: str, limit: int) -> list[OutboxRow]:
    """Take up to `limit` due rows for the claim `claim` (a token used once), oldest first, skipping any held
    back by an earlier row."""
    earlier = aliased(OutboxRow)
    held_back = exists().where(
        col(earlier.order_key) == col(OutboxRow.order_key),
        col(earlier.id) < col(OutboxRow.id),
        col(earlier.state).in_(HOLDING),
    )
    due = (
        select(col(OutboxRow.id))
        .where(
            col(OutboxRow.state) == OutboxState.PENDING.value,
            col(OutboxRow.due_at) <= now,
            col(OutboxRow.expires_at).is_(None) | (col(OutboxRow.expires_at) >= now),  # stale: expired, not sent
            (col(OutboxRow.order_key) == "") | ~held_back,
        )
        .order_by(col(OutboxRow.due_at), col(OutboxRow.id))
        .limit(limit)
    )
    take = (
        update(OutboxRow)
        # The state is checked again here: of two processes that picked the same row, one updates it.
        .where(
            col(OutboxRow.id).in_(picked_once(session, due, of=OutboxRow)),
            col(OutboxRow.state) == OutboxState.PENDING.value,
        )
        .values(
            state=OutboxState.CLAIMED.value,
            claimed_by=claim,
            lease_until=now + lease,
        )
        .returning(col(OutboxRow.id))
        .execution_options(synchronize_session=False)
    )
    ids = [row_id for (row_id,) in session.execute(take)]
    if not ids:
        return []
    query = select(OutboxRow).where(col(OutboxRow.id).in_(ids)).order_by(col(OutboxRow.due_at), col(OutboxRow.id))
    return list(session.execute(query).scalars())


def mark_sending(
    session: Session,
    row_id: int,
    claim: str,
    now: datetime,
    lease: timedelta,
    *,
    repeatable: bool,
    renew_claim_until: datetime | None = None,
) -> bool:
    """Committed before each Slack call: from here an expired lease means the outcome is unknown.

    `renew_claim_until`: the rows of the same claim not begun yet are held until then, so a claim holds
    its rows for as long as its calls keep ending, however slow each one is.
    """
    owned = _owned_update(
        session,
        row_id,
        claim,
        state=OutboxState.SENDING.value,
        lease_until=now + lease,
        repeatable=repeatable,
    )
    if owned and renew_claim_until is not None:
        _renew(session, claim, renew_claim_until)
    return owned


def _renew(session: Session, claim: str, until: datetime) -> None:
    waiting = select(col(OutboxRow.id)).where(
        col(OutboxRow.claimed_by) == claim, col(OutboxRow.state) == OutboxState.CLAIMED.value
    )
    if session.get_bind().dialect.name == "postgresql":
        # A row another sender of this claim is marking right now is skipped, not waited for: that sender
        # renews it itself, and waiting on each other's rows would deadlock the claim's senders.
        waiting = waiting.with_for_update(skip_locked=True)
    renew = (
        update(OutboxRow)
        .where(col(OutboxRow.id).in_(waiting.scalar_subquery()), col(OutboxRow.state) == OutboxState.CLAIMED.value)
        .values(lease_until=until)
        .execution_options(synchronize_session=False)
    )
    session.execute(renew)


def save_progress(session: Session, row_id: int, claim: str, progress: str) -> bool:
    """What a multi-step row has done so far, so a retry resumes instead of starting over."""
    return _owned_update(session, row_id, claim, progress=progress)


def finish(session: Session, row_id: int, claim: str, state: OutboxState, now: datetime, error: str = "") -> bool:
    """Sent, unknown, refused, failed or cancelled: the row is done with, unless an operator re-queues it."""
    return _owned_update(session, row_id, claim, state=state.value, finished_at=now, error=error[:64])


def reschedule(
    session: Session, row_id: int, claim: str, due_at: datetime, error: str = "", *, failed: bool = False
) -> bool:
    """Back to pending, for another try at `due_at` (by whichever process claims it then).

    `failed`: this try used one of the row's retries (a 5xx, an unreachable Slack); a 429, a deferral
    or a pause for a refused token does not.
    """
    attempts = col(OutboxRow.attempts) + 1 if failed else col(OutboxRow.attempts)
    return _owned_update(
        session,
        row_id,
        claim,
        state=OutboxState.PENDING.value,
        due_at=due_at,
        claimed_by="",
        lease_until=None,
        error=error[:64],
        attempts=attempts,
    )


def release_claims(session: Session, claims: Sequence[str]) -> int:
    """A process stops: rows of its claims that may be taken up at once go back to pending (how many).

    Those not begun, and those whose call in flight may be made again (its `repeatable`): nobody sees it
    twice. A post in flight stays `sending`; its lease decides (unknown, never resent).
    """
    if not claims:
        return 0
    query = (
        update(OutboxRow)
        .where(
            col(OutboxRow.claimed_by).in_(claims),
            (col(OutboxRow.state) == OutboxState.CLAIMED.value)
            | ((col(OutboxRow.state) == OutboxState.SENDING.value) & col(OutboxRow.repeatable)),
        )
        .values(state=OutboxState.PENDING.value, claimed_by="", lease_until=None)
        .execution_options(synchronize_session=False)
    )
    return rowcount(session.execute(query))


def _owned_update(session: Session, row_id: int, claim: str, **values: object) -> bool:
    query = (
        update(OutboxRow)
        .where(
            col(OutboxRow.id) == row_id,
            col(OutboxRow.claimed_by) == claim,
            col(OutboxRow.state).in_(OWNED),
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return rowcount(session.execute(query)) == 1


@dataclass(frozen=True)
class Recovered:
    """What expired leases became: pending again (nothing was sent, or repeating is harmless) or unknown."""

    retried: int
    unknown: tuple[int, ...]


def recover_expired_leases(session: Session, now: datetime) -> Recovered:
    """Rows whose dispatcher died: claimed ones and repeatable calls go back to pending; others are unknown."""
    expired = col(OutboxRow.lease_until) < now
    back = (
        update(OutboxRow)
        .where(
            expired,
            (col(OutboxRow.state) == OutboxState.CLAIMED.value)
            | ((col(OutboxRow.state) == OutboxState.SENDING.value) & col(OutboxRow.repeatable)),
        )
        .values(state=OutboxState.PENDING.value, claimed_by="", lease_until=None)
        .execution_options(synchronize_session=False)
    )
    retried = rowcount(session.execute(back))
    lost = (
        update(OutboxRow)
        .where(expired, col(OutboxRow.state) == OutboxState.SENDING.value, ~col(OutboxRow.repeatable))
        .values(state=OutboxState.UNKNOWN.value, finished_at=now, error="lease expired while sending")
        .returning(col(OutboxRow.id))
        .execution_options(synchronize_session=False)
    )
    unknown = tuple(row_id for row_id in session.execute(lost).scalars() if row_id is not None)
    return Recovered(retried, unknown)


def expire_stale(session: Session, now: datetime) -> list[OutboxRow]:
    """Pending rows past their `expires_at`: too old to be worth sending."""
    stale = (
        update(OutboxRow)
        .where(col(OutboxRow.state) == OutboxState.PENDING.value, col(OutboxRow.expires_at) < now)
        .values(state=OutboxState.EXPIRED.value, finished_at=now)
        .returning(col(OutboxRow.id))
        .execution_options(synchronize_session=False)
    )
    ids = [row_id for (row_id,) in session.execute(stale)]
    if not ids:
        return []
    return list(session.execute(select(OutboxRow).where(col(OutboxRow.id).in_(ids))).scalars())


def requeue(session: Session, row_id: int, now: datetime) -> bool:
    """An operator checked a row by hand: send it again, now.

    A row past its expiry gets a new one, as long from now as it was given when it was written, so the
    next tick sends it rather than expiring it again.
    """
    row = session.get(OutboxRow, row_id)
    if row is None or row.state not in REQUEUEABLE:
        return False
    expires_at = row.expires_at
    if expires_at is not None and expires_at < now:
        expires_at = now + max(expires_at - row.created_at, REQUEUED_LIFETIME_AT_LEAST)
    query = (
        update(OutboxRow)
        .where(col(OutboxRow.id) == row_id, col(OutboxRow.state).in_(REQUEUEABLE))
        .values(
            state=OutboxState.PENDING.value,
            due_at=now,
            expires_at=expires_at,
            claimed_by="",
            lease_until=None,
            error="",
            attempts=0,
        )
        .execution_options(synchronize_session=False)
    )
    return rowcount(session.execute(query)) == 1


def pending_recipients(session: Session, kind: str, recipients: Sequence[str]) -> set[str]:
    """Which of `recipients` have a row of this kind waiting to be sent (one is enough: an App Home refresh)."""
    if not recipients:
        return set()
    query = select(col(OutboxRow.recipient)).where(
        col(OutboxRow.kind) == kind,
        col(OutboxRow.recipient).in_(recipients),
        col(OutboxRow.state) == OutboxState.PENDING.value,
    )
    return set(session.execute(query).scalars())


def get_row(session: Session, row_id: int) -> OutboxRow | None:
    return session.get(OutboxRow, row_id)


def method_not_before(session: Session, method: str) -> datetime | None:
    """When `method` may be called again after a 429 (shared by every process), or None."""
    gate = session.get(MethodGate, method)
    return gate.not_before if gate is not None else None


def hold_method(session: Session, method: str, until: datetime) -> None:
    """No process calls `method` before `until` (a later hold wins over an earlier one)."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(MethodGate).values(method=method, not_before=until)
    later = func.max if session.get_bind().dialect.name == "sqlite" else func.greatest
    statement = statement.on_conflict_do_update(
        index_elements=["method"], set_={"not_before": later(col(MethodGate.not_before), statement.excluded.not_before)}
    )
    session.execute(statement)


def count_by_kind_and_state(session: Session) -> list[tuple[str, str, int]]:
    query = (
        select(col(OutboxRow.kind), col(OutboxRow.state), func.count())
        .group_by(col(OutboxRow.kind), col(OutboxRow.state))
        .order_by(col(OutboxRow.kind), col(OutboxRow.state))
    )
    return [(kind, state, int(n)) for kind, state, n in session.execute(query)]


def problems_since(session: Session, since: datetime, states: Sequence[OutboxState]) -> list[OutboxRow]:
    """Rows that ended in one of `states` since `since`, or are held in one (failed rows hold their order key)."""
    query = (
        select(OutboxRow)
        .where(
            col(OutboxRow.state).in_([state.value for state in states]),
            col(OutboxRow.finished_at) >= since,
        )
        .order_by(col(OutboxRow.id))
    )
    return list(session.execute(query).scalars())


def refusals_pending(session: Session, refusals: Sequence[str]) -> list[str]:
    """Which of `refusals` (Slack refusing the bot's token) the pending rows were last put back for."""
    query = (
        select(col(OutboxRow.error))
        .where(col(OutboxRow.state) == OutboxState.PENDING.value, col(OutboxRow.error).in_(refusals))
        .distinct()
        .order_by(col(OutboxRow.error))
    )
    return list(session.execute(query).scalars())


def held_rows(session: Session) -> list[OutboxRow]:
    """Pending rows waiting behind an earlier row of their order key that failed."""
    earlier = aliased(OutboxRow)
    failed_before = exists().where(
        col(earlier.order_key) == col(OutboxRow.order_key),
        col(earlier.id) < col(OutboxRow.id),
        col(earlier.state) == OutboxState.FAILED.value,
    )
    query = select(OutboxRow).where(
        col(OutboxRow.state) == OutboxState.PENDING.value, col(OutboxRow.order_key) != "", failed_before
    )
    return list(session.execute(query.order_by(col(OutboxRow.id))).scalars())


def next_due(session: Session) -> datetime | None:
    """When the earliest pending row falls due (for a dispatcher deciding how long to sleep)."""
    query = select(func.min(col(OutboxRow.due_at))).where(col(OutboxRow.state) == OutboxState.PENDING.value)
    return session.execute(query).scalar_one_or_none()


def forget_old(session: Session, now: datetime, events_after: timedelta, rows_after: timedelta) -> tuple[int, int]:
    """Housekeeping: handled events older than a day, and finished outbox rows past their keeping."""
    events = delete(ProcessedEvent).where(
        col(ProcessedEvent.done).is_(True), col(ProcessedEvent.claimed_at) < now - events_after
    )
    rows = delete(OutboxRow).where(
        col(OutboxRow.state).in_(
            (OutboxState.SENT.value, OutboxState.REFUSED.value, OutboxState.CANCELLED.value, OutboxState.EXPIRED.value)
        ),
        col(OutboxRow.finished_at) < now - rows_after,
    )
    return rowcount(session.execute(events)), rowcount(session.execute(rows))


def cancel_pending_for(session: Session, recipient: str, now: datetime, why: str, keep: Sequence[str] = ()) -> int:
    """Rows waiting to be sent to `recipient` (who left): nothing to send any more; kinds in `keep` stay."""
    query = (
        update(OutboxRow)
        .where(
            col(OutboxRow.recipient) == recipient,
            col(OutboxRow.state) == OutboxState.PENDING.value,
            col(OutboxRow.kind).not_in(keep),
        )
        .values(state=OutboxState.CANCELLED.value, finished_at=now, error=why[:64])
        .execution_options(synchronize_session=False)
    )
    return rowcount(session.execute(query))


def add_or_move_rows(session: Session, rows: Sequence[OutboxRow]) -> None:
    """Queue rows; one already queued under its key is moved to its new time if still waiting, else kept.

    So planning twice is harmless, and a re-plan (a new zone, a new cadence) moves what was not sent yet.
    """
    values = [row.model_dump(exclude={"id"}) for row in rows]
    if not values:
        return
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(OutboxRow)  # one statement, many rows: compiled once, sent in batches
    statement = statement.on_conflict_do_update(
        index_elements=["unique_key"],
        set_={"due_at": statement.excluded.due_at, "expires_at": statement.excluded.expires_at},
        where=col(OutboxRow.state) == OutboxState.PENDING.value,
    )
    session.execute(statement, values)
    session.info[WROTE_OUTBOX] = True


# -- a pairing's rows ----------------------------------------------------------------------------------


def about_pairing(kinds: Iterable[str], pairing_id: int) -> ColumnElement[bool]:
    """The rows of these kinds about this pairing (by their `pairing_id`, indexed; their unique keys don't matter)."""
    return (col(OutboxRow.pairing_id) == pairing_id) & col(OutboxRow.kind).in_(list(kinds))


def cancel_about_pairing(session: Session, kinds: Iterable[str], pairing_id: int, now: datetime) -> int:
    """A paused or ended pairing's waiting letters of these kinds: nothing to send any more."""
    query = (
        update(OutboxRow)
        .where(about_pairing(kinds, pairing_id), col(OutboxRow.state) == OutboxState.PENDING.value)
        .values(state=OutboxState.CANCELLED.value, finished_at=now, error="pairing paused or ended")
        .execution_options(synchronize_session=False)
    )
    return rowcount(session.execute(query))


def waiting_keys_about_pairing(session: Session, kinds: Iterable[str], pairing_id: int) -> list[str]:
    """The unique keys of this pairing's letters of these kinds that still wait to be sent."""
    query = select(col(OutboxRow.unique_key)).where(
        about_pairing(kinds, pairing_id), col(OutboxRow.state) == OutboxState.PENDING.value
    )
    return [str(key) for key in session.execute(query).scalars()]


def cancel_waiting(session: Session, keys: Sequence[str], now: datetime) -> int:
    """The prompts under these keys, if still waiting, are not to be sent: the rhythm started again."""
    if not keys:
        return 0
    query = (
        update(OutboxRow)
        .where(col(OutboxRow.unique_key).in_(keys), col(OutboxRow.state) == OutboxState.PENDING.value)
        .values(state=OutboxState.CANCELLED.value, finished_at=now, error="the rhythm started again")
        .execution_options(synchronize_session=False)
    )
    return rowcount(session.execute(query))


def cancel_superseded(session: Session, kinds: Sequence[str], keep_key: str, now: datetime, why: str) -> int:
    """Waiting rows of these kinds but the one under `keep_key`: a newer row says what they would have said."""
    query = (
        update(OutboxRow)
        .where(
            col(OutboxRow.kind).in_(kinds),
            col(OutboxRow.state) == OutboxState.PENDING.value,
            col(OutboxRow.unique_key).is_distinct_from(keep_key),
        )
        .values(state=OutboxState.CANCELLED.value, finished_at=now, error=why[:64])
        .execution_options(synchronize_session=False)
    )
    return rowcount(session.execute(query))
