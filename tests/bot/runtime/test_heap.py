"""Settling the heap after a pool build: what lives now is out of later collections, and a second settle
looks at it again first (so a cycle that died since is freed, never kept for good)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from bot.runtime.heap import settle_heap


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


@pytest.fixture
def unfrozen_after() -> Iterator[None]:
    yield
    gc.unfreeze()  # as this process was: the rest of the suite runs with the collector as usual


@pytest.mark.usefixtures("unfrozen_after")
def test_a_cycle_alive_at_one_settle_and_dead_by_the_next_is_freed_then() -> None:
    node = Node()
    gone = weakref.ref(node)
    settle_heap()
    assert gc.get_freeze_count() > 0
    del node
    gc.collect()
    assert gone() is not None  # frozen: a full collection doesn't see it

    settle_heap()

    assert gone() is None
