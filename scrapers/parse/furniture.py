"""Page furniture of UN documents: what is printed on the page but is not the text.

Every UN document page carries its symbol ("A/HRC/59/15") and page number at the top or
bottom; the first page adds the job number ("GE.25-02819 (E) 210325"), a barcode and
"Please recycle"; older documents write "Page 24". Footnotes sit at the bottom of the page,
introduced by a lone marker ("*", "**", "2") on its own line. Left in, these break
paragraphs in the middle of a sentence at every page turn, so they are removed per page
before paragraphs are assembled.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

EDGE_LINES = 3
"""How many lines at the top and bottom of a page can hold running headers/footers."""

REPEAT_MIN_PAGES = 3
REPEAT_MIN_SHARE = 0.4

JOB_NUMBER_RE = re.compile(
    r"^(?:\d{1,3}\s+)?GE\.\d{2}-\d{4,6}\s*(?:\([A-Z]\))?(?:\s+\d{6}){0,2}(?:\s+\d{1,3})?$"
)
BARCODE_RE = re.compile(r"^\*\s?(?:\d\s?){6,9}\*$")
RECYCLE_RE = re.compile(
    r"^(?:Please recycle|Merci de recycler|Se ruega reciclar|الرجاء إعادة الاستعمال)\s*\W*$",
    re.I,
)
PAGE_LABEL_RE = re.compile(r"^(?:Page|Página|página)\s+\d{1,3}$")
PAGE_NUMBER_RE = re.compile(r"^[-–]?\s*[0-9\u0660-\u0669]{1,3}\s*[-–]?$")
DOC_SYMBOL_RE = re.compile(
    r"^(?:\d{1,3}\s+)?[A-Z][A-Z0-9.]*\s?(?:/[A-Za-z0-9.()-]+){2,}\s*\**(?:\s+\d{1,3})?$"
)
TOC_LEADER_RE = re.compile(r"\.{6,}|…{3,}|(?:\. ){6,}")
TOC_COLUMNS_RE = re.compile(r"^(?:Paragraphs\s+Page|Paragraphes\s+Page|Párrafos\s+Página)$", re.I)
FOOTNOTE_MARKER_RE = re.compile(r"^(?:\*{1,3}|\d{1,2})$")
FOOTNOTE_STAR_TEXT_RE = re.compile(r"^\*{1,3}\s*[^\s*]")
FOOTNOTE_RULE_RE = re.compile(r"^_{5,}$")

ALWAYS_FURNITURE = (JOB_NUMBER_RE, BARCODE_RE, RECYCLE_RE, PAGE_LABEL_RE, TOC_COLUMNS_RE)
EDGE_FURNITURE = (PAGE_NUMBER_RE, DOC_SYMBOL_RE)


def _shape(line: str) -> str:
    """A line with its digits masked, so "A/HRC/59/15 12" and "... 14" count as one header."""
    return re.sub(r"[0-9\u0660-\u0669]+", "#", line.strip())


def repeated_edge_lines(pages: Sequence[Sequence[str]]) -> set[str]:
    """Shapes of lines that recur at page edges often enough to be running headers."""
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_shape(x) for x in (*lines[:EDGE_LINES], *lines[-EDGE_LINES:]) if x.strip()}
        counts.update(edge)
    needed = max(REPEAT_MIN_PAGES, int(len(pages) * REPEAT_MIN_SHARE + 0.999))
    return {shape for shape, n in counts.items() if n >= needed and len(shape) > 1}


def is_furniture(line: str, *, at_edge: bool, repeated: set[str]) -> bool:
    """Whether ``line`` is header/footer/page furniture rather than text."""
    text = line.strip()
    if not text:
        return False
    if any(rx.match(text) for rx in ALWAYS_FURNITURE) or TOC_LEADER_RE.search(text):
        return True
    edge_match = any(rx.match(text) for rx in EDGE_FURNITURE) or _shape(text) in repeated
    return at_edge and edge_match


def strip_page_furniture(pages: Sequence[Sequence[str]]) -> list[list[str]]:
    """Remove headers, footers, page numbers and footnote blocks from each page.

    Footnotes are cut before the bottom edge is cleaned: a lone "2" above footnote text is a
    footnote marker, while a lone "2" on the last line is a page number.
    """
    repeated = repeated_edge_lines(pages)
    cleaned: list[list[str]] = []
    for lines in pages:
        body = [x for x in lines if x.strip()]
        top = [
            x
            for i, x in enumerate(body)
            if not is_furniture(x, at_edge=i < EDGE_LINES, repeated=repeated)
        ]
        top = drop_footnotes(top)
        n = len(top)
        cleaned.append(
            [
                x
                for i, x in enumerate(top)
                if not is_furniture(x, at_edge=i >= n - EDGE_LINES, repeated=repeated)
            ]
        )
    return cleaned


def drop_footnotes(lines: list[str]) -> list[str]:
    """Cut the footnote block at the bottom of a page.

    A footnote block starts at a rule of underscores, at a lone marker ("*", "**", "2")
    followed by text, or at a line opening with asterisks; it runs to the end of the page.
    Only the lower half of a page is searched: footnotes sit at the bottom, and a body
    line that happens to open with an asterisk must not cut the page short.
    """
    for i, line in enumerate(lines):
        if i == 0 or i < len(lines) // 2:
            continue
        text = line.strip()
        if FOOTNOTE_RULE_RE.match(text) or FOOTNOTE_STAR_TEXT_RE.match(text):
            return lines[:i]
        if FOOTNOTE_MARKER_RE.match(text) and i + 1 < len(lines):
            return lines[:i]
    return lines
