"""The app's WSGI entry called as a WSGI server would call it, without a socket."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from bot.runtime.web import EVENTS_PATH, SlackHttpEntry


def call_entry(
    entry: SlackHttpEntry, body: bytes, headers: dict[str, str], content_type: str = "application/x-www-form-urlencoded"
) -> int:
    """The WSGI entry called directly, with header values as any WSGI server may hand them over."""
    environ: dict[str, Any] = {
        "PATH_INFO": EVENTS_PATH,
        "REQUEST_METHOD": "POST",
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": content_type,
        "wsgi.input": io.BytesIO(body),
    }
    environ |= {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()}
    statuses: list[str] = []

    def start_response(
        status: str, _headers: list[tuple[str, str]], _exc_info: Any = None
    ) -> Callable[[bytes], object]:
        statuses.append(status)
        return lambda _data: None

    b"".join(entry(environ, start_response))
    return int(statuses[0].split()[0])
