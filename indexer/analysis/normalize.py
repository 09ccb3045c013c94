"""Character-level normalisation.

Two levels on purpose: `clean_text` fixes what extraction broke (bidi controls
from PDFs, presentation forms, odd spaces) and is safe for display; `fold`
erases distinctions users do not type (case, Arabic hamza seats, diacritics,
tatweel, Eastern Arabic digits) and is only used to build index terms.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi and zero-width controls that pdftotext and Word leave in Arabic text.
_CONTROL_CHARS = (
    "\u200b\u200c\u200d\u200e\u200f\u061c\ufeff"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad"
)
_CONTROL_RE = re.compile(f"[{_CONTROL_CHARS}]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES_RE = re.compile(r"\n\s*\n\s*\n+")

# Arabic-Indic (U+0660..) and Extended/Persian (U+06F0..) digits to ASCII.
_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})
_DIGITS.update({ord("٫"): ".", ord("٬"): ",", ord("،"): ",", ord("؛"): ";", ord("؟"): "?"})

# Tashkeel (harakat, tanween, shadda, sukun), superscript alef, Quranic marks, tatweel.
_ARABIC_MARKS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")

# Letter folding used for index terms. Taa marbuta is kept here because the
# Snowball Arabic stemmer relies on it; `fold_term` maps it after stemming.
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ؤ": "ء",
        "ئ": "ء",
        "ی": "ي",  # Persian yeh, frequent in mis-encoded text
        "ک": "ك",  # Persian keheh
    }
)
_TERM_FINAL = str.maketrans({"ة": "ه"})


def clean_text(text: str) -> str:
    """Repair extraction damage while keeping the text readable as published."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\x00", "")
    text = _CONTROL_RE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES_RE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_LINES_RE.sub("\n\n", text)
    return text.strip()


def fold(token: str) -> str:
    """Fold one token to the form used before stemming (taa marbuta kept)."""
    token = token.casefold().translate(_DIGITS)
    token = _ARABIC_MARKS_RE.sub("", token)
    return token.translate(_ARABIC_LETTERS)


def strip_accents(term: str) -> str:
    """Drop Latin combining accents: users type 'securite' for 'sécurité'."""
    if term.isascii():
        return term
    decomposed = unicodedata.normalize("NFD", term)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or _is_arabic(c))
    return unicodedata.normalize("NFC", kept)


def fold_term(term: str) -> str:
    """Final form of an index term: taa marbuta merged with haa, accents dropped."""
    return strip_accents(term.translate(_TERM_FINAL))


def digits_to_ascii(text: str) -> str:
    return text.translate(_DIGITS)


def _is_arabic(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff"
