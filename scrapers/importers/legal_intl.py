"""Adapters for the regional (Americas, Africa) folders of ``legal-sources-samples``.

- ``INTL/AfCHPR`` (15): African Court judgments and rulings from AfricanLII, PDF text
  with paragraph numbers alone on their lines. Parties "X v Republic of Kenya"; several
  application numbers joined by ";"; names with HTML entities ("Cote D&#x27;Ivoire").
- ``INTL/IHRDA-AfricanCL`` (15): African Commission decisions on communications, often
  a few paragraphs; the communication number leads the title ("143/95-150/96 ...");
  ``keywords`` are IHRDA labels (themes); ``headnotes`` are IHRDA's summary, not the
  Commission's words, and are not imported.
- ``INTL/IACHR-Commission`` (30): 15 merits reports, each stored twice (a file named
  after the report and a ``record_00NN`` file, same ``_id``); for three reports one copy
  has empty text. The copy with the text is kept, the other is rejected as a duplicate.
  Each report prints its header twice (cover page, then title page), so the text
  before the second "REPORT No." line is dropped. Some records are Spanish summaries
  ("Summary (spanish)") while the metadata is English: the language is left to detection.
- ``INTL/IACtHR`` (15): Inter-American Court judgments, Series C 574-588, **text in
  Spanish, title metadata in English**: the record's title is rebuilt in Spanish from the
  judgment's own heading ("Caso ... Vs. ...; Sentencia de ...") and the language is "es".
- ``INTL/ECOWASCJ`` (15): ECOWAS Court judgments from AfricanLII, OCR text ("COURT OF
  nJSTICE"); fragments of noise too short to be paragraphs are dropped, the rest kept as
  read. ``language`` holds page-navigation junk ("EnglishEnglish (en)português (pt)").
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from indexer.pipeline import Item
from scrapers.importers import taxo
from scrapers.importers.base import clean_field, date_fields, iso_date, reject
from scrapers.importers.legal_common import LICENCE_NOTE, Doc, Emit, load_docs
from scrapers.importers.segment import segment_wrapped

AU_LICENCE = f"African Union court/commission document (public), via AfricanLII; {LICENCE_NOTE}"
IHRDA_LICENCE = f"African Commission decision (public), via IHRDA case law; {LICENCE_NOTE}"
OAS_LICENCE = f"OAS (IACHR / Inter-American Court) document (public); {LICENCE_NOTE}"
ECOWAS_LICENCE = f"ECOWAS Court judgment (public), via AfricanLII; {LICENCE_NOTE}"
STATE_PREFIXES = ("The ", "Republic of ", "State of ", "Federal Republic of ", "Kingdom of ")
_VERSUS_RE = re.compile(r"\s+(?:v|vs|Vs|VS|c)\.?\s+")
_RULING_RE = re.compile(r"\b(?:RULING|ORDER|DECISION)\b")
_REPORT_LINE_RE = re.compile(r"^\s*REPORT\s+No\.", re.I | re.M)
_IACTHR_CASE_RE = re.compile(r"En el caso\s+(.+?),\s*$", re.M)
_IACTHR_SENTENCE_RE = re.compile(r"^\s*(SENTENCIA DE .+?)\s*$", re.M)
_IACTHR_TYPE_RE = re.compile(r"^\s*(\([^)]*\)?)\s*$", re.M)
_LEADING_NUMBER_RE = re.compile(r"^\s*([\d/\-]+)\s+")


def state_name(raw: str) -> str | None:
    """A party as the taxonomy knows it ("Republic of Kenya" -> "Kenya"), the raw name when
    it is styled as a State but unknown, or None for a party that is not a State (a person,
    a company, the ECOWAS Commission)."""
    name = clean_field(html.unescape(raw)).strip(" .,")
    if not name:
        return None
    candidates = [name]
    stripped = name
    for prefix in STATE_PREFIXES:
        if stripped.startswith(prefix):
            stripped = stripped[len(prefix) :]
            candidates.append(stripped)
    for candidate in candidates:
        if taxo.country_code(candidate):
            return candidate
    return name if len(candidates) > 1 else None


def _first_party(text: str) -> str:
    return re.split(r"\s+and\s+(?:Another|Others)\b|\s*\(|,", text)[0]


def parties_states(parties: str) -> tuple[str | None, list[str]]:
    """(respondent State, States concerned) of "A v B": B when it is a State; when only A
    is ("Federal Republic of Nigeria v Todd"), A is concerned but is not the respondent."""
    parts = _VERSUS_RE.split(clean_field(parties), maxsplit=1)
    if len(parts) < 2:
        return None, []
    respondent = state_name(_first_party(parts[1]))
    if respondent:
        return respondent, [respondent]
    applicant = state_name(_first_party(parts[0]))
    return None, [applicant] if applicant else []


def respondent_from_parties(parties: str) -> str | None:
    return parties_states(parties)[0]


# --- African Court ---------------------------------------------------------------------


def afchpr(root: Path) -> Iterator[Item]:
    source = "africanlii-afchpr"
    for doc in load_docs(root, "INTL/AfCHPR", source):
        if not isinstance(doc, Doc):
            yield doc
            continue
        numbers = [x.strip() for x in doc.get("case_number").split(";") if x.strip()]
        respondent, states = parties_states(doc.get("parties"))
        date = iso_date(doc.data.get("date"))
        ruling = bool(_RULING_RE.search(doc.text[:3000]))
        case = {
            "number": numbers[0] if numbers else None,
            "other_numbers": numbers[1:],
            "title": doc.get("parties") or None,
            "respondent_state": respondent,
            "decision_date": date,
        }
        fields = {
            "title": doc.get("title"),
            "body": "AFCHPR",
            "kind": "decision" if ruling else "judgment",
            "symbol": doc.get("citation") or None,
            "countries": states,
            "case": case,
            **date_fields(date),
        }
        document = doc.get("akn_uri") or doc.get("_id")
        yield from Emit(source, document, AU_LICENCE, doc, "en", fields).items(
            segment_wrapped(doc.text)
        )


# --- African Commission ----------------------------------------------------------------


def ihrda(root: Path) -> Iterator[Item]:
    source = "ihrda"
    for doc in load_docs(root, "INTL/IHRDA-AfricanCL", source):
        if not isinstance(doc, Doc):
            yield doc
            continue
        title = doc.get("title")
        number = _LEADING_NUMBER_RE.match(title)
        countries = [c.strip() for c in doc.get("country").split(",") if c.strip()]
        date = iso_date(doc.data.get("date"))
        case = {
            "number": number.group(1) if number else None,
            "title": title,
            "respondent_state": countries[0] if len(countries) == 1 else None,
            "decision_date": date,
            "outcome": doc.get("outcome") or None,
        }
        fields = {
            "title": title,
            "body": "ACHPR",
            "kind": "decision",
            "countries": countries,
            "case": case,
            "themes": taxo.themes([clean_field(k) for k in doc.data.get("keywords") or []]),
            **date_fields(date),
        }
        yield from Emit(source, doc.get("_id"), IHRDA_LICENCE, doc, "en", fields).items(
            segment_wrapped(doc.text)
        )


# --- IACHR -----------------------------------------------------------------------------


def drop_repeated_header(text: str) -> str:
    """Text from the second "REPORT No." line, when the header is printed twice."""
    starts = [m.start() for m in _REPORT_LINE_RE.finditer(text[:6000])]
    return text[starts[1] :] if len(starts) > 1 else text


def iachr(root: Path) -> Iterator[Item]:
    source = "iachr"
    copies: dict[str, list[Doc]] = {}
    for doc in load_docs(root, "INTL/IACHR-Commission", source):
        if not isinstance(doc, Doc):
            yield doc
            continue
        copies.setdefault(doc.get("_id") or doc.rel, []).append(doc)
    for item_id, docs in copies.items():
        keep = max(docs, key=lambda d: (len(d.text.strip()), d.rel))
        for other in docs:
            if other is not keep:
                yield reject(
                    source,
                    other.rel,
                    f"duplicate record: same _id {item_id} as {keep.rel}",
                    other.get("title"),
                )
        doc = keep
        country = doc.get("country")
        date = iso_date(doc.data.get("date"))
        year = int(date[:4]) if date else None
        case = {
            "number": doc.get("case_number") or None,
            "other_numbers": [doc.get("report_number")] if doc.get("report_number") else [],
            "title": doc.get("title"),
            "respondent_state": country or None,
            "outcome": doc.get("doc_type") or None,
        }
        fields: dict[str, Any] = {
            "title": doc.get("title"),
            "body": "IACHR",
            "kind": "decision",
            "symbol": doc.get("report_number") or None,
            "countries": [country] if country else [],
            "case": case,
            # The sample's dates are 1 January of the report's year: only the year is real.
            **date_fields(year=year),
        }
        yield from Emit(source, item_id, OAS_LICENCE, doc, None, fields).items(
            segment_wrapped(drop_repeated_header(doc.text))
        )


# --- Inter-American Court --------------------------------------------------------------


def spanish_title(text: str, fallback: str) -> str:
    """ "Caso X Vs. Y. Sentencia de 4 de diciembre de 2025 (Fondo, ...)" from the judgment."""
    head = text[:3000]
    case = _IACTHR_CASE_RE.search(head)
    sentence = _IACTHR_SENTENCE_RE.search(head)
    if not case or not sentence:
        return fallback
    title = f"Caso {clean_field(case.group(1))}. {sentence.group(1).strip().capitalize()}"
    kind = _IACTHR_TYPE_RE.search(head[sentence.end() : sentence.end() + 300])
    if kind:
        title += f" {clean_field(kind.group(1))}"
    return title


def iacthr(root: Path) -> Iterator[Item]:
    source = "iacthr"
    for doc in load_docs(root, "INTL/IACtHR", source):
        if not isinstance(doc, Doc):
            yield doc
            continue
        series = doc.data.get("series_c_number")
        case_name = doc.get("case_name")
        respondent = respondent_from_parties(case_name)
        date = iso_date(doc.data.get("date"))
        number = f"Serie C No. {series}" if series else None
        case = {
            "number": number,
            "title": spanish_title(doc.text, case_name),
            "respondent_state": respondent,
            "decision_date": date,
            "outcome": doc.get("judgment_type") or None,
        }
        fields = {
            "title": spanish_title(doc.text, doc.get("title")),
            "body": "IACTHR",
            "kind": "judgment",
            "symbol": number,
            "countries": [respondent] if respondent else [],
            "case": case,
            **date_fields(date),
        }
        document = f"IACtHR/C/{series}" if series else doc.get("_id")
        language = clean_field(doc.data.get("language")) or "es"
        yield from Emit(source, document, OAS_LICENCE, doc, language, fields).items(
            segment_wrapped(doc.text)
        )


# --- ECOWAS Court ----------------------------------------------------------------------


def ecowas(root: Path) -> Iterator[Item]:
    source = "africanlii-ecowas"
    for doc in load_docs(root, "INTL/ECOWASCJ", source):
        if not isinstance(doc, Doc):
            yield doc
            continue
        numbers = [re.sub(r"\s+", "", x) for x in doc.get("case_number").split(";") if x.strip()]
        title = doc.get("title")
        respondent, states = parties_states(title.split(" (")[0])
        date = iso_date(doc.data.get("date"))
        case = {
            "number": numbers[0] if numbers else None,
            "other_numbers": numbers[1:],
            "title": title.split(" (")[0],
            "respondent_state": respondent,
            "decision_date": date,
        }
        fields = {
            "title": title,
            "body": "ECOWAS-CCJ",
            "kind": "judgment",
            "symbol": doc.get("citation") or None,
            "countries": states,
            "case": case,
            **date_fields(date),
        }
        yield from Emit(source, doc.get("_id"), ECOWAS_LICENCE, doc, "en", fields).items(
            segment_wrapped(doc.text)
        )
