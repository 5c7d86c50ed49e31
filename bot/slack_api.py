"""Talking to Slack's Web API: one way to build a client, and deliveries that never double-send.

Reads and idempotent writes are retried on 429, 5xx and dropped connections. A message post
is retried only on 429 (Slack says it was not processed): after a timeout or a 5xx its outcome
is unknown, so it is logged and reported instead of being sent a second time.
"""

from __future__ import annotations

import logging
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

from bot.settings import Settings

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
    }
)


def api_method(url: str) -> str:
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]


class OnlySafeToRepeat(RetryHandler):
    """Retries what `inner` would retry, but only calls whose repetition changes nothing a person sees twice."""

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
        return api_method(request.url) in SAFE_TO_REPEAT and bool(
            self.inner.can_retry(state=state, request=request, response=response, error=error)
        )

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
    UNSURE = "unsure"  # sent, but no answer (timeout, 5xx): not resent, so nobody gets it twice


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

    Everything the bot sends because something changed goes through the outbox instead (bot/outbox.py).
    """

    def __init__(self, client: WebClient) -> None:
        self.client = client

    def call(self, method: str, **args: Any) -> Outcome:
        try:
            response = self.client.api_call(method, json={k: v for k, v in args.items() if v is not None})
        except SlackApiError as e:
            status = e.response.status_code
            error = str(e.response.get("error") or f"http_{status}")
            return self._failed(method, error, unsure=status >= 500)
        except (TimeoutError, OSError) as e:
            return self._failed(method, type(e).__name__, unsure=may_have_arrived(e))
        return Outcome(Delivery.SENT, data=dict(response.data) if isinstance(response.data, dict) else {})

    def post(self, channel: str, text: str, blocks: list[dict[str, Any]] | None = None) -> Outcome:
        return self.call("chat.postMessage", channel=channel, text=text, blocks=blocks)

    def reply(self, response_url: str, text: str, blocks: list[dict[str, Any]] | None = None) -> Outcome:
        """Answer a slash command or a click privately, through its `response_url`."""
        webhook = WebhookClient(response_url, timeout=self.client.timeout, retry_handlers=retry_handlers())
        try:
            response = webhook.send(text=text, blocks=blocks, response_type="ephemeral")
        except (TimeoutError, OSError) as e:
            return self._failed("response_url", type(e).__name__, unsure=may_have_arrived(e))
        if response.status_code == 200:
            return Outcome(Delivery.SENT)
        return self._failed("response_url", f"http_{response.status_code}", unsure=response.status_code >= 500)

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
