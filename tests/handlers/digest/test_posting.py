"""The weekly HR digest in HR_CHANNEL: once a week at DIGEST_AT, once (late) after downtime, with its chart; kept
while the bot isn't in the channel, the HR admins told once; never posted twice."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlmodel import col

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.server import SlackStandIn
from storage.db import make_session_factory
from storage.models import DigestFigures, OutboxRow, OutboxState
from storage.uow import UnitOfWork
from tests.factories import BEA, DAAN
from tests.support.digest import HR_CHANNEL, MONDAY_W11, charts_in, digests_in, tick_at


def rows(mentorbot: Mentorbot) -> list[OutboxRow]:
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        found = uow.session.execute(select(OutboxRow).where(col(OutboxRow.kind) == "digest")).scalars().all()
        uow.session.expunge_all()
        return list(found)


def dms_to(slack: SlackStandIn, user_id: str) -> list[str]:
    channel = slack.dm_of(user_id)
    return [str(args.get("text")) for _, args in slack.messages_in(channel)] if channel else []


def test_the_digest_is_posted_once_at_its_time_with_its_chart(mentorbot: Mentorbot, slack: SlackStandIn) -> None:
    assert not tick_at(mentorbot, "2027-03-15 07:59").digest_planned  # 08:59 in Amsterdam: last week's was due

    report = tick_at(mentorbot, MONDAY_W11)
    tick_at(mentorbot, "2027-03-15 08:01")
    tick_at(mentorbot, "2027-03-18 12:00")

    assert report.digest_planned
    [digest] = digests_in(slack, HR_CHANNEL)
    [chart] = charts_in(slack, HR_CHANNEL)
    assert chart.filename == "mentorbot-digest-2027-W11.png"
    assert chart.content.startswith(b"\x89PNG")
    assert chart.title == EN["digest.chart.title"].format(week="2027-W11")
    assert chart.alt_txt
    assert chart.alt_txt in chart.comment
    assert [row.unique_key for row in rows(mentorbot)] == ["digest:2027-W11"]
    assert "2027-W11" in json.dumps(digest)


def test_after_a_week_of_downtime_one_digest_is_posted_late(mentorbot: Mentorbot, slack: SlackStandIn) -> None:
    tick_at(mentorbot, MONDAY_W11)
    # Down from Sunday of week 11 to Wednesday of week 13: the digests of weeks 12 and 13 were missed.
    tick_at(mentorbot, "2027-03-31 10:00")
    tick_at(mentorbot, "2027-03-31 10:01")

    assert [row.unique_key for row in rows(mentorbot)] == ["digest:2027-W11", "digest:2027-W13"]
    assert len(digests_in(slack, HR_CHANNEL)) == len(charts_in(slack, HR_CHANNEL)) == 2
    on_time, late = (json.dumps(digest) for digest in digests_in(slack, HR_CHANNEL))
    late_mark = EN["digest.late"].split("{", 1)[0]
    assert late_mark in late
    assert "2027-03-29" in late  # due on Monday 29 March
    assert late_mark not in on_time


@pytest.mark.parametrize("hr_channel", [None])
def test_without_an_hr_channel_no_digest_is_planned(mentorbot: Mentorbot, slack: SlackStandIn) -> None:
    report = tick_at(mentorbot, MONDAY_W11)

    assert not report.digest_planned
    assert rows(mentorbot) == []
    assert not slack.calls_to("chat.postMessage")


@pytest.mark.parametrize(
    ("member", "error"), [(False, "not_in_channel"), (True, "channel_not_found")], ids=["not_in_channel", "not_found"]
)
def test_a_refused_channel_tells_the_admins_once_and_the_digest_arrives_once_the_bot_is_in(
    mentorbot: Mentorbot, slack: SlackStandIn, member: bool, error: str
) -> None:
    slack.add_channel(HR_CHANNEL, bot_member=member)
    if member:  # Slack didn't know the channel at the first try (its DMs to the admins are posts too: once)
        slack.fail_next("chat.postMessage", error=error)

    for moment in (MONDAY_W11, "2027-03-15 08:10", "2027-03-15 08:20"):
        tick_at(mentorbot, moment)
    told = {admin: dms_to(slack, admin) for admin in (BEA.user_id, DAAN.user_id)}
    slack.add_channel(HR_CHANNEL, bot_member=True)  # someone invited the bot
    tick_at(mentorbot, "2027-03-15 08:30")
    tick_at(mentorbot, "2027-03-15 08:40")

    assert [len(texts) for texts in told.values()] == [1, 1]
    assert f"`{HR_CHANNEL}`" in told[BEA.user_id][0]
    assert "/invite @Mentorbot" in told[BEA.user_id][0]
    assert told[DAAN.user_id][0].startswith(NL[f"digest.refused.{error}"].split("{", 1)[0])
    assert len(digests_in(slack, HR_CHANNEL)) == len(charts_in(slack, HR_CHANNEL)) == 1
    assert {admin: dms_to(slack, admin) for admin in told} == told  # nobody told again once it went out
    [row] = rows(mentorbot)
    assert row.state == OutboxState.SENT.value


@pytest.mark.parametrize("first_hr_admin", [DAAN.user_id])
def test_the_digest_is_in_the_first_hr_admins_language(mentorbot: Mentorbot, slack: SlackStandIn) -> None:
    tick_at(mentorbot, MONDAY_W11)

    [chart] = charts_in(slack, HR_CHANNEL)
    assert chart.title == NL["digest.chart.title"].format(week="2027-W11")


def test_a_share_put_back_resumes_without_posting_the_digest_again(mentorbot: Mentorbot, slack: SlackStandIn) -> None:
    slack.fail_next("files.completeUploadExternal", status=429, retry_after=30)

    tick_at(mentorbot, MONDAY_W11)
    assert len(digests_in(slack, HR_CHANNEL)) == 1
    assert charts_in(slack, HR_CHANNEL) == []
    tick_at(mentorbot, "2027-03-15 08:01")

    assert len(digests_in(slack, HR_CHANNEL)) == len(charts_in(slack, HR_CHANNEL)) == 1
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_a_digest_whose_post_may_have_arrived_is_never_posted_again(mentorbot: Mentorbot, slack: SlackStandIn) -> None:
    slack.fail_next("chat.postMessage", status=500, done_anyway=True)

    tick_at(mentorbot, MONDAY_W11)
    tick_at(mentorbot, "2027-03-15 09:00")

    assert len(digests_in(slack, HR_CHANNEL)) == 1
    assert len(slack.calls_to("chat.postMessage")) == 1
    assert charts_in(slack, HR_CHANNEL) == []  # no chart under a digest that may not be there
    [row] = rows(mentorbot)
    assert row.state == OutboxState.UNKNOWN.value


def test_the_weekly_digest_keeps_its_figures_for_the_next_to_compare(mentorbot: Mentorbot) -> None:
    tick_at(mentorbot, MONDAY_W11)
    tick_at(mentorbot, "2027-03-22 08:00")

    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        weeks = uow.session.execute(select(col(DigestFigures.week)).order_by(col(DigestFigures.week))).scalars().all()
    assert weeks == ["2027-W11", "2027-W12"]
