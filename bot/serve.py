"""`mentorbot serve`: Socket Mode with an app token, otherwise HTTP under waitress."""

from __future__ import annotations

import logging
import signal
from datetime import timedelta

import waitress.server
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.app import Mentorbot, build
from bot.background import Background
from bot.settings import Settings
from bot.socket_mode import serve_socket_mode
from bot.web import EVENTS_PATH, HEALTH_PATH, MAX_BODY_BYTES, SlackHttpEntry
from storage.db import describe, wait_for_database
from storage.migrate import upgrade

log = logging.getLogger(__name__)

# Each waitress thread serves one request at a time; Bolt runs listeners on its own pool.
HTTP_THREADS = 16


class StartupError(RuntimeError):
    """Something an operator must fix before the bot can start; the message says what."""


def serve(settings: Settings) -> None:
    settings.require_for_serving()
    bot = build(settings)
    wait_for_database(bot.engine, settings.database_wait_seconds)
    log.info("database: %s; %s", describe(bot.engine.url), upgrade(bot.engine))
    _check_token(bot.services.messenger.client)
    background = Background(bot.dispatcher, bot.operations, timedelta(seconds=settings.tick_seconds))
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    background.start()
    try:
        _serve_requests(settings, bot)
    finally:
        log.info("Mentorbot is stopping")
        background.stop()


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(0)  # unwinds the server's loop, so `serve`'s finally stops the dispatcher cleanly


def _serve_requests(settings: Settings, bot: Mentorbot) -> None:
    if settings.socket_mode:
        serve_socket_mode(settings, bot.app)  # returns on SIGTERM or SIGINT, once the socket is closed
        return
    entry = SlackHttpEntry(bot.app, settings.slack_signing_secret or "")
    server = waitress.server.create_server(
        entry,
        listen=f"*:{settings.port}",
        threads=HTTP_THREADS,
        ident="mentorbot",
        max_request_body_size=MAX_BODY_BYTES,
    )
    log.info(
        "Mentorbot is in HTTP mode, listening on port %s (POST %s, GET %s)", settings.port, EVENTS_PATH, HEALTH_PATH
    )
    server.run()


def _check_token(client: WebClient) -> None:
    try:
        client.auth_test()
    except SlackApiError as e:
        raise StartupError(
            f"Slack refused SLACK_BOT_TOKEN ({e.response.get('error')}); check the token in .env"
        ) from None
    except OSError as e:
        log.warning("could not reach Slack to check the token (%s); starting anyway", type(e).__name__)
