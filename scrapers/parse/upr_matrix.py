"""OHCHR UPR matrix of recommendations (DOCX), per State and cycle.

Layout (Egypt, cycle 2, A/HRC/28/16, fixture cehdi-upr-misc/EgyptMatriceRecommendations.docx):
one table with the columns Recommendation | Recommending state/s | Position | Full list of
rights/affected persons. Rows that repeat "Right or area: <code>. <area>" in every cell
open a right or area. A recommendation cell reads "166.6. Ratify the Rome Statute of the
ICC (Chile); (Estonia); (Slovenia); (Tunisia); (Uruguay);" then "Source of position:
A/HRC/28/16/Add.1"; the States column repeats the States one per line (taken as the
authoritative list); Position is "Supported", "Noted" or "Supported/Noted" (partly
supported); the last column lists rights/areas ("2.1. Acceptance of international
norms", "12.4. Death penalty") then "Affected persons:" and "- <group>" lines.

The matrix preceded the thematic lists (cycles 1-2); the table logic is shared with them.
"""

from __future__ import annotations

from pathlib import Path

from scrapers.parse.upr_common import UprRecommendation
from scrapers.parse.upr_tables import recommendations_from_docx

AREA_ROW_PREFIX = "Right or area:"
"""How a matrix row opening a right or area begins (``upr_tables.THEME_ROW_RE``)."""


def parse_upr_matrix(path: Path | str) -> list[UprRecommendation]:
    """All recommendations of a UPR matrix with States, position, rights and persons."""
    return recommendations_from_docx(path)
