"""Who people are to Slack: the cache, and the answers that must not wait for Slack."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time

from bot.app import Mentorbot
from bot.delivery.slack_replies import person_facts
from bot.i18n import EN, Language
from bot.pairings import Asked
from bot.profiles import ProfileData, Role
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from storage.db import make_session_factory
from storage.models import Person
from storage.people import get_person, save_person
from storage.uow import UnitOfWork
from tests.factories import ALICE, DAAN


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


# --- what Slack sends about a person: only what the bot uses, bounded, a missing field keeps the known one

PAYLOADS = Path(__file__).resolve().parents[3] / "shared" / "slack-payloads"
LONG_NAME = "Ann " + "van der " * 37  # 300 characters: more than the old `real_name` column held


def person(mentorbot: Mentorbot, user_id: str) -> Person:
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        row = get_person(uow.session, user_id)
        assert row is not None
        return Person(**row.model_dump())  # a copy: the row expires when the unit of work ends


def real_payload(name: str) -> tuple[dict[str, Any], str]:
    """A recorded Slack payload (body and content type); skipped where ../shared is absent, outside CI."""
    path = PAYLOADS / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing")
        pytest.skip(f"{path} is absent here")
    recorded = json.loads(path.read_text(encoding="utf-8"))
    return json.loads(recorded["body"]), recorded["content_type"]


def test_a_slack_name_of_300_characters_is_no_problem(driver: SlackDriver, slack: SlackStandIn) -> None:
    slack.state.users[ALICE.user_id]["real_name"] = LONG_NAME

    driver.command(ALICE.user_id, "help")  # users.info answers with the long name
    changed = driver.event({"type": "user_change", "user": {**slack.state.users[ALICE.user_id], "tz": "Asia/Tokyo"}})
    driver.command(ALICE.user_id, "help")

    assert len(LONG_NAME) == 300
    assert changed.status == 200
    replies = [json.dumps(call.args) for call in slack.calls_to("response_url")]
    assert len(replies) == 2
    assert all(EN["help.title"] in reply and EN["error.generic"] not in reply for reply in replies)


def test_a_user_change_as_slack_sends_it_updates_time_zone_and_locale(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    body, content_type = real_payload("23_user_change_profile_tz_locale.json")
    slack.add_user("U0EVE0001", "Eve", locale="nl-NL", tz="Europe/Amsterdam")
    driver.command("U0EVE0001", "help")

    assert driver.post(json.dumps(body), content_type).status == 200

    eve = person(mentorbot, "U0EVE0001")
    assert (eve.tz, eve.locale, eve.gone) == ("America/Los_Angeles", "en-US", False)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("tz", None),
        ("tz", ""),
        ("tz", "Mars/Olympus_Mons"),
        ("tz", "../../etc/passwd"),
        ("tz", "America"),
        ("tz", "Europe/" + "x" * 300),
        ("tz", 3600),
        ("locale", "x" * 300),
        ("locale", "<!channel>"),
        ("locale", ["nl-NL"]),
    ],
)
def test_a_missing_or_odd_field_never_overwrites_the_known_one(
    driver: SlackDriver, mentorbot: Mentorbot, field: str, value: object
) -> None:
    driver.command(DAAN.user_id, "help")  # caches Daan: nl-NL, Europe/Amsterdam
    user: dict[str, Any] = {"id": DAAN.user_id, "tz": "Europe/Brussels", "locale": "nl-BE", field: value}
    if value is None:
        del user[field]

    assert driver.event({"type": "user_change", "user": user}).status == 200

    daan = person(mentorbot, DAAN.user_id)
    expected = {"tz": "Europe/Brussels", "locale": "nl-BE", field: getattr(DAAN, field)}
    assert (daan.tz, daan.locale) == (expected["tz"], expected["locale"])


def test_a_new_joiner_with_an_odd_time_zone_gets_utc(driver: SlackDriver, mentorbot: Mentorbot) -> None:
    driver.event({"type": "team_join", "user": {"id": "UNEW", "tz": "Nowhere/Special" * 10, "locale": "y" * 40}})

    nina = person(mentorbot, "UNEW")
    assert (nina.tz, nina.locale) == ("UTC", "en-US")


def gone_mentor(driver: SlackDriver, slack: SlackStandIn, profile: Callable[..., None]) -> dict[str, Any]:
    """Ann mentors Python and Alice wants to learn it; then Slack says Ann's account is deactivated."""
    body, content_type = real_payload("24_user_change_deleted_bot_user.json")
    slack.add_user("U0ANN0001", "Ann", locale="en-GB", tz="Europe/London")
    profile(ALICE.user_id, goals="Python")
    profile("U0ANN0001", role="mentor", skills="Python")
    assert suggested(driver, slack) == ["U0ANN0001"]
    assert driver.post(json.dumps(body), content_type).status == 200
    return body


def suggested(driver: SlackDriver, slack: SlackStandIn) -> list[str]:
    driver.command(ALICE.user_id, "find")
    blocks = slack.calls_to("response_url")[-1].args["blocks"]
    texts = [block["text"]["text"] for block in blocks if block["type"] == "section"]
    return [text.split("<@")[1].split(">")[0] for text in texts if text.startswith("*<@")]


def test_a_deactivated_person_is_never_suggested_and_keeps_their_time_zone(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot, profile: Callable[..., None]
) -> None:
    gone_mentor(driver, slack, profile)

    assert suggested(driver, slack) == []
    ann = person(mentorbot, "U0ANN0001")
    assert (ann.gone, ann.tz, ann.locale) == (True, "Europe/London", "en-GB")
    ann_profile = mentorbot.services.profiles.get("U0ANN0001")
    assert ann_profile is not None
    assert not ann_profile.available


def test_a_deactivated_mentor_cannot_be_asked(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot, profile: Callable[..., None]
) -> None:
    gone_mentor(driver, slack, profile)

    asked = mentorbot.services.pairings.ask(ALICE.user_id, "U0ANN0001", "")

    assert asked.asked is Asked.NOT_AVAILABLE


def test_someone_gone_with_an_open_profile_is_never_suggested_nor_asked(mentorbot: Mentorbot) -> None:
    """However the profile came to be open (saved before the event was handled), gone rules them out."""
    services = mentorbot.services
    services.profiles.save("UMENTEE", ProfileData(Role.MENTEE, "Engineering", "", "Python", 2, True))
    for user_id, gone in (("UGONE", True), ("UHERE", False)):
        services.profiles.save(user_id, ProfileData(Role.MENTOR, "Engineering", "Python", "", 2, True))
        with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
            save_person(uow.session, user_id, locale="en-US", tz="UTC", gone=gone, fetched_at=datetime.now(UTC))
            uow.commit()

    found = services.suggestions.find("UMENTEE")

    assert [s.mentor.user_id for s in found.suggestions] == ["UHERE"]
    assert services.pairings.ask("UMENTEE", "UGONE", "").asked is Asked.NOT_AVAILABLE


@pytest.mark.parametrize("user", [{"is_bot": True}, {"deleted": True}, {"deleted": True, "is_bot": False}])
def test_a_bot_or_a_deleted_account_is_gone(mentorbot: Mentorbot, user: dict[str, Any]) -> None:
    mentorbot.services.people.remember(person_facts({"id": "UX", "tz": "Europe/Paris", **user}))

    assert person(mentorbot, "UX").gone


def test_a_reactivated_person_is_back_but_an_event_without_the_field_changes_nothing(mentorbot: Mentorbot) -> None:
    people = mentorbot.services.people
    people.remember(person_facts({"id": "UX", "deleted": True}))
    people.remember(person_facts({"id": "UX", "tz": "Europe/Paris"}))
    still_gone = person(mentorbot, "UX").gone

    people.remember(person_facts({"id": "UX", "deleted": False, "is_bot": False}))

    assert still_gone
    assert not person(mentorbot, "UX").gone
