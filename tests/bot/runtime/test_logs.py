"""Tracebacks in the log name the error and where it happened, never what its message quotes."""

from __future__ import annotations

import logging
import sys

from bot.runtime.logs import PrivateFormatter

TYPED = "he is my ex"


def record_of(error: BaseException) -> logging.LogRecord:
    try:
        raise error
    except BaseException:
        return logging.LogRecord("bot", logging.ERROR, __file__, 1, "it failed", (), sys.exc_info())


def test_a_traceback_keeps_its_frames_and_type_but_not_the_message() -> None:
    written = PrivateFormatter("%(message)s").format(record_of(ValueError(f"bad value: {TYPED}")))

    assert "it failed" in written
    assert "ValueError (message not logged)" in written
    assert "test_logs.py" in written
    assert TYPED not in written


def test_a_chained_error_leaves_out_both_messages() -> None:
    try:
        try:
            raise KeyError(TYPED)
        except KeyError as first:
            raise RuntimeError(f"while saving {TYPED}") from first
    except RuntimeError as e:
        record = logging.LogRecord("bot", logging.ERROR, __file__, 1, "it failed", (), (type(e), e, e.__traceback__))

    written = PrivateFormatter("%(message)s").format(record)

    assert "KeyError (message not logged)" in written
    assert "RuntimeError (message not logged)" in written
    assert TYPED not in written
