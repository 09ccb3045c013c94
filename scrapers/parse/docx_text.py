"""DOCX to paragraphs (python-docx), tables included.

UN DOCX files carry their structure in styles (UN templates name headings "H1G",
"HChG", "H23G"; ordinary files use "Heading 1") and sometimes in automatic list
numbering rather than typed numbers, so both are read here. Tables matter: OHCHR
thematic lists and matrices of recommendations are nothing but tables.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scrapers.parse.errors import DocumentError
from scrapers.parse.paragraph import Paragraph
from scrapers.parse.segment import Block, segment_blocks
from scrapers.parse.textclean import normalize_line

HEADING_STYLE_RE = re.compile(
    r"^(?:Heading\s*\d|Title|Subtitle|_?\s*H\s*_?\s*(?:Ch|\d+)\s*_?\s*G)", re.I
)
CELL_SEPARATOR = " | "
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


def open_docx(path: Path | str) -> Any:
    """The python-docx Document, or a ``DocumentError`` naming the file."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    source = Path(path)
    if source.suffix.lower() == ".doc":
        raise DocumentError(source, "legacy binary .doc is not supported; convert it to DOCX")
    try:
        return docx.Document(str(source))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DocumentError(source, f"not a readable DOCX: {exc}") from exc
    except Exception as exc:  # lxml XMLSyntaxError and friends inside a damaged package
        raise DocumentError(source, f"damaged DOCX: {type(exc).__name__}: {exc}") from exc


def cell_text(cell: Any) -> str:
    """A table cell's text, its paragraphs kept on separate lines."""
    return "\n".join(normalize_line(p.text) for p in cell.paragraphs).strip()


def table_rows(table: Any) -> list[list[str]]:
    """Rows of cell texts. Merged cells repeat their text in each grid column they span."""
    return [[cell_text(c) for c in row.cells] for row in table.rows]


def docx_tables(path: Path | str) -> list[list[list[str]]]:
    """Every table of the document as rows of cell texts (for the structured parsers)."""
    document = open_docx(path)
    return [table_rows(t) for t in document.tables]


class _Numbering:
    """Automatic paragraph numbers ("%1.", "%1.%2") from the numbering part, decimal only."""

    def __init__(self, document: Any) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str]]] = {}
        for absnum in root.iter(f"{W}abstractNum"):
            levels: dict[int, tuple[str, str]] = {}
            for lvl in absnum.iter(f"{W}lvl"):
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                    fmt.get(f"{W}val", "") if fmt is not None else "",
                    text.get(f"{W}val", "") if text is not None else "",
                )
            abstract[absnum.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{W}val", ""), {}).items():
                self.formats[(num.get(f"{W}numId", ""), ilvl)] = spec

    def label(self, paragraph: Any) -> str | None:
        ppr = paragraph._p.pPr
        numpr = ppr.numPr if ppr is not None else None
        if numpr is None or numpr.numId is None:
            return None
        num_id = str(numpr.numId.val)
        ilvl = int(numpr.ilvl.val) if numpr.ilvl is not None else 0
        fmt, text = self.formats.get((num_id, ilvl), ("", ""))
        if fmt != "decimal" or not text:
            return None
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        label = re.sub(r"%(\d)", lambda m: str(counters[int(m.group(1)) - 1]), text)
        return label.strip()


def _blocks(document: Any) -> Iterator[Block]:
    numbering = _Numbering(document)
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            for row in table_rows(item):
                cells = [c for i, c in enumerate(row) if c and (i == 0 or c != row[i - 1])]
                if cells:
                    yield Block(CELL_SEPARATOR.join(c.replace("\n", " ") for c in cells))
            continue
        text = normalize_line(item.text)
        if not text:
            continue
        style = item.style.name if item.style is not None else ""
        label = numbering.label(item)
        if label:
            text = f"{label} {text}"
        heading = True if HEADING_STYLE_RE.match(style or "") else None
        yield Block(text, heading=heading)


def parse_docx(path: Path | str) -> list[Paragraph]:
    """Paragraphs of a DOCX in document order, table rows included."""
    document = open_docx(path)
    try:
        blocks = list(_blocks(document))
    except (KeyError, ValueError, AttributeError) as exc:
        raise DocumentError(path, f"damaged DOCX content: {exc}") from exc
    return segment_blocks(blocks)
