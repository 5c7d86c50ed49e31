"""storage.matching.excluded_mentors: the one rule of whom a mentee may not be suggested, for one mentee or many."""

from __future__ import annotations

from sqlalchemy import Engine

from storage.db import make_session_factory
from storage.matching import excluded_mentors
from storage.models import PairingStatus, RequestStatus
from tests.factories import add_pairing, add_request


def test_the_rule_for_one_mentee_and_for_many_agree(engine: Engine) -> None:
    add_pairing(engine, "UPAST", "UALICE", PairingStatus.ENDED)  # paired before
    add_pairing(engine, "UALICE", "UHERMENTEE")  # Alice mentors someone: not their mentor either
    for mentor, status in (("UNO", RequestStatus.DECLINED), ("ULAPSED", RequestStatus.EXPIRED),
                           ("UWAITING", RequestStatus.PENDING), ("UWITHDRAWN", RequestStatus.WITHDRAWN)):  # fmt: skip
        add_request(engine, "UALICE", mentor, status)
    add_request(engine, "UEVA", "UNO", RequestStatus.DECLINED)

    with make_session_factory(engine)() as session:
        one = excluded_mentors(session, ["UALICE"])
        many = excluded_mentors(session, ["UALICE", "UEVA", "UNOBODY"])

    expected = {"UALICE", "UPAST", "UHERMENTEE", "UNO", "ULAPSED", "UWAITING"}
    assert one == {"UALICE": expected}
    assert many == {"UALICE": expected, "UEVA": {"UEVA", "UNO"}, "UNOBODY": {"UNOBODY"}}
