"""Dependencies point one way: handlers → bot → storage; only the composition root wires handlers in."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 0]
    return {name.split(".")[0] for name in names}


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("path", modules("storage"), ids=lambda p: str(p.relative_to(ROOT)))
def test_storage_knows_nothing_of_the_bot_or_slack(path: Path) -> None:
    assert imported_packages(path).isdisjoint({"bot", "handlers", "slack_bolt", "slack_sdk"})


@pytest.mark.parametrize(
    "path", [p for p in modules("bot") if p.name != "app.py"], ids=lambda p: str(p.relative_to(ROOT))
)
def test_only_the_composition_root_imports_handlers(path: Path) -> None:
    assert "handlers" not in imported_packages(path)


# Domain modules: pure rules over plain values, with no database and no Slack in them.
DOMAIN = [ROOT / "bot" / "checkins" / name for name in ("rules.py", "planning.py", "calendar.py")]


@pytest.mark.parametrize("path", DOMAIN, ids=lambda p: str(p.relative_to(ROOT)))
def test_domain_modules_know_no_database_nor_slack(path: Path) -> None:
    assert imported_packages(path).isdisjoint({"sqlalchemy", "sqlmodel", "storage", "slack_bolt", "slack_sdk"})
