"""The answer to `/mentor status`: a person's profile in brief, their pairings and open requests."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block, ContextBlock, HeaderBlock, MarkdownTextObject, PlainTextObject, SectionBlock

from bot.i18n import Translator
from bot.pairings import Overview, PairingView, RequestView
from bot.profiles import ProfileData
from bot.text import clip, escape
from handlers.blocks.common import local_date, mention
from storage.models import PairingStatus

TEXT_SHOWN = 300


def status_blocks(t: Translator, overview: Overview) -> list[dict[str, Any]]:
    blocks: list[Block] = [HeaderBlock(text=PlainTextObject(text=t("status.title")))]
    profile = overview.profile
    if profile is None:
        blocks.append(_section(t("status.no_profile")))
    else:
        blocks.append(_section(profile_lines(t, profile, overview.free_slots)))
    lines = [pairing_line(t, pairing) for pairing in overview.pairings] or [t("status.no_pairings")]
    blocks.append(_section(t("status.pairings") + "\n" + "\n".join(lines)))
    if overview.requests:
        lines = [request_line(t, request) for request in overview.requests]
        blocks.append(_section(t("status.requests") + "\n" + "\n".join(lines)))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=t("help.footer"))]))
    return [block.to_dict() for block in blocks]


def profile_lines(t: Translator, profile: ProfileData, free_slots: int) -> str:
    availability = t("profile.available.open" if profile.available else "profile.available.paused")
    role = t(f"status.role.{profile.role.value}")
    lines = [t("status.profile", role=role, area=escape(profile.function_area), availability=availability)]
    if profile.role.mentors:
        lines.append(t("status.room", free=free_slots, capacity=profile.capacity))
        lines.append(t("status.skills", skills=escape(clip(profile.skills, TEXT_SHOWN))))
    if profile.role.learns:
        lines.append(t("status.goals", goals=escape(clip(profile.goals, TEXT_SHOWN))))
    return "\n".join(lines)


def pairing_line(t: Translator, pairing: PairingView) -> str:
    key = "status.mentoring" if pairing.i_mentor else "status.mentored"
    line = "• " + t(key, who=mention(pairing.other_id), since=local_date(pairing.since))
    if pairing.status is not PairingStatus.ACTIVE:
        line += " " + t(f"status.{pairing.status.value}")
    return line


def request_line(t: Translator, request: RequestView) -> str:
    key = "status.request_received" if request.i_mentor else "status.request_sent"
    return "• " + t(key, who=mention(request.other_id), since=local_date(request.sent_at))


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text))
