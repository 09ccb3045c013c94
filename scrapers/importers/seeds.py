"""The five Arabic seed documents this project was created from (``seeds/*.txt``).

Each file is a UN or GANHRI document as plain text, in one of three shapes:

- ``000`` (OHCHR workshop report, A/HRC/23/18): ``pdftotext -layout`` output of an
  Arabic PDF. Each line lists its runs **left to right**, as printed, so a right-to-left
  line reads backwards run by run ("...السامية     ١٨/١٤طلب مجلس ...   - ١"): runs separated
  by two or more spaces are put back in reading order, which also brings the paragraph
  number ("- ١") to the front. Footnotes follow a line of underscores; page furniture
  ("A/HRC/23/18", "21 GE.13-12721") is dropped. Annexes I-V are in English.
- ``001`` (OHCHR panel summary, 2016): Markdown from a Word file: "## " headings,
  escaped asterisks, ``<sup>(١)</sup>`` footnote references, footnotes as their own
  blocks (sometimes several: the continuation blocks hold the URLs), a paragraph that a
  footnote interrupted continues in an unnumbered block. English annex.
- ``002``-``004`` (concept note 2019, GANHRI Kyiv-Copenhagen Declaration 2023, HRC
  resolution 54/28): text from Word, blank-line paragraphs numbered "1.", "7-" or
  "- 7-"; ``002`` restarts its numbering in each section, has tab-indented label/value
  blocks and inline footnotes ("[footnoteRef:2]", "[2: HRC/RES/34/17]").

Numbers are kept as printed but in ASCII digits ("١٢" -> "12"), so an Arabic and an
English version of a paragraph would share its key. The language is decided by script:
the documents are Arabic with English annexes, and a detector misreads short English
lines ("Possible joint activities", a list of names) as French or Spanish.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.pipeline import Item
from scrapers.importers.base import (
    date_fields,
    identify,
    make_candidate,
    provenance,
    reject,
    unique_keys,
)
from scrapers.importers.segment import Para, segment_wrapped
from scrapers.parse.furniture import DOC_SYMBOL_RE, JOB_NUMBER_RE, PAGE_NUMBER_RE, RECYCLE_RE
from scrapers.parse.textclean import ascii_digits

SOURCE = "seeds"
DEFAULT_PATH = "seeds"
UN_LICENCE = "UN document (UN terms of use); text extracted for this project"
GANHRI_LICENCE = "GANHRI document (public); text extracted for this project"
UN_DOCUMENT_URL = "https://documents.un.org/api/symbol/access?s={symbol}&l=ar&t=pdf"

ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a]")
LATIN_LETTER_RE = re.compile(r"[A-Za-z]")
RUN_SEPARATOR_RE = re.compile(r"\s{2,}")
DIGITS = "0-9\u0660-\u0669"
ARABIC_ORDINALS = (
    "أولاً|ثانياً|ثالثاً|رابعاً|خامساً|سادساً|سابعاً|ثامناً|تاسعاً|عاشراً|أولا|ثانيا|ثالثا|رابعا|"
    "خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا|ألف|باء|جيم|دال|هاء|واو|زاي|حاء|طاء|ياء"
)
# "- ١ text" (a reordered "١ -"), "١ - text", "١٠- text", "- 7- text", "1. text"
NUMBER_RE = re.compile(
    rf"^(?:[-–]\s*)?(?:(?P<a>[{DIGITS}]{{1,3}})\s*[-–]|[-–]\s*(?P<b>[{DIGITS}]{{1,3}})(?=\s)"
    rf"|(?P<c>[{DIGITS}]{{1,3}})\.)\s*(?P<rest>\S.*)$",
    re.S,
)
HEADING_RE = re.compile(
    rf"^[-–]?\s*(?P<ord>{ARABIC_ORDINALS})\s*[-–]?\s*(?P<title>[^\d{DIGITS[3:]}].*)$"
)
FOOTNOTE_RULE_RE = re.compile(r"^_{5,}\s*$")
FOOTNOTE_LINE_RE = re.compile(rf"^\s*(?:\*+|\(\s*[{DIGITS}]+\s*\)|\)\s*[{DIGITS}]+\s*\()")
ANNEX_RE = re.compile(r"^\s*(?:#+\s*)?Annex(?:\s+[IVX]+)?\s*$")
MD_FOOTNOTE_REF_RE = re.compile(r"<sup>.*?</sup>")
MD_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]+\)")
MD_EMPHASIS_RE = re.compile(r"\*{1,3}([^*]+?)\*{1,3}")
DOCX_FOOTNOTE_REF_RE = re.compile(r"\[footnoteRef:\d+\]")
DOCX_FOOTNOTE_RE = re.compile(r"\[\d+:[^\]]*\]")
SENTENCE_END = '.:؛;!?]»")'
LABEL_MAX_WORDS = 5


@dataclass(frozen=True)
class Seed:
    """What is known of one seed document beyond its text."""

    title: str
    body: str
    kind: str
    shape: str
    """"layout", "markdown" or "plain": how the text was extracted (see the module doc)."""
    symbol: str | None = None
    date: str | None = None
    year: int | None = None
    licence: str = UN_LICENCE


SEEDS: dict[str, Seed] = {
    "000_52f797ca9765a4b3.txt": Seed(
        title="حلقة عمل بشأن الترتيبات الإقليمية لتعزيز وحماية حقوق الإنسان: تقرير مفوضة "
        "الأمم المتحدة السامية لحقوق الإنسان",
        body="OHCHR",
        kind="report_paragraph",
        shape="layout",
        symbol="A/HRC/23/18",
        year=2013,
    ),
    "001_4fdd1fae3bf9ca6c.txt": Seed(
        title="ملخص حلقة النقاش بشأن تعزيز التعاون الدولي من أجل دعم النظم والعمليات الوطنية "
        "لمتابعة حقوق الإنسان: تقرير مفوض الأمم المتحدة السامي لحقوق الإنسان",
        body="OHCHR",
        kind="report_paragraph",
        shape="markdown",
        date="2016-12-19",
    ),
    "002_e98c81f6b495545e.txt": Seed(
        title="المذكرة المفاهيمية: ورشة عمل حول تعزيز التعاون بين آليات الأمم المتحدة والآليات "
        "الإقليمية لتعزيز حقوق الإنسان وحمايتها (جنيف، 21-22 تشرين الأول/أكتوبر 2019)",
        body="OHCHR",
        kind="report_paragraph",
        shape="plain",
        year=2019,
    ),
    "003_61732576b0164f25.txt": Seed(
        title="إعلان كييف-كوبنهاجن الختامي: التعذيب وغيره من ضروب سوء المعاملة: دور المؤسسات "
        "الوطنية لحقوق الإنسان",
        body="GANHRI",
        kind="resolution",
        shape="plain",
        date="2023-11-08",
        licence=GANHRI_LICENCE,
    ),
    "004_738d3689c7dcd343.txt": Seed(
        title="قرار مجلس حقوق الإنسان 54/28: تعزيز المساعدة التقنية وبناء القدرات في ميدان "
        "حقوق الإنسان",
        body="HRC",
        kind="resolution",
        shape="plain",
        symbol="A/HRC/RES/54/28",
        date="2023-10-12",
    ),
}


# --- helpers ---------------------------------------------------------------------------


def is_arabic(text: str) -> bool:
    return len(ARABIC_LETTER_RE.findall(text)) > len(LATIN_LETTER_RE.findall(text))


def reading_order(line: str) -> str:
    """An RTL line from ``pdftotext -layout`` with its runs put back in reading order."""
    runs = [r for r in RUN_SEPARATOR_RE.split(line.strip()) if r]
    if len(runs) > 1 and is_arabic(line):
        runs.reverse()
    return " ".join(runs)


def split_number(text: str) -> tuple[str | None, str]:
    match = NUMBER_RE.match(text.strip())
    if not match:
        return None, text.strip()
    number = match.group("a") or match.group("b") or match.group("c")
    return ascii_digits(number), match.group("rest").strip()


def heading_of(text: str) -> str | None:
    """ "-أولاً مقدمة" / "أولاً - مقدمة" -> "أولاً - مقدمة"."""
    match = HEADING_RE.match(text.strip())
    if not match or len(text) > 200:
        return None
    return f"{match.group('ord')} - {match.group('title').strip(' -–')}"


def numbered_label(text: str) -> str | None:
    """ "٢- الإجراءات الخاصة" / "1. الخلفية": a numbered section title, not a paragraph."""
    number, rest = split_number(text)
    if number is None or len(rest.split()) > LABEL_MAX_WORDS:
        return None
    if rest[-1:] in SENTENCE_END + "؛،,":
        return None
    return f"{number}. {rest}"


def is_furniture(line: str) -> bool:
    text = line.strip()
    return any(rx.match(text) for rx in (JOB_NUMBER_RE, DOC_SYMBOL_RE, PAGE_NUMBER_RE, RECYCLE_RE))


@dataclass
class _Builder:
    """Numbered paragraphs under headings; an unnumbered block that continues an unfinished
    paragraph (cut by a footnote or a page) is joined to it."""

    paras: list[Para]
    heading: str | None = None

    def add(self, text: str, *, join_unfinished: bool = True, numbered: bool = True) -> None:
        text = re.sub(r"\s+", " ", text).strip()
        if not any(c.isalpha() for c in text):
            return  # a barcode, a page number
        number, rest = split_number(text) if numbered else (None, text)
        if number is None and join_unfinished and self.paras:
            last = self.paras[-1]
            if (
                last.number is not None
                and last.text[-1:] not in SENTENCE_END
                and is_arabic(text) == is_arabic(last.text)
            ):
                self.paras[-1] = Para(last.number, f"{last.text} {text}", last.heading)
                return
        self.paras.append(Para(number, rest if number else text, self.heading))


# --- the three shapes ------------------------------------------------------------------


def layout_paragraphs(text: str) -> list[Para]:
    """``pdftotext -layout`` Arabic with English annexes (seed 000)."""
    lines = text.replace("\r\n", "\n").split("\n")
    annex_at = next((i for i, x in enumerate(lines) if ANNEX_RE.match(x)), len(lines))
    builder = _Builder([])
    current: list[str] = []
    in_footnotes = False

    def flush() -> None:
        if current:
            builder.add(" ".join(current))
            current.clear()

    for raw in lines[:annex_at]:
        if not raw.strip() or is_furniture(raw):
            continue
        line = reading_order(raw)
        if FOOTNOTE_RULE_RE.match(line):
            in_footnotes = True
            continue
        if in_footnotes:
            if FOOTNOTE_LINE_RE.match(line):
                continue
            in_footnotes = False
        heading = heading_of(line) or numbered_label(line)
        if heading:
            flush()
            builder.heading = heading
            continue
        if split_number(line)[0] is not None:
            flush()
        current.append(line)
    flush()
    english = "\n".join(drop_annex_footnotes([x for x in lines[annex_at:] if not is_furniture(x)]))
    return builder.paras + annex_paragraphs(english)


ANNEX_FOOTNOTE_RE = re.compile(r"^\s?(?:\d{1,2}|[a-z])\s+\S")


def drop_annex_footnotes(lines: list[str]) -> list[str]:
    """Footnotes after a rule of underscores: " 14 The 2010 workshop ...", wrapped lines
    flush left; body text resumes indented ("   Implementation: ...")."""
    out: list[str] = []
    in_notes = False
    previous_note = False
    for line in lines:
        if FOOTNOTE_RULE_RE.match(line.strip()):
            in_notes, previous_note = True, False
            continue
        if in_notes:
            if not line.strip():
                previous_note = False
                continue
            if ANNEX_FOOTNOTE_RE.match(line) or (previous_note and not line[:1].isspace()):
                previous_note = True
                continue
            in_notes = False
        out.append(line)
    return out


def annex_paragraphs(text: str) -> list[Para]:
    """English annexes: wrapped lines, blank-line paragraphs, "Annex II" as headings."""
    paras: list[Para] = []
    heading: str | None = None
    for para in segment_wrapped(text, blank_line_breaks=True):
        if ANNEX_RE.match(para.text):
            heading = para.text
            continue
        paras.append(Para(para.number, para.text, para.heading or heading))
    return paras


def markdown_paragraphs(text: str) -> list[Para]:
    """Markdown from Word (seed 001): "## " headings, blank-line blocks, footnote blocks."""
    builder = _Builder([])
    in_footnote = False
    english = False
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        block = block.strip()
        if not block:
            continue
        if block.startswith("#"):
            title = clean_markdown(block.lstrip("#").strip())
            if ANNEX_RE.match(block):
                english = True
            builder.heading = heading_of(title) or title
            in_footnote = False
            continue
        plain = clean_markdown(block)
        if FOOTNOTE_LINE_RE.match(plain):
            in_footnote = True
            continue
        if in_footnote and ("www." in block or "http" in block or block.startswith("*")):
            continue  # the rest of a footnote: its title and address
        in_footnote = False
        if (not english and is_furniture(plain)) or plain.startswith("GE."):
            continue
        builder.add(plain, join_unfinished=not english)
    return builder.paras


def clean_markdown(text: str) -> str:
    text = MD_FOOTNOTE_REF_RE.sub("", text)
    text = MD_LINK_RE.sub(r"\1", text)
    text = text.replace("\\*", "*").replace("\\_", "_")
    text = MD_EMPHASIS_RE.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def plain_paragraphs(text: str) -> list[Para]:
    """Word text (seeds 002-004): blank-line blocks; tab blocks are "label / value"."""
    text = DOCX_FOOTNOTE_REF_RE.sub("", text.replace("\r\n", "\n"))
    text = MD_FOOTNOTE_REF_RE.sub("", DOCX_FOOTNOTE_RE.sub("", text))
    builder = _Builder([])
    for block in re.split(r"\n\s*\n", text):
        lines = [x.strip() for x in block.split("\n") if x.strip()]
        if not lines:
            continue
        if block.lstrip(" ").startswith("\t") and len(lines) > 1:
            builder.heading = lines[0]
            builder.add(" ".join(lines[1:]), join_unfinished=False, numbered=False)
            continue
        if len(lines) > 1 and numbered_label(lines[0]):
            builder.heading = numbered_label(lines[0])  # "1. الخلفية" over its text
            lines = lines[1:]
        for line in lines if all(split_number(x)[0] for x in lines[1:]) else [" ".join(lines)]:
            line = line.lstrip("- ").strip() if line.startswith("- ") else line
            label = numbered_label(line)
            if label:
                builder.heading = label
                continue
            if (
                split_number(line)[0] is None
                and len(line.split()) <= LABEL_MAX_WORDS
                and len(lines) == 1
            ):
                builder.heading = line  # a title line
                continue
            builder.add(line)
    return builder.paras


SHAPES = {"layout": layout_paragraphs, "markdown": markdown_paragraphs, "plain": plain_paragraphs}


# --- candidates ------------------------------------------------------------------------


def iter_items(root: Path) -> Iterator[Item]:
    for name, seed in SEEDS.items():
        path = root / name
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield reject(SOURCE, name, f"unreadable file: {exc}")
            continue
        yield from document_items(name, seed, text)


def document_items(name: str, seed: Seed, text: str) -> Iterator[Item]:
    paras = SHAPES[seed.shape](text)
    keys = unique_keys([p.number for p in paras])
    document = seed.symbol or f"seed/{name}"
    url = UN_DOCUMENT_URL.format(symbol=seed.symbol) if seed.symbol else None
    for index, (para, key) in enumerate(zip(paras, keys, strict=True)):
        location = f"{name}#p{index}"
        # The seeds are Arabic with English annexes: the script decides (a detector
        # misreads short English lines such as "Possible joint activities" as French).
        language = "ar" if is_arabic(para.text) else "en"
        fields: dict[str, Any] = {
            "title": seed.title,
            "body": seed.body,
            "kind": seed.kind,
            "symbol": seed.symbol,
            "text": para.text,
            "language": language,
            "paragraph": para.number,
            "section": para.heading,
            **date_fields(seed.date, seed.year),
            "provenance": [
                provenance(
                    source=SOURCE,
                    source_id=f"{name}#{key}",
                    licence=seed.licence,
                    location=location,
                    url=url,
                )
            ],
        }
        identify(fields, source=SOURCE, document=document, pkey=key, language=language)
        yield make_candidate(fields, location)
