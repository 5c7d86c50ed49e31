"""An evaluation's scores and comment can't be traced: their transaction writes the anonymous row and nothing
else, the pairing's own transaction writes none of them, and no log line says whose they were."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import Connection, Engine, event

from bot.app import Mentorbot
from bot.i18n import EN
from bot.runtime.settings import Settings
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from handlers.blocks.evaluations import OPEN
from tests.factories import ALICE
from tests.support.evaluations import MID_STEP, MIDPOINT, anonymous_scores, evaluate, tick_at

WRITES = ("INSERT", "UPDATE", "DELETE")


class Transactions:
    """The write statements of each committed transaction on `engine`, in commit order."""

    def __init__(self, engine: Engine) -> None:
        self.committed: list[list[str]] = []
        self._open: dict[int, list[str]] = {}
        event.listen(engine, "begin", self._begin)
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._commit)

    def _begin(self, connection: Connection) -> None:
        self._open[id(connection)] = []

    def _statement(self, connection: Connection, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith(WRITES):
            self._open.setdefault(id(connection), []).append(" ".join(statement.split()))

    def _commit(self, connection: Connection) -> None:
        self.committed.append(self._open.pop(id(connection), []))

    def touching(self, table: str) -> list[list[str]]:
        return [writes for writes in self.committed if any(f" {table} " in f"{w} " for w in writes)]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, feedback_min_group=7)


@pytest.mark.usefixtures("paired")
def test_the_scores_transaction_writes_one_row_and_the_pairings_none_of_it(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver
) -> None:
    tick_at(mentorbot, clock, MIDPOINT)
    transactions = Transactions(mentorbot.engine)

    evaluate(driver, ALICE.user_id, MID_STEP, comment="my own words")

    [anonymous] = transactions.touching("feedback")
    assert len(anonymous) == 1
    assert anonymous[0].startswith("INSERT INTO feedback")
    [answered] = transactions.touching("evaluation")
    assert not any("feedback" in write for write in answered)
    assert len(anonymous_scores(mentorbot)) == 1


@pytest.mark.usefixtures("paired")
def test_nothing_about_the_answerer_reaches_the_logs(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver, caplog: pytest.LogCaptureFixture
) -> None:
    tick_at(mentorbot, clock, MIDPOINT)
    caplog.set_level(logging.DEBUG)

    evaluate(driver, ALICE.user_id, MID_STEP, comment="my own words")

    ours = [r for r in caplog.records if r.name.split(".")[0] in {"bot", "handlers", "storage"}]
    assert not any(ALICE.user_id in r.getMessage() or "my own words" in r.getMessage() for r in ours)


@pytest.mark.usefixtures("paired")
def test_the_form_says_the_scores_are_kept_apart_and_shown_only_in_groups_of_k(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn
) -> None:
    tick_at(mentorbot, clock, MIDPOINT)

    driver.click(ALICE.user_id, OPEN, MID_STEP)

    promise = EN["evaluation.private"].format(k=7)
    assert "at least 7 answers" in promise
    assert slack.calls_to("views.open")[-1].args["view"]["blocks"][0]["text"]["text"] == promise
