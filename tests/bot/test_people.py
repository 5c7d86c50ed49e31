"""Who people are to Slack: the cache, and the answers that must not wait for Slack."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from freezegun import freeze_time

from bot.app import Mentorbot
from bot.i18n import Language
from bot.standin.server import SlackStandIn
from tests.factories import DAAN


def test_a_dialogs_answer_uses_the_cached_language_however_old_without_asking_slack(
    mentorbot: Mentorbot, slack: SlackStandIn
) -> None:
    people = mentorbot.services.people
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    with freeze_time(monday):
        people.translator_for(DAAN.user_id)
    asked = len(slack.calls_to("users.info"))

    with freeze_time(monday + timedelta(days=3)):
        cached = people.cached_translator_for(DAAN.user_id)
        assert len(slack.calls_to("users.info")) == asked
        fresh = people.translator_for(DAAN.user_id)

    assert asked == 1
    assert cached.language is fresh.language is Language.NL
    assert len(slack.calls_to("users.info")) == 2


def test_someone_never_seen_gets_english_without_asking_slack(mentorbot: Mentorbot, slack: SlackStandIn) -> None:
    assert mentorbot.services.people.cached_translator_for(DAAN.user_id).language is Language.EN
    assert slack.calls_to("users.info") == []
