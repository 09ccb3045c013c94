"""Adapters for the Council of Europe folders of ``legal-sources-samples``.

- ``CoE/HUDOC`` (19): ECtHR judgments and decisions, flattened onto one line. Language
  versions of one judgment share its ECLI (Lawless v. Ireland No. 1 in English 001-57516,
  French 001-62074, a German summary and a Romanian translation), so the ECLI is the
  document key and numbered paragraphs line up across languages. ``application_number``
  is junk ("MS WORD", "TEXT", "ACROBAT"): the number is read from the ECLI instead
  (its last nine digits are the application number and year, "000033257" = 332/57).
- ``CoE/HUDOC-ESC`` (15): European Committee of Social Rights decisions and separate
  opinions, flattened; some documents are stored under several item ids with the same
  text (the store keeps one record with several provenances). Articles are codes
  ("01-02-000" = Article 1§2; codes from 90 up are appendix/protocol references).
- ``CoE/HUDOCExec`` (12): Committee of Ministers execution documents, flattened. Only
  93177 (EN) and 93211 (FR) are the same document (CM/Del/Dec(2026)1553/H46-31); 93133
  and 93121 are the French *notes* for H46-31 and H46-19, a different document from the
  decisions, so the document reference, not the case, is the document key.
- ``CoE/CPTReports`` (12): CPT report sections, blank-line paragraphs led by a bullet
  "-" that stands for the lost list number. The first line is the report's title and the
  second a "CPT/Inf(...) | Section: 1/39 | Date: ..." header. English/French versions of
  one section share paragraph keys by position, section by section, where both versions
  have the same number of paragraphs in that section.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from indexer.pipeline import Item
from scrapers.importers.base import clean_field, date_fields, iso_date
from scrapers.importers.legal_common import LICENCE_NOTE, Doc, Emit, load_docs
from scrapers.importers.segment import Para, segment_flat, segment_wrapped

COE_LICENCE = f"Council of Europe document (public); {LICENCE_NOTE}"
HUDOC_LANGUAGES = {"eng": "en", "fre": "fr", "ger": "de", "rum": "ro", "spa": "es"}
_ECLI_APPNO_RE = re.compile(r"(?:JUD|DEC)(\d{9})$")
_ECHR_ARTICLE_RE = re.compile(
    r"\b[Aa]rticle\s+(\d{1,2})(?:[-–]\d+)*(?:\s+of\s+Protocol\s+No\.\s*(\d{1,2}))?"
    r"|\bl'article\s+(\d{1,2})"
)
_CPT_HEADER_RE = re.compile(r"^\s*(?:CPT/Inf.*)?\|\s*Section:.*$")
_BULLET_RE = re.compile(r"^\s*-\s+")
CM_KINDS = {"CMDEC": "decision"}


def language_of(code: str) -> str | None:
    code = code.strip().lower()
    return HUDOC_LANGUAGES.get(code[:3]) if code else None


def appno_from_ecli(ecli: str) -> str | None:
    match = _ECLI_APPNO_RE.search(ecli)
    if not match:
        return None
    digits = match.group(1)
    return f"{int(digits[:-2])}/{digits[-2:]}"


def echr_articles(conclusion: str) -> list[str]:
    out = []
    for match in _ECHR_ARTICLE_RE.finditer(conclusion):
        article, protocol, french = match.groups()
        if french:
            out.append(f"ECHR {french}")
        elif protocol:
            out.append(f"ECHR P{protocol}-{article}")
        else:
            out.append(f"ECHR {article}")
    return list(dict.fromkeys(out))


def hudoc(root: Path) -> Iterator[Item]:
    source = "hudoc"
    for doc in load_docs(root, "CoE/HUDOC", source):
        if not isinstance(doc, Doc):
            yield doc
            continue
        ecli = doc.get("ecli")
        language = language_of(doc.get("language"))
        conclusion = doc.get("conclusion")
        date = iso_date(doc.data.get("date"))
        kind = "decision" if doc.get("case_type") == "decision" else "judgment"
        case = {
            "number": appno_from_ecli(ecli),
            "title": doc.get("title"),
            "respondent_state": doc.get("respondent_state") or None,
            "articles": echr_articles(conclusion),
            "decision_date": date,
            "outcome": conclusion or None,
        }
        fields: dict[str, Any] = {
            "title": doc.get("title"),
            "body": "ECTHR",
            "kind": kind,
            "symbol": ecli or None,
            "countries": [doc.get("respondent_state")],
            "case": case,
            **date_fields(date),
        }
        document = ecli or doc.get("_id")
        yield from Emit(source, document, COE_LICENCE, doc, language, fields).items(
            segment_flat(doc.text)
        )


def esc_articles(codes: str) -> list[str]:
    """ "01-02-000" -> "ESC 1§2", "23-00-000" -> "ESC 23"; codes from 90 up are skipped."""
    out = []
    for code in codes.split(";"):
        parts = code.strip().split("-")
        if len(parts) < 2 or not parts[0].isdigit() or int(parts[0]) >= 90:
            continue
        article, paragraph = int(parts[0]), parts[1]
        sub = int(paragraph) if paragraph.isdigit() else 0
        out.append(f"ESC {article}§{sub}" if sub else f"ESC {article}")
    return list(dict.fromkeys(out))


def hudoc_esc(root: Path) -> Iterator[Item]:
    source = "hudoc-esc"
    for doc in load_docs(root, "CoE/HUDOC-ESC", source):
        if not isinstance(doc, Doc):
            yield doc
            continue
        date = iso_date(doc.data.get("date"))
        violated = doc.get("articles_violated")
        not_violated = doc.get("articles_not_violated")
        outcome = doc.get("document_type_label").replace("_", " ")
        if violated or not_violated:
            outcome += (
                f"; violation: {', '.join(esc_articles(violated)) or 'none'}"
                f"; no violation: {', '.join(esc_articles(not_violated)) or 'none'}"
            )
        case = {
            "number": doc.get("complaint_number"),
            "title": doc.get("title"),
            "authors": [doc.get("complainant")] if doc.get("complainant") else [],
            "respondent_state": doc.get("respondent_state") or None,
            "articles": esc_articles(doc.get("articles")),
            "decision_date": date,
            "outcome": outcome,
        }
        fields = {
            "title": doc.get("title"),
            "body": "ECSR",
            "kind": "decision",
            "countries": [doc.get("respondent_state")],
            "case": case,
            **date_fields(date),
        }
        document = f"ESC/{doc.get('_id')}"
        yield from Emit(
            source, document, COE_LICENCE, doc, language_of(doc.get("language")), fields
        ).items(segment_flat(doc.text))


def hudoc_exec(root: Path) -> Iterator[Item]:
    source = "hudoc-exec"
    for doc in load_docs(root, "CoE/HUDOCExec", source):
        if not isinstance(doc, Doc):
            yield doc
            continue
        numbers = [x.strip() for x in doc.get("application_number").split(";") if x.strip()]
        reference = re.sub(r"\s+", "", doc.get("document_reference"))
        date = iso_date(doc.data.get("date"))
        closed = doc.get("is_closed").lower()
        case = {
            "number": numbers[0] if numbers else None,
            "other_numbers": numbers[1:],
            "title": doc.get("case_name") or None,
            "respondent_state": doc.get("respondent_state") or None,
            "status": {"true": "closed", "false": "pending"}.get(closed),
        }
        fields = {
            "title": doc.get("title"),
            "body": "CM",
            "kind": CM_KINDS.get(doc.get("document_type"), "report_paragraph"),
            "symbol": reference or None,
            "countries": [doc.get("respondent_state")],
            "case": case,
            **date_fields(date),
        }
        yield from Emit(
            source,
            reference or doc.get("_id"),
            COE_LICENCE,
            doc,
            language_of(doc.get("language")),
            fields,
        ).items(segment_flat(doc.text))


# --- CPT ----------------------------------------------------------------------------


def cpt_paragraphs(text: str) -> tuple[str, list[Para]]:
    """(report title, paragraphs) of one CPT section."""
    lines = text.replace("\r\n", "\n").split("\n")
    title = clean_field(lines[0]) if lines else ""
    body: list[str] = []
    for line in lines[1:]:
        if _CPT_HEADER_RE.match(line):
            continue
        stripped = _BULLET_RE.sub("", line.replace("\u00a0", " "))
        body.append("" if stripped.strip() in ("", "-") else stripped)
    return title, segment_wrapped("\n".join(body), blank_line_breaks=True)


def section_shape(paras: list[Para]) -> list[int]:
    """Paragraphs per section, in order: two translations with the same shape line up."""
    shape: list[int] = []
    previous: object = object()
    for para in paras:
        if para.heading != previous:
            shape.append(0)
            previous = para.heading
        shape[-1] += 1
    return shape


def aligned_keys(paras: list[Para], shapes: list[list[int]], language: str | None) -> list[str]:
    """Keys "s2.p3" for paragraphs of sections that have the same number of paragraphs in
    every language version (the n-th paragraph of a section is then the same paragraph);
    language-qualified keys elsewhere, where a translation merged or split paragraphs."""
    own = section_shape(paras)
    same_sections = all(len(shape) == len(own) for shape in shapes)
    keys: list[str] = []
    section, position = -1, 0
    previous: object = object()
    for index, para in enumerate(paras):
        if para.heading != previous:
            section, position, previous = section + 1, 0, para.heading
        aligned = same_sections and all(shape[section] == own[section] for shape in shapes)
        keys.append(f"s{section}.p{position}" if aligned else f"{language or 'xx'}:u{index}")
        position += 1
    return keys


def cpt_reports(root: Path) -> Iterator[Item]:
    source = "hudoc-cpt"
    docs: list[Doc] = []
    for doc in load_docs(root, "CoE/CPTReports", source):
        if isinstance(doc, Doc):
            docs.append(doc)
        else:
            yield doc
    parsed = {doc.rel: cpt_paragraphs(doc.text) for doc in docs}
    stems: dict[str, list[Doc]] = {}
    for doc in docs:
        stems.setdefault(re.sub(r"-(?:en|fr)$", "", doc.get("_id")), []).append(doc)
    for stem, versions in stems.items():
        shapes = [section_shape(parsed[d.rel][1]) for d in versions]
        for doc in versions:
            report_title, paras = parsed[doc.rel]
            language = language_of(doc.get("language"))
            keys = aligned_keys(paras, shapes, language) if len(versions) > 1 else None
            section = doc.get("title")
            state = doc.get("state")
            date = iso_date(doc.data.get("date"))
            fields = {
                "title": f"{report_title} – {section}" if section else report_title,
                "body": "CPT",
                "kind": "report_paragraph",
                "symbol": re.sub(r"\s+", "", doc.get("reference")) or None,
                "countries": [state] if state else [],
                **date_fields(date),
            }
            section_no = re.search(r"Section:\s*(\d+)", doc.text)
            document = f"CPT/{stem}/{section_no.group(1) if section_no else '1'}"
            yield from Emit(source, document, COE_LICENCE, doc, language, fields).items(
                paras, keys=keys
            )
