"""Who may use `/mentor admin …`: the HR admins of the settings, checked on every call."""

from __future__ import annotations

from bot.runtime.settings import Settings


def is_hr_admin(settings: Settings, user_id: str) -> bool:
    return user_id in settings.hr_admins
