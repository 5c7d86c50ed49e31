"""HR's export as CSV: three tables, one file each (pure: plain rows in, bytes out).

Three files rather than one with a `record` column: each opens in a spreadsheet as a table with its own header,
and no column is empty for two rows in three. What is in them is only what the columns below name: ids, words
the bot chose (role, state, cadence), the area a person picked, numbers and dates. Never a check-in note, a
request's note, a decline reason, an evaluation answer or any feedback: their queries don't read them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

PROFILES = ("user_id", "role", "area", "capacity", "available", "created_at", "updated_at")
PAIRINGS = ("pairing_id", "mentor_id", "mentee_id", "state", "started_at", "ended_at", "cadence", "checkins")
WAITING = ("user_id", "waiting_since")
# A cell a spreadsheet would read as a formula starts with one of these; the area is typed by people.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportFiles:
    profiles: bytes
    pairings: bytes
    waiting: bytes


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A CSV file (UTF-8 with a byte-order mark, so a spreadsheet reads its accents) of `header` and `rows`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def export_files(
    profiles: Iterable[Sequence[object]],
    pairings: Iterable[Sequence[object]],
    waiting: Iterable[Sequence[object]],
) -> ExportFiles:
    return ExportFiles(table(PROFILES, profiles), table(PAIRINGS, pairings), table(WAITING, waiting))
