"""Slack's file upload, as the stand-in plays it: an upload URL and a file id, the bytes, then the share.

`files.getUploadURLExternal` hands out a URL on the stand-in itself (`<base>/upload/<file id>`); a POST of
the file's bytes there is answered `200 OK - <bytes>`, as Slack's upload service answers; and
`files.completeUploadExternal` shares the uploaded files in a channel, recorded as a `Share`. The stand-in is
stricter than Slack is known to be in one place: bytes whose length differs from the `length` given for the
URL are refused (400), so a bot that announces one size and sends another fails its tests.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.standin.checks import MAX_BLOCKS_IN_MESSAGE, MAX_MESSAGE_TEXT, blocks_problem

MAX_ALT_TEXT = 1000
UPLOAD_PATH = "/upload/"


@dataclass
class Upload:
    """A file id handed out, and its bytes once they arrived (None before)."""

    file_id: str
    filename: str
    length: int
    alt_txt: str
    content: bytes | None = None


@dataclass(frozen=True)
class Share:
    """A file shared in a channel by `files.completeUploadExternal`, with the message it came with."""

    channel: str
    file_id: str
    filename: str
    title: str
    content: bytes
    alt_txt: str = ""
    comment: str = ""
    blocks: tuple[dict[str, Any], ...] = ()
    thread_ts: str = ""

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass
class FileStore:
    """The uploads handed out and the shares made; guarded by the stand-in's lock."""

    uploads: dict[str, Upload] = field(default_factory=dict)
    shares: list[Share] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def upload_url(self, args: dict[str, Any], base_url: str) -> dict[str, Any]:
        """`files.getUploadURLExternal`: Slack's errors for a missing name or length, or alt text too long."""
        filename, alt_txt = str(args.get("filename") or ""), str(args.get("alt_txt") or "")
        try:
            length = int(args.get("length") or 0)
        except (TypeError, ValueError):
            return {"ok": False, "error": "invalid_arguments"}
        if not filename or length <= 0:
            return {"ok": False, "error": "missing_argument"}
        if len(alt_txt) > MAX_ALT_TEXT:
            return {"ok": False, "error": "alt_txt_too_large"}
        file_id = f"F{next(self._ids):08d}"
        self.uploads[file_id] = Upload(file_id, filename, length, alt_txt)
        return {"ok": True, "upload_url": f"{base_url}{UPLOAD_PATH}{file_id}", "file_id": file_id}

    def upload_problem(self, args: dict[str, Any]) -> tuple[int, str] | None:
        """Why the upload service refuses these bytes (a status and a word), or None."""
        upload = self.uploads.get(str(args.get("file_id")))
        if upload is None:
            return 404, "unknown upload URL"
        if int(args.get("length") or 0) != upload.length:
            return 400, f"expected {upload.length} bytes"
        return None

    def receive(self, args: dict[str, Any], content: bytes) -> dict[str, Any]:
        """The bytes for an upload URL; Slack's upload service answers `OK - <bytes>` (a second POST replaces)."""
        self.uploads[str(args["file_id"])].content = content
        return {"ok": True, "text": f"OK - {len(content)}"}

    def complete(self, args: dict[str, Any], channel_problem: Callable[[str], str | None]) -> dict[str, Any]:
        """`files.completeUploadExternal`: every file id uploaded, the channel one the bot may post in.

        A file completed twice is shared twice: the worst case, so a test sees the duplicate.
        """
        files = _json_arg(args.get("files"))
        if not isinstance(files, list) or not files or not all(isinstance(f, dict) for f in files):
            return {"ok": False, "error": "invalid_arguments"}
        uploads = [self.uploads.get(str(f.get("id"))) for f in files]
        if any(upload is None or upload.content is None for upload in uploads):
            return {"ok": False, "error": "invalid_arguments"}
        channel = str(args.get("channel_id") or "")
        problem = (channel_problem(channel) if channel else None) or _comment_problem(args)
        if problem:
            return {"ok": False, "error": problem}
        done = [upload for upload in uploads if upload is not None]
        titles = [str(f.get("title") or upload.filename) for f, upload in zip(files, done, strict=True)]
        if channel:  # without one, Slack keeps the file private to the bot: nobody sees it
            self.shares += [_share(args, channel, upload, title) for upload, title in zip(done, titles, strict=True)]
        answered = [_file_info(upload, title) for upload, title in zip(done, titles, strict=True)]
        return {"ok": True, "files": answered}


def _share(args: dict[str, Any], channel: str, upload: Upload, title: str) -> Share:
    comment = str(args.get("initial_comment") or "")
    blocks = () if comment else tuple(_json_arg(args.get("blocks")) or ())  # Slack ignores blocks then
    return Share(
        channel=channel,
        file_id=upload.file_id,
        filename=upload.filename,
        title=title,
        content=upload.content or b"",
        alt_txt=upload.alt_txt,
        comment=comment,
        blocks=blocks,
        thread_ts=str(args.get("thread_ts") or ""),
    )


def _file_info(upload: Upload, title: str) -> dict[str, Any]:
    return {"id": upload.file_id, "name": upload.filename, "title": title, "size": len(upload.content or b"")}


def _comment_problem(args: dict[str, Any]) -> str | None:
    comment = args.get("initial_comment")
    if isinstance(comment, str) and len(comment) > MAX_MESSAGE_TEXT:
        return "msg_too_long"
    blocks = _json_arg(args.get("blocks"))
    if not comment and blocks is not None:
        return blocks_problem(blocks, MAX_BLOCKS_IN_MESSAGE)
    return None


def _json_arg(value: Any) -> Any:
    """An argument that is JSON: as sent in a JSON body, or as JSON text in a form (slack-sdk's way)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value
