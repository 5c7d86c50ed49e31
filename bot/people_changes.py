"""When Slack says a person changed (`user_change`, `team_join`): the cache updated, and what follows.

A new time zone moves the prompts of their pairings that are not sent yet; someone who left ends what
they were part of, kindly (bot/departures.py). Running it again changes nothing (a retry is harmless).
"""

from __future__ import annotations

from bot.checkins.service import CheckinService
from bot.delivery.slack_replies import PersonFacts
from bot.departures import Departures
from bot.people import PeopleService


class PersonChanges:
    def __init__(self, people: PeopleService, departures: Departures, checkins: CheckinService) -> None:
        self._people = people
        self._departures = departures
        self._checkins = checkins

    def apply(self, facts: PersonFacts | None) -> None:
        """Remember what Slack said of them; then their leaving, or their new time zone, is acted on."""
        if facts is None:
            return
        before = self._people.cached(facts.user_id).tz
        after = self._people.remember(facts)
        if after is None:
            return
        if self._people.gone(facts.user_id):
            self._departures.leave(facts.user_id)
        elif after.tz != before:
            self._checkins.replan_person(facts.user_id)
