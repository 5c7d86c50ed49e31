"""Where Bolt runs listeners: each on a thread of its own, so an ack never waits behind someone's slow work.

Bolt's default pool has a few threads; with Slack slow, every one of them waits on a Slack call and
the next request's `ack()` queues behind them until Slack's 3 seconds are gone. Here a listener
starts at once. Its shutdown is ours: `drain` waits for the listeners in flight, up to a deadline.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, ParamSpec, TypeVar

log = logging.getLogger(__name__)

# At shutdown, how long listeners still running (a reply to a slow Slack, say) may take to finish.
DRAIN_SECONDS = 3.0

P = ParamSpec("P")
R = TypeVar("R")


class ListenerThreads(Executor):
    def __init__(self) -> None:
        self._running: set[threading.Thread] = set()
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> Future[R]:
        future: Future[R] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the bot is stopping: no new listeners")
            thread = threading.Thread(target=self._run, args=(future, fn, args, kwargs), daemon=True)
            thread.name = "mentorbot-listener"
            self._running.add(thread)
        thread.start()
        return future

    def _run(self, future: Future[Any], fn: Callable[..., Any], args: Any, kwargs: Any) -> None:
        try:
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(fn(*args, **kwargs))
                except BaseException as e:
                    future.set_exception(e)
        finally:
            with self._lock:
                self._running.discard(threading.current_thread())

    def drain(self, timeout: float) -> bool:
        """Take no new listeners and wait for those in flight; False if some were still running at the deadline."""
        with self._lock:
            self._closed = True
            running = list(self._running)
        deadline = time.monotonic() + timeout
        for thread in running:
            thread.join(max(deadline - time.monotonic(), 0))
        left = sum(thread.is_alive() for thread in running)
        if left:
            log.warning("%s listeners were still running at shutdown; they are abandoned", left)
        return not left

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.drain(timeout=DRAIN_SECONDS if wait else 0.0)
