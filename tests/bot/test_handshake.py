"""The handshake's news, without Slack: who is told what, in which order (a recording notifier)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from bot.app import Mentorbot
from bot.handshake import Handshake, Notice, Posted
from bot.pairings import RequestInfo
from bot.profiles import ProfileData, Role
from bot.settings import Cadence
from bot.slack_api import Delivery
from bot.suggestions import FindOutcome, FindResult


@dataclass
class RecordingNotifier:
    delivery: Delivery = Delivery.SENT
    news: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)

    def ask_mentor(self, request: RequestInfo, mentee: ProfileData) -> Posted:
        self.news.append(("ask", request.mentor_id, ()))
        return Posted(self.delivery, "DMENTOR", "1.0")

    def tell(self, user_id: str, *notices: Notice, mentors: FindResult | None = None) -> None:
        shown = (mentors.outcome.value,) if mentors else ()
        self.news.append(("tell", user_id, tuple(n.key for n in notices) + shown))

    def update_request(self, request: RequestInfo, notice: Notice) -> None:
        self.news.append(("update", request.mentor_id, (notice.key,)))

    def introduce(self, request: RequestInfo, goals: str, cadence: Cadence) -> str | None:
        self.news.append(("introduce", request.mentee_id, (goals,)))
        return "GPAIR"

    def refresh(self, *user_ids: str) -> None:
        self.news.append(("refresh", ",".join(user_ids), ()))


def handshake(mentorbot: Mentorbot, notifier: RecordingNotifier) -> Handshake:
    services = mentorbot.services
    for user_id, role in (("UANN", Role.MENTEE), ("UBEA", Role.MENTOR), ("UCHEN", Role.MENTOR)):
        services.profiles.save(user_id, ProfileData(role, "Engineering", "Python", "Python", 1, True))
    return Handshake(services.pairings, services.suggestions, services.profiles, notifier, Cadence.WEEKLY)


def test_a_decline_tells_the_mentee_with_a_next_mentor_before_the_mentors_copy_changes(
    mentorbot: Mentorbot,
) -> None:
    notifier = RecordingNotifier()
    steps = handshake(mentorbot, notifier)
    asked = mentorbot.services.pairings.ask("UANN", "UBEA", "")
    steps.deliver(asked)
    assert asked.request is not None
    notifier.news.clear()

    steps.declined(mentorbot.services.pairings.decline(asked.request.request_id, "UBEA", "busy"))

    assert notifier.news == [
        ("tell", "UANN", ("request.declined.mentee", FindOutcome.FOUND.value)),
        ("update", "UBEA", ("request.declined.mentor",)),
        ("refresh", "UANN,UBEA", ()),
    ]


def test_an_accept_introduces_then_tells_and_closes_the_other_request(mentorbot: Mentorbot) -> None:
    notifier = RecordingNotifier()
    steps = handshake(mentorbot, notifier)
    to_bea = mentorbot.services.pairings.ask("UANN", "UBEA", "")
    mentorbot.services.pairings.ask("UANN", "UCHEN", "")
    assert to_bea.request is not None

    steps.accept(to_bea.request.request_id, "UBEA")

    assert notifier.news == [
        ("introduce", "UANN", ("Python",)),
        ("update", "UBEA", ("request.accepted.mentor",)),
        ("tell", "UANN", ("request.accepted.mentee", "request.others_withdrawn")),
        ("update", "UCHEN", ("request.withdrawn.mentor",)),
        ("refresh", "UANN,UBEA,UCHEN", ()),
    ]


def test_a_request_slack_refused_is_forgotten_and_the_mentee_told(mentorbot: Mentorbot) -> None:
    notifier = RecordingNotifier(delivery=Delivery.FAILED)
    steps = handshake(mentorbot, notifier)

    steps.deliver(mentorbot.services.pairings.ask("UANN", "UBEA", ""))

    assert notifier.news[-1] == ("tell", "UANN", ("request.undelivered",))
    assert mentorbot.services.pairings.overview("UANN").requests == ()


def test_the_news_of_a_decline_arrives_even_when_no_other_mentor_can_be_found(
    mentorbot: Mentorbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    notifier = RecordingNotifier()
    steps = handshake(mentorbot, notifier)
    asked = mentorbot.services.pairings.ask("UANN", "UBEA", "")
    assert asked.request is not None
    declined = mentorbot.services.pairings.decline(asked.request.request_id, "UBEA", "")

    def broken(*args: object) -> None:
        raise RuntimeError("the candidate query failed")

    monkeypatch.setattr(mentorbot.services.suggestions, "find", broken)
    steps.declined(declined)

    assert notifier.news[:2] == [
        ("tell", "UANN", ("request.declined.mentee",)),
        ("update", "UBEA", ("request.declined.mentor",)),
    ]
