"""The duplicate-complaint check: has this matter been examined by another procedure?

OP-ICCPR art. 5(2)(a), CAT art. 22(5)(a), OP-CEDAW art. 4(2)(a), OP-ICESCR art.
3(2)(c), ECHR art. 35(2)(b) and ACHR arts. 46(1)(c) and 47(d) bar a complaint that
is "substantially the same" as one examined elsewhere: the same author or victim,
the same facts, the same rights, before a procedure of the same character. The bar
is applied by people, narrowly, so the check shows evidence per signal and never
just a number. Candidates are cases (all the paragraphs of a decision, view,
judgment or communication, grouped by communication/application number or
document symbol), never single paragraphs.

Signals, each in [0, 1] with its evidence:

    facts      cross-lingual similarity of the complaint's passages to the case's
               paragraphs (best paragraph per passage, mean of the best passages),
               rescaled from cosine: (cos - 0.25) / 0.50; pairs shown side by side
    names      authors and victims against the case's parties and text, across
               scripts and transliterations (`indexer.names`)
    state      the respondent State against the case's State (1 or 0)
    dates      the complaint's dates (given, or found in its text) against dates in
               the case: same day 1.0, same month 0.6 (0.3 when both
               days are known and differ), same year 0.1
    rights     the complaint's rights (given, or articles cited in its text) against
               the case's, through the concordance: share of the complaint's found
    reference  the complaint cites the case's number or symbol (1 or absent)

    score = weighted mean over the signals the complaint supplies (a signal it does
            not supply is left out, not counted as a mismatch):
            facts 0.40, names 0.25, state 0.10, dates 0.10, rights 0.15;
            a reference lifts the score to at least 0.90

Verdicts (thresholds chosen on the development set, bench/devsets/, and documented
with its numbers in docs/duplicates.md). "Contradicted": the complaint names a State
and the case is against another, or names people and none is found in the case
(names < 0.50; matching initials alone score 0.50: they neither identify nor contradict).

    likely    a reference; or, not contradicted, an identification (names >= 0.70,
              or dates >= 0.60) with score >= 0.60 and facts >= 0.40; or, not
              contradicted and with no names given, near-verbatim facts (mean best
              cosine >= 0.75 and >= 0.55 above what is usual for the passages)
    possibly  score >= 0.45, or facts >= 0.55, or facts >= 0.35 above usual
    unlikely  otherwise

"Above usual": for each passage, (best cosine in the case - cosine of its 40th
nearest case paragraph anywhere) / (1 - the latter). Boilerplate ("the Optional
Protocol entered into force for the State party on...") is close to thousands of
paragraphs and stands above none; a passage telling this case's facts stands out.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, field_validator

from indexer.backend.protocol import Filters, SearchBackend
from indexer.citations import (
    CitationIndex,
    case_key,
    citation_keys,
    cited_as,
    normalise_symbol,
    prepare,
)
from indexer.embed import Embedder
from indexer.errors import BadQuery
from indexer.names import TextNames, compare
from indexer.record import CASE_KINDS, Record, record_summary
from indexer.rights import Concordance, concordance

WEIGHTS = {"facts": 0.40, "names": 0.25, "state": 0.10, "dates": 0.10, "rights": 0.15}
LIKELY_SCORE = 0.60
LIKELY_FACTS = 0.40
LIKELY_NAMES = 0.70
LIKELY_DATES = 0.60
NAMES_FOUND = 0.50
VERBATIM_COSINE = 0.75
VERBATIM_ABOVE = 0.55
POSSIBLE_SCORE = 0.45
POSSIBLE_FACTS = 0.55
POSSIBLE_ABOVE = 0.35
REFERENCE_FLOOR = 0.90
FACTS_LOW, FACTS_HIGH = 0.25, 0.75
MAX_PASSAGES = 12
PASSAGE_CHARS = 450
VECTOR_K = 150
PASSAGE_K = 40
CASES_EXAMINED = 30
CASES_WEIGHED = 12
CASES_WEIGHED_RARE = 4
STATE_K = 400
RECORDS_PER_CASE = 400
NAME_PARAGRAPHS = 12
MAX_TEXT_CHARS = 20_000


class Complaint(BaseModel):
    """What a secretariat knows of a new complaint."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str = Field(min_length=20, max_length=MAX_TEXT_CHARS, description="facts, any language")
    language: str | None = Field(default=None, description="ar, en, fr or es (detected if absent)")
    authors: list[str] = Field(default_factory=list)
    victims: list[str] = Field(default_factory=list)
    respondent_state: str | None = Field(default=None, description="ISO 3166 alpha-3 or a name")
    dates: list[str] = Field(default_factory=list, description="YYYY-MM-DD, YYYY-MM or YYYY")
    rights: list[str] = Field(
        default_factory=list, description="rights or articles: 'torture', 'ICCPR 7', 'ECHR 3'"
    )
    size: int = Field(default=10, ge=1, le=50)
    exclude: list[str] = Field(
        default_factory=list, description="case keys or record ids to leave out (evaluation)"
    )

    @field_validator("authors", "victims", "dates", "rights", "exclude")
    @classmethod
    def _clean(cls, values: list[str]) -> list[str]:
        return [v.strip() for v in values if v and v.strip()]


# --- dates ---------------------------------------------------------------------------
_MONTHS: dict[str, int] = {}
for _n, _names in enumerate(
    [
        "january jan janvier janv enero ene يناير كانون الثاني",
        "february feb février fevrier févr fevr febrero فبراير شباط",
        "march mar mars marzo مارس آذار اذار",
        "april apr avril abril أبريل ابريل إبريل نيسان",
        "may mai mayo مايو أيار ايار",
        "june jun juin junio يونيه يونيو حزيران",
        "july jul juillet julio يوليه يوليو تموز",
        "august aug août aout agosto أغسطس اغسطس آب اب",
        "september sep sept septembre septiembre setiembre سبتمبر أيلول ايلول",
        "october oct octobre octubre أكتوبر اكتوبر تشرين الأول",
        "november nov novembre noviembre نوفمبر تشرين الثاني",
        "december dec décembre decembre diciembre دیسمبر ديسمبر كانون الأول",
    ],
    start=1,
):
    for _name in re.split(r"\s+", _names):
        _MONTHS.setdefault(_name, _n)
# Two-word Levantine month names ("تشرين الأول" is October, not "the first").
_AR_TWO_WORD = {
    "كانون الثاني": 1,
    "تشرين الأول": 10,
    "تشرين الثاني": 11,
    "كانون الأول": 12,
}
_WORD = r"[^\W\d_]+\.?"
_YEAR = re.compile(r"(?<![\d/.\-])(?:19|20)\d\d(?!\d)")
_BEFORE_DMY = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º|°)?\s+(?:de\s+)?"
    rf"(?P<m>{_WORD}(?:\s+{_WORD})?(?:\s*/\s*{_WORD})?)\s*,?\s*(?:de\s+|del\s+)?$",
    re.IGNORECASE,
)
_BEFORE_MDY = re.compile(rf"(?P<m>{_WORD})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,\s*$", re.IGNORECASE)
_BEFORE_MY = re.compile(
    rf"(?<![\w])(?P<m>{_WORD}(?:\s+{_WORD})?(?:\s*/\s*{_WORD})?)\s*,?\s*(?:de\s+|del\s+)?$",
    re.IGNORECASE,
)
_ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?(?!\d)")
_NUMERIC = re.compile(r"(?<![\d/])(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>(?:19|20)\d\d)(?!\d)")
_YEAR_ONLY = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True, slots=True, order=True)
class LooseDate:
    """A date as precise as the text gives it: a day, a month or a year."""

    year: int
    month: int = 0
    day: int = 0

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def match(self, other: LooseDate) -> float:
        if self.year != other.year:
            return 0.0
        if self.month and other.month and self.month == other.month:
            if self.day and other.day:
                return 1.0 if self.day == other.day else 0.3
            return 0.6
        return 0.1


def _month_of(text: str) -> int | None:
    """The month a word (or "تشرين الأول/أكتوبر", "août", "Aug.") names."""
    words = [w.strip(".").lower() for w in re.split(r"[\s/]+", text) if w.strip(".")]
    for a, b in itertools.pairwise(words):
        if f"{a} {b}" in _AR_TWO_WORD:
            return _AR_TWO_WORD[f"{a} {b}"]
    for word in reversed(words):
        if word in _MONTHS:
            return _MONTHS[word]
    return None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return False
    return 1945 <= year <= dt.date.today().year + 1


def dates_in(text: str) -> list[LooseDate]:
    """Dates written in `text` in any of the four languages ("19 August 2010",
    "19 août 2010", "19 de agosto de 2010", "19 آب/أغسطس 2010", "2010-08-19").

    Anchored on years: a large alternation of month names is slow to scan a long
    text with, so each year found is read backwards for a month and a day."""
    text = prepare(text)
    found: list[LooseDate] = []
    taken: list[tuple[int, int]] = []

    def add(y: int, m: int, d: int, span: tuple[int, int]) -> None:
        if _valid(y, m, d) and not any(a <= span[0] < b or a < span[1] <= b for a, b in taken):
            found.append(LooseDate(y, m, d))
            taken.append(span)

    for m in _ISO.finditer(text):
        add(int(m.group("y")), int(m.group("m")), int(m.group("d") or 0), m.span())
    for m in _NUMERIC.finditer(text):
        add(int(m.group("y")), int(m.group("m")), int(m.group("d")), m.span())
    for y in _YEAR.finditer(text):
        window_start = max(0, y.start() - 48)
        window = text[window_start : y.start()]
        year = int(y.group(0))
        for pattern, has_day in ((_BEFORE_DMY, True), (_BEFORE_MDY, True), (_BEFORE_MY, False)):
            before = pattern.search(window)
            if before is None:
                continue
            month = _month_of(before.group("m"))
            if not month:
                continue
            day = int(before.group("d")) if has_day else 0
            add(year, month, day, (window_start + before.start(), y.end()))
            break
    return list(dict.fromkeys(found))


def parse_date(value: str) -> LooseDate | None:
    value = value.strip()
    if _YEAR_ONLY.match(value):
        return LooseDate(int(value))
    found = dates_in(value)
    return found[0] if found else None


# --- passages --------------------------------------------------------------------------
_SENTENCE_END = re.compile(r"(?<=[.!?؟;])\s+|\n{2,}")


def passages(text: str, size: int = PASSAGE_CHARS, limit: int = MAX_PASSAGES) -> list[str]:
    """The complaint in passages of a few sentences: a long complaint compared as one
    vector blurs its facts, and a decision tells the same facts over several paragraphs."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]
    out: list[str] = []
    current = ""
    for sentence in sentences:
        if current and len(current) + len(sentence) > size:
            out.append(current)
            current = ""
        current = f"{current} {sentence}".strip()
    if current:
        out.append(current)
    if len(out) > limit:
        # Keep the spread: beginning, middle and end of a long complaint.
        step = len(out) / limit
        out = [out[int(i * step)] for i in range(limit)]
    return out or [text[:size]]


# --- results --------------------------------------------------------------------------
@dataclass(slots=True)
class Signal:
    score: float | None
    """None: the complaint gives nothing to compare (the signal is left out)."""
    match: str
    complaint: object = None
    candidate: object = None
    detail: object = None

    def to_json(self) -> dict[str, object]:
        return {
            "score": None if self.score is None else round(self.score, 3),
            "match": self.match,
            "complaint": self.complaint,
            "candidate": self.candidate,
            "detail": self.detail,
        }


@dataclass(slots=True)
class Candidate:
    case: str
    record: Record
    score: float
    verdict: str
    signals: dict[str, Signal]
    records: int
    body_name: str | None = None
    procedure: str | None = None

    def to_json(self) -> dict[str, object]:
        summary = record_summary(self.record)
        case = self.record.case
        return {
            "case": self.case,
            "id": self.record.id,
            "record": summary,
            "title": (case.title if case and case.title else None) or self.record.title,
            "symbol": self.record.symbol,
            "body": self.record.body,
            "body_name": self.body_name,
            "procedure": self.procedure,
            "judicial": None if self.procedure is None else self.procedure == "judicial",
            "kind": self.record.kind.value,
            "number": case.number if case else None,
            "respondent_state": case.respondent_state if case else None,
            "date": self.record.date.isoformat() if self.record.date else None,
            "outcome": case.outcome if case else None,
            "status": case.status if case else None,
            "url": self.record.url,
            "records": self.records,
            "score": round(self.score, 4),
            "verdict": self.verdict,
            "signals": {name: s.to_json() for name, s in self.signals.items()},
        }


@dataclass(slots=True)
class DuplicateReport:
    candidates: list[Candidate]
    took_ms: float
    complaint: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "took_ms": self.took_ms,
            "complaint": self.complaint,
            "candidates": [c.to_json() for c in self.candidates],
            "thresholds": {
                "likely": {
                    "reference": "always",
                    "score": LIKELY_SCORE,
                    "facts": LIKELY_FACTS,
                    "names": LIKELY_NAMES,
                    "names_found": NAMES_FOUND,
                    "dates": LIKELY_DATES,
                    "verbatim_cosine": VERBATIM_COSINE,
                    "verbatim_above_usual": VERBATIM_ABOVE,
                },
                "possibly": {
                    "score": POSSIBLE_SCORE,
                    "facts": POSSIBLE_FACTS,
                    "above_usual": POSSIBLE_ABOVE,
                },
                "weights": WEIGHTS,
                "documentation": "docs/duplicates.md",
            },
        }


class _Taxonomy:
    """What the check needs of `indexer.taxonomy.Taxonomy` (kept loose for tests)."""

    def __init__(self, taxonomy: Any) -> None:
        self.taxonomy = taxonomy

    def country(self, value: str | None) -> str | None:
        if not value:
            return None
        if re.fullmatch(r"[A-Z]{3}", value):
            return value
        if self.taxonomy is None:
            return value.upper() if re.fullmatch(r"[A-Za-z]{3}", value) else None
        code = self.taxonomy.resolve_country(value)
        return str(code) if code else None

    def body(self, code: str) -> tuple[str | None, str | None]:
        if self.taxonomy is None:
            return None, None
        try:
            body = self.taxonomy.resolve_body(code)
        except (KeyError, ValueError):
            return None, None
        if body is None:
            return None, None
        names = getattr(body, "names", {}) or {}
        return names.get("en"), getattr(body, "procedure", None)


def _symbol_excluded(record: Record, excluded: set[str]) -> bool:
    """Evaluation: leave out one document of a case ("symbol:CAT/C/59/D/691/2015")."""
    if not record.symbol or not any(e.startswith("symbol:") for e in excluded):
        return False
    return f"symbol:{normalise_symbol(record.symbol)}" in excluded


def _passage_scores(
    sims: npt.NDArray[np.float32], usual: npt.NDArray[np.float32], detail: bool = False
) -> Any:
    """Per passage, the best cosine in the case and how far it stands above what is
    usual for that passage; the mean of the three best of the latter (and of the
    former). Returns the mean above usual alone unless `detail`."""
    best = sims.max(axis=1)
    floor = usual[: len(best)] if len(usual) >= len(best) else np.zeros_like(best)
    above = np.clip((best - floor) / np.maximum(0.05, 1.0 - floor), 0.0, 1.0)
    top = max(1, min(3, len(best)))
    above_mean = float(np.sort(above)[::-1][:top].mean())
    mean_best = float(np.sort(best)[::-1][:top].mean())
    if detail:
        return best, above, above_mean, mean_best
    return above_mean


def _facts_score(cosine: float) -> float:
    return float(min(1.0, max(0.0, (cosine - FACTS_LOW) / (FACTS_HIGH - FACTS_LOW))))


class DuplicateChecker:
    def __init__(
        self,
        backend: SearchBackend,
        embedder: Embedder,
        links: CitationIndex,
        taxonomy: Any = None,
        rights: Concordance | None = None,
    ) -> None:
        self.backend = backend
        self.embedder = embedder
        self.links = links
        self.taxonomy = _Taxonomy(taxonomy)
        self.rights = rights or concordance()

    # --- entry point --------------------------------------------------------------
    def check(self, complaint: Complaint) -> DuplicateReport:
        started = time.perf_counter()
        state = self.taxonomy.country(complaint.respondent_state)
        if complaint.respondent_state and state is None:
            raise BadQuery(f"unknown respondent State {complaint.respondent_state!r}")
        parts = passages(complaint.text)
        vectors = self.embedder.embed([complaint.text[:2000], *parts])
        whole, part_vectors = vectors[0], vectors[1:]
        refs = [
            k
            for k in citation_keys(complaint.text)
            if k.startswith(("comm:", "echr-app:", "symbol:"))
        ]
        dates = [d for d in (parse_date(x) for x in complaint.dates) if d is not None]
        dates = list(dict.fromkeys([*dates, *dates_in(complaint.text)]))[:20]
        wanted_rights = self._complaint_rights(complaint)
        excluded = set(complaint.exclude)

        pool, usual = self._retrieve(whole, part_vectors, state, refs)
        if any(e.startswith("symbol:") for e in excluded):
            kept = {r.id for r in self.backend.get(list(pool)) if not _symbol_excluded(r, excluded)}
            pool = {i: v for i, v in pool.items() if i in kept}
        by_case = self.links.cases_of(list(pool))
        cases: dict[str, float] = {}
        for rid, score in pool.items():
            key = by_case.get(rid)
            if key is None or key in excluded or rid in excluded:
                continue
            cases[key] = max(cases.get(key, -1.0), score)
        ranked = sorted(cases, key=lambda k: (-cases[k], k))[:CASES_EXAMINED]
        ref_cases = self._referenced_cases(refs, excluded)
        # Screen on the facts (vectors only, nothing decoded), then weigh every signal
        # for the best few: decoding and reading every paragraph of 30 cases is the
        # expensive part of a check.
        screen = {k: self._facts_screen(k, part_vectors, usual, excluded) for k in ranked}
        by_cosine = sorted(ranked, key=lambda k: (-screen[k][0], k))[:CASES_WEIGHED]
        by_rarity = sorted(ranked, key=lambda k: (-screen[k][1], k))[:CASES_WEIGHED_RARE]
        screened = list(dict.fromkeys([*by_cosine, *by_rarity]))
        ranked = [*screened, *(k for k in ref_cases if k not in screened)]
        candidates = [
            c
            for c in (
                self._evaluate(
                    key,
                    complaint,
                    parts,
                    part_vectors,
                    state,
                    dates,
                    wanted_rights,
                    ref_cases.get(key),
                    excluded,
                    usual,
                )
                for key in ranked
            )
            if c is not None
        ]
        candidates.sort(key=lambda c: (-c.score, c.case))
        took = round((time.perf_counter() - started) * 1000, 2)
        echo: dict[str, object] = {
            "respondent_state": state,
            "passages": len(parts),
            "dates": [str(d) for d in dates],
            "rights": wanted_rights,
            "references": refs,
        }
        return DuplicateReport(candidates[: complaint.size], took, echo)

    # --- retrieval ----------------------------------------------------------------
    def _retrieve(
        self,
        whole: npt.NDArray[np.float32],
        parts: npt.NDArray[np.float32],
        state: str | None,
        refs: Sequence[str],
    ) -> tuple[dict[str, float], npt.NDArray[np.float32]]:
        """Record id -> best cosine over case records; and, per passage, the cosine of
        its PASSAGE_K-th nearest case paragraph: how similar a passage usually is to
        case law (boilerplate such as "the Optional Protocol entered into force for the
        State party..." is close to thousands of paragraphs)."""
        kinds = Filters({"kind": tuple(sorted(k.value for k in CASE_KINDS))})
        pool: dict[str, float] = {}
        usual = np.zeros(len(parts), dtype=np.float32)

        def take(hits: Iterable[Any]) -> None:
            for hit in hits:
                if hit.score > pool.get(hit.id, -1.0):
                    pool[hit.id] = float(hit.score)

        case_kinds = {k.value for k in CASE_KINDS}

        def cases_near(vector: npt.NDArray[np.float32], k: int) -> list[Any]:
            # Unfiltered nearest neighbours, kept when they are case records: two thirds
            # of the corpus are, and a filter on four kinds costs more than it saves.
            hits = self.backend.vector(vector, Filters(), k * 2)
            kind = self.links.kinds_of([h.id for h in hits])
            return [h for h in hits if kind.get(h.id) in case_kinds][:k]

        take(cases_near(whole, VECTOR_K))
        for i, vector in enumerate(parts):
            hits = cases_near(vector, PASSAGE_K)
            take(hits)
            if hits:
                usual[i] = min(h.score for h in hits)
        if state:
            in_state = kinds.with_terms(country=(state,))
            take(self.backend.vector(whole, in_state, STATE_K))
        return pool, usual

    def _referenced_cases(self, refs: Sequence[str], excluded: set[str]) -> dict[str, str]:
        """Cases the complaint's references point to: the case a number or symbol
        identifies ("communication No. 429/2010"), and decisions that themselves cite
        the complaint's number (a committee decision naming the European Court
        application that the complaint is)."""
        out: dict[str, str] = {}
        for key, ids in self.links.records_cited_as(refs).items():
            for case in set(self.links.cases_of(ids[:5]).values()):
                out.setdefault(case, f"the complaint cites this case ({key})")
        for key, ids in self.links.records_citing(refs).items():
            for rid, case in self.links.cases_of(ids[:50]).items():
                record = self.backend.get([rid])
                if record and record[0].kind in CASE_KINDS:
                    out.setdefault(case, f"this case cites the complaint's {key}")
        return {k: v for k, v in out.items() if k not in excluded}

    def _complaint_rights(self, complaint: Complaint) -> list[str]:
        out: list[str] = []
        for value in complaint.rights:
            out.extend(self.rights.resolve(value))
        articles = [k for k in citation_keys(complaint.text) if k.startswith("art:")]
        out.extend(self.rights.rights_for_articles(articles))
        return list(dict.fromkeys(out))

    # --- one candidate --------------------------------------------------------------
    def _members(self, key: str, excluded: set[str]) -> list[str]:
        kinds = {k.value for k in CASE_KINDS}
        by_symbol = any(e.startswith("symbol:") for e in excluded)
        out: list[str] = []
        for rid, kind, symbol in self.links.case_members(key)[:RECORDS_PER_CASE]:
            if rid in excluded or kind not in kinds:
                continue
            if by_symbol and symbol and f"symbol:{normalise_symbol(symbol)}" in excluded:
                continue
            out.append(rid)
        return out

    def _facts_screen(
        self,
        key: str,
        part_vectors: npt.NDArray[np.float32],
        usual: npt.NDArray[np.float32],
        excluded: set[str],
    ) -> tuple[float, float]:
        """(mean of the best passage cosines, mean of how far they stand above usual)."""
        stored = self.backend.vectors_for(self._members(key, excluded))
        if not stored:
            return -1.0, -1.0
        sims = part_vectors @ np.stack(list(stored.values())).T
        _, _, above_mean, mean_best = _passage_scores(sims, usual, detail=True)
        return mean_best, above_mean

    def _evaluate(
        self,
        key: str,
        complaint: Complaint,
        parts: Sequence[str],
        part_vectors: npt.NDArray[np.float32],
        state: str | None,
        dates: Sequence[LooseDate],
        wanted_rights: Sequence[str],
        referenced: str | None,
        excluded: set[str],
        usual: npt.NDArray[np.float32],
    ) -> Candidate | None:
        ids = self._members(key, excluded)
        if not ids:
            return None
        records = {r.id: r for r in self.backend.get(ids) if r.kind in CASE_KINDS}
        if not records:
            return None
        ordered = [records[i] for i in ids if i in records]
        stored = self.backend.vectors_for(list(records))
        signals: dict[str, Signal] = {}

        facts, best_record = self._facts(parts, part_vectors, usual, ordered, stored)
        signals["facts"] = facts
        signals["names"] = self._names(complaint, ordered)
        signals["state"] = self._state(state, ordered)
        signals["dates"] = self._dates(dates, ordered)
        signals["rights"] = self._rights(wanted_rights, ordered)
        if referenced is not None:
            own = sorted({k for r in ordered[:1] for k in cited_as(r)})
            signals["reference"] = Signal(1.0, "match", None, own, referenced)

        used = {n: s.score for n, s in signals.items() if n in WEIGHTS and s.score is not None}
        weight = sum(WEIGHTS[n] for n in used)
        score = sum(WEIGHTS[n] * v for n, v in used.items()) / weight if weight else 0.0
        if referenced is not None:
            score = max(score, REFERENCE_FLOOR)
        verdict = self._verdict(score, signals, referenced is not None)
        head = best_record or ordered[0]
        name, procedure = self.taxonomy.body(head.body)
        return Candidate(key, head, score, verdict, signals, len(ordered), name, procedure)

    @staticmethod
    def _verdict(score: float, signals: dict[str, Signal], referenced: bool) -> str:
        if referenced:
            return "likely"
        facts = signals["facts"].score or 0.0
        summary = signals["facts"].candidate
        cosine = above = 0.0
        if isinstance(summary, dict):
            cosine = float(summary.get("mean_cosine", 0.0))
            above = float(summary.get("above_usual", 0.0))
        names = signals["names"].score
        state = signals["state"].score
        dates = signals["dates"].score
        contradicted = (state is not None and state < 1.0) or (
            names is not None and names < NAMES_FOUND
        )
        identified = (names is not None and names >= LIKELY_NAMES) or (
            dates is not None and dates >= LIKELY_DATES
        )
        if not contradicted:
            if identified and score >= LIKELY_SCORE and facts >= LIKELY_FACTS:
                return "likely"
            if names is None and cosine >= VERBATIM_COSINE and above >= VERBATIM_ABOVE:
                return "likely"
        if score >= POSSIBLE_SCORE or facts >= POSSIBLE_FACTS or above >= POSSIBLE_ABOVE:
            return "possibly"
        return "unlikely"

    def _facts(
        self,
        parts: Sequence[str],
        part_vectors: npt.NDArray[np.float32],
        usual: npt.NDArray[np.float32],
        records: Sequence[Record],
        stored: dict[str, npt.NDArray[np.float32]],
    ) -> tuple[Signal, Record | None]:
        with_vectors = [r for r in records if r.id in stored]
        if not with_vectors:
            return Signal(0.0, "no", None, None, "the case has no indexed text"), None
        matrix = np.stack([stored[r.id] for r in with_vectors])
        sims = part_vectors @ matrix.T  # passages x paragraphs
        best_idx = sims.argmax(axis=1)
        best, above, above_mean, mean_best = _passage_scores(sims, usual, detail=True)
        order = np.argsort(-above)
        score = _facts_score(mean_best)
        summary = {"mean_cosine": round(mean_best, 3), "above_usual": round(above_mean, 3)}
        pairs = []
        for i in order[: min(3, len(parts))]:
            record = with_vectors[int(best_idx[i])]
            pairs.append(
                {
                    "complaint": parts[int(i)],
                    "record_id": record.id,
                    "paragraph": record.paragraph,
                    "language": record.language,
                    "text": record.text[:700],
                    "similarity": round(float(best[i]), 3),
                    "usual": round(float(usual[i]), 3) if i < len(usual) else None,
                }
            )
        head = with_vectors[int(best_idx[order[0]])]
        match = "match" if score >= 0.7 else "partial" if score >= 0.4 else "no"
        return Signal(score, match, None, summary, pairs), head

    def _names(self, complaint: Complaint, records: Sequence[Record]) -> Signal:
        wanted = [*complaint.authors, *complaint.victims]
        if not wanted:
            return Signal(None, "not given")
        parties: list[str] = []
        for r in records:
            if r.case is not None:
                parties.extend([*r.case.authors, *r.case.victims])
                if r.case.title:
                    parties.append(r.case.title)
        parties = list(dict.fromkeys(parties))
        text = " ".join(
            [*(r.title or "" for r in records[:1]), *(r.text for r in records[:NAME_PARAGRAPHS])]
        )
        in_text = TextNames(text)
        details: list[dict[str, object]] = []
        scores: list[float] = []
        for name in wanted:
            best_score, best_detail = 0.0, None
            for party in parties:
                m = compare(name, party)
                if m.score > best_score:
                    best_score = m.score
                    best_detail = {"name": name, "found": party, "where": "parties", **m.to_json()}
            m = in_text.find(name)
            if m.score > best_score:
                best_score = m.score
                best_detail = {
                    "name": name,
                    "found": " ".join(p[1] for p in m.pairs),
                    "where": "text",
                    **m.to_json(),
                }
            scores.append(best_score)
            details.append(best_detail or {"name": name, "found": None, "score": 0.0})
        score = max(scores) if scores else 0.0
        match = "match" if score >= 0.85 else "partial" if score >= 0.5 else "no"
        return Signal(score, match, wanted, parties[:6], details)

    @staticmethod
    def _state(state: str | None, records: Sequence[Record]) -> Signal:
        theirs: list[str] = []
        for r in records:
            if r.case is not None and r.case.respondent_state:
                theirs.append(r.case.respondent_state)
        if not theirs:
            for r in records[:5]:
                theirs.extend(r.countries)
        theirs = list(dict.fromkeys(theirs))
        if state is None:
            return Signal(None, "not given", None, theirs)
        if not theirs:
            return Signal(None, "unknown", state, None, "the case names no State")
        same = state in theirs
        return Signal(1.0 if same else 0.0, "match" if same else "no", state, theirs)

    @staticmethod
    def _dates(dates: Sequence[LooseDate], records: Sequence[Record]) -> Signal:
        if not dates:
            return Signal(None, "not given")
        theirs: list[LooseDate] = []
        for r in records:
            theirs.extend(dates_in(r.text))
            if r.case is not None:
                for day in (r.case.decision_date, r.case.submission_date):
                    if day is not None:
                        theirs.append(LooseDate(day.year, day.month, day.day))
        theirs = list(dict.fromkeys(theirs))
        matches: list[dict[str, object]] = []
        total = 0.0
        for d in dates:
            best = max(((d.match(t), t) for t in theirs), default=(0.0, None), key=lambda x: x[0])
            total += best[0]
            if best[0] > 0 and best[1] is not None:
                matches.append({"complaint": str(d), "case": str(best[1]), "score": best[0]})
        score = total / len(dates)
        match = "match" if score >= 0.7 else "partial" if score >= 0.3 else "no"
        shown = sorted({str(t) for t in theirs if t.day})[:12]
        return Signal(score, match, [str(d) for d in dates], shown, matches)

    def _rights(self, wanted: Sequence[str], records: Sequence[Record]) -> Signal:
        if not wanted:
            return Signal(None, "not given")
        theirs: list[str] = []
        articles: list[str] = []
        for r in records:
            theirs.extend(r.rights)
            if r.case is not None:
                articles.extend(r.case.articles)
        theirs = list(dict.fromkeys(theirs))
        shared = [r for r in wanted if r in theirs]
        score = len(shared) / len(wanted)
        detail = [
            {
                "right": rid,
                "name": self.rights.right(rid).name("en") if rid in self.rights.rights else rid,
                "provisions": self.rights.equivalents(rid) if rid in self.rights.rights else {},
            }
            for rid in shared
        ]
        match = "match" if score >= 0.75 else "partial" if score > 0 else "no"
        return Signal(
            score, match, list(wanted), theirs[:12] or list(dict.fromkeys(articles)), detail
        )


def check_duplicates(
    complaint: Complaint,
    backend: SearchBackend,
    embedder: Embedder,
    links: CitationIndex,
    taxonomy: Any = None,
) -> DuplicateReport:
    return DuplicateChecker(backend, embedder, links, taxonomy).check(complaint)


def case_of(record: Record) -> str:
    """The case a record belongs to (exposed for the development set tools)."""
    return case_key(record)
