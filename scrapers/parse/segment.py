"""From lines or blocks to numbered paragraphs under their headings.

UN documents number their paragraphs ("12.", "140.7", "96.1.", "2.1") and title their
sections ("II. Conclusions and/or recommendations", "A. Presentation by the State under
review", "أولاً - مقدمة", unnumbered subheadings in concluding observations). A paragraph
runs across line and page breaks until the next number or heading, so this is where lines
are joined, line-end hyphens decided, and headings recognised.

Two entry points: ``segment_lines`` for line-wrapped text (PDF, plain text) and
``segment_blocks`` for formats whose paragraphs are already blocks (DOCX, HTML).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from scrapers.parse.paragraph import Paragraph
from scrapers.parse.textclean import ascii_digits, collapse_spaces

_D = "0-9\u0660-\u0669"

PARA_NUMBER_RE = re.compile(
    rf"^(?P<num>[{_D}]{{1,3}}(?:\.[{_D}]{{1,3}}){{0,3}})(?P<dot>\.?)(?P<gap>\s*)(?P<rest>\S.*)$",
    re.S,
)
"""Western numbering: "12. Text", "140.7 Text", "96.1. Text", glued "1.1The", "3.The"."""

ARABIC_PARA_NUMBER_RE = re.compile(
    rf"^(?P<num>[{_D}]{{1,3}}(?:[.\-][{_D}]{{1,3}}){{0,2}})\s*[-–]\s*(?P<rest>[\u0621-\u064a].*)$",
    re.S,
)
"""Arabic documents: "١ - طلب مجلس حقوق الإنسان ..." (number, dash, text)."""

LONE_NUMBER_RE = re.compile(
    rf"^(?:[{_D}]{{1,3}}(?:\.[{_D}]{{1,3}}){{0,3}}\.|[{_D}]{{1,3}}\.[{_D}]{{1,3}}"
    rf"|[{_D}]{{1,3}}\s*[-–]|[-–]\s*[{_D}]{{1,3}})$"
)
"""A paragraph number alone on its line: "86.", "140.7", "١٠ -" (or "- ١٠" unrepaired)."""

ROMAN_HEADING_RE = re.compile(r"^(?P<label>[IVXLC]{1,7})\.\s+(?P<title>\S.*)$")
LETTER_HEADING_RE = re.compile(
    r"^(?P<label>[A-Z])\.(?:\s+|(?=[A-Z][a-z]))(?P<title>[A-Z\u0600-\u06ff\u201c\"].*)$"
)
""""A. Presentation ...", and UHRI's glued "B.Positive aspects" (but not "H.E. Mr ...")."""
ARABIC_ORDINALS = (
    "أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا"
    "|ألف|باء|جيم|دال|هاء|واو|زاي|حاء|طاء|ياء|كاف|لام|ميم|نون"
)
ARABIC_HEADING_RE = re.compile(rf"^(?:{ARABIC_ORDINALS})[\u064b-\u065f]*\s*[-–]\s*\S")
SUBITEM_RE = re.compile(
    r"^(?:\((?:[a-z]{1,2}|[ivxlc]{1,6}|[\u0621-\u064a]{1,3})\)|[•▪◦·]\s|[-–]\s)"
)
SENTENCE_END = '.!?\u201d"]'
HEADING_FOLLOWS = SENTENCE_END + ":"
"""What the line before an unnumbered title ends with (not ";": list items end so)."""
HEADING_MAX_CHARS = 110
DANGLING_WORDS = frozenset(
    {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or",
        "the", "to", "with", "de", "des", "du", "et", "la", "le", "les", "en", "el", "los",
        "las", "del", "y", "por", "para", "con", "que",
    }
)  # fmt: skip
"""A line ending with one of these continues on the next line; it is not a title."""
HEADING_MAX_WORDS = 16
SHORT_LINE_SHARE = 0.6
HEADING_LINE_SHARE = 0.8
VERY_SHORT_LINE_SHARE = 0.5
FULL_LINE_PERCENTILE = 0.8
WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class Line:
    """One extracted line and the page it is on (1-based; None when the format has none)."""

    text: str
    page: int | None = None


@dataclass(frozen=True)
class Block:
    """A paragraph-sized unit from a structured format; ``heading`` from its markup if known."""

    text: str
    heading: bool | None = None
    page: int | None = None


def split_number(text: str) -> tuple[str | None, str]:
    """The paragraph number at the start of ``text`` (ASCII digits) and the rest.

    A bare integer needs its period ("12."); sub-numbers ("140.7") do not. Text that goes
    on in lower case is a figure in a sentence ("3.5 per cent"), not a paragraph number.
    """
    m = ARABIC_PARA_NUMBER_RE.match(text)
    if m:
        return ascii_digits(m.group("num")).replace("-", "."), m.group("rest").strip()
    m = PARA_NUMBER_RE.match(text)
    if not m:
        return None, text
    num, dot, gap, rest = m.group("num"), m.group("dot"), m.group("gap"), m.group("rest")
    has_sub = "." in num
    if not (has_sub or dot):
        return None, text
    first = rest[0]
    if first.islower() or first.isdigit() or first in "%/.,;:-":
        return None, text
    if not gap and not (first.isupper() or first in "\u201c\"(‘'"):
        return None, text
    return ascii_digits(num), rest.strip()


def numbered_heading(text: str) -> bool:
    """A section title with a Roman numeral, a capital letter or an Arabic ordinal."""
    stripped = text.strip()
    if len(stripped) > HEADING_MAX_CHARS * 2 or stripped[-1:] in ".;,":
        return False
    if ROMAN_HEADING_RE.match(stripped) or LETTER_HEADING_RE.match(stripped):
        return True
    return bool(ARABIC_HEADING_RE.match(stripped))


def heading_shaped(text: str) -> bool:
    """Short, capitalised, and not ending like a sentence: could be an unnumbered title."""
    stripped = clean_heading(text)
    if not stripped or len(stripped) > HEADING_MAX_CHARS:
        return False
    if len(stripped.split()) > HEADING_MAX_WORDS or stripped[-1] in ".;,:-/":
        return False
    if ";" in stripped or stripped.count("(") != stripped.count(")"):
        return False
    if stripped.split()[-1].lower() in DANGLING_WORDS:
        return False
    first = stripped[0]
    return first.isupper() or "\u0621" <= first <= "\u064a"


def clean_heading(text: str) -> str:
    """A heading without footnote asterisks or reference digits glued to its end."""
    return collapse_spaces(re.sub(r"(?:\s*\*+|(?<=[^\W\d_])\d{1,2})$", "", text.strip()))


def starts_paragraph(text: str) -> bool:
    return split_number(text)[0] is not None or numbered_heading(text)


def build_vocabulary(texts: Iterable[str]) -> set[str]:
    """Lower-cased words of the document, hyphenated compounds included, for dehyphenation."""
    vocab: set[str] = set()
    for text in texts:
        vocab.update(w.lower().rstrip("-") for w in WORD_RE.findall(text))
    return vocab


def join_lines(parts: Sequence[str], vocab: set[str]) -> str:
    """Join wrapped lines, deciding each line-end hyphen from the document's own words.

    UN typesetting rarely splits words, so most line-end hyphens belong to compounds
    ("non-\\nrefoulement"). A hyphen is dropped only when the document uses the joined word
    elsewhere and never the hyphenated one; a soft hyphen is always dropped.
    """
    out = ""
    for part in parts:
        if not out:
            out = part
            continue
        if SUBITEM_RE.match(part):
            out = out.rstrip() + "\n" + part
        elif out.endswith("\u00ad"):
            out = out[:-1] + part
        elif re.search(r"[^\W\d_]-$", out) and re.match(r"[^\W\d_]", part):
            left = WORD_RE.findall(out[:-1])[-1] if WORD_RE.findall(out[:-1]) else ""
            right_match = WORD_RE.match(part)
            right = right_match.group(0) if right_match else ""
            joined = (left.split("-")[-1] + right).lower()
            hyphenated = (left + "-" + right).lower()
            keep_hyphen = joined not in vocab or hyphenated in vocab
            out = out + part if keep_hyphen else out[:-1] + part
        else:
            out = out + " " + part
    return collapse_spaces_keep_newlines(out)


def collapse_spaces_keep_newlines(text: str) -> str:
    return "\n".join(collapse_spaces(line) for line in text.split("\n"))


@dataclass
class _Open:
    number: str | None
    page: int | None
    heading: str | None
    parts: list[str] = field(default_factory=list)


class _Builder:
    """Accumulates paragraphs; keeps the current heading."""

    def __init__(self, vocab: set[str]) -> None:
        self.vocab = vocab
        self.paragraphs: list[Paragraph] = []
        self.heading: str | None = None
        self.open: _Open | None = None

    def start(self, number: str | None, text: str, page: int | None) -> None:
        self.flush()
        self.open = _Open(number=number, page=page, heading=self.heading, parts=[text])

    def add(self, text: str, page: int | None) -> None:
        if self.open is None:
            self.start(None, text, page)
        else:
            self.open.parts.append(text)

    def set_heading(self, text: str) -> None:
        self.flush()
        self.heading = clean_heading(text)

    def flush(self) -> None:
        if self.open is None:
            return
        text = join_lines(self.open.parts, self.vocab).strip()
        if text:
            self.paragraphs.append(
                Paragraph(
                    number=self.open.number,
                    text=text,
                    heading=self.open.heading,
                    page=self.open.page,
                    index=len(self.paragraphs),
                )
            )
        self.open = None


def full_line_length(texts: Sequence[str]) -> float:
    """The length of a typical full line (80th percentile), the yardstick for "short".

    A percentile rather than the median, because texts whose paragraphs are single long
    lines also hold many short cover-page lines.
    """
    if not texts:
        return 0.0
    lengths = sorted(len(t) for t in texts)
    return float(lengths[min(len(lengths) - 1, int(len(lengths) * FULL_LINE_PERCENTILE))])


def merge_lone_numbers(lines: Sequence[Line]) -> list[Line]:
    """Join a line holding only a paragraph number ("86.", "١٠ -") to the next line.

    Extractors put the number on a line of its own when it sits in its own column
    (pdftotext's reading order, hanging indents in Arabic documents).
    """
    out: list[Line] = []
    pending: Line | None = None
    for line in lines:
        text = line.text.strip()
        if pending is not None and text:
            if numbered_heading(text):
                out.append(pending)
            else:
                out.append(Line(f"{pending.text.strip()} {text}", pending.page))
                pending = None
                continue
            pending = None
        if LONE_NUMBER_RE.match(text):
            pending = line
            continue
        out.append(line)
    if pending is not None:
        out.append(pending)
    return out


def segment_lines(lines: Sequence[Line], *, blank_line_breaks: bool = False) -> list[Paragraph]:
    """Paragraphs from line-wrapped text in reading order (page furniture already removed)."""
    lines = merge_lone_numbers(lines)
    texts = [ln.text.strip() for ln in lines]
    nonblank = [t for t in texts if t]
    vocab = build_vocabulary(nonblank)
    median = full_line_length(nonblank)
    builder = _Builder(vocab)
    prev: str | None = None
    heading_open = False  # the last thing emitted was a heading that may wrap
    for i, (line, text) in enumerate(zip(lines, texts, strict=True)):
        if not text:
            if blank_line_breaks:
                builder.flush()
                prev = None
                heading_open = False
            continue
        nxt = next((t for t in texts[i + 1 :] if t), None)
        number, rest = split_number(text)
        if number is not None:
            builder.start(number, rest, line.page)
            heading_open = False
        elif numbered_heading(text):
            builder.set_heading(text)
            heading_open = True
        elif heading_open and _heading_continues(builder.heading, text):
            builder.heading = clean_heading(f"{builder.heading or ''} {text}")
        elif _unnumbered_heading(text, prev, nxt, builder, median):
            builder.set_heading(text)
            heading_open = True
        elif builder.open is None or _paragraph_break(prev, text, median, builder):
            builder.start(None, text, line.page)
            heading_open = False
        else:
            builder.add(text, line.page)
            heading_open = False
        prev = text
    builder.flush()
    return builder.paragraphs


def _heading_continues(heading: str | None, text: str) -> bool:
    """A wrapped title: "B. Interactive dialogue ... State under" + "review"."""
    if not heading or not text[0].islower():
        return False
    return len(heading) + len(text) < HEADING_MAX_CHARS * 2 and heading_shaped(text)


def _unnumbered_heading(
    text: str, prev: str | None, nxt: str | None, builder: _Builder, median: float
) -> bool:
    """A short title line between paragraphs ("Consideration of the merits", "Annex").

    Wrapped body lines can look like titles too, so a title must be clearly shorter than
    the document's typical line, sit at a paragraph boundary, and be followed by a
    paragraph start, another short title, or (if very short) anything.
    """
    if not heading_shaped(text) or (median and len(text) >= HEADING_LINE_SHARE * median):
        return False
    if "\u0621" <= text[0] <= "\u064a":
        # Arabic has no capitals to tell a title from a wrapped line: be strict.
        ends_sentence = prev is None or prev[-1] in HEADING_FOLLOWS
        return ends_sentence and (nxt is None or starts_paragraph(nxt))
    at_boundary = prev is None or builder.open is None or prev[-1] in HEADING_FOLLOWS
    # A title block (cover page lines) is an unnumbered run of title-like lines.
    in_title_block = (
        builder.open is not None and builder.open.number is None and heading_shaped(prev or "")
    )
    if not (at_boundary or in_title_block):
        return False
    if nxt is not None and nxt[0].islower():
        return False
    if nxt is None or starts_paragraph(nxt):
        return True
    if heading_shaped(nxt) and (not median or len(nxt) < HEADING_LINE_SHARE * median):
        return True
    return bool(median) and len(text) < VERY_SHORT_LINE_SHARE * median


def _paragraph_break(prev: str | None, text: str, median: float, builder: _Builder) -> bool:
    """Whether ``text`` opens a new unnumbered paragraph after a short, finished line."""
    if prev is None or SUBITEM_RE.match(text):
        return False
    if prev[-1] not in SENTENCE_END or len(prev) >= SHORT_LINE_SHARE * median:
        return False
    first = text[0]
    return first.isupper() or first in '[(\u201c"' or "\u0621" <= first <= "\u064a"


def segment_blocks(blocks: Sequence[Block]) -> list[Paragraph]:
    """Paragraphs from blocks that are already paragraphs (DOCX, HTML)."""
    texts = [collapse_spaces_keep_newlines(b.text.strip()) for b in blocks]
    builder = _Builder(build_vocabulary(texts))
    for i, (block, text) in enumerate(zip(blocks, texts, strict=True)):
        if not text:
            continue
        nxt = next((t for t in texts[i + 1 :] if t), None)
        is_heading = block.heading
        if is_heading is None:
            is_heading = numbered_heading(text) or (
                heading_shaped(text) and nxt is not None and starts_paragraph(nxt)
            )
        if is_heading:
            builder.set_heading(text)
            continue
        number, rest = split_number(text)
        builder.start(number, rest, block.page)
    builder.flush()
    return builder.paragraphs
