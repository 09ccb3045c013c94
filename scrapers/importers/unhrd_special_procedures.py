"""UNHRD special rapporteurs' thematic reports: 162 reports, 20,444 paragraphs.

Dataset: ``json_labeled_v2_special_procedures.tar.gz`` (``json_labeled_v2/SR_<mandate>_
<symbol>.json``, one JSON array of ``{ID, Labels, Text}`` per report). Mandates:
SR_Torture (69 reports), SR_Health (50), SR_Education (43). Labels are concerned groups.

Quirks:

- the symbol is only in the file name, with "/" and "." written as "_":
  ``A_HRC_37_50`` = A/HRC/37/50, ``A_65_162`` = A/65/162, ``E_CN_4_2006_48`` =
  E/CN.4/2006/48;
- no dates: the year is derived from the symbol: E/CN.4/<year>/..., A/<GA session>/...
  (session n opens in September 1945 + n and the report is issued that summer),
  A/HRC/<HRC session>/... (three sessions a year since June 2006);
- paragraph texts sometimes end with the next section's heading glued on ("... 2017.2
  II. Migration-related torture ...") as extracted; kept as given.

Licence: UN documents; the curation is CC BY-NC-SA 4.0 (attribution in `unhrd_common`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from indexer.pipeline import Item
from scrapers.importers.base import (
    date_fields,
    reject,
)
from scrapers.importers.unhrd_common import (
    DEFAULT_PATH,
    UN_DOCUMENT_URL,
    json_members,
    paragraph_items,
)

__all__ = ["DEFAULT_PATH", "iter_items", "symbol_of", "year_of_symbol"]

SOURCE = "unhrd-special-procedures"
TARBALL = "json_labeled_v2_special_procedures.tar.gz"
FOLDER = "json_labeled_v2"
MANDATES = {
    "Torture": (
        "SR-TORTURE",
        "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or "
        "punishment",
    ),
    "Health": (
        "SR-HEALTH",
        "Special Rapporteur on the right of everyone to the enjoyment of the highest "
        "attainable standard of physical and mental health",
    ),
    "Education": ("SR-EDUCATION", "Special Rapporteur on the right to education"),
}
FILE_RE = re.compile(r"^SR_(?P<mandate>[A-Za-z]+)_(?P<symbol>.+)\.json$")
GA_FIRST_YEAR = 1945
HRC_FIRST_YEAR = 2006
HRC_SESSIONS_PER_YEAR = 3


def symbol_of(file_symbol: str) -> str:
    """ "A_HRC_37_50" -> "A/HRC/37/50", "E_CN_4_2006_48" -> "E/CN.4/2006/48"."""
    return file_symbol.replace("E_CN_4_", "E/CN.4/").replace("_", "/")


def year_of_symbol(symbol: str) -> int | None:
    parts = symbol.split("/")
    if symbol.startswith("E/CN.4/") and len(parts) > 2 and parts[2].isdigit():
        return int(parts[2])
    if symbol.startswith("A/HRC/") and len(parts) > 2 and parts[2].isdigit():
        return HRC_FIRST_YEAR + (int(parts[2]) - 1) // HRC_SESSIONS_PER_YEAR
    if symbol.startswith("A/") and len(parts) > 1 and parts[1].isdigit():
        return GA_FIRST_YEAR + int(parts[1])
    return None


def iter_items(root: Path) -> Iterator[Item]:
    for name, data in json_members(root / TARBALL, SOURCE, folder=FOLDER):
        if not isinstance(data, list):
            yield data  # a Reject
            continue
        match = FILE_RE.match(name)
        if match is None or match.group("mandate") not in MANDATES:
            yield reject(SOURCE, f"{TARBALL}:{FOLDER}/{name}", "unknown mandate in file name")
            continue
        yield from report_items(
            name, match.group("mandate"), symbol_of(match.group("symbol")), data
        )


def report_items(name: str, mandate: str, symbol: str, paragraphs: list[Any]) -> Iterator[Item]:
    body, mandate_name = MANDATES[mandate]
    base: dict[str, Any] = {
        "title": f"Report of the {mandate_name} ({symbol})",
        "body": body,
        "kind": "report_paragraph",
        "symbol": symbol,
        **date_fields(year=year_of_symbol(symbol)),
    }
    yield from paragraph_items(
        paragraphs,
        base=base,
        source=SOURCE,
        location=f"{TARBALL}:{FOLDER}/{name}",
        stem=name[:-5],
        document=symbol,
        url=UN_DOCUMENT_URL.format(symbol=symbol),
    )
