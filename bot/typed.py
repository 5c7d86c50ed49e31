"""What a person typed or picked in a dialog, read one way: whole numbers, dates, and text fit to store.

A payload can carry anything (a forged one, or a client that sends what it likes), so nothing here trusts
that a value is one the bot offered.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# ASCII digits only, and few of them: `str.isdigit` also takes "²" (which `int` refuses) and "٣" (which
# `int` reads as 3), and `int` refuses a string of more than 4300 digits.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # what a date picker sends; not ISO's other forms
_KEPT_IN_LINES = "\n\t"
_NOT_TEXT = ("Cc", "Cs")  # control characters and lone surrogates: PostgreSQL stores neither NUL nor the latter


def whole_number(raw: str, allowed: range) -> int | None:
    """`raw` (spaces around it allowed) as a number in `allowed`; None when it is anything else."""
    text = raw.strip()
    if not _WHOLE_NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if number in allowed else None


def calendar_date(raw: str) -> date | None:
    """`raw` as a day that exists, written YYYY-MM-DD; None for anything else (2027-02-30 included)."""
    if not _ISO_DAY.fullmatch(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def printable(text: str, *, multiline: bool) -> str:
    """The text without control characters; a multi-line field keeps its line breaks and tabs, a single-line
    field gets a space for each (Windows' CR LF counts as one break)."""
    kept = []
    for char in text.replace("\r\n", "\n"):
        if char in _KEPT_IN_LINES:
            kept.append(char if multiline else " ")
        elif unicodedata.category(char) not in _NOT_TEXT:
            kept.append(char)
    return "".join(kept)
