"""How log lines are written: an error's type and where it happened, never its message.

An exception's message may quote what it was given (a typed note, a profile field), so tracebacks
in the log show each frame and the exception's type, and leave the message out.
"""

from __future__ import annotations

import logging
import traceback
from types import TracebackType

# slack-sdk logs each failed attempt of a call at ERROR, and each retry at INFO, before it raises. `serve`'s
# check of the token at start says what an unreachable Slack means in one line of its own, so its client logs
# here, and `mentorbot` keeps this logger silent (bot.cli.SILENT_LIBRARIES) unless LOG_LIBRARIES is set.
START_UP_SLACK_LOGGER = "slack_sdk.web.start_up"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]


class PrivateFormatter(logging.Formatter):
    def formatException(self, ei: ExcInfo) -> str:  # noqa: N802 (logging's name)
        _, error, _ = ei
        if error is None:
            return ""
        lines: list[str] = []
        for part in traceback.TracebackException.from_exception(error).format():
            if part.startswith("Traceback") or part.startswith("  "):
                lines.append(part)
            elif part.strip() and not part.startswith(("During handling", "The above exception")):
                # "ValueError: what it was given" → "ValueError (message not logged)"
                lines.append(part.split(":", 1)[0].rstrip() + " (message not logged)\n")
            else:
                lines.append(part)
        return "".join(lines).rstrip("\n")
