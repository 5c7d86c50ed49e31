"""Escaping what people typed, and cutting long text cleanly."""

from __future__ import annotations

import pytest

from bot.text import clip, escape, escape_code
from tests.factories import HOSTILE


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_loses_its_angle_brackets(hostile: str) -> None:
    assert "<" not in escape(hostile)
    assert ">" not in escape(hostile)


def test_ampersand_is_escaped_first() -> None:
    assert escape("a & <b>") == "a &amp; &lt;b&gt;"


def test_code_escape_cannot_close_the_code_span() -> None:
    assert "`" not in escape_code("x` <!here> `y")


def test_clip_keeps_short_text() -> None:
    assert clip("short", 10) == "short"


def test_clip_cuts_on_a_word_with_an_ellipsis() -> None:
    clipped = clip("the quick brown fox jumps over", 20)
    assert len(clipped) <= 20
    assert clipped.endswith("…")
    assert clipped == "the quick brown fox…"
