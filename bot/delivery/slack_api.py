"""Talking to Slack's Web API: one way to build a client, and one rule for what a failed call means.

The rule, per method (`after_failure` and `may_have_taken_effect`, used by the client's retries, the
Messenger and the outbox alike):

| Slack's answer                        | a method in SAFE_TO_REPEAT | any other method (a post, `views.open`, …) |
| ------------------------------------- | -------------------------- | ------------------------------------------ |
| 429                                   | again, after `Retry-After` | again, after `Retry-After` (not processed) |
| a connection refused (never reached)  | again                      | again                                      |
| 5xx, a timeout, a connection lost     | again                      | unknown: it may have been done; never again |
| `ok: false` (a 4xx), TOKEN_REFUSALS   | nothing can be sent: stop sending until the token works |
| `ok: false` (a 4xx), anything else    | refused: nothing happened                               |

A file goes out in three steps (bot/delivery/files.py): `files.getUploadURLExternal` (safe to repeat: an
unused upload URL shows nobody anything), the bytes POSTed to that URL (`post_bytes`; repeatable too: a
fresh URL is asked for), and `files.completeUploadExternal`, which shares the file in a channel: a post.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import (
    ConnectionErrorRetryHandler,
    HttpRequest,
    HttpResponse,
    RateLimitErrorRetryHandler,
    RetryHandler,
    RetryState,
)
from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from bot.runtime.settings import Settings

log = logging.getLogger(__name__)

# Methods whose repetition changes nothing a person sees twice.
SAFE_TO_REPEAT = frozenset(
    {
        "auth.test",
        "users.info",
        "conversations.info",
        "conversations.open",
        "views.publish",
        "views.update",
        "chat.update",
        "files.getUploadURLExternal",  # a URL and an id for a file not shared yet: an unused one is dropped
    }
)

# Methods sent as a form, exactly as slack-sdk's own `files_upload_v2` sends them: the encoding known to work
# for the upload methods (a JSON body to `files.getUploadURLExternal` has been reported refused with
# `invalid_arguments`). Everything else goes as JSON.
FORM_METHODS = frozenset({"files.getUploadURLExternal", "files.completeUploadExternal"})

# Slack's answers that mean the bot's token can send nothing at all, whatever the message: the token was
# revoked or expired, the app removed, the bot user or the workspace deactivated. Every one of them makes
# `auth.test` fail too, so `auth.test` tells when a working token is back. Not `missing_scope`: it concerns
# one method, `auth.test` can't tell when it is fixed, and the app's other calls still work.
TOKEN_REFUSALS = frozenset(
    {"token_revoked", "token_expired", "invalid_auth", "not_authed", "account_inactive", "team_disabled"}
)


def request_body(method: str, args: Mapping[str, Any]) -> dict[str, Any]:
    """`api_call`'s keyword for the body of a call to `method`: `json=`, or `params=` (a form) for FORM_METHODS.

    Arguments that are None are left out; in a form, a list or a mapping (`files`, `blocks`) goes as JSON text.
    """
    given = {key: value for key, value in args.items() if value is not None}
    if method not in FORM_METHODS:
        return {"json": given}
    return {"params": {key: _form_value(value) for key, value in given.items()}}


def _form_value(value: Any) -> Any:
    return json.dumps(value) if isinstance(value, (list, dict)) else value


def post_bytes(url: str, content: bytes, timeout: float) -> tuple[int, dict[str, str]]:
    """POST a file's bytes to an upload URL `files.getUploadURLExternal` gave (as slack-sdk's `files_upload_v2`
    does: no token, the URL is the permission); Slack's status and headers. A transport error is raised."""
    if not url.startswith(("https://", "http://")):  # http: the local stand-in's
        raise ValueError("an upload URL is http(s)")
    headers = {"Content-Type": "application/octet-stream"}
    request = urllib.request.Request(url, data=content, headers=headers, method="POST")  # noqa: S310 (checked above)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            response.read()
            return int(response.status), dict(response.headers.items())
    except urllib.error.HTTPError as e:
        with e:
            return int(e.code), dict(e.headers.items())


def api_method(url: str) -> str:
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]


class AfterFailure(StrEnum):
    """What a call that got no good answer (429, 5xx, or no answer at all) leaves behind."""

    AGAIN = "again"  # nothing was done, or doing it again shows nobody anything twice: call again (later)
    UNKNOWN = "unknown"  # it may have been done, and doing it again could show it twice: never again


def after_failure(method: str, *, status: int | None = None, error: BaseException | None = None) -> AfterFailure:
    """The rule for `method` after an HTTP `status` (429 or 5xx) or a transport `error` (see the table above)."""
    if method in SAFE_TO_REPEAT or not may_have_taken_effect(status=status, error=error):
        return AfterFailure.AGAIN
    return AfterFailure.UNKNOWN


def may_have_taken_effect(*, status: int | None = None, error: BaseException | None = None) -> bool:
    """A 429 or a refused connection: Slack did nothing. A 5xx, a timeout, a connection lost: it may have."""
    if status is not None:
        return status >= 500
    return error is not None and may_have_arrived(error)


def refuses_the_token(error: str) -> bool:
    """Slack's error code says the bot can send nothing at all (not that this call is unwanted)."""
    return error in TOKEN_REFUSALS


class OnlySafeToRepeat(RetryHandler):
    """Retries what `inner` would retry, but only where `after_failure` says calling again is safe."""

    def __init__(self, inner: RetryHandler) -> None:
        super().__init__(max_retry_count=inner.max_retry_count, interval_calculator=inner.interval_calculator)
        self.inner = inner

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        status = response.status_code if response is not None else None
        again = after_failure(api_method(request.url), status=status, error=error) is AfterFailure.AGAIN
        return again and bool(self.inner.can_retry(state=state, request=request, response=response, error=error))

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        self.inner.prepare_for_next_attempt(state=state, request=request, response=response, error=error)


def retry_handlers() -> list[RetryHandler]:
    return [
        RateLimitErrorRetryHandler(max_retry_count=2),
        OnlySafeToRepeat(ServerErrorRetryHandler(max_retry_count=2)),
        OnlySafeToRepeat(ConnectionErrorRetryHandler(max_retry_count=1)),
    ]


def build_web_client(settings: Settings, logger: logging.Logger | None = None) -> WebClient:
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=settings.slack_timeout_seconds,
        retry_handlers=retry_handlers(),
        logger=logger,
    )


def build_dispatch_client(settings: Settings) -> WebClient:
    """For the outbox's dispatcher: no retries inside a call (it reschedules instead, and never sleeps)."""
    return WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=settings.slack_timeout_seconds,
        retry_handlers=[],
    )


class Delivery(StrEnum):
    SENT = "sent"
    FAILED = "failed"  # Slack said no, or it never got the request: nothing reached anyone
    UNSURE = "unsure"  # it may have been done (a 5xx, no answer): reported, never made again blindly


@dataclass(frozen=True)
class Outcome:
    delivery: Delivery
    error: str = ""
    data: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.delivery is Delivery.SENT


class Messenger:
    """What a listener sends itself (`views.open`, replies through a `response_url`), failures handled one way.

    Everything the bot sends because something changed goes through the outbox instead (bot/delivery/outbox.py).
    """

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def call(self, method: str, **args: Any) -> Outcome:
        try:
            response = self.client.api_call(method, json={k: v for k, v in args.items() if v is not None})
        except SlackApiError as e:
            status = e.response.status_code
            error = str(e.response.get("error") or f"http_{status}")
            return self._failed(method, error, unsure=may_have_taken_effect(status=status))
        except (TimeoutError, OSError) as e:
            return self._failed(method, type(e).__name__, unsure=may_have_taken_effect(error=e))
        return Outcome(Delivery.SENT, data=dict(response.data) if isinstance(response.data, dict) else {})

    def post(self, channel: str, text: str, blocks: list[dict[str, Any]] | None = None) -> Outcome:
        return self.call("chat.postMessage", channel=channel, text=text, blocks=blocks)

    def reply(
        self, response_url: str, text: str, blocks: list[dict[str, Any]] | None = None, *, replace: bool = False
    ) -> Outcome:
        """Answer a slash command or a click privately, through its `response_url` (`replace`: in place of the
        message clicked, for a click on a message that is answered now)."""
        webhook = WebhookClient(response_url, timeout=self.client.timeout, retry_handlers=retry_handlers())
        try:
            if replace:
                response = webhook.send(text=text, blocks=blocks, replace_original=True)
            else:
                response = webhook.send(text=text, blocks=blocks, response_type="ephemeral")
        except (TimeoutError, OSError) as e:
            return self._failed("response_url", type(e).__name__, unsure=may_have_taken_effect(error=e))
        if response.status_code == 200:
            return Outcome(Delivery.SENT)
        unsure = may_have_taken_effect(status=response.status_code)
        return self._failed("response_url", f"http_{response.status_code}", unsure=unsure)

    def _failed(self, method: str, error: str, *, unsure: bool) -> Outcome:
        # The text is never logged: it may carry what someone wrote in confidence.
        if unsure:
            log.error("Slack %s: outcome unknown (%s); not resent, to avoid a duplicate", method, error)
            return Outcome(Delivery.UNSURE, error)
        log.warning("Slack %s failed: %s", method, error)
        return Outcome(Delivery.FAILED, error)


def may_have_arrived(error: BaseException) -> bool:
    """A refused connection never reached Slack; a timeout or a reset mid-way may have."""
    reason = getattr(error, "reason", error)  # urllib wraps the socket's error
    return not isinstance(reason, ConnectionRefusedError)
