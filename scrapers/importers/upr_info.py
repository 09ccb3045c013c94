"""UPR Info database export: UPR recommendations and voluntary pledges, sessions 1-20.

Dataset: ``upr-info-export-terman/upr-info-csv/*.csv.gz`` (copied from
github.com/rochelleterman/uprs, v.2/Data/CSVs). One row per recommendation, columns
``To, To-Rgrp, To-Org, Text, From, From-Rgrp, From-Org, Response, Action, Issue,
Session``; 41,066 recommendations in five files and 947 voluntary pledges in
``voluntary.csv.gz`` (Response "Voluntary Pledge", From = To).

Quirks, each handled here:

- gzip files in **Mac Roman** with **CR** line endings (``csv`` copes with CR once the
  text is read with ``newline=""``);
- the file "17-20" holds sessions 18-20 (the file name is not trusted; Session is);
- HTML entities in names: ``&#40;Unknown&#41;`` for a recommendation whose recommending
  State UPR Info did not know (kept with no recommending State);
- no paragraph numbers: the paragraph key is a hash of the text and the recommending
  State, so the id is stable between runs and between files;
- a recommendation listed twice (same State under review, text, recommending State and
  session: two exact repeats, one repeat filed under other issues, and two repeated
  pledges) is one record: the repeat is rejected with its reason and its issues are
  added to the first;
- Issue is a comma-separated list of UPR Info issue labels (none contains a comma).

Licence: none stated for the export; the recommendations are UN UPR text.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from indexer.pipeline import Item
from scrapers.importers import taxo
from scrapers.importers.base import (
    clean_field,
    date_fields,
    identify,
    make_candidate,
    provenance,
    reject,
    text_key,
)

SOURCE = "upr-info"
DEFAULT_PATH = "upr-info-export-terman"
CSV_DIR = "upr-info-csv"
RECOMMENDATION_FILES = ("1-5", "6-9", "10-13", "14-17", "17-20")
PLEDGE_FILE = "voluntary"
ENCODING = "mac_roman"
COLUMNS = (
    "To",
    "To-Rgrp",
    "To-Org",
    "Text",
    "From",
    "From-Rgrp",
    "From-Org",
    "Response",
    "Action",
    "Issue",
    "Session",
)
UNKNOWN_STATE = "(Unknown)"
PLEDGE_RESPONSE = "Voluntary Pledge"
LICENCE = (
    "UPR Info database export via github.com/rochelleterman/uprs (no licence stated); "
    "recommendation text from UN UPR Working Group reports"
)
URL = "https://www.upr-info.org/database/"
MAX_SESSION = 200


def read_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of every data row; raises on an unreadable file."""
    raw = gzip.decompress(path.read_bytes()).decode(ENCODING)
    reader = csv.reader(io.StringIO(raw, newline=""))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        raise ValueError(f"unexpected header {header!r}")
    for row in reader:
        if row:
            yield reader.line_num, row


def iter_items(root: Path) -> Iterator[Item]:
    for stem in (*RECOMMENDATION_FILES, PLEDGE_FILE):
        path = root / CSV_DIR / f"{stem}.csv.gz"
        rel = f"{CSV_DIR}/{path.name}"
        try:
            rows = list(read_rows(path))
        except (OSError, EOFError, ValueError, UnicodeDecodeError, csv.Error) as exc:
            yield reject(SOURCE, rel, f"unreadable file: {exc}")
            continue
        yield from file_items(rel, rows)


def recommendation_key(values: list[str]) -> tuple[str, ...]:
    """State under review, text, recommending State, session: one recommendation."""
    row = dict(zip(COLUMNS, values, strict=True))
    return (row["To"], text_key(row["Text"]), row["From"], row["Session"])


def file_items(rel: str, rows: list[tuple[int, list[str]]]) -> Iterator[Item]:
    """Candidates of one file. A recommendation listed twice is one record: an exact
    repeat is rejected as such; a repeat filed under other issues adds its issues."""
    first: dict[tuple[str, ...], tuple[str, list[str]]] = {}
    extra_issues: dict[tuple[str, ...], list[str]] = {}
    kept: list[tuple[str, list[str]] | Item] = []
    for line, row in rows:
        location = f"{rel}:{line}"
        if len(row) != len(COLUMNS):
            kept.append(
                reject(
                    SOURCE,
                    location,
                    f"malformed row: {len(row)} fields, expected {len(COLUMNS)}",
                    ",".join(row),
                )
            )
            continue
        values = [clean_field(v) for v in row]
        key = recommendation_key(values)
        if key in first:
            original, earlier = first[key]
            same = values == earlier
            what = "exact repeat" if same else "same recommendation, other issues"
            kept.append(reject(SOURCE, location, f"duplicate row: {what} of {original}", values[3]))
            extra_issues.setdefault(key, []).append(values[COLUMNS.index("Issue")])
            continue
        first[key] = (location, values)
        kept.append((location, values))
    for entry in kept:
        if not isinstance(entry, tuple):
            yield entry
            continue
        location, values = entry
        named = dict(zip(COLUMNS, values, strict=True))
        more = extra_issues.get(recommendation_key(values))
        if more:
            named["Issue"] = ",".join([named["Issue"], *more])
        yield row_candidate(named, location)


def row_candidate(row: dict[str, str], location: str) -> Item:
    try:
        session = int(row["Session"])
        if not 1 <= session <= MAX_SESSION:
            raise ValueError(session)
    except ValueError:
        return reject(SOURCE, location, f"invalid session: {row['Session']!r}", row["Text"])
    action: int | None = None
    if row["Action"]:
        try:
            action = int(row["Action"])
        except ValueError:
            return reject(
                SOURCE, location, f"invalid action category: {row['Action']!r}", row["Text"]
            )
        if not 1 <= action <= 5:
            action = None
    state = row["To"]
    is_pledge = row["Response"] == PLEDGE_RESPONSE
    recommending = "" if row["From"] in ("", UNKNOWN_STATE) or is_pledge else row["From"]
    cycle, year = taxo.upr_cycle_year(session)
    document = f"UPR/S{session:02d}/{state}"
    pkey = text_key(row["Text"], recommending)
    upr: dict[str, Any] = {
        "recommending_states": [recommending] if recommending else [],
        "session": session,
        "cycle": cycle,
        "response_raw": row["Response"] or None,
        "action_category": action,
    }
    labels = [x.strip() for x in row["Issue"].split(",") if x.strip()]
    fields: dict[str, Any] = {
        "text": row["Text"],
        "language": "en",
        "title": f"Universal Periodic Review of {state}, session {session}"
        + (" (voluntary pledges)" if is_pledge else ""),
        "body": "UPR",
        "kind": "pledge" if is_pledge else "recommendation",
        "countries": [state],
        "upr": upr,
        **date_fields(year=year),
        "themes": taxo.themes(labels),
        "provenance": [
            provenance(
                source=SOURCE,
                source_id=f"{document}/{pkey}",
                licence=LICENCE,
                location=location,
                url=URL,
            )
        ],
    }
    identify(fields, source=SOURCE, document=document, pkey=pkey, language="en")
    return make_candidate(fields, location)
