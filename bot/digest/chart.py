"""THROWAWAY stand-in for helper F1's chart (branch digest-read): replaced by theirs at the merge."""

from __future__ import annotations

import base64

from bot.digest.figures import Digest
from bot.i18n import Translator

# A 1×1 PNG.
_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def chart_png(digest: Digest, t: Translator) -> bytes:
    return _PNG


def chart_alt_text(digest: Digest, t: Translator) -> str:
    return f"Chart of week {digest.week}: {digest.now.checkins} check-ins"
