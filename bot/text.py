"""Making text a person typed safe to post: no mentions, no broadcasts, no forged links."""

from __future__ import annotations


def escape(text: str) -> str:
    """Escape the three characters Slack gives meaning to (its documented rule)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Undo Slack's escaping of a slash command's text, so escaping it again shows what was typed.

    Safe either way: whatever comes out is escaped again before it is posted.
    """
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def escape_code(text: str) -> str:
    """Escape for inside `code`: also drop backticks, which would end the code span."""
    return escape(text.replace("`", "'"))


def clip(text: str, limit: int) -> str:
    """Cut to at most `limit` characters, on a word boundary where one is near, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip() + "…"


def escape_within(text: str, limit: int) -> str:
    """Escaped, and at most `limit` characters once escaped: cut before escaping, never inside `&amp;`."""
    cut = limit
    while True:
        escaped = escape(clip(text, cut))
        if len(escaped) <= limit:
            return escaped
        cut = min(cut - 1, cut * limit // len(escaped))  # in proportion: escaping may triple a text
