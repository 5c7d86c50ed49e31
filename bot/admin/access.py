"""Who may use `/mentor admin …`: the HR admins of the settings, checked on every call."""

from __future__ import annotations

from bot.runtime.settings import Settings


def is_hr_admin(settings: Settings, user_id: str) -> bool:
    return user_id in settings.hr_admins


def digest_reader(settings: Settings) -> str | None:
    """The HR admin whose language the weekly digest is written in: the first of HR_ADMINS as written (the
    first by id when only the set is known); None without HR admins (the digest is then in English)."""
    if settings.first_hr_admin in settings.hr_admins:
        return settings.first_hr_admin
    return min(settings.hr_admins, default=None)
