"""Tokenisation and stemming for Arabic, English, French and Spanish.

Every index term comes from here. Tokens are cut on script boundaries as well as
on non-word characters, because PDF extraction glues Arabic words to digits
("١٨/١٤قراره"). Arabic tokens lose their article-bearing clitics (و ف ب ك ل + ال)
before Snowball stemming, so "والمؤسسات" and "المؤسسات" share a stem; Latin tokens are
stemmed with the record's language. Terms are folded after stemming (taa marbuta,
Latin accents) so users who type without diacritics still match.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from indexer.analysis.normalize import fold, fold_term

SUPPORTED_LANGUAGES: tuple[str, ...] = ("ar", "en", "fr", "es")
_STEMMER_NAMES = {"ar": "arabic", "en": "english", "fr": "french", "es": "spanish"}
LATIN_QUERY_LANGUAGES: tuple[str, ...] = ("en", "fr", "es")

_ARABIC = "\u0621-\u065f\u0670-\u06d3\u06d5-\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff"
_TOKEN_RE = re.compile(
    rf"(?P<ar>[{_ARABIC}]+)"
    r"|(?P<num>[0-9\u0660-\u0669\u06f0-\u06f9]+)"
    rf"|(?P<word>[^\W\d_{_ARABIC}\u0660-\u0669\u06f0-\u06f9]+)"
)
MAX_TOKEN_CHARS = 40

# Proclitic + article combinations, longest first. "لل" is ل + ال with the alef elided.
_AR_ARTICLE_PREFIXES: tuple[str, ...] = ("وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
_AR_MIN_STEM_CHARS = 2

_local = threading.local()


def _stemmer(lang: str) -> Stemmer.Stemmer:
    cache: dict[str, Stemmer.Stemmer] | None = getattr(_local, "stemmers", None)
    if cache is None:
        cache = {}
        _local.stemmers = cache
    stemmer = cache.get(lang)
    if stemmer is None:
        stemmer = Stemmer.Stemmer(_STEMMER_NAMES[lang])
        cache[lang] = stemmer
    return stemmer


@dataclass(frozen=True, slots=True)
class Token:
    """One token of the original text, with its offsets for highlighting."""

    start: int
    end: int
    exact: str
    stem: str


@dataclass(frozen=True, slots=True)
class AnalysedText:
    tokens: tuple[Token, ...]

    @property
    def stems(self) -> list[str]:
        return [t.stem for t in self.tokens]

    @property
    def exact(self) -> list[str]:
        return [t.exact for t in self.tokens]

    def stem_string(self) -> str:
        return " ".join(t.stem for t in self.tokens)

    def exact_string(self) -> str:
        return " ".join(t.exact for t in self.tokens)


def strip_arabic_clitics(folded: str) -> str:
    for prefix in _AR_ARTICLE_PREFIXES:
        if folded.startswith(prefix) and len(folded) - len(prefix) >= _AR_MIN_STEM_CHARS:
            return folded[len(prefix) :]
    return folded


@lru_cache(maxsize=500_000)
def _stem_cached(lang: str, folded: str) -> str:
    if lang == "ar":
        folded = strip_arabic_clitics(folded)
    return fold_term(_stemmer(lang).stemWord(folded))


def stem_term(folded: str, lang: str) -> str:
    """Stem one folded token with the pipeline of `lang` (unsupported: no stemming)."""
    if lang not in _STEMMER_NAMES:
        return fold_term(folded)
    return _stem_cached(lang, folded)


def _latin_language(lang: str) -> str | None:
    if lang in LATIN_QUERY_LANGUAGES:
        return lang
    if lang == "ar":
        return "en"  # Latin words inside Arabic text are mostly English names/acronyms
    return None


@lru_cache(maxsize=300_000)
def _word_terms(surface: str, kind: str | None, latin: str | None) -> tuple[str, str] | None:
    """(exact, stem) of one token as it appears in the text; None: not a term.

    Cached on the surface form: the vocabulary of a corpus repeats, and folding and
    stemming each occurrence again was most of the cost of analysing a paragraph (for
    indexing, and for highlighting ten hits per search).
    """
    folded = fold(surface)[:MAX_TOKEN_CHARS]
    if kind == "ar":
        if not folded:
            return None  # a lone tatweel or diacritic
        return fold_term(folded), stem_term(folded, "ar")
    if kind == "num":
        return folded, folded
    exact = fold_term(folded)
    return exact, (stem_term(folded, latin) if latin else exact)


def token_terms(text: str, lang: str) -> list[tuple[int, int, str, str]]:
    """(start, end, exact, stem) of each token: `analyse` without the Token objects,
    for highlighting ten hits per search (their construction was a third of it)."""
    latin = _latin_language(lang)
    out: list[tuple[int, int, str, str]] = []
    for match in _TOKEN_RE.finditer(text):
        terms = _word_terms(match.group(0), match.lastgroup, latin)
        if terms is not None:
            out.append((match.start(), match.end(), terms[0], terms[1]))
    return out


def analyse(text: str, lang: str) -> AnalysedText:
    """Analyse `text` (already cleaned) as a document in `lang`."""
    return AnalysedText(tuple(Token(s, e, x, t) for s, e, x, t in token_terms(text, lang)))


def script_of(surface: str) -> str:
    match = _TOKEN_RE.fullmatch(surface)
    return match.lastgroup if match and match.lastgroup else "word"


def analyse_query_word(surface: str) -> tuple[str, frozenset[str]]:
    """Return (exact term, stems under every plausible language) for one query word.

    A two-word query's language cannot be detected reliably, so a Latin word is
    stemmed as English, French and Spanish and any of them may match.
    """
    folded = fold(surface)[:MAX_TOKEN_CHARS]
    kind = script_of(surface)
    if kind == "ar":
        return fold_term(folded), frozenset({stem_term(folded, "ar")})
    if kind == "num":
        return folded, frozenset({folded})
    exact = fold_term(folded)
    return exact, frozenset(stem_term(folded, lang) for lang in LATIN_QUERY_LANGUAGES)


def tokenize(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN_RE.finditer(text)]
