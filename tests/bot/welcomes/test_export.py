"""What a new joiner's welcome promises: `/mentor privacy export` shows when they joined, and a mentor's tick."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.privacy.export import export_document
from storage.models import Person, Profile
from storage.privacy import Stored

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
JOINED = datetime(2027, 2, 15, 9, 30, tzinfo=UTC)


def test_the_export_shows_when_they_joined_and_whether_they_like_helping_newcomers() -> None:
    person = Person(user_id="UNEW", locale="en-US", tz="Asia/Tokyo", fetched_at=NOW, joined_at=JOINED)
    profile = Profile(
        user_id="UNEW", role="mentor", function_area="Data", skills="SQL", capacity=1, likes_newcomers=True,
        updated_at=NOW, created_at=NOW,
    )  # fmt: skip
    document = export_document("UNEW", Stored(person, profile, [], [], {}, [], []), NOW, "")

    assert document["slack_details"]["joined_at"] == JOINED.isoformat()
    assert document["profile"]["likes_newcomers"] is True
