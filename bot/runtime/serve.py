"""`mentorbot serve`: Socket Mode with an app token, otherwise HTTP under waitress."""

from __future__ import annotations

import logging
import signal
from datetime import timedelta

import waitress.server
from slack_sdk.errors import SlackApiError

from bot.app import Mentorbot, build
from bot.delivery.slack_api import build_web_client
from bot.i18n import CatalogError
from bot.runtime.background import Background
from bot.runtime.graceful import GracefulStop
from bot.runtime.heap import settle_heap
from bot.runtime.logs import START_UP_SLACK_LOGGER
from bot.runtime.settings import Settings
from bot.runtime.socket_mode import serve_socket_mode
from bot.runtime.web import EVENTS_PATH, HEALTH_PATH, MAX_BODY_BYTES, SlackHttpEntry
from storage.db import describe, wait_for_database
from storage.migrate import upgrade

log = logging.getLogger(__name__)

# Each waitress thread serves one request at a time, until its listener acks (bot/runtime/executor.py).
HTTP_THREADS = 32
# On SIGTERM: how long requests in flight may take to be answered; the listeners and the dispatcher
# get the rest of the 10 seconds a container runtime usually allows.
ANSWERING_DEADLINE_SECONDS = 4.0
# Then a send in flight may end; what is left is given back at exit, except a post still in flight (its lease).
DISPATCHER_DEADLINE_SECONDS = 2.0


class StartupError(RuntimeError):
    """Something an operator must fix before the bot can start; the message says what."""


def serve(settings: Settings) -> None:
    settings.require_for_serving()
    try:
        bot = build(settings)
    except CatalogError as e:  # HR's wording must be right before anyone reads it
        raise StartupError(str(e)) from None
    bot.services.pool.after_each_build(settle_heap)  # short collector pauses while requests are served
    wait_for_database(bot.engine, settings.database_wait_seconds)
    log.info("database: %s; %s", describe(bot.engine.url), upgrade(bot.engine))
    _check_token(settings, bot)
    background = Background(bot.dispatcher, bot.operations, timedelta(seconds=settings.tick_seconds))
    background.start()
    try:
        _serve_requests(settings, bot)
    finally:
        # Requests are no longer taken: let the listeners in flight finish, then the dispatcher and the clock.
        bot.listeners.shutdown(wait=True)  # at most bot.runtime.executor.DRAIN_SECONDS
        background.stop(timeout=DISPATCHER_DEADLINE_SECONDS)
        bot.engine.dispose()
        log.info("Mentorbot stopped")


def _serve_requests(settings: Settings, bot: Mentorbot) -> None:
    if settings.socket_mode:
        try:
            serve_socket_mode(settings, bot.app, bot.health)  # returns on SIGTERM or SIGINT, once the socket is closed
        except SlackApiError as e:
            raise StartupError(
                f"Slack refused SLACK_APP_TOKEN ({e.response.get('error')}); it needs the connections:write scope"
            ) from None
        except OSError as e:
            raise StartupError(f"could not open the Socket Mode connection to Slack ({type(e).__name__})") from None
        return
    entry = SlackHttpEntry(bot.app, settings.slack_signing_secret or "", bot.health)
    server = waitress.server.create_server(
        entry,
        listen=f"*:{settings.port}",
        threads=HTTP_THREADS,
        ident="mentorbot",
        max_request_body_size=MAX_BODY_BYTES,
    )
    stop = GracefulStop(server, deadline=ANSWERING_DEADLINE_SECONDS)
    signal.signal(signal.SIGTERM, stop.begin)
    signal.signal(signal.SIGINT, stop.begin)
    log.info(
        "Mentorbot is in HTTP mode, listening on port %s (POST %s, GET %s)", settings.port, EVENTS_PATH, HEALTH_PATH
    )
    server.run()
    server.task_dispatcher.shutdown(timeout=1)


def _check_token(settings: Settings, bot: Mentorbot) -> None:
    """Who the bot is, once: requests never ask Slack again (they keep working while it is unreachable)."""
    client = build_web_client(settings, logger=logging.getLogger(START_UP_SLACK_LOGGER))  # the one line is ours
    try:
        answer = client.auth_test(token=bot.identity.token).data
        bot.identity.learn(answer if isinstance(answer, dict) else {})
    except SlackApiError as e:
        raise StartupError(
            f"Slack refused SLACK_BOT_TOKEN ({e.response.get('error')}); check the token in .env"
        ) from None
    except OSError as e:
        log.warning("could not reach Slack to check the token (%s); starting anyway", type(e).__name__)
