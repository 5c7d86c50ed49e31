"""The stand-in's file upload: Slack's three steps as slack-sdk's `files_upload_v2` makes them, and Slack's refusals."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.standin.render import render_call
from bot.standin.server import SlackStandIn
from tests.support.slack import BOT_TOKEN

CHART = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4  # bytes that are not UTF-8, as an image's are
HR = "CHRDIGEST"


def client_for(slack: SlackStandIn) -> WebClient:
    return WebClient(token=BOT_TOKEN, base_url=slack.api_url, timeout=5, retry_handlers=[])


def ticket(slack: SlackStandIn, length: int = len(CHART), **more: Any) -> tuple[str, str]:
    """Step 1: an upload URL and a file id."""
    answer = client_for(slack).files_getUploadURLExternal(filename="chart.png", length=length, **more)
    return str(answer["upload_url"]), str(answer["file_id"])


def post_bytes(url: str, content: bytes) -> tuple[int, str]:
    request = urllib.request.Request(url, data=content, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return int(response.status), response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_files_upload_v2_of_slack_sdk_shares_the_file_in_the_channel(slack: SlackStandIn) -> None:
    slack.add_channel(HR)

    answer = client_for(slack).files_upload_v2(
        channel=HR, content=CHART, filename="chart.png", title="Check-ins", alt_txt="a chart", initial_comment="Hi"
    )

    [share] = slack.files_in(HR)
    assert (share.filename, share.title, share.content, share.comment, share.alt_txt) == (
        "chart.png",
        "Check-ins",
        CHART,
        "Hi",
        "a chart",
    )
    assert answer["file"]["id"] == share.file_id
    assert [call.method for call in slack.calls] == [
        "files.getUploadURLExternal",
        "upload_url",
        "files.completeUploadExternal",
    ]


def test_the_upload_is_answered_as_slack_s_upload_service_answers(slack: SlackStandIn) -> None:
    url, _ = ticket(slack)

    assert post_bytes(url, CHART) == (200, f"OK - {len(CHART)}")
    assert slack.calls_to("upload_url")[0].args["length"] == len(CHART)


def test_bytes_of_another_length_than_announced_are_refused(slack: SlackStandIn) -> None:
    url, _ = ticket(slack, length=len(CHART) + 1)

    assert post_bytes(url, CHART)[0] == 400


def test_an_upload_url_never_handed_out_is_not_found(slack: SlackStandIn) -> None:
    assert post_bytes(slack.base_url + "/upload/F00000099", CHART)[0] == 404


@pytest.mark.parametrize(
    ("more", "error"),
    [({"length": 0}, "missing_argument"), ({"alt_txt": "x" * 1001}, "alt_txt_too_large")],
    ids=["empty", "alt text too long"],
)
def test_an_upload_url_is_refused_as_slack_refuses_it(slack: SlackStandIn, more: dict[str, Any], error: str) -> None:
    with pytest.raises(SlackApiError) as refused:
        ticket(slack, **more)

    assert refused.value.response["error"] == error


def complete(slack: SlackStandIn, file_id: str, channel: str = HR) -> str:
    """Step 3; Slack's error code ("" when it shared)."""
    try:
        client_for(slack).files_completeUploadExternal(files=[{"id": file_id, "title": "t"}], channel_id=channel)
    except SlackApiError as e:
        return str(e.response["error"])
    return ""


def test_a_file_never_uploaded_or_unknown_is_not_shared(slack: SlackStandIn) -> None:
    slack.add_channel(HR)
    _, file_id = ticket(slack)

    assert complete(slack, file_id) == "invalid_arguments"  # its bytes never came
    assert complete(slack, "FUNKNOWN") == "invalid_arguments"
    assert slack.files_in(HR) == []


def uploaded(slack: SlackStandIn) -> str:
    url, file_id = ticket(slack)
    post_bytes(url, CHART)
    return file_id


def test_a_share_where_the_bot_is_not_a_member_is_refused_until_it_is_invited(slack: SlackStandIn) -> None:
    slack.add_channel(HR, bot_member=False)
    file_id = uploaded(slack)

    assert complete(slack, file_id) == "not_in_channel"
    slack.add_channel(HR)  # someone invited the bot
    assert complete(slack, file_id) == ""
    assert len(slack.files_in(HR)) == 1


def test_a_share_in_a_channel_slack_does_not_know_is_refused(slack: SlackStandIn) -> None:
    assert complete(slack, uploaded(slack), "CGONE") == "channel_not_found"


def test_a_message_where_the_bot_is_not_a_member_is_refused(slack: SlackStandIn) -> None:
    slack.add_channel(HR, bot_member=False)

    with pytest.raises(SlackApiError) as refused:
        client_for(slack).chat_postMessage(channel=HR, text="hello")

    assert refused.value.response["error"] == "not_in_channel"


def test_each_of_the_three_steps_can_be_made_to_fail(slack: SlackStandIn) -> None:
    slack.add_channel(HR)
    slack.fail_next("files.getUploadURLExternal", status=500)
    slack.fail_next("upload_url", status=503)
    slack.fail_next("files.completeUploadExternal", status=500, done_anyway=True)  # shared, then a 500
    client = client_for(slack)

    with pytest.raises(SlackApiError):
        client.files_upload_v2(channel=HR, content=CHART, filename="chart.png")
    with pytest.raises(urllib.error.HTTPError):  # slack-sdk lets urllib's error through
        client.files_upload_v2(channel=HR, content=CHART, filename="chart.png")
    with pytest.raises(SlackApiError):
        client.files_upload_v2(channel=HR, content=CHART, filename="chart.png")

    assert len(slack.files_in(HR)) == 1
    assert [call.answered_ok for call in slack.calls_to("upload_url")] == [False, True]


def test_a_hanging_upload_takes_the_bytes_and_answers_late(slack: SlackStandIn) -> None:
    slack.hang_next("upload_url", 2.0)
    url, file_id = ticket(slack)
    request = urllib.request.Request(url, data=CHART, method="POST")

    with pytest.raises(TimeoutError):
        urllib.request.urlopen(request, timeout=0.5)

    slack.add_channel(HR)
    assert complete(slack, file_id) == ""  # the bytes arrived all the same


def test_a_shared_file_shows_with_its_comment_name_and_size(slack: SlackStandIn) -> None:
    slack.add_channel(HR)
    client_for(slack).files_upload_v2(
        channel=HR, content=CHART, filename="chart.png", title="Check-ins", initial_comment="*Weekly* digest"
    )

    [call] = slack.calls_to("files.completeUploadExternal")

    assert render_call(call) == ["Weekly digest", f"📎 Check-ins (chart.png, {len(CHART):,} bytes)"]


def test_a_refused_share_shows_nothing(slack: SlackStandIn) -> None:
    slack.add_channel(HR, bot_member=False)
    complete(slack, uploaded(slack))

    [call] = slack.calls_to("files.completeUploadExternal")

    assert render_call(call) == []
