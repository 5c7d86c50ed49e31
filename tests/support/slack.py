"""The app's Slack credentials in tests, and how long it waits for Slack's answer."""

from __future__ import annotations

SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-token"
SLACK_TIMEOUT_SECONDS = 2  # short, so a test of a call whose answer never comes waits little (see hang_next)
