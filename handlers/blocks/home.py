"""The App Home tab."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import HeaderBlock, MarkdownTextObject, PlainTextObject, SectionBlock
from slack_sdk.models.views import View

from bot.i18n import Translator


def home_view(t: Translator) -> dict[str, Any]:
    view = View(
        type="home",
        blocks=[
            HeaderBlock(text=PlainTextObject(text=t("home.title"))),
            SectionBlock(text=MarkdownTextObject(text=t("home.intro"))),
        ],
    )
    return dict(view.to_dict())
