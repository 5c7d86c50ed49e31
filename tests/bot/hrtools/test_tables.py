"""HR's export tables: a header and rows, dates and booleans plainly, a typed area never read as a formula."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from bot.hrtools.tables import PROFILES, export_files, table


def rows_of(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_a_table_has_its_header_then_its_rows() -> None:
    at = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
    content = table(PROFILES, [("U1", "mentor", "Data, BI", 2, True, at, at)])

    assert content.startswith("\ufeff".encode())  # a spreadsheet reads the accents as UTF-8
    assert rows_of(content) == [
        list(PROFILES),
        ["U1", "mentor", "Data, BI", "2", "yes", at.isoformat(), at.isoformat()],
    ]


@pytest.mark.parametrize("area", ['=HYPERLINK("x")', "+1", "-1", "@SUM(A1)"])
def test_a_typed_area_is_never_a_formula(area: str) -> None:
    [_, row] = rows_of(table(("area",), [(area,)]))

    assert row == [f"'{area}"]


def test_nothing_missing_is_written_as_none() -> None:
    files = export_files([], [(1, "U1", "U2", "active", datetime(2027, 3, 1, tzinfo=UTC), None, None, 0)], [])

    [_, row] = rows_of(files.pairings)
    assert row[5:] == ["", "", "0"]
    assert rows_of(files.waiting) == [["user_id", "waiting_since"]]
