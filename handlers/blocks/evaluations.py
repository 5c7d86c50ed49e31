"""Block Kit for evaluations: the invitation, its dialog, and App Home's lines (what waits, what ends soon)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
)

from bot.evaluations import MAX_COMMENT, SCORES, Answers, Ending, Waiting, is_end
from bot.i18n import Translator
from bot.typed import whole_number
from handlers.blocks.common import as_dicts, calendar_day, mention, modal, section
from handlers.feedback.blocks import feedback_button

OPEN = "evaluation.open"
CALLBACK = "evaluation.submit"
# Each score's block id and the catalog key of its label.
SCORE_BLOCKS = {
    "progress": "evaluation.progress",
    "usefulness": "evaluation.usefulness",
    "recommend": "evaluation.recommend",
}
COMMENT_BLOCK, CHOICE_BLOCK, ACTION = "comment", "carry_on", "value"
CONTINUE, CLOSE = "continue", "close"


def invitation(
    t: Translator, pairing_id: int, step: int, other_id: str, min_group: int
) -> tuple[str, list[dict[str, Any]]]:
    """`min_group`: FEEDBACK_MIN_GROUP, the fewest answers behind anything HR sees (the form says so)."""
    key = "evaluation.ask.end" if is_end(step) else "evaluation.ask.midpoint"
    text = t(key, other=mention(other_id))
    button = ButtonElement(text=t("evaluation.open"), action_id=OPEN, value=f"{pairing_id}:{step}", style="primary")
    blocks: list[Block] = [section(text), section(t("evaluation.private", k=min_group))]
    if is_end(step):  # the end of a programme period: a moment to say how the programme itself went
        blocks += [section(t("evaluation.feedback")), ActionsBlock(elements=[button, feedback_button(t)])]
    else:
        blocks.append(ActionsBlock(elements=[button]))
    return text, as_dicts(blocks)


def form(t: Translator, pairing_id: int, step: int, min_group: int) -> dict[str, Any]:
    scores = [Option(value=str(n), text=str(n)) for n in SCORES]
    blocks: list[Block] = [section(t("evaluation.private", k=min_group))]
    for name, label in SCORE_BLOCKS.items():
        element = StaticSelectElement(action_id=ACTION, options=scores)
        blocks.append(InputBlock(block_id=name, label=t(label), element=element))
    if is_end(step):
        choices = [
            Option(value=CONTINUE, text=t("evaluation.continue")),
            Option(value=CLOSE, text=t("evaluation.close")),
        ]
        element = StaticSelectElement(action_id=ACTION, options=choices)
        blocks.append(InputBlock(block_id=CHOICE_BLOCK, label=t("evaluation.choice"), element=element))
    comment = PlainTextInputElement(action_id=ACTION, multiline=True, max_length=MAX_COMMENT)
    blocks.append(InputBlock(block_id=COMMENT_BLOCK, label=t("evaluation.comment"), optional=True, element=comment))
    return modal(
        CALLBACK, t("evaluation.title"), t("evaluation.submit"), t("checkin.met.cancel"), blocks, f"{pairing_id}:{step}"
    )


def read_answers(values: dict[str, Any]) -> Answers:
    def chosen(block: str) -> str | None:
        value = values.get(block, {}).get(ACTION)
        option = value.get("selected_option") if isinstance(value, dict) else None
        raw = option.get("value") if isinstance(option, dict) else None
        return raw if isinstance(raw, str) else None

    def score(block: str) -> int | None:
        raw = chosen(block)
        return whole_number(raw, SCORES) if raw is not None else None

    comment = values.get(COMMENT_BLOCK, {}).get(ACTION)
    text = comment.get("value") if isinstance(comment, dict) else None
    choice = chosen(CHOICE_BLOCK)
    return Answers(
        progress=score("progress"),
        usefulness=score("usefulness"),
        recommend=score("recommend"),
        comment=text if isinstance(text, str) else "",
        carry_on=True if choice == CONTINUE else False if choice == CLOSE else None,
    )


def home_lines(t: Translator, waiting: Sequence[Waiting], ending: Sequence[Ending]) -> list[Block]:
    """Evaluations waiting (each with its button) and programme periods ending soon."""
    blocks: list[Block] = []
    for due in waiting:
        button = ButtonElement(text=t("evaluation.open"), action_id=OPEN, value=f"{due.pairing_id}:{due.step}")
        blocks.append(section(t("evaluation.home.waiting", other=mention(due.other_id)), button))
    for soon in ending:
        blocks.append(section(t("evaluation.home.ending", other=mention(soon.other_id), date=calendar_day(soon.on))))
    return blocks
