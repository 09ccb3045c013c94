"""The OHCHR UPR matrix of recommendations for Egypt, cycle 2 (``cehdi-upr-misc``).

Dataset: ``EgyptMatriceRecommendations.docx``, the matrix OHCHR prepares from the
working-group report A/HRC/28/16 (review of November 2014, session 20): one table row
per recommendation with the recommending States, Egypt's position (from
A/HRC/28/16/Add.1) and the rights and affected persons it concerns. Parsed by
`scrapers.parse.parse_upr_matrix`, which agrees with the CeHDI project's own 300-row
parse of the same file on text, States, position, themes and persons (docs/parsers.md).

Identity: document key A/HRC/28/16 and the report's recommendation number ("166.6"),
so the recommendation lines up with the report crawled from documents.un.org.
Recommending States are kept as printed ("Chile", "Iran (Islamic Republic of)"); the
pipeline resolves them through the taxonomy. The matrix's "2.1. Acceptance of
international norms" headings are its theme labels, mapped where the taxonomy knows them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from indexer.pipeline import Item
from scrapers.http import ScraperError
from scrapers.importers import taxo
from scrapers.importers.base import date_fields, identify, make_candidate, provenance, reject
from scrapers.parse import parse_upr_matrix

SOURCE = "upr-matrix"
DEFAULT_PATH = "cehdi-upr-misc"
MATRIX = "EgyptMatriceRecommendations.docx"
STATE = "Egypt"
SYMBOL = "A/HRC/28/16"
SESSION = 20
LICENCE = (
    "OHCHR UPR matrix of recommendations (UN document); copy via "
    "github.com/CeHDI-Foundation/UPR_Maternal-Health_Public (no licence stated)"
)
URL = f"https://documents.un.org/api/symbol/access?s={SYMBOL}&l=en&t=pdf"


def iter_items(root: Path) -> Iterator[Item]:
    path = root / MATRIX
    try:
        recommendations = parse_upr_matrix(path)
    except (ScraperError, OSError) as exc:
        yield reject(SOURCE, MATRIX, f"unreadable document: {exc}")
        return
    cycle, year = taxo.upr_cycle_year(SESSION)
    for rec in recommendations:
        location = f"{MATRIX}#{rec.number}"
        fields: dict[str, Any] = {
            "text": rec.text,
            "language": "en",
            "title": f"UPR matrix of recommendations: {STATE}, cycle {cycle} ({SYMBOL})",
            "body": "UPR",
            "kind": "recommendation",
            "countries": [STATE],
            "symbol": SYMBOL,
            "paragraph": rec.number,
            "section": rec.section,
            "upr": {
                "recommending_states": list(rec.recommending_states),
                "session": SESSION,
                "cycle": cycle,
                "response_raw": rec.position,
                "recommendation_number": rec.number,
            },
            "themes": taxo.themes(list(rec.themes)),
            "affected_persons": taxo.affected_persons(list(rec.affected_persons)),
            "provenance": [
                provenance(
                    source=SOURCE,
                    source_id=f"{SYMBOL}#{rec.number}",
                    licence=LICENCE,
                    location=location,
                    url=URL,
                )
            ],
            **date_fields(year=year),
        }
        identify(fields, source=SOURCE, document=SYMBOL, pkey=rec.number, language="en")
        yield make_candidate(fields, location)
