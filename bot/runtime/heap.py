"""A served process's heap, settled after the mentor pool is built, so the garbage collector's pauses stay short.

At 20,000 mentors the pool and the synonym table's cache of what people wrote hold some 265,000 small objects
(frozensets, tuples, dataclasses) that live until the next build. CPython's full collection walks every object
it tracks; with these it took 200-270 ms, holding the interpreter's lock, so each one stalled every request in
flight (the worst answers to `/mentor find` and `/mentor help` in bench/find_http.py). `gc.freeze()` moves what
is alive now out of the collector's sight: later full collections walk only what came after.

Each settle first unfreezes what the last one froze and collects everything once, so anything from then that
has become a garbage cycle is freed at the next build, never kept for good. That one full collection per build
(a build takes seconds of work at that size anyway) replaces many during requests. Only `serve` settles: the
tests and the demo build pools by the hundred in one process, where it would cost a full collection each.
"""

from __future__ import annotations

import gc


def settle_heap() -> None:
    """Collect everything once, then keep what is alive now out of later collections."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
