"""Adapters for the UN folders of ``legal-sources-samples``.

- ``UN/UHRI`` (15): Universal Human Rights Index annotations of E/C.12/AUS/CO/6. Each is
  already one paragraph: its first line is the CO's subheading, the second starts with
  the paragraph number, often glued ("3.The Committee ..."). Annotation type gives the
  kind; themes, SDGs (goal or target labels, "16.a - ..."), affected persons as labels.
  Their ``date`` is the day of the UHRI export, not of the document, so it is not used.
- ``UN/TreatyBodyDB`` (14 of 15; one file is missing): general comments, full text with
  "\\r\\n\\n" line breaks and a table of contents whose page numbers sit on their own
  lines. One record (CEDAW/C/GC/27) holds the bytes of a Word .doc instead of text and is
  rejected as unreadable.
- ``UN/TreatyBodyJuris`` (15) and ``UN/OHCHR-Juris`` (10): treaty-body decisions, full text,
  cover page then annex. OHCHR-Juris text is UTF-16LE read byte by byte (repaired by
  `utf16_repair`), its ``treaty_body`` is sometimes empty (taken from the symbol), its
  names hold HTML entities. Three decisions are in both; they are keyed by their symbol
  so that both copies segment into the same paragraphs, and the store merges them.
- ``UN/UPRDocuments`` (10): UPR national reports, UN compilations, stakeholder summaries.
- ``UN/ODS`` (15, GA resolutions 79/1-15, line-wrapped PDF text) and ``UN/DigitalLibrary``
  (15, GA resolutions 80/231-246 and ES-11/10, flattened onto one line).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from indexer.pipeline import Item
from scrapers.importers import taxo
from scrapers.importers.base import clean_field, date_fields, iso_date, reject
from scrapers.importers.legal_common import (
    LICENCE_NOTE,
    TREATY_OF_BODY,
    Doc,
    Emit,
    SharedTexts,
    load_docs,
)
from scrapers.importers.segment import Para, segment_flat, segment_wrapped
from scrapers.importers.utf16_repair import repair
from scrapers.parse.segment import split_number

UN_LICENCE = f"UN document (UN terms of use); {LICENCE_NOTE}"
OLE2_SIGNATURE = "\x11\u0871\x1a"
"""How the magic bytes of a Word .doc (D0 CF 11 E0 A1 B1 1A E1) read as UTF-8."""
GARBAGE_SHARE = 0.3
_SDG_RE = re.compile(r"^\s*(\d{1,2})(?:\.\w+)?\s+-")
_PAGE_NUMBER_LINE_RE = re.compile(r"^\s*\d{1,3}\s*$")
SYMBOL_BODY = (
    ("CCPR/", "CCPR"),
    ("CAT/", "CAT"),
    ("E/C.12/", "CESCR"),
    ("CEDAW/", "CEDAW"),
    ("CRC/", "CRC"),
    ("CERD/", "CERD"),
    ("CRPD/", "CRPD"),
    ("CED/", "CED"),
    ("CMW/", "CMW"),
)


def normalise_symbol(symbol: str) -> str:
    return re.sub(r"\s+", "", clean_field(symbol)).upper()


def body_from_symbol(symbol: str) -> str | None:
    return next((body for prefix, body in SYMBOL_BODY if symbol.startswith(prefix)), None)


def unreadable(text: str) -> str | None:
    """Why a text cannot be used at all (binary content), or None."""
    if OLE2_SIGNATURE in text[:64]:
        return "unreadable text: the record holds the bytes of a Word .doc file"
    sample = text[:4000]
    bad = sum(1 for c in sample if c == "\ufffd" or (ord(c) < 32 and c not in "\r\n\t\f"))
    if sample and bad / len(sample) > GARBAGE_SHARE:
        return "unreadable text: binary or undecodable content"
    return None


def sdg_goals(labels: list[str]) -> list[int]:
    goals = []
    for label in labels:
        match = _SDG_RE.match(label)
        if match and 1 <= int(match.group(1)) <= 17:
            goals.append(int(match.group(1)))
    return sorted(set(goals))


def split_countries(value: str) -> list[str]:
    """ "Denmark,Iran (Islamic Republic of)": names joined by a comma without a space."""
    return [x.strip() for x in re.split(r",(?=\S)", value) if x.strip()]


def article_numbers(values: list[str]) -> list[str]:
    """ "9 (1)" -> "9"; the sample's placeholder "No articles found" is dropped."""
    out = []
    for value in values:
        match = re.match(r"\s*(\d{1,3})", clean_field(value))
        if match:
            out.append(match.group(1))
    return list(dict.fromkeys(out))


# --- UHRI ------------------------------------------------------------------------------


def uhri(root: Path) -> Iterator[Item]:
    source = "uhri"
    for doc in load_docs(root, "UN/UHRI", source):
        if not isinstance(doc, Doc):
            yield doc
            continue
        lines = [x.strip() for x in doc.text.split("\n") if x.strip()]
        heading = lines[0] if len(lines) > 1 else None
        body_text = " ".join(lines[1:] if heading else lines)
        number, rest = split_number(body_text)
        symbol = normalise_symbol(doc.get("symbol"))
        annotation = doc.get("annotation_type")
        kind = "recommendation" if annotation.startswith("Recommendation") else "observation"
        fields: dict[str, Any] = {
            "title": doc.get("title"),
            "body": doc.get("body"),
            "kind": kind,
            "symbol": symbol,
            "countries": [clean_field(c) for c in doc.data.get("countries") or []],
            "themes": taxo.themes([clean_field(x) for x in doc.data.get("themes") or []]),
            "affected_persons": taxo.affected_persons(
                [clean_field(x) for x in doc.data.get("affected_persons") or []]
            ),
            "sdgs": sdg_goals([clean_field(x) for x in doc.data.get("sdgs") or []]),
        }
        emit = Emit(source, symbol, UN_LICENCE, doc, None, fields, source_id=doc.get("_id"))
        yield from emit.items([Para(number, rest if number else body_text, heading)])


# --- general comments ------------------------------------------------------------------


def treatybody_db(root: Path) -> Iterator[Item]:
    source = "treatybody-db"
    for doc in load_docs(root, "UN/TreatyBodyDB", source):
        if not isinstance(doc, Doc):
            yield doc
            continue
        problem = unreadable(doc.text)
        if problem:
            yield reject(source, doc.rel, problem, doc.get("symbol"))
            continue
        symbol = normalise_symbol(doc.get("symbol"))
        text = "\n".join("" if _PAGE_NUMBER_LINE_RE.match(x) else x for x in doc.text.splitlines())
        fields = {
            "title": doc.get("title"),
            "body": doc.get("committee") or body_from_symbol(symbol),
            "kind": "general_comment",
            "symbol": symbol,
            **date_fields(iso_date(doc.data.get("date"))),
        }
        yield from Emit(source, symbol, UN_LICENCE, doc, None, fields).items(segment_wrapped(text))


# --- decisions on individual communications --------------------------------------------


def decision_kind(body: str, decision_type: str) -> str:
    """Views are what the committees adopt on the merits; CAT calls them decisions."""
    if "merits" in decision_type.lower() and body != "CAT":
        return "view"
    return "decision"


def _juris(
    root: Path,
    folder: str,
    source: str,
    *,
    text_of: Callable[[Doc], str],
    shared: SharedTexts,
    first: bool,
) -> Iterator[Item]:
    for doc in load_docs(root, folder, source):
        if not isinstance(doc, Doc):
            yield doc
            continue
        text = text_of(doc)
        problem = unreadable(text)
        if problem:
            yield reject(source, doc.rel, problem, doc.get("symbol"))
            continue
        symbol = normalise_symbol(doc.get("symbol"))
        body = doc.get("treaty_body") or doc.get("body") or body_from_symbol(symbol) or ""
        countries = split_countries(doc.get("country"))
        decision_type = doc.get("decision_type")
        date = iso_date(doc.data.get("date"))
        prefix = TREATY_OF_BODY.get(body, body)
        case = {
            "number": doc.get("communication_number") or doc.get("communication_no"),
            "title": doc.get("title"),
            "authors": [doc.get("author")] if doc.get("author") else [],
            "respondent_state": countries[0] if countries else None,
            "articles": [
                f"{prefix} {n}" for n in article_numbers(doc.data.get("substantive_articles") or [])
            ],
            "decision_date": date,
            "submission_date": iso_date(doc.data.get("submission_date")),
            "outcome": decision_type or None,
        }
        fields = {
            "title": doc.get("title"),
            "body": body,
            "kind": decision_kind(body, decision_type),
            "symbol": symbol,
            "countries": countries,
            "case": case,
            **date_fields(date),
        }
        paras = segment_wrapped(text)
        if first:
            shared.remember(symbol, paras)
        else:
            paras = shared.align(symbol, paras)
        yield from Emit(source, symbol, UN_LICENCE, doc, None, fields).items(paras)


def treatybody_juris(root: Path, shared: SharedTexts | None = None) -> Iterator[Item]:
    """TreatyBodyJuris decisions; their paragraph texts are remembered in ``shared``."""
    return _juris(
        root,
        "UN/TreatyBodyJuris",
        "treatybody-juris",
        text_of=lambda d: d.text,
        shared=shared or SharedTexts(),
        first=True,
    )


def ohchr_juris(root: Path, shared: SharedTexts | None = None) -> Iterator[Item]:
    """OHCHR-Juris decisions, repaired, and aligned on TreatyBodyJuris where both agree."""
    return _juris(
        root,
        "UN/OHCHR-Juris",
        "ohchr-juris",
        text_of=lambda d: repair(d.text),
        shared=shared or SharedTexts(),
        first=False,
    )


# --- UPR documents, GA resolutions -----------------------------------------------------


def upr_documents(root: Path) -> Iterator[Item]:
    source = "upr-documents"
    for doc in load_docs(root, "UN/UPRDocuments", source):
        if not isinstance(doc, Doc):
            yield doc
            continue
        symbol = normalise_symbol(doc.get("symbol"))
        session = doc.data.get("session")
        upr: dict[str, Any] = {}
        if isinstance(session, int):
            upr = {"session": session, "cycle": doc.data.get("cycle")}
        fields = {
            "title": doc.get("title"),
            "body": "UPR",
            "kind": "report_paragraph",
            "symbol": symbol,
            "countries": [doc.get("country_code") or doc.get("country_reviewed")],
            "upr": upr,
            **date_fields(iso_date(doc.data.get("date"))),
        }
        yield from Emit(source, symbol, UN_LICENCE, doc, None, fields).items(
            segment_wrapped(doc.text)
        )


def _resolutions(root: Path, folder: str, source: str, *, flat: bool) -> Iterator[Item]:
    for doc in load_docs(root, folder, source):
        if not isinstance(doc, Doc):
            yield doc
            continue
        symbol = normalise_symbol(doc.get("symbol"))
        title = doc.get("title")
        if not title or title.startswith(("Issued in", "General Assembly Resolution")):
            title = f"General Assembly resolution {symbol}"
        fields = {
            "title": title,
            "body": "GA",
            "kind": "resolution",
            "symbol": symbol,
            **date_fields(iso_date(doc.data.get("date"))),
        }
        paras = segment_flat(doc.text) if flat else segment_wrapped(doc.text)
        yield from Emit(source, symbol, UN_LICENCE, doc, None, fields).items(paras)


def ods(root: Path) -> Iterator[Item]:
    return _resolutions(root, "UN/ODS", "un-ods", flat=False)


def digital_library(root: Path) -> Iterator[Item]:
    return _resolutions(root, "UN/DigitalLibrary", "un-digital-library", flat=True)
