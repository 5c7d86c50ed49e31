"""The App Home tab: the person's profile, pairings and requests, the two buttons, and tips for mentors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    DividerBlock,
    HeaderBlock,
    PlainTextObject,
)
from slack_sdk.models.views import View

from bot.checkins.service import RhythmView
from bot.evaluations import Ending, Waiting
from bot.i18n import Translator
from bot.knowledge.service import HomeSessions
from bot.pairings import Overview, RequestView
from handlers.blocks.checkins import home_lines
from handlers.blocks.common import section
from handlers.blocks.evaluations import home_lines as evaluation_lines
from handlers.blocks.handshake import WITHDRAW, answer_buttons, tips_text
from handlers.blocks.status import LINES_SHOWN, pairings_section, profile_lines, request_line
from handlers.feedback.blocks import feedback_button
from handlers.knowledge.blocks import home_blocks as knowledge_blocks

EDIT_PROFILE = "home.profile"
FIND_MENTOR = "home.find"


def home_view(
    t: Translator,
    overview: Overview,
    rhythms: Sequence[RhythmView] = (),
    evaluations: tuple[Sequence[Waiting], Sequence[Ending]] = ((), ()),
    sessions: HomeSessions | None = None,
) -> dict[str, Any]:
    profile = overview.profile
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=t("home.title"))),
        section(t("home.intro")),
        DividerBlock(),
    ]
    if profile is None:
        blocks.append(section(t("home.no_profile")))
    else:
        blocks.append(section(profile_lines(t, profile, overview.free_slots)))
    buttons = [ButtonElement(text=t("home.create" if profile is None else "home.edit"), action_id=EDIT_PROFILE)]
    # A mentee whose mentorship stalled may look for another mentor (a new one's accept ends the quiet one).
    stalled = any(rhythm.stalled and not rhythm.i_mentor for rhythm in rhythms)
    if profile is not None and profile.role.learns and (not overview.has_mentor or stalled):
        buttons.append(ButtonElement(text=t("home.find"), action_id=FIND_MENTOR, style="primary"))
    buttons.append(feedback_button(t))  # anyone may give feedback, with a profile or without
    blocks.append(ActionsBlock(block_id="home", elements=buttons))
    blocks += [pairings_section(t, overview), *home_lines(t, rhythms), *evaluation_lines(t, *evaluations)]
    blocks += requests_blocks(t, overview)
    if sessions is not None:  # knowledge sessions coming up, and the ones this person joined
        blocks += [DividerBlock(), *knowledge_blocks(t, sessions)]
    if profile is not None and profile.role.mentors:
        blocks += [DividerBlock(), section(t("home.tips") + "\n" + tips_text(t))]
    return dict(View(type="home", blocks=blocks).to_dict())


def requests_blocks(t: Translator, overview: Overview) -> list[Block]:
    """Waiting requests, each with its buttons: Accept and Decline for yours to answer, Withdraw for yours sent."""
    if not overview.requests:
        return []
    blocks: list[Block] = [section(t("status.requests"))]
    # Requests to you first: a person who both mentors and learns must never lose those buttons to the cap.
    requests = sorted(overview.requests, key=lambda request: not request.i_mentor)
    for request in requests[:LINES_SHOWN]:
        blocks += [section(request_line(t, request)), ActionsBlock(elements=_request_buttons(t, request))]
    if len(overview.requests) > LINES_SHOWN:
        blocks.append(section(t("status.more", count=len(overview.requests) - LINES_SHOWN)))
    return blocks


def _request_buttons(t: Translator, request: RequestView) -> list[ButtonElement]:
    if request.i_mentor:
        return answer_buttons(t, request.request_id)
    sure = ConfirmObject(
        title=t("withdraw.confirm.title"),
        text=PlainTextObject(text=t("withdraw.confirm.text")),
        confirm=t("withdraw.confirm.yes"),
        deny=t("withdraw.confirm.no"),
    )
    return [ButtonElement(text=t("request.withdraw"), action_id=WITHDRAW, value=str(request.request_id), confirm=sure)]
