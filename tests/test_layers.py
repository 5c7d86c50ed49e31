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


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, by its full name (`from a.b import c` counts as a.b and a.b.c)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            names |= {module} | {f"{module}.{alias.name}" for alias in node.names}
    return names


def test_no_test_module_imports_another_test_module_or_a_conftest() -> None:
    """What scenarios share lives in tests/support (or a conftest's fixtures): each test module stands alone."""
    shared = {
        f"{path.relative_to(ROOT)} imports {test_module}"
        for path in modules("tests")
        for name in imported_modules(path)
        if name.startswith(("tests.", ".")) and (test_module := _test_module_in(name))
    }
    assert not shared, sorted(shared)


def _test_module_in(name: str) -> str | None:
    """`tests.x.test_y` (or a conftest) when `name` is that module or something in it."""
    parts = name.split(".")
    for n, part in enumerate(parts):
        if part.startswith("test_") or part == "conftest":
            return ".".join(parts[: n + 1])
    return None
