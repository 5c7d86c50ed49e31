"""One pairing lifecycle: a pairing ends in one place (bot/lifecycle.py), whichever feature ends it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# `set_pairing_status(…, PairingStatus.ENDED …)`: a pairing ended by hand, its rhythm and its letters left to chance.
ENDS_BY_HAND = re.compile(r"set_pairings?_status\([^)]*PairingStatus\.ENDED", re.DOTALL)


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (ROOT / "bot").rglob("*.py") if p.name != "lifecycle.py"),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_only_the_lifecycle_ends_a_pairing(path: Path) -> None:
    assert not ENDS_BY_HAND.search(path.read_text(encoding="utf-8")), "end it with bot.lifecycle.end_pairing"
