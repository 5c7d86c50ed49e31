"""Steps of the privacy scenarios: a programme with something of everyone in it. Daan mentors Alice and
declined Eva; Alice logged a check-in and answered her midpoint evaluation (her scores are anonymous)."""

from __future__ import annotations

from collections.abc import Callable

from freezegun.api import FrozenDateTimeFactory

from bot.app import Mentorbot
from bot.standin.driver import SlackDriver
from bot.standin.payloads import text_submission
from bot.standin.server import SlackStandIn
from handlers.blocks.evaluations import OPEN
from handlers.blocks.handshake import ACCEPT, DECLINE
from tests.factories import ALICE, DAAN, EVA
from tests.support.checkins import asks_to, met, tick_at, value_of
from tests.support.evaluations import MID_STEP, MIDPOINT, evaluate
from tests.support.handshake import ask, request_id

ALICE_NOTE = "alice-note-to-daan"
EVA_NOTE = "eva-note-to-daan"
DAAN_REASON = "daan-private-reason"
CHECKIN_NOTE = "we talked"  # what tests.support.checkins.met writes, after a hostile mention
SCORE_COMMENT = "alice-anonymous-comment"
ALICE_GOALS = "Python, leading a team"


def programme(
    clock: FrozenDateTimeFactory,
    driver: SlackDriver,
    slack: SlackStandIn,
    profile: Callable[..., None],
    mentorbot: Mentorbot,
) -> None:
    profile(ALICE.user_id, goals=ALICE_GOALS)
    profile(EVA.user_id, goals="Python")
    profile(DAAN.user_id, role="mentor", skills="Python, code review", capacity="3")
    ask(driver, ALICE.user_id, DAAN.user_id, ALICE_NOTE)
    driver.click(DAAN.user_id, ACCEPT, request_id(slack, DAAN.user_id))
    tick_at(mentorbot, clock, "2027-03-11 08:00")  # plans the first period's prompts
    tick_at(mentorbot, clock, "2027-03-11 16:00")
    met(driver, ALICE.user_id, value_of(asks_to(slack, ALICE.user_id)[0]))
    tick_at(mentorbot, clock, MIDPOINT)
    driver.click(ALICE.user_id, OPEN, MID_STEP)
    evaluate(driver, ALICE.user_id, MID_STEP, scores="5", comment=SCORE_COMMENT)
    ask(driver, EVA.user_id, DAAN.user_id, EVA_NOTE)  # last: a decline reason is blanked after 90 days
    eva = request_id(slack, DAAN.user_id)
    driver.click(DAAN.user_id, DECLINE, eva)
    driver.interaction(text_submission(DAAN.user_id, "decline", eva, DAAN_REASON))
