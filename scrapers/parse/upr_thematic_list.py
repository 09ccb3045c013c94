"""OHCHR thematic list of UPR recommendations (DOCX), one per State and cycle.

Layout: a single four-column table. The first row names the columns; rows whose cells all
read "Theme: <theme>" open a theme; every other row is one recommendation. The first
cell holds "<number> <text> (<recommending States>);" then a line "Source of position:
A/HRC/<..>/Add.1 - Para.<n>". Columns by cycle (Slovenia fixtures):

- cycle 2 (UPR20, 2014): Recommendation | Position | Full list of themes |
  Assessment/comments on level of implementation. Themes carry codes ("A12 Acceptance of
  international norms"), then "Affected persons:" and "- <group>" lines.
- cycle 3 (UPR34, 2019): same columns; themes as "- <theme>" lines, then "SDGs:" and
  "Affected persons:" blocks in the same cell.
- cycle 4 (UPR48, 2025): Recommendation and recommending State | Position of the State
  under review | Human rights themes and groups of persons ("Groups of Persons:" block) |
  Relevant SDGs.

Columns are therefore found by their header words, and the blocks inside a cell by their
labels, not by position.
"""

from __future__ import annotations

from pathlib import Path

from scrapers.parse.upr_common import UprRecommendation
from scrapers.parse.upr_tables import recommendations_from_docx

EXPECTED_HEADER_WORDS = ("recommendation", "position")
"""Every cycle's header names these two columns; the others vary (see above)."""


def parse_upr_thematic_list(path: Path | str) -> list[UprRecommendation]:
    """All recommendations of an OHCHR thematic list, in table order, with their theme."""
    return recommendations_from_docx(path)
