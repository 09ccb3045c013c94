"""Character-level repair of extracted text, shared by every format.

What comes out of PDFs is not what the author typed: bidi control characters that
pdftotext adds around every direction change, Arabic presentation forms and Latin
ligatures, tashkeel detached from its letter, footnote references glued to the text,
hyphens at line ends. These functions undo that, and nothing else: they never change
wording, so a paragraph stays quotable.
"""

from __future__ import annotations

import re
import unicodedata

# Directional marks and embeddings/isolates: LRM, RLM, LRE..RLO, LRI..PDI.
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_RE = re.compile(f"[{BIDI_CONTROLS}]")
_LTR_OPENERS = "\u202a\u202d\u2066"  # LRE, LRO, LRI
_CLOSERS = "\u202c\u2069"  # PDF, PDI
_EMBEDDED_LTR_RE = re.compile(f"[{_LTR_OPENERS}]([^{BIDI_CONTROLS}]*)[{_CLOSERS}]")

# Runs of digits with the separators that stay inside a number ("25/30", "2.016", "1,5").
_NUMBER_TOKEN_RE = re.compile(
    r"[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[/.,:\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*|.",
    re.S,
)
_STRONG_LTR_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")

SPACE_LIKE = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_SPACE_RE = re.compile(f"[{SPACE_LIKE}\t]")
_INVISIBLE_RE = re.compile("[\u200b\ufeff]|\u00ad(?!$)")
_PRESENTATION_FORMS_RE = re.compile("[\ufb00-\ufdff\ufe70-\ufeff]+")
ARABIC_MARKS = "\u064b-\u065f\u0670"
_DETACHED_MARK_RE = re.compile(f"\\s+([{ARABIC_MARKS}])")
_ONLY_MARKS_RE = re.compile(f"^[\\s{ARABIC_MARKS}]+$")
_MULTISPACE_RE = re.compile(r" {2,}")
# "the Committee ’ s general comment": spaces around an apostrophe from HTML conversions.
_SPACED_APOSTROPHE_RE = re.compile(r"(?<=\w) ([’']) (?=s\b)")

# A footnote reference printed as a superscript and extracted as a digit glued to the end of
# a line: "(Chile);2", "paragraph 15 (c).3". Only after closing punctuation, or a period that
# follows a letter, so "para. 5.1" keeps its number.
_TRAILING_FOOTNOTE_REF_RE = re.compile(
    r"(?:(?<=[;:)\u201d\u2019\"])|(?<=[^\W\d_]\.)|(?<=\)\.))\d{1,2}$"
)

ARABIC_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def repair_bidi_runs(text: str) -> str:
    """Put neutral runs that pdftotext wrapped in LTR embeddings back in logical order.

    In right-to-left text pdftotext emits a run such as " - ١" or " ،٢٥/٣٠" inside LRE..PDF
    in visual order; read logically it is "١ - " and "٢٥/٣٠، ". A run with no strong
    left-to-right letter is reversed token by token (numbers stay whole); a run with Latin
    letters ("A/HRC/34/5") is already in reading order and is kept.
    """

    def fix(match: re.Match[str]) -> str:
        run = match.group(1)
        if _STRONG_LTR_RE.search(run):
            return run
        tokens = _NUMBER_TOKEN_RE.findall(run)
        return "".join(reversed(tokens))

    return _EMBEDDED_LTR_RE.sub(fix, text)


def strip_bidi(text: str) -> str:
    """Remove the directional controls (U+200E/F, U+202A-E, U+2066-9)."""
    return _BIDI_RE.sub("", text)


def normalize_line(line: str) -> str:
    """One extracted line made comparable and quotable.

    NFC everywhere, NFKC only for presentation forms and ligatures (so "ﻻ" and "ﬁ" become
    letters, but superscripts and fractions in the text are left alone).
    """
    line = strip_bidi(repair_bidi_runs(line))
    line = _INVISIBLE_RE.sub("", line)
    line = _SPACE_RE.sub(" ", line)
    line = _PRESENTATION_FORMS_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), line)
    line = unicodedata.normalize("NFC", line)
    line = _DETACHED_MARK_RE.sub(r"\1", line)
    line = _MULTISPACE_RE.sub(" ", line)
    line = _SPACED_APOSTROPHE_RE.sub(r"\1", line)
    return line.strip()


def is_only_marks(line: str) -> bool:
    """A line holding nothing but tashkeel that the extractor split off its word."""
    return bool(line) and bool(_ONLY_MARKS_RE.match(line))


def strip_trailing_footnote_ref(line: str) -> str:
    """Drop a superscript footnote number glued to the end of a line."""
    return _TRAILING_FOOTNOTE_REF_RE.sub("", line)


def ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits as ASCII, so "١٤٠" and "140" number the same paragraph."""
    return text.translate(ARABIC_INDIC_DIGITS)


def collapse_spaces(text: str) -> str:
    return _MULTISPACE_RE.sub(" ", text).strip()
