"""Every script in bench/ runs, in its small mode, so none can rot unnoticed. Correctness only, never timing."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import pytest

import bench


def scripts() -> list[ModuleType]:
    return [importlib.import_module(f"bench.{module.name}") for module in pkgutil.iter_modules(bench.__path__)]


def test_there_are_scripts_to_run() -> None:
    assert scripts()


@pytest.mark.parametrize("script", scripts(), ids=lambda script: script.__name__)
def test_the_script_runs_in_its_small_mode(
    script: ModuleType, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each script has `main(argv) -> int` taking `--small` and `--database-url` (SQLite file or PostgreSQL)."""
    assert script.main(["--small", "--database-url", database_url]) == 0
    assert capsys.readouterr().out
