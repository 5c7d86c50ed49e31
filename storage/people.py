"""The cache of what Slack says about each person."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from storage.models import Person


def get_person(session: Session, user_id: str) -> Person | None:
    return session.get(Person, user_id)


def save_person(
    session: Session, user_id: str, *, locale: str, tz: str, real_name: str, fetched_at: datetime
) -> Person:
    person = session.get(Person, user_id)
    if person is None:
        person = Person(user_id=user_id, locale=locale, tz=tz, real_name=real_name, fetched_at=fetched_at)
        session.add(person)
    else:
        person.locale, person.tz, person.real_name, person.fetched_at = locale, tz, real_name, fetched_at
    session.flush()
    return person
