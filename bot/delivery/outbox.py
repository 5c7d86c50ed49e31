"""Sending what the outbox holds: each row claimed by one dispatcher, each post made at most once.

A service writes a `Letter` in the same unit of work as the change it follows from (`enqueue`).
The dispatcher claims due rows (each claim with a token of its own), and for each runs its kind's
sender, which renders the message in the recipient's language at that moment and makes its Slack
calls through the `Job`. Before each call the row is committed as `sending`, and the claim's other
rows get their lease again; what Slack answers decides the row's end, by the rule of bot/delivery/slack_api.py:

- an answer with `ok` → sent; the kind's `after` hook may record what it learnt;
- Slack refused (an `ok: false`, a 4xx) → refused, and the kind's hook decides what that means;
- Slack refused the token itself (`token_revoked`, …) → nothing is sent by this process until
  `auth.test` says the token works again; the row is left pending, as it was;
- 429 → back to pending at `Retry-After`, and the method gated for every process (no sleeping);
- a 5xx or no answer, on a call safe to repeat, or a connection that never got through → retried
  later, a few times, then failed;
- a 5xx or no answer on any other call (a post) → unknown, never resent.

A file's bytes go to the upload URL Slack gave through `job.upload` (bot/delivery/files.py shares a file:
three steps, each under these rules).
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.delivery.slack_api import (
    SAFE_TO_REPEAT,
    AfterFailure,
    after_failure,
    post_bytes,
    refuses_the_token,
    request_body,
)
from bot.runtime.outage import DatabaseOutage
from storage.models import OutboxRow, OutboxState
from storage.outbox import (
    add_or_move_rows,
    add_row,
    add_rows,
    claim_due,
    expire_stale,
    finish,
    hold_method,
    mark_sending,
    method_not_before,
    recover_expired_leases,
    release_claims,
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
# While Slack refuses the token, this long between two looks (`auth.test`) at whether it works again.
TOKEN_RECHECK = timedelta(minutes=1)
# A call's lease outlasts the client's timeout by this much: a slow Slack can't outlive its lease.
LEASE_MARGIN = timedelta(seconds=2)
# The POST of a file's bytes to its upload URL, as the rate gate and the logs name it (no Web API method).
UPLOAD = "upload_url"
# Where a refusal is handed to a kind's `after` (`refusal(data)`).
_REFUSAL = "refusal"


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
    pairing_id: int | None = None  # the pairing it is about (set by its kind: bot.delivery.kinds.KindSpec.letter)


def enqueue(session: Session, letter: Letter, now: datetime) -> bool:
    """Write a letter in the caller's unit of work; False when its unique key was used already."""
    return add_row(session, _row(letter, now))


def enqueue_all(session: Session, letters: Sequence[Letter], now: datetime) -> int:
    """Write many letters in one statement, each as `enqueue` would; how many were written."""
    return add_rows(session, [_row(letter, now) for letter in letters])


def enqueue_or_move(session: Session, letters: Sequence[Letter], now: datetime) -> None:
    """Write letters with unique keys; one already waiting under its key is moved to the new time instead."""
    add_or_move_rows(session, [_row(letter, now) for letter in letters])


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
        pairing_id=letter.pairing_id,
        created_at=now,
    )


class Ended(StrEnum):
    """How a row's sending ended, for its kind's `after` hook."""

    SENT = "sent"
    REFUSED = "refused"  # Slack said no: nothing reached anyone
    UNKNOWN = "unknown"  # it may have arrived: not resent


class RefusedError(Exception):
    """A call refused; its error code says why (`channel_not_found`, `user_not_found`, …).

    `by_slack`: Slack answered so (the row ends `refused`); a sender raising it itself, for a reader who
    left meanwhile, refuses by design (the row ends `cancelled`). The kind's `after` hears REFUSED alike.
    """

    def __init__(self, method: str, error: str, *, by_slack: bool = False) -> None:
        super().__init__(f"{method}: {error}")
        self.method = method
        self.error = error
        self.by_slack = by_slack


def refusal(data: Mapping[str, Any]) -> RefusedError | None:
    """For a kind's `after` hearing REFUSED: the refusal that ended the row (its method, its error code, and its
    type: bot.delivery.files.ChannelRefusedError for a share the bot may not make there); None otherwise."""
    found = data.get(_REFUSAL)
    return found if isinstance(found, RefusedError) else None


class _TokenRefusedError(Exception):
    """Slack refused the bot's token itself: nothing can be sent, by this row or any other."""

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
    def __init__(self, error: str, at: datetime | None = None, *, failed: bool = False) -> None:
        super().__init__(error)
        self.error = error
        self.at = at  # None: by the backoff schedule
        self.failed = failed  # a failure, which uses one of the row's tries (not a 429 nor a deferral)


class Job:
    """One claimed row, as its sender sees it: what it is about, and the way to call Slack."""

    def __init__(self, dispatcher: Dispatcher, row: OutboxRow) -> None:
        self._dispatcher = dispatcher
        self.row_id = row.id or 0
        self.claim = row.claimed_by  # the claim's token: every change to the row checks it
        self.kind = row.kind
        self.recipient = row.recipient
        self.subject: dict[str, Any] = json.loads(row.subject or "{}")
        self.progress: dict[str, Any] = json.loads(row.progress or "{}")
        self.attempts = row.attempts
        self.due_at = row.due_at

    def call(self, method: str, **args: Any) -> dict[str, Any]:
        """Call a Web API method once; its data, or an exception the dispatcher turns into the row's fate."""
        return self._dispatcher.call(self, method, args)

    def upload(self, url: str, content: bytes) -> None:
        """POST a file's bytes to the upload URL `files.getUploadURLExternal` gave; returns once Slack has them.

        Repeatable (nothing is shared until `files.completeUploadExternal`): any failure puts the row back
        for a later try, which asks for a fresh URL."""
        self._dispatcher.upload(self, url, content)

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
    in the transaction that marks the row, and may change state and write letters of its own. On
    REFUSED, `refusal(data)` is what was refused and why.
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
        # While a call is in flight its row, and the claim's rows not begun, are held for at least as
        # long as the client waits for Slack's answer: a slow Slack can't outlive them.
        self._call_lease = max(lease, timedelta(seconds=client.timeout or 0) + LEASE_MARGIN)
        self._batch = batch
        self._senders = senders  # threads sending one batch's rows at once
        self.worker = f"{uuid.uuid4().hex[:12]}"
        self._inline = inline  # tests and the demo: a commit that wrote rows sends them before it returns
        self._inline_busy = threading.local()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._claims: dict[str, datetime] = {}  # this process's claims under way: until when their rows are held
        self._claims_changed = threading.Condition()
        self._token = _TokenState()

    # -- one pass -------------------------------------------------------------------------------
    def dispatch_due(self, *, recover: bool = True) -> int:
        """Send everything due now (including what became due while sending); how many rows it finished with
        (sent, unknown, refused, cancelled or failed; not those put back for later).

        `recover`: first take back the rows of dispatchers that died (the tick does; the fast path after
        a commit needn't, and is quicker without).
        """
        handled = 0
        if recover:
            self.recover()
        while not self._stopping.is_set() and self._may_send():
            claim = self._open_claim()
            try:
                with self._uow() as uow:
                    rows = claim_due(uow.session, self._clock(), self._lease, claim, self._batch)
                    uow.commit()
                if not rows:
                    return handled
                handled += self._send_batch(rows)
            finally:
                self._close_claim(claim)
        return handled

    def _open_claim(self) -> str:
        """A token for one claim: two passes of this process (the wake-up loop and the tick) never share one."""
        claim = f"{self.worker}.{uuid.uuid4().hex[:12]}"
        with self._claims_changed:
            self._claims[claim] = self._clock() + self._lease  # no later than `claim_due` will say
        return claim

    def _close_claim(self, claim: str) -> None:
        with self._claims_changed:
            self._claims.pop(claim, None)
            self._claims_changed.notify_all()

    def _renewal(self, claim: str, now: datetime) -> datetime | None:
        """Until when the claim's rows not begun must be held again so they outlast a call starting `now`,
        or None while they are held long enough. With room to spare: renewing is a statement of its own,
        made about once per call lease per claim, not at every call."""
        with self._claims_changed:
            held = self._claims.get(claim)
            if held is not None and held >= now + self._call_lease:
                return None
            self._claims[claim] = now + 2 * self._call_lease
            return self._claims[claim]

    def _send_batch(self, rows: list[OutboxRow]) -> int:
        """A claimed batch holds no two rows of one order key, so its rows may go out side by side."""
        if self._senders == 1 or len(rows) == 1:
            return self._send_in_turn(rows)
        shares = [rows[n :: self._senders] for n in range(self._senders)]
        handled = [0] * len(shares)

        failures: list[Exception] = []

        def send_share(n: int) -> None:
            try:
                handled[n] = self._send_in_turn(shares[n])
            except Exception as e:  # the database went away mid-batch: the rows' leases give them back
                failures.append(e)  # raised below, where the pass's caller says it once (never Python's thread hook)

        # Daemon threads, not a pool's: at exit, a call Slack never answers must not hold the process.
        threads = [
            threading.Thread(target=send_share, args=(n,), name="mentorbot-sender", daemon=True)
            for n in range(len(shares))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if failures:
            raise failures[0]
        return sum(handled)

    def _send_in_turn(self, rows: list[OutboxRow]) -> int:
        handled = 0
        for n, row in enumerate(rows):
            if self._stopping.is_set() or self._token.refused() is not None:
                self._release(rows[n:])
                break
            handled += self._send(row)
        return handled

    def _release(self, rows: list[OutboxRow]) -> None:
        """Claimed but not begun, as the process stops or the token is refused: back to pending, as they were."""
        with self._uow() as uow:
            for row in rows:
                reschedule(uow.session, row.id or 0, row.claimed_by, row.due_at, row.error)
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

    # -- a refused token: nothing is sent until Slack accepts it again ----------------------------
    def health(self) -> dict[str, str]:
        """What keeps this dispatcher from sending, for /healthz (`{"slack": "token_revoked"}`); {} when nothing."""
        refused = self._token.refused()
        return {"slack": refused} if refused is not None else {}

    def _may_send(self) -> bool:
        """False while Slack refuses the token; every TOKEN_RECHECK, `auth.test` says whether it works again."""
        now = self._clock()
        if not self._token.due_for_a_look(now):
            return self._token.refused() is None
        try:
            self._client.api_call("auth.test")
        except SlackApiError as e:
            if refuses_the_token(str(e.response.get("error") or "")) or e.response.status_code >= 500:
                self._token.still_refused(now + TOKEN_RECHECK)
                return False
        except (TimeoutError, OSError):  # Slack out of reach: no answer about the token yet
            self._token.still_refused(now + TOKEN_RECHECK)
            return False
        if self._token.accepted():
            log.info("Slack accepts the bot's token again; sending resumes")
        return True

    def _token_refused(self, refusal: _TokenRefusedError) -> None:
        if self._token.refuse(refusal.error, self._clock() + TOKEN_RECHECK):
            log.error(
                "Slack refused the bot's token (%s on %s): nothing is sent until it works; every message "
                "waits in the outbox. Configure a working SLACK_BOT_TOKEN (or reinstall the app to the "
                "workspace and use its new token); sending resumes by itself within a minute.",
                refusal.error,
                refusal.method,
            )

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
        """Let the rows being sent finish (within `timeout`), then give back what the next process may take
        up at once: rows claimed but not begun, and rows whose call in flight is safe to repeat.

        A post still in flight stays `sending`: its lease runs out, and it is unknown, never resent.
        """
        self._stopping.set()
        self._wake.set()
        deadline = time.monotonic() + timeout
        with self._claims_changed:
            self._claims_changed.wait_for(lambda: not self._claims, timeout)
            claims = sorted(self._claims)
        if self._thread is not None:
            self._thread.join(max(0.0, deadline - time.monotonic()))
        if claims:
            with self._uow() as uow:
                given_back = release_claims(uow.session, claims)
                uow.commit()
            if given_back:
                log.info("%s outbox rows given back for the next process to send at once", given_back)

    # -- what a Job calls ---------------------------------------------------------------------
    def call(self, job: Job, method: str, args: Mapping[str, Any]) -> dict[str, Any]:
        self._begin(job, method, repeatable=method in SAFE_TO_REPEAT)
        try:
            response = self._client.api_call(method, **request_body(method, args))
        except SlackApiError as e:
            raise self._answered_badly(method, e) from None
        except (TimeoutError, OSError) as e:
            if after_failure(method, error=e) is AfterFailure.AGAIN:
                raise _RetryError(f"{method} {type(e).__name__}", failed=True) from None
            raise _UnknownError(method, type(e).__name__) from None
        return dict(response.data) if isinstance(response.data, dict) else {}

    def _begin(self, job: Job, method: str, *, repeatable: bool) -> None:
        """Before a call: wait out the method's rate limit, then commit the row as sending (and renew its claim)."""
        now = self._clock()
        with self._uow() as uow:
            not_before = method_not_before(uow.session, method)
            if not_before is not None and not_before > now:
                raise _RetryError(f"{method} rate limited", at=not_before)
            renewal = self._renewal(job.claim, now)
            lease = self._call_lease
            marked = mark_sending(
                uow.session, job.row_id, job.claim, now, lease, repeatable=repeatable, renew_claim_until=renewal
            )
            if not marked:
                raise _LostError()
            uow.commit()

    def upload(self, job: Job, url: str, content: bytes) -> None:
        """A file's bytes to its upload URL: repeatable whatever happens, since nothing is shared by it."""
        self._begin(job, UPLOAD, repeatable=True)
        try:
            status, headers = post_bytes(url, content, timeout=self._client.timeout)
        except (TimeoutError, OSError) as e:
            raise _RetryError(f"{UPLOAD} {type(e).__name__}", failed=True) from None
        if status == 200:
            return
        if status == 429:
            raise self._rate_limited(UPLOAD, headers)
        # A 5xx, or a 4xx for a URL no longer good (expired, used): the next try asks for a fresh one.
        raise _RetryError(f"{UPLOAD} http_{status}", failed=True)

    def _rate_limited(self, method: str, headers: Mapping[str, Any]) -> _RetryError:
        wait = _retry_after(headers)
        until = self._clock() + wait
        with self._uow() as uow:
            hold_method(uow.session, method, until)
            uow.commit()
        log.warning("Slack %s: rate limited; waiting %ss (every process)", method, int(wait.total_seconds()))
        return _RetryError(f"{method} rate limited", at=until)

    def _answered_badly(self, method: str, error: SlackApiError) -> Exception:
        status = error.response.status_code
        code = str(error.response.get("error") or f"http_{status}")
        if status == 429:
            return self._rate_limited(method, error.response.headers)
        if refuses_the_token(code):
            return _TokenRefusedError(method, code)
        if status >= 500:
            if after_failure(method, status=status) is AfterFailure.AGAIN:
                return _RetryError(f"{method} {code}", failed=True)
            return _UnknownError(method, code)
        return RefusedError(method, code, by_slack=True)

    def record(self, job: Job) -> None:
        with self._uow() as uow:
            if not save_progress(uow.session, job.row_id, job.claim, json.dumps(job.progress, sort_keys=True)):
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
            if e.by_slack:
                log.warning("outbox row %s (%s): Slack refused %s: %s", job.row_id, job.kind, e.method, e.error)
            else:
                log.info("outbox row %s (%s): not sent (%s)", job.row_id, job.kind, e.error)
            state = OutboxState.REFUSED if e.by_slack else OutboxState.CANCELLED
            self._end(job, kind, state, Ended.REFUSED, {_REFUSAL: e}, e.error)
        except _TokenRefusedError as e:
            self._token_refused(e)
            with self._uow() as uow:  # as it was: pending, due when it was, no retry used
                reschedule(uow.session, job.row_id, job.claim, job.due_at, e.error)
                uow.commit()
            return False
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
            return self._retry(job, _RetryError("error", failed=True))
        else:
            self._end(job, kind, OutboxState.SENT, Ended.SENT, data, "")
            self._token.worked()
        return True

    def _end(
        self, job: Job, kind: Kind | None, state: OutboxState, ended: Ended, data: Mapping[str, Any], error: str
    ) -> None:
        """Mark the row, and let its kind act on the outcome, in one transaction."""
        with self._uow() as uow:
            if not finish(uow.session, job.row_id, job.claim, state, self._clock(), error):
                log.warning("outbox row %s: lease lost before it was marked %s", job.row_id, state.value)
                return
            if kind is not None:
                kind.after(uow.session, job, ended, data, self._clock())
            uow.commit()

    def _retry(self, job: Job, retry: _RetryError) -> bool:
        """Put the row back for a later try; after the last one, give it up (True: it is finished).

        Only failures (a 5xx, an unreachable Slack, an error) use up the row's tries; a 429 or a deferral
        only puts it off.
        """
        now = self._clock()
        if retry.failed and job.attempts >= len(BACKOFF):
            tries = job.attempts + 1
            log.error("outbox row %s (%s): gave up after %s attempts (%s)", job.row_id, job.kind, tries, retry)
            with self._uow() as uow:
                finish(uow.session, job.row_id, job.claim, OutboxState.FAILED, now, retry.error)
                uow.commit()
            return True
        at = retry.at or now + BACKOFF[min(job.attempts, len(BACKOFF) - 1)]
        with self._uow() as uow:
            reschedule(uow.session, job.row_id, job.claim, at, retry.error, failed=retry.failed)
            uow.commit()
        return False


class _TokenState:
    """Whether Slack refuses the bot's token, as this process last heard; shared by its threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._refused: str | None = None
        self._look_at: datetime | None = None
        self._told: str | None = None  # the refusal already logged, until a row goes out again

    def refused(self) -> str | None:
        with self._lock:
            return self._refused

    def refuse(self, error: str, look_at: datetime) -> bool:
        """Refused now; True when this is news worth the one ERROR line."""
        with self._lock:
            news = self._refused is None and self._told != error
            self._refused, self._look_at, self._told = error, look_at, error
            return news

    def due_for_a_look(self, now: datetime) -> bool:
        with self._lock:
            return self._refused is not None and self._look_at is not None and now >= self._look_at

    def still_refused(self, look_at: datetime) -> None:
        with self._lock:
            self._look_at = look_at

    def worked(self) -> None:
        """A row went out: a refusal after this is a new one, worth its ERROR line."""
        with self._lock:
            self._told = None

    def accepted(self) -> bool:
        """The token works again; True when it was refused until now."""
        with self._lock:
            was = self._refused is not None
            self._refused, self._look_at = None, None
            return was


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
