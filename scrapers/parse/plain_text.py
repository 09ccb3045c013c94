"""Plain text to paragraphs.

Text files reach us as pdftotext output, copy-pasted documents or the ``text`` field of a
source's JSON. Blank lines separate paragraphs when the text has them; form feeds (as
pdftotext writes them) are page breaks, and page furniture is removed the same way as
for PDFs.
"""

from __future__ import annotations

from pathlib import Path

from scrapers.parse.furniture import strip_page_furniture
from scrapers.parse.paragraph import Paragraph
from scrapers.parse.segment import Line, segment_lines
from scrapers.parse.textclean import is_only_marks, normalize_line, strip_trailing_footnote_ref


def text_lines(text: str) -> list[Line]:
    """Lines with page numbers; blank lines kept (as empty) because they separate paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    if len(pages) > 1:
        cleaned = strip_page_furniture(
            [[normalize_line(x) for x in page.split("\n")] for page in pages]
        )
        return [Line(x, n) for n, page in enumerate(cleaned, start=1) for x in page]
    out: list[Line] = []
    for raw in text.split("\n"):
        line = normalize_line(raw)
        if is_only_marks(line):
            continue
        out.append(Line(strip_trailing_footnote_ref(line), None))
    return out


def parse_text(source: str | Path, *, encoding: str = "utf-8") -> list[Paragraph]:
    """Paragraphs of plain text (a string, or a file path read with ``encoding``)."""
    text = source.read_text(encoding=encoding) if isinstance(source, Path) else source
    lines = text_lines(text)
    blank_breaks = any(not ln.text for ln in lines)
    return segment_lines(lines, blank_line_breaks=blank_breaks)
