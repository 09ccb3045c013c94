"""Tables of UPR recommendations in OHCHR DOCX files (thematic lists and matrices).

Both kinds are one table: a header row naming the columns, rows that open a theme
("Theme: ..." or "Right or area: ..." repeated in every cell of a merged row), and one row
per recommendation whose first cell holds "<number> <text> (<States>);" and a line
"Source of position: <symbol> - Para.<n>". Which columns exist changes with the year and
the product, so columns are found by their header words and the lists inside a cell
("Affected persons:", "Groups of Persons:", "SDGs:") by their labels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from scrapers.parse.docx_text import docx_tables
from scrapers.parse.errors import DocumentError
from scrapers.parse.segment import split_number
from scrapers.parse.upr_common import UprRecommendation, normalize_position, split_states

THEME_ROW_RE = re.compile(r"^(?:Theme|Right or area)\s*:\s*(?P<theme>.+)$", re.I | re.S)
COMMENT_LINE_RE = re.compile(r"^Comments?\s*:\s*(?P<note>.*)$", re.I | re.M)
SOURCE_OF_POSITION_RE = re.compile(r"Source of position\s*:\s*(?P<source>.+)$", re.I | re.M)
BLOCK_LABEL_RE = re.compile(
    r"^(?P<label>Affected persons|Groups of persons|SDGs|Themes?)\s*:\s*(?P<rest>.*)$", re.I
)
LABEL_FIELDS = {
    "affected persons": "affected_persons",
    "groups of persons": "affected_persons",
    "sdgs": "sdgs",
    "theme": "themes",
    "themes": "themes",
}
COLUMN_WORDS = {
    "recommendation": "recommendation",
    "recommending state": "states",
    "position": "position",
    "theme": "themes",
    "rights": "themes",
    "sdg": "sdgs",
    "assessment": "assessment",
}


def column_roles(header: Sequence[str]) -> dict[str, int]:
    """Column index per role, from the header words (first match wins, left to right)."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(header):
        lowered = cell.lower()
        for word, role in COLUMN_WORDS.items():
            if word in lowered and role not in roles and index not in roles.values():
                roles[role] = index
                break
    return roles


def labelled_blocks(cell: str, default: str = "themes") -> dict[str, list[str]]:
    """Split a cell such as "- Theme\\nAffected persons:\\n- women" into its labelled lists."""
    blocks: dict[str, list[str]] = {"themes": [], "affected_persons": [], "sdgs": []}
    current = default
    for raw in cell.split("\n"):
        line = raw.strip()
        if not line:
            continue
        match = BLOCK_LABEL_RE.match(line)
        if match:
            current = LABEL_FIELDS[match.group("label").lower()]
            line = match.group("rest").strip()
            if not line:
                continue
        item = re.sub(r"^[-–•]\s*", "", line).strip()
        if item and item not in blocks[current]:
            blocks[current].append(item)
    return blocks


def split_recommendation_cell(cell: str) -> tuple[str | None, str, str | None, str | None]:
    """(number, text as printed without the number, source of position, editor's note).

    The note is OHCHR's "Comments: ..." line, which replaces the source line when the
    position came some other way ("Information sent in a post Add.1 letter").
    """
    source_match = SOURCE_OF_POSITION_RE.search(cell)
    source = source_match.group("source").strip() if source_match else None
    body = cell[: source_match.start()] if source_match else cell
    note_match = COMMENT_LINE_RE.search(body)
    note = note_match.group("note").strip() if note_match else None
    if note_match:
        body = body[: note_match.start()] + body[note_match.end() :]
    body = re.sub(r"\s+", " ", body).strip()
    number, rest = split_number(body)
    return number, rest, source, note


def recommendations_from_table(rows: Sequence[Sequence[str]]) -> list[UprRecommendation]:
    """Recommendations from the rows of a thematic-list or matrix table ([] for other tables)."""
    if not rows:
        return []
    roles = column_roles(rows[0])
    if "recommendation" not in roles:
        return []
    theme: str | None = None
    out: list[UprRecommendation] = []
    for row in rows[1:]:
        first = row[0].strip()
        theme_match = THEME_ROW_RE.match(first)
        if theme_match and len(set(c.strip() for c in row)) == 1:
            theme = re.sub(r"\s+", " ", theme_match.group("theme")).strip()
            continue
        number, printed, source, note = split_recommendation_cell(row[roles["recommendation"]])
        if number is None or not printed:
            continue
        text, states = split_states(printed)
        if "states" in roles:
            listed = [s.strip() for s in row[roles["states"]].split("\n") if s.strip()]
            states = listed or states
        position_raw = row[roles["position"]].strip() if "position" in roles else None
        themes_cell = row[roles["themes"]] if "themes" in roles else ""
        blocks = labelled_blocks(themes_cell)
        if "sdgs" in roles:
            blocks["sdgs"] = labelled_blocks(row[roles["sdgs"]], default="sdgs")["sdgs"]
        out.append(
            UprRecommendation(
                number=number,
                text=text,
                recommending_states=tuple(states),
                position=normalize_position(position_raw),
                raw_text=printed,
                position_raw=position_raw or None,
                position_source=source,
                note=note,
                section=theme,
                themes=tuple(blocks["themes"]),
                affected_persons=tuple(blocks["affected_persons"]),
                sdgs=tuple(blocks["sdgs"]),
            )
        )
    return out


def recommendations_from_docx(path: Path | str) -> list[UprRecommendation]:
    """Every recommendation in every recommendations table of a DOCX."""
    out: list[UprRecommendation] = []
    for rows in docx_tables(path):
        out.extend(recommendations_from_table(rows))
    if not out:
        raise DocumentError(path, "no table of UPR recommendations found")
    return out
