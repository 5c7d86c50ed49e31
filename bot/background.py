"""What `serve` runs beside the requests: the dispatcher's loop, and APScheduler ticking every minute.

APScheduler is only the clock. What is due is decided by the database, so any number of processes
may each run this and every row still goes out once.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from bot.operations import Operations
from bot.outage import DatabaseOutage
from bot.outbox import Dispatcher

log = logging.getLogger(__name__)


class Background:
    def __init__(
        self,
        dispatcher: Dispatcher,
        operations: Operations,
        tick_every: timedelta,
        outage: DatabaseOutage | None = None,
    ) -> None:
        self._dispatcher = dispatcher
        self._operations = operations
        self._tick_every = tick_every
        self._outage = outage or DatabaseOutage()
        self._scheduler = BackgroundScheduler(timezone="UTC")

    def start(self) -> None:
        self._dispatcher.start(poll=self._tick_every.total_seconds(), outage=self._outage)
        self._scheduler.add_job(
            self._tick,
            "interval",
            seconds=self._tick_every.total_seconds(),
            id="tick",
            max_instances=1,  # a slow tick is not doubled by the next one
            coalesce=True,  # ticks missed while the process was busy or asleep run once, not many times
        )
        self._scheduler.start()

    def stop(self, timeout: float = 8.0) -> None:
        """Stop the clock, then let the dispatcher finish the rows it is sending (within `timeout`) and give back
        what the next process may send at once (see `Dispatcher.stop`)."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        self._dispatcher.stop(timeout)

    def _tick(self) -> None:
        try:
            report = self._operations.tick()
        except Exception as e:
            if not self._outage.noticed(e):
                log.exception("the tick failed; the next one tries again")
            return
        self._outage.over()
        if report.dispatched:
            log.info("tick: %s outbox rows handled", report.dispatched)
