"""From what a user typed to a backend-neutral keyword plan.

The plan is a tiny tree (`Term`, `Phrase`, `AnyOf`, `AllOf`) that both backends
translate literally, so a query means the same thing on SQLite-free laptops and
on Elasticsearch clusters. Syntax, kept to what lawyers already use:

    words            every content word must match (most of them for long queries)
    "a phrase"       exact, in order, unstemmed
    -word / -"a b"   exclude
    CCPR/C/GC/36     symbols, numbers and dates with / . - match as a sequence

Each word is matched through its stems in every language we analyse, and a word
or phrase found in the multilingual terminology also matches its translations.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from indexer.analysis.analyzer import analyse, analyse_query_word, tokenize
from indexer.analysis.stopwords import is_stopword
from indexer.errors import BadQuery
from indexer.terminology import Terminology

MAX_QUERY_CHARS = 1000
MAX_GROUPS = 32
ALL_REQUIRED_UP_TO = 3
LONG_QUERY_SHARE = 0.66
TITLE_BOOST = 0.3
TRANSLATION_BOOST = 0.9


@dataclass(frozen=True, slots=True)
class Term:
    field: str
    value: str
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Phrase:
    field: str
    values: tuple[str, ...]
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class AnyOf:
    """Matches if any sub-clause matches; scores as the best one (dis_max)."""

    clauses: tuple[Clause, ...]
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class AllOf:
    """Matches if every sub-clause matches; scores as their sum."""

    clauses: tuple[Clause, ...]
    boost: float = 1.0


Clause = Term | Phrase | AnyOf | AllOf


@dataclass(frozen=True, slots=True)
class KeywordPlan:
    """Required, optional and excluded clauses; `min_should` of `should` must match."""

    must: tuple[Clause, ...] = ()
    should: tuple[Clause, ...] = ()
    must_not: tuple[Clause, ...] = ()
    min_should: int = 0
    highlight_terms: frozenset[str] = field(default_factory=frozenset)
    highlight_phrases: frozenset[tuple[str, ...]] = field(default_factory=frozenset)
    translated: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.must and not self.should

    def relaxed(self) -> KeywordPlan:
        """The same plan where any one optional clause is enough."""
        should = self.should + self.must if len(self.must) + len(self.should) > 1 else self.should
        must = () if len(self.must) + len(self.should) > 1 else self.must
        return KeywordPlan(
            must=must,
            should=should,
            must_not=self.must_not,
            min_should=1 if should else 0,
            highlight_terms=self.highlight_terms,
            highlight_phrases=self.highlight_phrases,
            translated=self.translated,
        )


# --- lexing -----------------------------------------------------------------

_LEX_RE = re.compile(
    r'(?P<neg>-)?(?:"(?P<phrase>[^"]*)"?|(?P<chunk>[^\s"]+))',
)
_SYMBOLISH_RE = re.compile(r"\w[/.\-]\w")


@dataclass(frozen=True, slots=True)
class _Lexeme:
    text: str
    negated: bool
    quoted: bool


def _lex(query: str) -> list[_Lexeme]:
    out: list[_Lexeme] = []
    for m in _LEX_RE.finditer(query):
        negated = m.group("neg") is not None
        if m.group("phrase") is not None:
            out.append(_Lexeme(m.group("phrase"), negated, True))
        elif m.group("chunk"):
            out.append(_Lexeme(m.group("chunk"), negated, False))
    return out


# --- building clauses -------------------------------------------------------


def _word_clause(surface: str) -> tuple[Clause, set[str]]:
    exact, stems = analyse_query_word(surface)
    alternatives: list[Clause] = [Term("stem", s) for s in sorted(stems)]
    if exact not in stems:
        alternatives.append(Term("exact", exact))
    alternatives.extend(Term("title", s, TITLE_BOOST) for s in sorted(stems))
    return AnyOf(tuple(alternatives)), {exact, *stems}


def _exact_phrase(text: str) -> Clause | None:
    terms = tuple(t.exact for t in analyse(text, "xx").tokens)
    if not terms:
        return None
    if len(terms) == 1:
        return Term("exact", terms[0])
    return Phrase("exact", terms)


@dataclass(slots=True)
class _Word:
    surface: str
    exact: str
    stems: frozenset[str]


def _words(text: str) -> list[_Word]:
    words: list[_Word] = []
    for _, _, surface in tokenize(text):
        exact, stems = analyse_query_word(surface)
        words.append(_Word(surface, exact, stems))
    return words


def parse_query(query: str, terminology: Terminology | None = None) -> KeywordPlan | None:
    """Compile `query`; None means "no words": match everything (filters only)."""
    if len(query) > MAX_QUERY_CHARS:
        raise BadQuery(f"query is longer than {MAX_QUERY_CHARS} characters")
    must: list[Clause] = []
    must_not: list[Clause] = []
    groups: list[Clause] = []
    highlight: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    translated: list[str] = []
    loose: list[_Word] = []

    def flush_loose() -> None:
        if loose:
            built, marks, names = _group_words(loose, terminology)
            groups.extend(built)
            for mark in marks:
                if len(mark) == 1:
                    highlight.add(mark[0])
                else:
                    phrases.add(mark)
            translated.extend(names)
            loose.clear()

    for lexeme in _lex(query):
        if lexeme.quoted or _SYMBOLISH_RE.search(lexeme.text):
            flush_loose()
            clause = _exact_phrase(lexeme.text)
            if clause is None:
                continue
            if lexeme.negated:
                must_not.append(clause)
            else:
                must.append(clause)
                exact = tuple(t.exact for t in analyse(lexeme.text, "xx").tokens)
                if len(exact) == 1:
                    highlight.add(exact[0])
                else:
                    phrases.add(exact)
        elif lexeme.negated:
            flush_loose()
            for word in _words(lexeme.text):
                clause, _ = _word_clause(word.surface)
                must_not.append(clause)
        else:
            loose.extend(_words(lexeme.text))
    flush_loose()

    if not must and not groups:
        if must_not:
            raise BadQuery("a query cannot consist only of exclusions; add a word to search for")
        return None
    if len(groups) > MAX_GROUPS:
        raise BadQuery(f"too many words: at most {MAX_GROUPS} after removing stop words")
    if len(groups) <= ALL_REQUIRED_UP_TO:
        return KeywordPlan(
            must=tuple(must) + tuple(groups),
            must_not=tuple(must_not),
            highlight_terms=frozenset(highlight),
            highlight_phrases=frozenset(phrases),
            translated=tuple(translated),
        )
    return KeywordPlan(
        must=tuple(must),
        should=tuple(groups),
        must_not=tuple(must_not),
        min_should=math.ceil(len(groups) * LONG_QUERY_SHARE),
        highlight_terms=frozenset(highlight),
        translated=tuple(translated),
    )


def _group_words(
    words: Sequence[_Word], terminology: Terminology | None
) -> tuple[list[Clause], set[tuple[str, ...]], list[str]]:
    """One clause per content word, or per terminology concept spanning several words.

    Also returns what to highlight: single terms as 1-tuples, translated phrases whole.
    """
    content = [w for w in words if not is_stopword(w.exact)] or list(words)
    clauses: list[Clause] = []
    marks: set[tuple[str, ...]] = set()
    names: list[str] = []
    i = 0
    while i < len(words):
        match = terminology.match(words, i) if terminology else None
        if match is not None:
            span, concept = match
            originals: list[Clause] = []
            original_stems: list[frozenset[str]] = []
            for word in words[i : i + span]:
                if word in content:
                    clause, wm = _word_clause(word.surface)
                    originals.append(clause)
                    original_stems.append(word.stems)
                    marks |= {(m,) for m in wm}
            alternatives: list[Clause] = []
            if originals:
                alternatives.append(
                    originals[0] if len(originals) == 1 else AllOf(tuple(originals))
                )
            for _lang, stems in concept.variants:
                marks.add(stems)
                if not _subsumed(stems, original_stems):
                    alternatives.append(_stem_sequence(stems, TRANSLATION_BOOST))
            clauses.append(AnyOf(tuple(_dedupe(alternatives))))
            names.append(concept.id)
            i += span
            continue
        word = words[i]
        if word in content:
            clause, wm = _word_clause(word.surface)
            clauses.append(clause)
            marks |= {(m,) for m in wm}
        i += 1
    return clauses, marks, names


def _subsumed(stems: tuple[str, ...], original_stems: Sequence[frozenset[str]]) -> bool:
    """Whether a document holding `stems` always matches the words the user typed (each
    word has one of them among its stems): such a translation (usually the query's own
    language) adds no match, and cannot outscore the words (a phrase scores at most
    what its terms do, and less by its boost), but its positions are costly to check.
    """
    return bool(original_stems) and all(any(s in word for s in stems) for word in original_stems)


def _stem_sequence(stems: tuple[str, ...], boost: float) -> Clause:
    if len(stems) == 1:
        return Term("stem", stems[0], boost)
    return Phrase("stem", stems, boost)


def _dedupe(clauses: Iterable[Clause]) -> list[Clause]:
    return list(dict.fromkeys(clauses))
