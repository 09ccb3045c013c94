"""SQLite helpers shared by the store, the embedding cache and the citation links."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

# SQLite refuses statements with more than a few hundred (old builds: 999) variables.
IN_CHUNK = 500


def select_in(
    conn: sqlite3.Connection,
    sql: str,
    values: Sequence[Any],
    before: Sequence[Any] = (),
    chunk: int = IN_CHUNK,
) -> Iterator[tuple[Any, ...]]:
    """Rows of `sql` whose `{marks}` is an IN list of `values`, queried chunk by chunk.

    `before` are the parameters that precede the IN list in the statement.
    """
    for start in range(0, len(values), chunk):
        part = list(values[start : start + chunk])
        marks = ",".join("?" * len(part))
        yield from conn.execute(sql.format(marks=marks), [*before, *part])
