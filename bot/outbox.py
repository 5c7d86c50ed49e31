"""Sending what the outbox holds: each row claimed by one dispatcher, each post made at most once.

A service writes a `Letter` in the same unit of work as the change it follows from (`enqueue`).
The dispatcher claims due rows, and for each runs its kind's sender, which renders the message
in the recipient's language at that moment and makes its Slack calls through the `Job`. Before
each call the row is committed as `sending`; what Slack answers decides the row's end:

- an answer with `ok` → sent; the kind's `after` hook may record what it learnt;
- Slack refused (an `ok: false`, a 4xx) → cancelled, and the kind's hook decides what that means;
- 429 → back to pending at `Retry-After`, and the method gated for every process (no sleeping);
- a 5xx or a connection that never got through → retried later, a few times, then failed;
- a timeout or a connection lost after sending → unknown, never resent (a repeatable call is retried).
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.outage import DatabaseOutage
from bot.slack_api import SAFE_TO_REPEAT, may_have_arrived
from storage.models import OutboxRow, OutboxState
from storage.outbox import (
    add_row,
    add_rows,
    claim_due,
    expire_stale,
    finish,
    hold_method,
    mark_sending,
    method_not_before,
    recover_expired_leases,
    reschedule,
    save_progress,
)
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

# A 5xx or an unreachable Slack: try again after these waits, then give up (the row is `failed`).
BACKOFF = (
    timedelta(seconds=5),
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(minutes=30),
)
DEFAULT_RETRY_AFTER = timedelta(seconds=30)


@dataclass(frozen=True)
class Letter:
    """What to send, as intent: a kind, the ids it is about, and when; never its words."""

    kind: str
    recipient: str = ""
    subject: Mapping[str, Any] = field(default_factory=dict)
    unique_key: str | None = None  # a second letter with this key is dropped: what must never be sent twice
    order_key: str = ""  # letters with one key are sent in the order they were written
    due_at: datetime | None = None  # None: now
    expires_at: datetime | None = None


def enqueue(session: Session, letter: Letter, now: datetime) -> bool:
    """Write a letter in the caller's unit of work; False when its unique key was used already."""
    return add_row(session, _row(letter, now))


def enqueue_all(session: Session, letters: Sequence[Letter], now: datetime) -> int:
    """Write many letters in one statement, each as `enqueue` would; how many were written."""
    return add_rows(session, [_row(letter, now) for letter in letters])


def _row(letter: Letter, now: datetime) -> OutboxRow:
    return OutboxRow(
        kind=letter.kind,
        recipient=letter.recipient,
        subject=json.dumps(dict(letter.subject), sort_keys=True),
        unique_key=letter.unique_key,
        order_key=letter.order_key,
        state=OutboxState.PENDING.value,
        due_at=letter.due_at or now,
        expires_at=letter.expires_at,
        created_at=now,
    )


class Ended(StrEnum):
    """How a row's sending ended, for its kind's `after` hook."""

    SENT = "sent"
    REFUSED = "refused"  # Slack said no: nothing reached anyone
    UNKNOWN = "unknown"  # it may have arrived: not resent


class RefusedError(Exception):
    """Slack refused a call; its error code says why (`channel_not_found`, `user_not_found`, …)."""

    def __init__(self, method: str, error: str) -> None:
        super().__init__(f"{method}: {error}")
        self.method = method
        self.error = error


class _UnknownError(Exception):
    def __init__(self, method: str, error: str) -> None:
        super().__init__(f"{method}: {error}")
        self.error = error


class MootError(Exception):
    """Nothing to send any more: the row is cancelled without a Slack call, and without its `after`."""


class _RetryError(Exception):
    def __init__(self, error: str, at: datetime | None = None) -> None:
        super().__init__(error)
        self.error = error
        self.at = at  # None: by the backoff schedule


class Job:
    """One claimed row, as its sender sees it: what it is about, and the way to call Slack."""

    def __init__(self, dispatcher: Dispatcher, row: OutboxRow) -> None:
        self._dispatcher = dispatcher
        self.row_id = row.id or 0
        self.kind = row.kind
        self.recipient = row.recipient
        self.subject: dict[str, Any] = json.loads(row.subject or "{}")
        self.progress: dict[str, Any] = json.loads(row.progress or "{}")
        self.attempts = row.attempts
        self.due_at = row.due_at

    def call(self, method: str, **args: Any) -> dict[str, Any]:
        """Call a Web API method once; its data, or an exception the dispatcher turns into the row's fate."""
        return self._dispatcher.call(self, method, args)

    def skip(self, why: str) -> MootError:
        """For `raise job.skip(…)`: nothing to send any more (the request was answered meanwhile, …)."""
        return MootError(why)

    def defer(self, at: datetime) -> Exception:
        """For `raise job.defer(…)`: not now, at `at` (a prompt found late waits for a sensible local hour)."""
        return _RetryError("deferred", at=at)

    def record(self, **progress: Any) -> None:
        """Remember a step done (e.g. the group DM's id), so a retry of this row resumes after it."""
        self.progress.update(progress)
        self._dispatcher.record(self)


def _nothing_after(session: Session, job: Job, ended: Ended, data: Mapping[str, Any], now: datetime) -> None:
    """Most kinds change nothing once sent."""


@dataclass(frozen=True)
class Kind:
    """A kind of row: how it is sent (rendered then, in the recipient's language), and what its outcome changes.

    `send` makes its Slack calls through `job.call` and returns what `after` should see; `after` runs
    in the transaction that marks the row, and may change state and write letters of its own.
    """

    send: Callable[[Job], Mapping[str, Any]]
    after: Callable[[Session, Job, Ended, Mapping[str, Any], datetime], None] = _nothing_after


class Dispatcher:
    """Claims due rows and sends them. Any number of dispatchers, in any number of processes, may run."""

    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        client: WebClient,
        kinds: Mapping[str, Kind],
        clock: Callable[[], datetime],
        lease: timedelta = timedelta(seconds=60),
        batch: int = 20,
        *,
        senders: int = 1,
        inline: bool = False,
    ) -> None:
        self._uow = uow
        self._client = client
        self._kinds = kinds
        self._clock = clock
        self._lease = lease
        self._batch = batch
        self._senders = senders  # threads sending one batch's rows at once
        self.worker = f"{uuid.uuid4().hex[:12]}"
        self._inline = inline  # tests and the demo: a commit that wrote rows sends them before it returns
        self._inline_busy = threading.local()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    # -- one pass -------------------------------------------------------------------------------
    def dispatch_due(self, *, recover: bool = True) -> int:
        """Send everything due now (including what became due while sending); how many rows it finished with
        (sent, unknown, cancelled or failed; not those put back for later).

        `recover`: first take back the rows of dispatchers that died (the tick does; the fast path after
        a commit needn't, and is quicker without).
        """
        handled = 0
        if recover:
            self.recover()
        while not self._stopping.is_set():
            with self._uow() as uow:
                rows = claim_due(uow.session, self._clock(), self._lease, self.worker, self._batch)
                uow.commit()
            if not rows:
                return handled
            handled += self._send_batch(rows)
        return handled

    def _send_batch(self, rows: list[OutboxRow]) -> int:
        """A claimed batch holds no two rows of one order key, so its rows may go out side by side."""
        if self._senders == 1 or len(rows) == 1:
            return self._send_in_turn(rows)
        shares = [rows[n :: self._senders] for n in range(self._senders)]
        handled = [0] * len(shares)

        def send_share(n: int) -> None:
            handled[n] = self._send_in_turn(shares[n])

        # Daemon threads, not a pool's: at exit, a call Slack never answers must not hold the process.
        threads = [
            threading.Thread(target=send_share, args=(n,), name="mentorbot-sender", daemon=True)
            for n in range(len(shares))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return sum(handled)

    def _send_in_turn(self, rows: list[OutboxRow]) -> int:
        handled = 0
        for n, row in enumerate(rows):
            if self._stopping.is_set():
                self._release(rows[n:])
                break
            handled += self._send(row)
        return handled

    def _release(self, rows: list[OutboxRow]) -> None:
        """Claimed but not begun, as the process stops: back to pending for whoever runs next."""
        with self._uow() as uow:
            for row in rows:
                reschedule(uow.session, row.id or 0, self.worker, row.due_at)
            uow.commit()

    def recover(self) -> None:
        """Rows whose dispatcher died: back to pending, or unknown if a post may have gone out; stale ones expired."""
        now = self._clock()
        with self._uow() as uow:
            recovered = recover_expired_leases(uow.session, now)
            expired = expire_stale(uow.session, now)
            uow.commit()
        for row_id in recovered.unknown:
            log.error("outbox row %s: its dispatcher stopped mid-call; outcome unknown, not resent", row_id)
        for row in expired:
            log.warning("outbox row %s (%s) expired unsent: it was too old to be worth sending", row.id, row.kind)

    # -- a background loop, woken after each commit that wrote rows ----------------------------
    def wake(self) -> None:
        """After a commit that wrote rows. Inline, send them now (unless already sending on this thread)."""
        if not self._inline:
            self._wake.set()
            return
        if getattr(self._inline_busy, "on", False):
            return  # the pass under way claims them too
        self._inline_busy.on = True
        try:
            self.dispatch_due(recover=False)
        finally:
            self._inline_busy.on = False

    def start(self, poll: float = 5.0, outage: DatabaseOutage | None = None) -> None:
        """`outage`: shared with the tick, so a database that went away is said once a minute by both."""
        said = outage or DatabaseOutage()

        def loop() -> None:
            while not self._stopping.is_set():
                self._wake.wait(poll)
                self._wake.clear()
                try:
                    self.dispatch_due(recover=False)
                except Exception as e:
                    if not said.noticed(e):
                        log.exception("the dispatcher failed; it tries again shortly")
                    self._stopping.wait(1.0)
                else:
                    said.over()

        self._thread = threading.Thread(target=loop, name="mentorbot-dispatcher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 8.0) -> None:
        """Stop after the row being sent (its lease covers the rest); rows claimed but not begun go back."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    # -- what a Job calls ---------------------------------------------------------------------
    def call(self, job: Job, method: str, args: Mapping[str, Any]) -> dict[str, Any]:
        now = self._clock()
        repeatable = method in SAFE_TO_REPEAT
        with self._uow() as uow:
            not_before = method_not_before(uow.session, method)
            if not_before is not None and not_before > now:
                raise _RetryError(f"{method} rate limited", at=not_before)
            if not mark_sending(uow.session, job.row_id, self.worker, now, self._lease, repeatable=repeatable):
                raise _LostError()
            uow.commit()
        try:
            response = self._client.api_call(method, json={k: v for k, v in args.items() if v is not None})
        except SlackApiError as e:
            raise self._answered_badly(method, e) from None
        except (TimeoutError, OSError) as e:
            if repeatable or not may_have_arrived(e):
                raise _RetryError(f"{method} {type(e).__name__}") from None
            raise _UnknownError(method, type(e).__name__) from None
        return dict(response.data) if isinstance(response.data, dict) else {}

    def _answered_badly(self, method: str, error: SlackApiError) -> Exception:
        status = error.response.status_code
        code = str(error.response.get("error") or f"http_{status}")
        if status == 429:
            wait = _retry_after(error.response.headers)
            until = self._clock() + wait
            with self._uow() as uow:
                hold_method(uow.session, method, until)
                uow.commit()
            log.warning("Slack %s: rate limited; waiting %ss (every process)", method, int(wait.total_seconds()))
            return _RetryError(f"{method} rate limited", at=until)
        if status >= 500:
            return _RetryError(f"{method} {code}")
        return RefusedError(method, code)

    def record(self, job: Job) -> None:
        with self._uow() as uow:
            if not save_progress(uow.session, job.row_id, self.worker, json.dumps(job.progress, sort_keys=True)):
                raise _LostError()
            uow.commit()

    # -- one row --------------------------------------------------------------------------------
    def _send(self, row: OutboxRow) -> bool:
        """Send one claimed row; False when it was put back for later (a retry, a rate limit, a lost lease)."""
        kind = self._kinds.get(row.kind)
        job = Job(self, row)
        if kind is None:
            log.error("outbox row %s has an unknown kind %r; cancelled", row.id, row.kind)
            self._end(job, None, OutboxState.CANCELLED, Ended.REFUSED, {}, "unknown kind")
            return True
        try:
            data = kind.send(job)
        except MootError as e:
            log.info("outbox row %s (%s): nothing to send (%s)", job.row_id, job.kind, e)
            self._end(job, None, OutboxState.CANCELLED, Ended.REFUSED, {}, str(e))
        except RefusedError as e:
            log.warning("outbox row %s (%s): Slack refused %s: %s", job.row_id, job.kind, e.method, e.error)
            self._end(job, kind, OutboxState.CANCELLED, Ended.REFUSED, {}, e.error)
        except _UnknownError as e:
            log.error("outbox row %s (%s): outcome unknown (%s); not resent", job.row_id, job.kind, e.error)
            self._end(job, kind, OutboxState.UNKNOWN, Ended.UNKNOWN, {}, e.error)
        except _RetryError as e:
            return self._retry(job, e)
        except _LostError:
            log.warning("outbox row %s: lease lost to another dispatcher; left to it", job.row_id)
            return False
        except Exception:
            log.exception("outbox row %s (%s): sending failed", job.row_id, job.kind)
            return self._retry(job, _RetryError("error"))
        else:
            self._end(job, kind, OutboxState.SENT, Ended.SENT, data, "")
        return True

    def _end(
        self, job: Job, kind: Kind | None, state: OutboxState, ended: Ended, data: Mapping[str, Any], error: str
    ) -> None:
        """Mark the row, and let its kind act on the outcome, in one transaction."""
        with self._uow() as uow:
            if not finish(uow.session, job.row_id, self.worker, state, self._clock(), error):
                log.warning("outbox row %s: lease lost before it was marked %s", job.row_id, state.value)
                return
            if kind is not None:
                kind.after(uow.session, job, ended, data, self._clock())
            uow.commit()

    def _retry(self, job: Job, retry: _RetryError) -> bool:
        """Put the row back for a later try; after the last one, give it up (True: it is finished)."""
        now = self._clock()
        if retry.at is None and job.attempts > len(BACKOFF):
            log.error("outbox row %s (%s): gave up after %s attempts (%s)", job.row_id, job.kind, job.attempts, retry)
            with self._uow() as uow:
                finish(uow.session, job.row_id, self.worker, OutboxState.FAILED, now, retry.error)
                uow.commit()
            return True
        at = retry.at or now + BACKOFF[min(job.attempts, len(BACKOFF)) - 1]
        with self._uow() as uow:
            reschedule(uow.session, job.row_id, self.worker, at, retry.error)
            uow.commit()
        return False


class _LostError(Exception):
    """Another dispatcher holds the row now (our lease ran out): leave it alone."""


def _retry_after(headers: Mapping[str, Any]) -> timedelta:
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return timedelta(seconds=max(1, int(str(value))))
    except ValueError:
        return DEFAULT_RETRY_AFTER
