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
DOMAIN = [ROOT / "bot" / "checkins" / name for name in ("rules.py", "planning.py", "calendar.py")] + [
    ROOT / "bot" / "values.py",
    ROOT / "bot" / "feedback" / "rules.py",
    ROOT / "bot" / "feedback" / "release.py",
    ROOT / "bot" / "digest" / "figures.py",
    ROOT / "bot" / "digest" / "chart.py",
    ROOT / "bot" / "privacy" / "tombstone.py",
    ROOT / "bot" / "digest" / "schedule.py",
    ROOT / "bot" / "digest" / "kinds.py",
    ROOT / "bot" / "hrtools" / "tables.py",
    ROOT / "bot" / "hrtools" / "kinds.py",
    ROOT / "bot" / "waiting" / "rules.py",
    ROOT / "bot" / "waiting" / "kinds.py",
]


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


# -- the packages: runtime and delivery around the domain ------------------------------------------------

RUNTIME, DELIVERY, STANDIN = ROOT / "bot" / "runtime", ROOT / "bot" / "delivery", ROOT / "bot" / "standin"
# The domain: every module of `bot/` outside the runtime, delivery and the stand-in, but the composition
# root (bot/app.py) and the services it hands the handlers (bot/services.py).
DOMAIN_MODULES = [
    p
    for p in modules("bot")
    if not p.is_relative_to(RUNTIME)
    and not p.is_relative_to(DELIVERY)
    and not p.is_relative_to(STANDIN)
    and p.relative_to(ROOT).as_posix() not in {"bot/app.py", "bot/services.py", "bot/__main__.py"}
]
# What Slack's Web API answers carry; only delivery reads them (bot/delivery/slack_reply.py and the senders).
SLACK_REPLY_FIELDS = {"ok", "channel", "ts", "user", "deleted", "is_bot", "locale", "tz", "error"}


def imported_names(path: Path) -> set[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        (node.module or "", alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", modules("handlers"), ids=rel)
def test_handlers_reach_storage_only_through_the_domain(path: Path) -> None:
    assert "storage" not in imported_packages(path)


@pytest.mark.parametrize("path", DOMAIN_MODULES, ids=rel)
def test_the_domain_calls_no_slack_client(path: Path) -> None:
    assert imported_packages(path).isdisjoint({"slack_bolt", "slack_sdk"})
    calls = {
        node.attr for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(node, ast.Attribute)
    }
    assert calls.isdisjoint({"users_info", "api_call", "chat_postMessage", "conversations_open"})


@pytest.mark.parametrize("path", DOMAIN_MODULES, ids=rel)
def test_the_domain_reads_no_field_of_a_slack_reply(path: Path) -> None:
    """`data.get("channel")`, `user["tz"]`: the delivery side turns Slack's answers into plain values first."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    read: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            read.update(
                arg.value for arg in node.args[:1] if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            )
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, str)
        ):
            read.add(node.slice.value)
    assert read.isdisjoint(SLACK_REPLY_FIELDS)


# Domain work a delivery adapter must leave to a domain service: ending what a leaver was part of, re-planning.
DOMAIN_WORK = {"departures", "leave", "replan_person"}


@pytest.mark.parametrize("path", sorted(ROOT.glob("handlers/**/*deliveries.py")), ids=rel)
def test_senders_leave_domain_work_to_the_domain(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert used.isdisjoint(DOMAIN_WORK)


def test_settings_parse_values_without_the_checkin_rules() -> None:
    imported = imported_modules(RUNTIME / "settings.py")
    assert not {name for name in imported if name.startswith("bot.checkins")}


@pytest.mark.parametrize("path", modules("bot") + modules("handlers") + modules("storage"), ids=rel)
def test_no_module_imports_a_private_name_of_another(path: Path) -> None:
    private = {f"{module}.{name}" for module, name in imported_names(path) if name.startswith("_")}
    assert not private - {"__future__.annotations"}


# The delivery vocabulary every feature writes letters with: it lives in bot/delivery/letters.py.
LETTER_WORDS = {"News", "Notice", "TELL", "HOME", "SUGGEST", "phrase_to_json", "phrase_from_json"}


@pytest.mark.parametrize("path", modules("bot") + modules("handlers") + modules("tests") + modules("bench"), ids=rel)
def test_the_letter_vocabulary_comes_from_delivery(path: Path) -> None:
    words = {name for module, name in imported_names(path) if module == "bot.handshake" and name in LETTER_WORDS}
    assert not words


@pytest.mark.parametrize("path", modules("bot/delivery"), ids=rel)
def test_delivery_knows_no_feature(path: Path) -> None:
    """Delivery carries letters for every feature; it imports the runtime's pieces and the catalog, no feature."""
    allowed = ("bot.delivery", "bot.runtime", "bot.i18n", "bot.text", "bot.typed", "bot.slack_ids")
    feature = {name for name in imported_modules(path) if name.startswith("bot.") and not name.startswith(allowed)}
    assert not feature


@pytest.mark.parametrize("path", DOMAIN_MODULES + modules("handlers"), ids=rel)
def test_the_domain_and_handlers_take_from_the_runtime_only_its_settings(path: Path) -> None:
    """How the bot runs (serve, the CLI, the tick, logs) is no business of a feature; its settings are."""
    runtime = {name for name in imported_modules(path) if name.startswith("bot.runtime")}
    assert runtime <= {"bot.runtime.settings", "bot.runtime.settings.Settings"}
