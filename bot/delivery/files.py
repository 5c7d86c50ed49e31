"""Sharing a file in a channel from an outbox row: Slack's three upload steps, each under the outbox's rules.

A kind's sender renders the file when the row goes out (a chart, never stored in the row) and calls
`share_file(job, channel, FileToShare(...))`. The steps:

1. `files.getUploadURLExternal` (filename, length, alt text) → an upload URL and a file id. Safe to repeat:
   an unused URL shows nobody anything.
2. The bytes, POSTed to that URL (`job.upload`). Repeatable too; any failure puts the row back, and the next
   try asks for a fresh URL. Once Slack has the bytes, the file id is recorded (`job.record`), so a row put
   back or taken over after this (a 429 on step 3, a process that died) resumes at step 3 without
   uploading again. If Slack no longer knows that file when the row resumes, it is uploaded afresh, once.
3. `files.completeUploadExternal` (the file id and title, the channel, a comment or blocks) shares it: the
   visible step, a post. A 5xx or no answer is *unknown*, never made again; a refusal ends the row refused,
   and `not_in_channel` or `channel_not_found` as a `ChannelRefusedError` its kind's `after` can tell apart
   (`refusal(data)`). Once shared, that is recorded too: a later step of the same row that is put back never
   shares it twice.

Why not slack-sdk's `files_upload_v2`: it makes all three calls in one, so a failure can't be told apart by
step. A 5xx on the URL or the upload (repeatable, nothing visible) would look like a 5xx on the share (a post,
never to be repeated): the row would have to end unknown when nothing was shared, or be retried when the file
may already be in the channel. It can't record the file id between steps either, so a crash after the upload
would upload again. The three calls made here are the same ones `files_upload_v2` makes, encoded as it encodes
them (bot/delivery/slack_api.py's FORM_METHODS), each through the dispatcher with its own rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.delivery.outbox import Job, RefusedError, refusal

GET_URL = "files.getUploadURLExternal"
COMPLETE = "files.completeUploadExternal"
# Slack's answers to a share that mean the bot can't post in that channel: it was never invited, or the
# channel is gone (or private, and the bot not in it). Someone can fix either; the file was not shared.
CHANNEL_REFUSALS = frozenset({"not_in_channel", "channel_not_found"})
# Slack's answers to a share whose file it doesn't hold (any more): the file is uploaded afresh, once.
FILE_UNKNOWN = frozenset({"invalid_arguments", "file_not_found"})
MAX_ALT_TEXT = 1000  # Slack refuses longer alt text (`alt_txt_too_large`)


class ChannelRefusedError(RefusedError):
    """Slack refused to share the file in `channel` because of the channel (`not_in_channel`,
    `channel_not_found`): inviting the bot, or configuring the right channel, fixes it."""

    def __init__(self, channel: str, error: str) -> None:
        super().__init__(COMPLETE, error, by_slack=True)
        self.channel = channel


@dataclass(frozen=True)
class FileToShare:
    """A file rendered at send time, and the message it is shared with: `comment` (mrkdwn text) or `blocks`
    (Slack ignores blocks when a comment is given, so one or the other). Escape what people typed first."""

    filename: str  # also the key its progress is recorded under: one row shares a filename once
    title: str
    content: bytes
    alt_text: str = ""  # what a screen reader says for an image
    comment: str = ""
    blocks: Sequence[Mapping[str, Any]] = ()
    thread_ts: str = ""  # share it as a reply in this thread

    def __post_init__(self) -> None:
        if not self.content:
            raise ValueError("a file to share has content")  # Slack refuses a length of 0
        if self.comment and self.blocks:
            raise ValueError("a shared file comes with a comment or blocks, not both")


@dataclass(frozen=True)
class SharedFile:
    """A file Slack shared: its id, where, and under which title."""

    file_id: str
    channel: str
    title: str


def share_file(job: Job, channel: str, file: FileToShare) -> SharedFile:
    """Upload `file` and share it in `channel`, resuming after the steps this row already made."""
    done = shared_file(job, file.filename)
    if done is not None:
        return done
    file_id = _uploaded(job, file.filename)
    resumed = file_id is not None
    if file_id is None:
        file_id = _upload(job, file)
    try:
        _complete(job, channel, file, file_id)
    except RefusedError as e:
        if not (resumed and e.error in FILE_UNKNOWN):
            raise
        # Slack dropped the upload while the row waited: nothing was shared, so upload it again, once.
        file_id = _upload(job, file)
        _complete(job, channel, file, file_id)
    shared = SharedFile(file_id, channel, file.title)
    job.record(shared={**_progress(job, "shared"), file.filename: {"file_id": file_id, "channel": channel}})
    return shared


def shared_file(job: Job, filename: str) -> SharedFile | None:
    """The file of this name the row shared already (for a resumed row, or its kind's `after`); None if not."""
    found = _progress(job, "shared").get(filename)
    if not isinstance(found, dict):
        return None
    return SharedFile(str(found.get("file_id") or ""), str(found.get("channel") or ""), _title(job, filename))


def channel_refused(data: Mapping[str, Any]) -> ChannelRefusedError | None:
    """For a kind's `after` hearing REFUSED: the refusal when the bot may not share in the channel, else None."""
    found = refusal(data)
    return found if isinstance(found, ChannelRefusedError) else None


def _upload(job: Job, file: FileToShare) -> str:
    """Steps 1 and 2: a fresh URL, the bytes sent to it; the file id, recorded once Slack has the bytes."""
    ticket = job.call(
        GET_URL, filename=file.filename, length=len(file.content), alt_txt=file.alt_text[:MAX_ALT_TEXT] or None
    )
    file_id, url = str(ticket.get("file_id") or ""), str(ticket.get("upload_url") or "")
    if not file_id or not url:
        raise RuntimeError(f"{GET_URL} answered without an upload URL")  # a failed try: retried later
    job.upload(url, file.content)
    uploaded = {**_progress(job, "uploaded"), file.filename: {"file_id": file_id, "title": file.title}}
    job.record(uploaded=uploaded)
    return file_id


def _complete(job: Job, channel: str, file: FileToShare, file_id: str) -> None:
    """Step 3, the share: made once; a refusal because of the channel is told apart."""
    try:
        job.call(
            COMPLETE,
            files=[{"id": file_id, "title": file.title}],
            channel_id=channel,
            initial_comment=file.comment or None,
            blocks=list(file.blocks) or None,
            thread_ts=file.thread_ts or None,
        )
    except RefusedError as e:
        if e.by_slack and e.error in CHANNEL_REFUSALS:
            raise ChannelRefusedError(channel, e.error) from None
        raise


def _uploaded(job: Job, filename: str) -> str | None:
    found = _progress(job, "uploaded").get(filename)
    return str(found.get("file_id") or "") or None if isinstance(found, dict) else None


def _title(job: Job, filename: str) -> str:
    found = _progress(job, "uploaded").get(filename)
    return str(found.get("title") or filename) if isinstance(found, dict) else filename


def _progress(job: Job, step: str) -> dict[str, Any]:
    found = job.progress.get(step)
    return dict(found) if isinstance(found, dict) else {}
