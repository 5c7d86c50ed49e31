"""`mentorbot serve`: Socket Mode with an app token, otherwise HTTP under waitress."""

from __future__ import annotations

import logging

import waitress
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.app import build
from bot.settings import Settings
from bot.web import SlackHttpEntry
from storage.migrate import upgrade

log = logging.getLogger(__name__)

# Each waitress thread serves one request at a time; Bolt runs listeners on its own pool.
HTTP_THREADS = 16


class StartupError(RuntimeError):
    """Something an operator must fix before the bot can start; the message says what."""


def serve(settings: Settings) -> None:
    settings.require_for_serving()
    bot = build(settings)
    upgrade(bot.engine)
    _check_token(bot.services.messenger.client)
    if settings.socket_mode:
        log.info("Mentorbot is starting in Socket Mode")
        SocketModeHandler(bot.app, settings.slack_app_token).start()
        return
    log.info("Mentorbot is listening on port %s (POST /slack/events, GET /healthz)", settings.port)
    entry = SlackHttpEntry(bot.app, settings.slack_signing_secret or "")
    waitress.serve(entry, listen=f"*:{settings.port}", threads=HTTP_THREADS, ident="mentorbot", _quiet=True)


def _check_token(client: WebClient) -> None:
    try:
        client.auth_test()
    except SlackApiError as e:
        raise StartupError(
            f"Slack refused SLACK_BOT_TOKEN ({e.response.get('error')}); check the token in .env"
        ) from None
    except OSError as e:
        log.warning("could not reach Slack to check the token (%s); starting anyway", type(e).__name__)
