"""Escaping what people typed, and cutting long text cleanly."""

from __future__ import annotations

import pytest

from bot.text import clip, escape, escape_code, escape_within, unescape
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


@pytest.mark.parametrize("text", ["&" * 500, "a & b " * 100, "<@U1> " * 80, "plain words " * 50])
def test_escape_within_stays_within_the_limit_once_escaped(text: str) -> None:
    escaped = escape_within(text, 300)

    assert len(escaped) <= 300
    assert "<" not in escaped
    assert not escaped.rstrip("…").endswith(("&", "&a", "&am", "&amp", "&l", "&lt"))


def test_escape_within_leaves_short_text_whole() -> None:
    assert escape_within("R&D", 300) == "R&amp;D"


def test_slack_escaped_command_text_is_shown_as_typed_and_still_safe() -> None:
    typed = "&lt;!channel&gt; R&amp;D"

    assert unescape(typed) == "<!channel> R&D"
    assert escape(unescape(typed)) == typed


def test_escape_within_keeps_most_of_a_text_full_of_ampersands() -> None:
    text = ("R&D <-> Q&A " * 50)[:500]

    escaped = escape_within(text, 300)

    assert 200 < len(escaped) <= 300
