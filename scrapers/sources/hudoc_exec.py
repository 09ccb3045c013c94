"""HUDOC-EXEC: the Committee of Ministers' supervision of the execution of the Court's
judgments (CM decisions, notes on the agenda, action plans and reports, communications).

Interface: the HUDOC query API (see `hudoc`) at ``https://hudoc.exec.coe.int``, with
``contentsitename:EXEC``, sorted by ``execpublisheddate``; like HUDOC-ESC the listing can
return the full text in ``contentbody``, so a listed row is a whole document.

Columns: ``id, exectitle, execdocumenttype, execdocumenttypecollection, execstate,
execappno, execdocnamefromechr, execdocumentreference, execidentifier, execlanguage,
execjudgmentdate, execpublisheddate, execisclosed, execsupervision, execviolations,
exectype, execgroup, contentbody``.

Quirks: the document reference ("CM/Del/Dec(2026)1553/H46-31") is the document key, not
the case: the English and French versions of one decision share it, while the *notes*
on the same case item ("CM/Notes/1553/H46-31") are a different document;
``execappno`` joins several application numbers with ";"; ``execisclosed`` is the string
"True"/"False".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from indexer.pipeline import Item
from scrapers.importers.base import clean_field, date_fields
from scrapers.importers.legal_coe import CM_KINDS, language_of
from scrapers.importers.segment import segment_flat
from scrapers.sources.base import DocumentRef, Fetched, SourceInfo
from scrapers.sources.hudoc import HudocApi, hudoc_date, inline_ref
from scrapers.sources.hudoc_esc import html_to_flat

EXEC_HOST = "hudoc.exec.coe.int"
EXEC_COLUMNS = (
    "id", "exectitle", "execdocumenttype", "execdocumenttypecollection", "execstate",
    "execappno", "execdocnamefromechr", "execdocumentreference", "execidentifier",
    "execlanguage", "execjudgmentdate", "execpublisheddate", "execisclosed",
    "execsupervision", "execviolations", "exectype", "execgroup", "contentbody",
)  # fmt: skip
EXEC_DOCTYPES = ("CMDEC", "CMNOT", "CMINF", "apo", "acr", "obs", "gvo", "ngo", "nhri")
"""Substantive documents; case entry cards (CEC) are metadata only and left out."""


class HudocExec(HudocApi):
    info = SourceInfo(
        name="hudoc-exec",
        mechanism="Committee of Ministers of the Council of Europe: execution of ECtHR judgments",
        bodies=("CM",),
        interface="HUDOC JSON query API with full text in the listing (contentbody)",
        hosts=(EXEC_HOST,),
        licence="Council of Europe / Committee of Ministers, HUDOC-EXEC (public)",
    )
    base = f"https://{EXEC_HOST}"
    content_site = "EXEC"
    library = "EXEC"
    sort_field = "execpublisheddate"
    id_column = "id"
    columns = EXEC_COLUMNS
    type_column = "execdocumenttypecollection"
    doctypes = EXEC_DOCTYPES
    page_length = 20

    def list_documents(
        self, *, since: dt.date | None = None, limit: int | None = None
    ) -> Iterator[DocumentRef]:
        for columns, listed_at in self.rows(since, limit):
            if not clean_field(columns.get("id")):
                continue
            title = clean_field(columns.get("exectitle")) or clean_field(
                columns.get("execdocnamefromechr")
            )
            date = hudoc_date(columns.get("execpublisheddate")) or hudoc_date(
                columns.get("execjudgmentdate")
            )
            yield inline_ref(self, columns, title=title or None, date=date, listed_at=listed_at)

    def fetch(self, ref: DocumentRef) -> Fetched:
        return Fetched(ref)

    def parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        row = {k: clean_field(v) for k, v in ref.payload.items() if k != "contentbody"}
        numbers = [x.strip() for x in row.get("execappno", "").split(";") if x.strip()]
        reference = re.sub(r"\s+", "", row.get("execdocumentreference", ""))
        state = row.get("execstate") or None
        closed = row.get("execisclosed", "").lower()
        case = {
            "number": numbers[0] if numbers else None,
            "other_numbers": numbers[1:],
            "title": row.get("execdocnamefromechr") or None,
            "respondent_state": state,
            "status": {"true": "closed", "false": "pending"}.get(closed),
        }
        fields: dict[str, Any] = {
            "title": ref.title,
            "body": "CM",
            "kind": CM_KINDS.get(row.get("execdocumenttype", ""), "report_paragraph"),
            "symbol": reference or None,
            "countries": [state] if state else [],
            "case": case,
            **date_fields(ref.date),
        }
        text = html_to_flat(str(ref.payload.get("contentbody") or ""))
        yield from self.emit(
            ref,
            segment_flat(text),
            document=reference or f"EXEC/{ref.key}",
            language=language_of(row.get("execlanguage", "")),
            fields=fields,
            fetched_at=fetched.fetched_at,
        )
