"""Files through the outbox: each step under its rule, shared at most once, a resumed row not uploading again."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bot.delivery.files import COMPLETE, GET_URL, FileToShare, channel_refused, share_file, shared_file
from bot.delivery.outbox import Ended, Job, Letter
from bot.standin.server import SlackStandIn
from storage.models import OutboxState
from tests.support.outbox import NOW, dispatcher, queue, state_of

HR = "CHRDIGEST"
CHART = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
UPLOAD = "upload_url"


class ShareChart:
    """A kind for tests: renders a chart when it goes out and shares it in the recipient channel."""

    def __init__(self) -> None:
        self.ended: list[Ended] = []
        self.refused: list[tuple[str, str]] = []
        self.shared: list[str] = []

    def send(self, job: Job) -> dict[str, Any]:
        chart = FileToShare("chart.png", "Check-ins", CHART, alt_text="A line chart", comment="*This week*")
        shared = share_file(job, job.recipient, chart)
        return {"file_id": shared.file_id}

    def after(self, session: Session, job: Job, ended: Ended, data: Mapping[str, Any], now: datetime) -> None:
        self.ended.append(ended)
        refusal = channel_refused(data)
        if refusal is not None:
            self.refused.append((refusal.channel, refusal.error))
        done = shared_file(job, "chart.png")
        if done is not None:
            self.shared.append(done.file_id)


class ShareThenPost(ShareChart):
    """Shares the chart, then posts a line in the channel: a put-back after the share must not share again."""

    def send(self, job: Job) -> dict[str, Any]:
        super().send(job)
        return job.call("chat.postMessage", channel=job.recipient, text="the chart is above")


@pytest.fixture
def hr(slack: SlackStandIn) -> SlackStandIn:
    slack.add_channel(HR)
    return slack


def calls(slack: SlackStandIn, method: str) -> list[bool]:
    return [call.answered_ok for call in slack.calls_to(method)]


def run(engine: Engine, slack: SlackStandIn, kind: ShareChart, passes: int = 1, **options: Any) -> None:
    """Dispatch `passes` times, a minute apart (past every backoff and Retry-After used here)."""
    clock = [NOW]
    sender = dispatcher(engine, slack, {"chart": kind}, clock=lambda: clock[0], **options)
    for _ in range(passes):
        sender.dispatch_due()
        clock[0] += timedelta(minutes=1)


def test_a_file_is_shared_once_with_its_comment_and_alt_text(engine: Engine, hr: SlackStandIn) -> None:
    kind = ShareChart()
    queue(engine, Letter("chart", HR), now=NOW)

    run(engine, hr, kind, passes=2)

    [share] = hr.files_in(HR)
    assert (share.filename, share.title, share.content, share.comment, share.alt_txt) == (
        "chart.png",
        "Check-ins",
        CHART,
        "*This week*",
        "A line chart",
    )
    assert state_of(engine, 1) is OutboxState.SENT
    assert kind.ended == [Ended.SENT]
    assert kind.shared == [share.file_id]
    assert hr.calls_to(COMPLETE)[0].args["files"] == [{"id": share.file_id, "title": "Check-ins"}]


def test_a_server_error_on_the_upload_url_is_retried(engine: Engine, hr: SlackStandIn) -> None:
    hr.fail_next(GET_URL, status=500)
    queue(engine, Letter("chart", HR), now=NOW)

    run(engine, hr, ShareChart(), passes=2)

    assert calls(hr, GET_URL) == [False, True]
    assert len(hr.files_in(HR)) == 1
    assert state_of(engine, 1) is OutboxState.SENT


def test_a_failed_upload_is_retried_with_a_fresh_url(engine: Engine, hr: SlackStandIn) -> None:
    hr.fail_next(UPLOAD, status=503)
    queue(engine, Letter("chart", HR), now=NOW)

    run(engine, hr, ShareChart(), passes=2)

    first, second = hr.calls_to(UPLOAD)
    assert (first.answered_ok, second.answered_ok) == (False, True)
    assert first.args["file_id"] != second.args["file_id"]
    assert calls(hr, COMPLETE) == [True]


def test_a_server_error_on_the_share_is_unknown_and_never_shared_again(engine: Engine, hr: SlackStandIn) -> None:
    kind = ShareChart()
    hr.fail_next(COMPLETE, status=500, done_anyway=True)  # Slack shared it, then answered 500
    queue(engine, Letter("chart", HR), now=NOW)

    run(engine, hr, kind, passes=3)

    assert state_of(engine, 1) is OutboxState.UNKNOWN
    assert kind.ended == [Ended.UNKNOWN]
    assert calls(hr, COMPLETE) == [False]
    assert len(hr.files_in(HR)) == 1


def test_a_share_put_back_resumes_without_uploading_again(engine: Engine, hr: SlackStandIn) -> None:
    hr.fail_next(COMPLETE, status=429, retry_after=30)
    queue(engine, Letter("chart", HR), now=NOW)

    run(engine, hr, ShareChart(), passes=2)

    assert (calls(hr, GET_URL), calls(hr, UPLOAD)) == ([True], [True])
    assert calls(hr, COMPLETE) == [False, True]
    assert len(hr.files_in(HR)) == 1


class ProcessDiedError(BaseException):
    """The process stopped between the upload and the share (nothing catches it, as nothing catches a kill)."""


def test_a_process_dying_between_the_upload_and_the_share_is_resumed_by_the_next(
    engine: Engine, hr: SlackStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    calling = Job.call

    def dies_before_sharing(job: Job, method: str, **args: Any) -> dict[str, Any]:
        if method == COMPLETE:
            raise ProcessDiedError()
        return calling(job, method, **args)

    queue(engine, Letter("chart", HR), now=NOW)
    with monkeypatch.context() as patched:
        patched.setattr(Job, "call", dies_before_sharing)
        with pytest.raises(ProcessDiedError):
            dispatcher(engine, hr, {"chart": ShareChart()}, clock=lambda: NOW).dispatch_due()
    assert state_of(engine, 1) is OutboxState.SENDING  # its lease runs out; the upload may be made again

    later = NOW + timedelta(minutes=5)
    dispatcher(engine, hr, {"chart": ShareChart()}, clock=lambda: later).dispatch_due()

    assert (calls(hr, GET_URL), calls(hr, UPLOAD), calls(hr, COMPLETE)) == ([True], [True], [True])
    assert len(hr.files_in(HR)) == 1
    assert state_of(engine, 1) is OutboxState.SENT


def test_an_upload_slack_forgot_meanwhile_is_made_again_once(engine: Engine, hr: SlackStandIn) -> None:
    hr.fail_next(COMPLETE, status=429, retry_after=30)
    hr.fail_next(COMPLETE, error="invalid_arguments")  # on resuming: Slack no longer holds that upload
    queue(engine, Letter("chart", HR), now=NOW)

    run(engine, hr, ShareChart(), passes=2)

    assert calls(hr, UPLOAD) == [True, True]
    assert calls(hr, COMPLETE) == [False, False, True]
    assert len(hr.files_in(HR)) == 1
    assert state_of(engine, 1) is OutboxState.SENT


def test_a_later_step_put_back_after_the_share_never_shares_again(engine: Engine, hr: SlackStandIn) -> None:
    hr.fail_next("chat.postMessage", status=429, retry_after=30)
    queue(engine, Letter("chart", HR), now=NOW)

    run(engine, hr, ShareThenPost(), passes=2)

    assert calls(hr, COMPLETE) == [True]
    assert len(hr.files_in(HR)) == 1
    assert calls(hr, "chat.postMessage") == [False, True]


@pytest.mark.parametrize(
    ("member", "error"), [(False, "not_in_channel"), (None, "channel_not_found")], ids=["not invited", "no channel"]
)
def test_a_share_slack_refuses_for_its_channel_is_a_channel_refusal(
    engine: Engine, slack: SlackStandIn, member: bool | None, error: str
) -> None:
    if member is not None:
        slack.add_channel(HR, bot_member=member)
    kind = ShareChart()
    queue(engine, Letter("chart", HR), now=NOW)

    run(engine, slack, kind, passes=2)

    assert state_of(engine, 1) is OutboxState.REFUSED
    assert kind.ended == [Ended.REFUSED]
    assert kind.refused == [(HR, error)]
    assert slack.files_in(HR) == []
    assert len(slack.calls_to(COMPLETE)) == 1


def test_another_refusal_of_the_share_is_no_channel_refusal(engine: Engine, hr: SlackStandIn) -> None:
    hr.fail_next(COMPLETE, error="file_uploads_disabled")
    kind = ShareChart()
    queue(engine, Letter("chart", HR), now=NOW)

    run(engine, hr, kind)

    assert state_of(engine, 1) is OutboxState.REFUSED
    assert (kind.ended, kind.refused) == ([Ended.REFUSED], [])


def test_a_file_comes_with_a_comment_or_blocks_not_both() -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]

    with pytest.raises(ValueError, match="not both"):
        FileToShare("chart.png", "Chart", CHART, comment="hi", blocks=blocks)


def test_a_file_shared_with_blocks_carries_them(engine: Engine, hr: SlackStandIn) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*This week*"}}]

    class WithBlocks(ShareChart):
        def send(self, job: Job) -> dict[str, Any]:
            share_file(job, job.recipient, FileToShare("chart.png", "Check-ins", CHART, blocks=blocks))
            return {}

    queue(engine, Letter("chart", HR), now=NOW)
    run(engine, hr, WithBlocks())

    [share] = hr.files_in(HR)
    assert (share.comment, list(share.blocks)) == ("", blocks)
