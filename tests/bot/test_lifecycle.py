"""One pairing lifecycle: a pairing ends in one place (bot/lifecycle.py), whichever feature ends it."""

from __future__ import annotations

import ast
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


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
    return found


def test_accepting_starts_a_pairing_without_calling_the_features_that_follow() -> None:
    """The check-ins and the evaluations subscribe to a pairing's start (bot/app.py); accept doesn't call them."""
    # The check-in calendar's rules (working days, zones) are shared values, not a feature that follows a start.
    followers = ("bot.checkins.quiet", "bot.checkins.service", "bot.evaluations", "storage.checkins")
    assert [name for name in imports_of(ROOT / "bot" / "pairings.py") if name.startswith(followers)] == []
