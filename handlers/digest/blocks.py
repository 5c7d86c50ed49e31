"""THROWAWAY stand-in for helper F1's digest blocks (branch digest-read): replaced by theirs at the merge."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.digest.figures import Digest
from bot.i18n import Translator


def digest_text(digest: Digest, t: Translator) -> str:
    return f"HR digest, week {digest.week}"


def digest_blocks(
    digest: Digest, t: Translator, *, late_since: datetime | None = None, preview: bool = False
) -> list[dict[str, Any]]:
    lines = [f"*HR digest, week {digest.week}*", f"Participants: {digest.now.participants}"]
    if late_since is not None:
        lines.append(f"Late: due {late_since.isoformat()}")
    if preview:
        lines.append("Preview")
    return [{"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)}}]
