"""Full texts from dataset records to paragraphs: the importers' side of segmentation.

Two shapes of text arrive from the datasets:

- **line-wrapped** text (PDF extractions, DOCX/HTML dumps): handed to the document
  parsers' line segmenter (`scrapers.parse.segment.segment_lines`), after the line fixes
  those parsers do not need for their own PDFs: a paragraph number alone on its line
  ("3.") is joined to the line that follows, and pages separated by form feeds lose
  their running headers and footers;
- **flat** text, one line for a whole judgment (HUDOC, HUDOC-ESC, HUDOC-EXEC, UN
  Digital Library): paragraph numbers are found inline ("... the complaint. 4. The
  Committee ...", "46.Recalls ...", "1. recalled that ...") by taking the longest run of
  consecutive numbers 1, 2, 3, ... so that figures inside sentences ("Article 6. ",
  "Law No. 146/1990") do not split paragraphs; the unpunctuated words left at the end of
  a paragraph before the next number are that next paragraph's heading ("THE LAW As to
  the admissibility ...").

Text that has no numbering at all is cut into chunks of whole sentences, and any very
long paragraph is cut the same way (keys "12#2"), so a Record stays a quotable unit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from scrapers.parse.furniture import TOC_LEADER_RE, strip_page_furniture
from scrapers.parse.segment import Line, segment_lines
from scrapers.parse.textclean import normalize_line

MAX_PARA_CHARS = 6000
"""Longer paragraphs are cut at sentence ends (a Record should be quotable)."""
CHUNK_CHARS = 1500
"""Target size of a chunk of unnumbered text."""
MIN_CHAIN = 3
"""Inline numbering is trusted only when at least this many consecutive numbers are found."""
HEADING_MAX_CHARS = 220
"""A trailing unpunctuated fragment longer than this is text, not a heading."""

TERMINAL = '.;:!?\u201d\u00bb")]…'
_LONE_NUMBER_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?|[IVX]{1,5}\.|[A-Z]\.)$")
_INLINE_NUMBER_RE = re.compile(r"(?:(?<=\s)|(?<=[.,;:)\]\u201d\"])|^)(\d{1,3}) ?\.(?!\d)\s*(?=\S)")
_NOT_A_PARAGRAPH_BEFORE = re.compile(
    r"(?:\b(?:paragraphs?|paras?\.?|§+|articles?|arts?\.?|art|nos?\.?|nº|n°|n o|rules?|"
    r"protocols?|resolutions?|sections?|chapters?|annex|and|or|to|of|et|ou|y|à|al|del|de|"
    r"la|le|les|los|las|see|voir|véase|page|pages|p\.|pp\.|series|série|serie|no\.)\s*)$",
    re.I,
)
_SENTENCE_SPLIT_RE = re.compile(
    r"(?<=[.!?;\u201d\u00bb\"])\s+(?=[\"\u201c\u00ab(\[]?[A-Z\u00c0-\u00dd\u0621-\u064a])"
)
_ABBREVIATION_END_RE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|MM|Mme|Mmes|Sr|Sra|Dra|Lic|St|No|Nos|no|nos|art|arts|Art|para|paras|"
    r"p|pp|cf|v|vs|Co|Ltd|Inc|Jr|Prof|Gen|Col|Hon|op|cit|ibid|[A-Z])\.)$"
)
_LAST_TERMINAL_RE = re.compile(rf"[{re.escape(TERMINAL)}](?=[^{re.escape(TERMINAL)}]*$)")


@dataclass(frozen=True)
class Para:
    """A paragraph: its printed number (or None), its text, and the heading above it."""

    number: str | None
    text: str
    heading: str | None = None


# --- line-wrapped text -----------------------------------------------------------------


def _join_lone_numbers(lines: list[str]) -> list[str]:
    """ "3." on its own line belongs to the next non-blank line ("3. The Court ...")."""
    out: list[str] = []
    pending: str | None = None
    for line in lines:
        text = line.strip()
        if pending is not None:
            if not text:
                continue
            if _LONE_NUMBER_RE.match(text):
                out.append(pending)
                pending = text
                continue
            out.append(f"{pending} {text}")
            pending = None
            continue
        if _LONE_NUMBER_RE.match(text):
            pending = text
            continue
        out.append(line)
    if pending is not None:
        out.append(pending)
    return out


def lines_of(text: str) -> list[str]:
    """Cleaned lines; pages (form feeds) lose their running headers and footers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        pages = [[normalize_line(x) for x in page.split("\n")] for page in text.split("\f")]
        lines = [x for page in strip_page_furniture(pages) for x in (*page, "")]
    else:
        lines = [normalize_line(x) for x in text.split("\n")]
    # Table-of-contents entries ("I. SUMMARY ........ 3") are not paragraphs.
    lines = ["" if TOC_LEADER_RE.search(x) else x for x in lines]
    return _join_lone_numbers(lines)


def segment_wrapped(text: str, *, blank_line_breaks: bool = False) -> list[Para]:
    """Paragraphs of line-wrapped text with their numbers and headings."""
    lines = [Line(x) for x in lines_of(text)]
    paragraphs = segment_lines(lines, blank_line_breaks=blank_line_breaks)
    return cut_long([Para(p.number, p.text, p.heading) for p in paragraphs])


# --- flat text -------------------------------------------------------------------------


def _markers(text: str) -> list[tuple[int, int, int]]:
    """(start, end, number) of everything that could be an inline paragraph number."""
    found: list[tuple[int, int, int]] = []
    for match in _INLINE_NUMBER_RE.finditer(text):
        before = text[max(0, match.start() - 24) : match.start()]
        if _NOT_A_PARAGRAPH_BEFORE.search(before):
            continue
        found.append((match.start(), match.end(), int(match.group(1))))
    return found


def _longest_chain(markers: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The longest run of markers numbered n, n+1, n+2, ... in text order."""
    best_end: dict[int, int] = {}  # number -> index of the marker ending the best chain
    length: list[int] = []
    back: list[int | None] = []
    for i, (_, _, number) in enumerate(markers):
        # A predecessor one number back, or two when the extraction lost one marker.
        candidates = [best_end.get(number - 1), best_end.get(number - 2)]
        found = [c for c in candidates if c is not None]
        prev = max(found, key=lambda c: length[c]) if found else None
        length.append(length[prev] + 1 if prev is not None else 1)
        back.append(prev)
        current = best_end.get(number)
        if current is None or length[i] > length[current]:
            best_end[number] = i
    if not length:
        return []
    at: int | None = max(range(len(length)), key=lambda k: (length[k], -k))
    chain: list[tuple[int, int, int]] = []
    while at is not None:
        chain.append(markers[at])
        at = back[at]
    return chain[::-1]


def split_trailing_heading(text: str) -> tuple[str, str | None]:
    """Body and heading when a paragraph ends in words after its last full stop.

    Paragraphs end with punctuation; in flattened text the next section's title is glued
    to the end of the paragraph before it ("... of the complaint. THE LAW As to ...").
    """
    match = _LAST_TERMINAL_RE.search(text)
    if match is None:
        return text, None
    tail = text[match.end() :].strip()
    if not tail or len(tail) > HEADING_MAX_CHARS or not any(c.isalpha() for c in tail):
        return text, None
    return text[: match.end()].strip(), tail


def segment_flat(text: str) -> list[Para]:
    """Paragraphs of text that was flattened onto one line."""
    text = re.sub(r"\s+", " ", text.replace("\ufeff", "")).strip()
    chain = _longest_chain(_markers(text))
    if len(chain) < MIN_CHAIN:
        return cut_long([Para(None, text)], chunk_unnumbered=True)
    pieces: list[tuple[str | None, str]] = []
    head = text[: chain[0][0]].strip()
    if head:
        pieces.append((None, head))
    for k, (_start, end, value) in enumerate(chain):
        stop = chain[k + 1][0] if k + 1 < len(chain) else len(text)
        pieces.append((str(value), text[end:stop].strip()))
    paras: list[Para] = []
    heading: str | None = None
    for k, (label, body) in enumerate(pieces):
        next_heading: str | None = None
        if k + 1 < len(pieces):
            body, next_heading = split_trailing_heading(body)
        if body:
            paras.append(Para(label, body, heading))
        if next_heading:
            heading = next_heading
    return cut_long(paras, chunk_unnumbered=True)


# --- chunking --------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    """Sentences, not broken after "Mr.", "No.", "art." or an initial."""
    out: list[str] = []
    for piece in _SENTENCE_SPLIT_RE.split(text):
        if not piece.strip():
            continue
        if out and _ABBREVIATION_END_RE.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def chunk_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Whole sentences grouped into chunks of about ``size`` characters."""
    chunks: list[str] = []
    current = ""
    for sentence in sentences(text):
        if current and len(current) + 1 + len(sentence) > size:
            chunks.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        chunks.append(current)
    # A single sentence longer than the limit is cut at spaces as a last resort.
    out: list[str] = []
    for chunk in chunks:
        while len(chunk) > MAX_PARA_CHARS:
            cut = chunk.rfind(" ", 0, MAX_PARA_CHARS)
            cut = cut if cut > 0 else MAX_PARA_CHARS
            out.append(chunk[:cut].strip())
            chunk = chunk[cut:].strip()
        if chunk:
            out.append(chunk)
    return out


def cut_long(paras: Sequence[Para], *, chunk_unnumbered: bool = False) -> list[Para]:
    """Cut over-long paragraphs (and, if asked, unnumbered runs) into sentence chunks."""
    out: list[Para] = []
    for para in paras:
        limit = CHUNK_CHARS * 2 if (chunk_unnumbered and para.number is None) else MAX_PARA_CHARS
        if len(para.text) <= limit:
            out.append(para)
            continue
        size = CHUNK_CHARS if para.number is None else MAX_PARA_CHARS // 2
        out.extend(Para(para.number, chunk, para.heading) for chunk in chunk_text(para.text, size))
    return out


def paragraph_keys(paras: Sequence[Para], *, language: str | None) -> list[str]:
    """Keys unique in the document: numbers where printed ("12", "12~2" on repeats, "12#2"
    for a chunk), and positions qualified by the language for unnumbered text, so that
    chunks of two language versions never share a work key by accident."""
    keys: list[str] = []
    seen: dict[str, int] = {}
    previous_number: str | None = None
    chunk = 0
    for index, para in enumerate(paras):
        if para.number is None:
            base = f"{language or 'xx'}:u{index}"
            previous_number = None
        elif para.number == previous_number:
            chunk += 1
            keys.append(f"{keys[-1].split('#')[0]}#{chunk}")
            continue
        else:
            base = para.number
            previous_number = para.number
            chunk = 1
        seen[base] = seen.get(base, 0) + 1
        keys.append(base if seen[base] == 1 else f"{base}~{seen[base]}")
    return keys
