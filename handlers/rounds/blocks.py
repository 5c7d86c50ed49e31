"""The round's messages: HR's preview (pairs with reasons, the unmatched and why, the scores, the button) and the
proposal each of the two receives."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, ConfirmObject, PlainTextObject

from bot.i18n import Phrase, Translator
from bot.profiles import ProfileData
from bot.rounds.plan import ProposedPair, Unmatched
from bot.rounds.service import Preview, ProposalView
from bot.text import escape, escape_within
from handlers.blocks.common import as_dicts, context, local_date, mention, say, section

SEND = "round.send"
ACCEPT = "round.accept"
DECLINE = "round.decline"
PAIRS_SHOWN = 15  # a big round shows its first pairs and a summary (Slack allows 50 blocks)
PAIRS_PER_SECTION = 5  # each section's text stays well under Slack's 3000 characters
NAMES_SHOWN = 20  # the unmatched named per reason
LONG_TEXT = 2000
WHY = {
    Unmatched.NO_MENTOR: "round.unmatched.no_mentor",
    Unmatched.ONLY_DECLINED: "round.unmatched.only_declined",
    Unmatched.ALL_FULL: "round.unmatched.all_full",
    Unmatched.OUTMATCHED: "round.unmatched.outmatched",
}


# A match's reasons are written to the mentee ("which you want to learn"); HR and the mentor read them so.
FOR_OTHERS = {
    "match.same_area": "round.reason.same_area",
    "match.shared_topics": "round.reason.shared_topics",
    "match.asked_offered": "round.reason.asked_offered",
    "match.newcomer": "round.reason.newcomer",
    "match.same_language": "round.reason.same_language",
    "match.hours_overlap": "round.reason.hours_overlap",
    "match.room": "round.reason.room",
}


def reasons_for_others(reasons: Sequence[Phrase]) -> list[Phrase]:
    """The reasons as HR and the mentor read them (a reason without such words: as the mentee reads it)."""
    return [Phrase(FOR_OTHERS.get(reason.key, reason.key), reason.values) for reason in reasons]


def preview_text(t: Translator, preview: Preview) -> str:
    plan = preview.plan
    title = t("round.preview.title", pairs=len(plan.pairs), mentees=preview.mentees, mentors=preview.mentors)
    if preview.area:
        title = t("round.preview.area", area=escape(preview.area)) + " " + title
    return title


def preview_blocks(t: Translator, preview: Preview) -> list[dict[str, Any]]:
    plan = preview.plan
    blocks: list[Block] = [section(preview_text(t, preview))]
    blocks.append(section(t("round.preview.scores", total=f"{plan.total:g}", greedy=f"{plan.greedy_total:g}")))
    lines = [_pair_line(t, pair) for pair in plan.pairs[:PAIRS_SHOWN]]
    for start in range(0, len(lines), PAIRS_PER_SECTION):
        blocks.append(section("\n".join(lines[start : start + PAIRS_PER_SECTION])))
    if len(plan.pairs) > PAIRS_SHOWN:
        blocks.append(context(t("round.preview.more", count=len(plan.pairs) - PAIRS_SHOWN)))
    for why, key in WHY.items():
        people = [user_id for user_id, reason in plan.unmatched if reason is why]
        if people:
            names = ", ".join(mention(user_id, t) for user_id in people[:NAMES_SHOWN])
            more = len(people) - NAMES_SHOWN
            if more > 0:
                names += " " + t("round.preview.more_people", count=more)
            blocks.append(section(t(key, count=len(people), people=names)))
    if plan.pairs:
        blocks.append(context(t("round.preview.privacy")))
        blocks.append(ActionsBlock(block_id="round", elements=[_send_button(t, preview)]))
    else:
        blocks.append(context(t("round.preview.nothing")))
    return as_dicts(blocks)


def _pair_line(t: Translator, pair: ProposedPair) -> str:
    reasons = "; ".join(say(t, reason) for reason in reasons_for_others(pair.reasons))
    return t(
        "round.preview.pair",
        mentee=mention(pair.mentee_id, t),
        mentor=mention(pair.mentor_id, t),
        score=f"{pair.score:g}",
        reasons=reasons,
    )


def _send_button(t: Translator, preview: Preview) -> ButtonElement:
    count = len(preview.plan.pairs)
    confirm = ConfirmObject(
        title=PlainTextObject(text=t("round.send.confirm.title")),
        text=t("round.send.confirm.text", count=count),
        confirm=PlainTextObject(text=t("round.send.confirm.yes")),
        deny=PlainTextObject(text=t("round.send.confirm.no")),
    )
    return ButtonElement(
        text=t("round.send"), action_id=SEND, value=str(preview.round_id), style="primary", confirm=confirm
    )


def proposal_message(
    t: Translator, view: ProposalView, reader: str, mentee: ProfileData | None
) -> tuple[str, list[dict[str, Any]]]:
    """The DM to one of the two: who, why, what the other wants to learn (for the mentor), the buttons."""
    if reader == view.mentee_id:
        text = t("round.dm.mentee", mentor=mention(view.mentor_id, t))
        reasons = list(view.reasons)
    else:
        text = t("round.dm.mentor", mentee=mention(view.mentee_id, t))
        reasons = reasons_for_others(view.reasons)
    blocks: list[Block] = [section(text)]
    if reasons:
        blocks.append(section(t("round.dm.why") + "\n" + "\n".join(f"• {say(t, reason)}" for reason in reasons)))
    if reader == view.mentor_id and mentee is not None and mentee.goals:
        goals = escape_within(mentee.goals, LONG_TEXT)
        blocks.append(section(t("request.dm.goals", mentee=mention(view.mentee_id, t), goals=goals)))
    expires = local_date(view.expires_at) if view.expires_at else ""
    blocks.append(context(t("round.dm.footer", other=mention(view.other(reader), t), expires=expires)))
    value = str(view.proposal_id)
    buttons = [
        ButtonElement(text=t("round.accept"), action_id=ACCEPT, value=value, style="primary"),
        ButtonElement(text=t("round.decline"), action_id=DECLINE, value=value),
    ]
    blocks.append(ActionsBlock(block_id="proposal", elements=buttons))
    return text, as_dicts(blocks)


def answered_proposal(t: Translator, view: ProposalView, reader: str, outcome: str) -> tuple[str, list[dict[str, Any]]]:
    """The DM once its reader answered: who it was about, what became of it; no buttons."""
    if reader == view.mentee_id:
        text = t("round.dm.mentee", mentor=mention(view.mentor_id, t))
    else:
        text = t("round.dm.mentor", mentee=mention(view.mentee_id, t))
    return outcome, as_dicts([section(text), context(outcome)])
