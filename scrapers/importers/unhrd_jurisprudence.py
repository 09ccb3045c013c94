"""UNHRD treaty-body jurisprudence: 4,335 decisions, 152,862 paragraphs.

Dataset: ``json_jurisprudence.tar.gz`` (one JSON array per decision of paragraphs
``{ID, Section, Labels, Text}``, some with ``Footnotes``, ``OriginalID``, ``GeneratedID``,
``Namespace``, OCR fields) and ``docs_jur_shards_metadata.tar.gz`` (UNHRD's web shards:
``treaty, country, year, outcome`` for 1,364 of the decisions). Both are read in place.

Quirks:

- no per-file metadata: the file name is the lower-cased symbol (see `juris_meta`); the
  shards give the country where present, the rest is read from the text. The outcome is
  read from the operative paragraphs first: the shards' ``outcome`` label contradicts the
  text in many decisions (CAT "would not constitute a breach of article 3" labelled
  "violation_found"), and is used only where the text says nothing recognisable;
- the shards' ``year`` is the year in the symbol, i.e. the year the communication was
  **registered**, not when it was decided. The record's date is the Committee's own date
  when the text states it ("At its meeting on ...", "Date of adoption of Views: ...");
  otherwise its year is the year of the session that adopted it ("CCPR/C/**80**/D/..."),
  learned from the decisions that do state a date (first pass over the archive) and
  interpolated between sessions;
- nine decisions are stored twice under variant file names ("ccpr-c-134d-2849-2016",
  "ccpr-c-134-d-2849-2016"): ids are keyed by file, work keys by symbol, so the store
  keeps one record with two provenances where the texts agree;
- IDs repeat within 405 decisions (individual opinions restart at "1.", annexes): keys
  get "~2"; a null ID (OCR'd decisions) uses ``Namespace-GeneratedID``; an ID the curators
  generated ("G1.", "OP2-U1.") is a key, not a printed paragraph number;
- footnote anchors "[[fn:22]]" in texts and section titles are removed;
- files without "-d-" ("cat-c-54-3") are follow-up progress reports, kind report_paragraph.

Licence: UN documents; the curation is CC BY-NC-SA 4.0 (attribution in `unhrd_common`).
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from indexer.pipeline import Item
from scrapers.importers import taxo
from scrapers.importers.base import date_fields, identify, make_candidate, provenance, short
from scrapers.importers.juris_meta import FileSymbol, own_date, parse_file_name, read_case
from scrapers.importers.legal_common import TREATY_OF_BODY
from scrapers.importers.unhrd_common import (
    DEFAULT_PATH,
    LICENCE,
    UN_DOCUMENT_URL,
    json_members,
    labels_of,
    pieces,
    strip_footnote_marks,
)

__all__ = ["DEFAULT_PATH", "iter_items"]

SOURCE = "unhrd-jurisprudence"
TARBALL = "json_jurisprudence.tar.gz"
FOLDER = "json_jurisprudence"
SHARDS_TARBALL = "docs_jur_shards_metadata.tar.gz"
SHARDS_FOLDER = "shards"
VIEW_OUTCOMES = frozenset({"violation_found", "merits_no_violation", "views"})
MIN_YEAR = 1977


# --- metadata sources ------------------------------------------------------------------


def shard_metadata(root: Path) -> dict[str, dict[str, Any]]:
    """docId -> {country, year, outcome} from the shards that were copied."""
    meta: dict[str, dict[str, Any]] = {}
    path = root / SHARDS_TARBALL
    if not path.exists():
        return meta
    for _, data in json_members(path, SOURCE, folder=SHARDS_FOLDER):
        if not isinstance(data, dict):
            continue
        for para in data.get("paragraphs") or []:
            doc_id = para.get("docId")
            if doc_id and doc_id not in meta:
                meta[doc_id] = {
                    "country": para.get("country"),
                    "year": para.get("year"),
                    "outcome": para.get("outcome"),
                }
    return meta


class SessionYears:
    """Year of a committee session, from the decisions that state their own date."""

    def __init__(self) -> None:
        self._seen: dict[str, dict[int, list[int]]] = {}
        self._known: dict[str, dict[int, int]] = {}

    def add(self, body: str, session: int | None, date: str | None) -> None:
        if session and date:
            self._seen.setdefault(body, {}).setdefault(session, []).append(int(date[:4]))
            self._known.pop(body, None)

    def table(self, body: str) -> dict[int, int]:
        """session -> median stated year, for one body, without the sessions whose year
        breaks the order of sessions (a date quoted from an older case)."""
        if body not in self._known:
            seen = self._seen.get(body, {})
            medians = sorted((s, int(statistics.median(ys))) for s, ys in seen.items())
            self._known[body] = dict(monotone(medians))
        return self._known[body]

    def year(self, body: str, session: int | None) -> int | None:
        known = self.table(body)
        if not session or not known:
            return None
        if session in known:
            return known[session]
        sessions = sorted(known)
        at = bisect.bisect_left(sessions, session)
        if at in (0, len(sessions)):
            # Outside the sessions seen: extend at the body's own pace (years per session).
            first, last = sessions[0], sessions[-1]
            pace = (known[last] - known[first]) / (last - first) if last > first else 0.0
            edge = first if at == 0 else last
            return round(known[edge] + (session - edge) * pace)
        lo, hi = sessions[at - 1], sessions[at]
        share = (session - lo) / (hi - lo)
        return round(known[lo] + share * (known[hi] - known[lo]))


def monotone(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of (session, year) points whose years never decrease."""
    best: list[list[tuple[int, int]]] = []
    for point in points:
        fits = [run for run in best if run[-1][1] <= point[1]]
        longest = max(fits, key=len) if fits else []
        best.append([*longest, point])
    return max(best, key=len) if best else []


def texts_of(paragraphs: list[dict[str, Any]]) -> list[str]:
    return [strip_footnote_marks(str(p.get("Text") or "")) for p in paragraphs]


def first_pass(root: Path) -> SessionYears:
    years = SessionYears()
    for name, data in json_members(root / TARBALL, SOURCE, folder=FOLDER):
        parsed = parse_file_name(name[:-5])
        if parsed is None or not isinstance(data, list):
            continue
        if parsed.is_decision:
            years.add(parsed.body, parsed.session, own_date("\n".join(texts_of(data))))
    return years


# --- paragraphs ------------------------------------------------------------------------


def paragraph_number(para: dict[str, Any]) -> tuple[str | None, str | None]:
    """(printed number, key) of one paragraph; generated IDs are keys only."""
    raw = str(para.get("ID") or "").strip()
    generated = para.get("GeneratedParagraphID") is True or para.get("GeneratedID") not in (
        None,
        False,
    )
    if not raw and para.get("GeneratedID") not in (None, True, False):
        raw = f"{para.get('Namespace') or 'g'}-{para['GeneratedID']}"
    key = raw.rstrip(".") or None
    return (None if generated else key), key


def registration_year(parsed: FileSymbol) -> int | None:
    years = [int(n.split("/")[-1]) for n in parsed.numbers if n.split("/")[-1].isdigit()]
    return max(years) if years else None


def iter_items(root: Path) -> Iterator[Item]:
    shards = shard_metadata(root)
    session_years = first_pass(root)
    for name, data in json_members(root / TARBALL, SOURCE, folder=FOLDER):
        if not isinstance(data, list):
            yield data  # a Reject
            continue
        stem = name[:-5]
        parsed = parse_file_name(stem)
        if parsed is None:
            continue
        yield from decision_items(stem, parsed, data, shards.get(stem, {}), session_years)


def decision_items(
    stem: str,
    parsed: FileSymbol,
    paragraphs: list[dict[str, Any]],
    shard: dict[str, Any],
    session_years: SessionYears,
) -> Iterator[Item]:
    texts = texts_of(paragraphs)
    read = read_case(texts, taxo.country_code)
    shard_states = [c.strip() for c in str(shard.get("country") or "").split(",") if c.strip()]
    states = shard_states or ([read.state_party] if read.state_party else [])
    state = states[0] if len(states) == 1 else None
    # The text's own operative words win over the shards' outcome label, which is wrong
    # for many CAT removal cases ("does not constitute a breach" labelled a violation).
    outcome = read.outcome or shard.get("outcome")
    if not parsed.is_decision:
        kind = "report_paragraph"
    elif outcome in VIEW_OUTCOMES and parsed.body != "CAT":
        kind = "view"
    else:
        kind = "decision"
    year: int | None = None
    if not read.date:
        registered = registration_year(parsed)
        year = session_years.year(parsed.body, parsed.session) or shard.get("year") or registered
        if year and registered:
            year = max(year, registered)
        if year and year < MIN_YEAR:
            year = None
    treaty = TREATY_OF_BODY.get(parsed.body, parsed.body)
    case: dict[str, Any] | None = None
    if parsed.is_decision:
        case = {
            "number": parsed.numbers[0] if parsed.numbers else None,
            "other_numbers": [*parsed.numbers[1:], *parsed.other_symbols],
            "authors": [read.author] if read.author else [],
            "respondent_state": state,
            "articles": [f"{treaty} {n}" for n in read.articles],
            "decision_date": read.date,
            "submission_date": read.submission_date,
            "outcome": outcome,
        }
    number = parsed.numbers[0] if parsed.numbers else None
    title = (
        f"{parsed.symbol}"
        + (f", communication No. {number}" if number else "")
        + (f" ({', '.join(states)})" if states else "")
    )
    base: dict[str, Any] = {
        "title": title,
        "body": parsed.body,
        "kind": kind,
        "symbol": parsed.symbol,
        "countries": states,
        "case": case,
        **date_fields(read.date, year),
    }
    url = UN_DOCUMENT_URL.format(symbol=parsed.symbol)
    seen: dict[str, int] = {}
    for index, (para, text) in enumerate(zip(paragraphs, texts, strict=True)):
        number_printed, key = paragraph_number(para)
        key = key or f"u{index}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}~{seen[key]}"
        location = f"{TARBALL}:{FOLDER}/{stem}.json#{index}"
        section = strip_footnote_marks(str(para.get("Section") or "")).strip()
        for piece, piece_key in pieces(text, key):
            fields = {
                **base,
                "text": piece,
                "paragraph": number_printed,
                "section": short(section, 300),
                "affected_persons": taxo.affected_persons(labels_of(para)),
                "provenance": [
                    provenance(
                        source=SOURCE,
                        source_id=f"{stem}#{piece_key}",
                        licence=LICENCE,
                        location=location,
                        url=url,
                    )
                ],
            }
            identify(
                fields,
                source=SOURCE,
                document=parsed.symbol,
                pkey=piece_key,
                language=None,
                id_document=stem,
            )
            yield make_candidate(fields, location)
