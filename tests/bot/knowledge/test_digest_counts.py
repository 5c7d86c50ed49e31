"""The weekly HR digest counts knowledge sessions held in its week and the seats taken at them."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from bot.digest.figures import Digest, Figures, figures_from_json, figures_to_json
from bot.digest.read import read_figures
from bot.i18n import EN, Language, Translator
from bot.synonyms.table import built_in
from handlers.digest.blocks import digest_blocks
from storage.db import make_session_factory
from storage.uow import UnitOfWork
from tests.support.knowledge import START, Clock, form, service

HOST = "UHOST0001"


def hosted(engine: Engine, start_in_days: float, seats_taken: int, *, cancelled: bool = False) -> None:
    knowledge = service(engine, Clock(START - timedelta(days=30)))  # offered and joined well before
    offered = knowledge.offer(HOST, form(seats=5, start=START + timedelta(days=start_in_days)))
    assert offered.session_id is not None
    for i in range(seats_taken):
        knowledge.join(offered.session_id, f"UJOINER{i:02d}")
    if cancelled:
        knowledge.cancel(offered.session_id, HOST)


def figures_at(engine: Engine, days_after_start: float) -> Figures:
    with UnitOfWork(make_session_factory(engine)) as uow:
        now = START + timedelta(days=days_after_start)
        return read_figures(uow.session, now, hr_zone=ZoneInfo("Europe/Amsterdam"), k=5, synonyms=built_in())


def test_sessions_held_this_week_and_their_seats_are_counted(engine: Engine) -> None:
    hosted(engine, 0, seats_taken=3)
    hosted(engine, 1, seats_taken=2)
    hosted(engine, 2, seats_taken=4, cancelled=True)  # not held
    hosted(engine, 10, seats_taken=1)  # next week
    hosted(engine, -10, seats_taken=1)  # the week before

    figures = figures_at(engine, 3)

    assert (figures.sessions_held, figures.session_seats_taken) == (2, 5)


def test_the_digest_says_so_and_figures_kept_before_this_read_as_none(engine: Engine) -> None:
    hosted(engine, 0, seats_taken=3)
    figures = figures_at(engine, 1)

    shown = str(digest_blocks(Digest("2027-W09", figures), Translator(Language.EN)))

    assert EN["digest.knowledge"].format(held=1, seats=3) in shown
    older = {k: v for k, v in figures_to_json(figures).items() if not k.startswith("session")}
    assert figures_from_json(older).sessions_held == 0
