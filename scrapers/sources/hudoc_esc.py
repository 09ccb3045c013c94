"""HUDOC-ESC: decisions of the European Committee of Social Rights on collective
complaints (merits, admissibility, separate opinions).

Interface: the HUDOC query API (see `hudoc`) at ``https://hudoc.esc.coe.int``, with
``contentsitename:ESC``, sorted by ``escpublicationdate``. Unlike the Court's database,
the listing can return the full text itself in the ``contentbody`` column (the public
scrapers do this), so one listing page carries whole documents and nothing else is
fetched: a listed row whose digest is unchanged costs nothing, and an unchanged listing
page costs a 304.

Columns (``select``): ``id, esctitle, escrawdctype, escdctype, escstateparty,
esccomplnum, esccomplorg, escdclanguage, escdatedec, escpublicationdate, escarticle,
escarticleviolated, escarticlenotviolated, escimportance, contentbody``.

Quirks: ``escarticle*`` are codes ("01-02-000" = Article 1§2, codes from 90 up are
appendix references; see `scrapers.importers.legal_coe.esc_articles`); the text is the
decision flattened onto one line (``contentbody`` is HTML of the whole Word file), so
paragraphs are found from their inline numbers; some documents are listed under several
ids with the same text (the store keeps one record with several provenances).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import Any

from indexer.pipeline import Item
from scrapers.importers.base import clean_field, date_fields
from scrapers.importers.legal_coe import esc_articles, language_of
from scrapers.importers.segment import segment_flat
from scrapers.sources.base import DocumentRef, Fetched, SourceInfo
from scrapers.sources.hudoc import HudocApi, hudoc_date, inline_ref

ESC_HOST = "hudoc.esc.coe.int"
ESC_COLUMNS = (
    "id", "esctitle", "escrawdctype", "escdctype", "escstateparty", "esccomplnum",
    "esccomplorg", "escdclanguage", "escdatedec", "escpublicationdate", "escarticle",
    "escarticleviolated", "escarticlenotviolated", "escimportance", "contentbody",
)  # fmt: skip
ESC_DOCTYPES = ("FOND", "ADMIS", "OPCC")
"""Decisions on the merits, on admissibility, and separate opinions."""
TYPE_LABELS = {
    "FOND": "decision on the merits",
    "ADMIS": "decision on admissibility",
    "OPCC": "separate opinion",
    "CCASST": "follow-up assessment",
}
_TAG_RE = re.compile(r"<[^>]+>")

__all__ = ["HudocEsc"]


def html_to_flat(value: str) -> str:
    """``contentbody`` (HTML) as one line of text."""
    return re.sub(r"\s+", " ", html.unescape(_TAG_RE.sub(" ", value))).strip()


class HudocEsc(HudocApi):
    info = SourceInfo(
        name="hudoc-esc",
        mechanism="European Committee of Social Rights: collective complaints decisions",
        bodies=("ECSR",),
        interface="HUDOC JSON query API with full text in the listing (contentbody)",
        hosts=(ESC_HOST,),
        licence="Council of Europe / European Committee of Social Rights, HUDOC-ESC (public)",
    )
    base = f"https://{ESC_HOST}"
    content_site = "ESC"
    library = "ESC"
    sort_field = "escpublicationdate"
    id_column = "id"
    columns = ESC_COLUMNS
    type_column = "escrawdctype"
    doctypes = ESC_DOCTYPES
    page_length = 20

    def list_documents(
        self, *, since: dt.date | None = None, limit: int | None = None
    ) -> Iterator[DocumentRef]:
        for columns, listed_at in self.rows(since, limit):
            if not clean_field(columns.get("id")):
                continue
            date = hudoc_date(columns.get("escdatedec")) or hudoc_date(
                columns.get("escpublicationdate")
            )
            yield inline_ref(
                self,
                columns,
                title=clean_field(columns.get("esctitle")) or None,
                date=date,
                listed_at=listed_at,
            )

    def fetch(self, ref: DocumentRef) -> Fetched:
        return Fetched(ref)

    def parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        row = {k: clean_field(v) for k, v in ref.payload.items() if k != "contentbody"}
        text = html_to_flat(str(ref.payload.get("contentbody") or ""))
        kind_label = TYPE_LABELS.get(row.get("escrawdctype", ""), row.get("escrawdctype", ""))
        violated, not_violated = row.get("escarticleviolated"), row.get("escarticlenotviolated")
        outcome = kind_label
        if violated or not_violated:
            outcome += (
                f"; violation: {', '.join(esc_articles(violated or '')) or 'none'}"
                f"; no violation: {', '.join(esc_articles(not_violated or '')) or 'none'}"
            )
        state = row.get("escstateparty") or None
        complainant = row.get("esccomplorg")
        case = {
            "number": row.get("esccomplnum") or None,
            "title": ref.title,
            "authors": [complainant] if complainant else [],
            "respondent_state": state,
            "articles": esc_articles(row.get("escarticle", "")),
            "decision_date": ref.date,
            "outcome": outcome or None,
        }
        fields: dict[str, Any] = {
            "title": ref.title,
            "body": "ECSR",
            "kind": "decision",
            "countries": [state] if state else [],
            "case": case,
            **date_fields(ref.date),
        }
        yield from self.emit(
            ref,
            segment_flat(text),
            document=f"ESC/{ref.key}",
            language=language_of(row.get("escdclanguage", "")),
            fields=fields,
            fetched_at=fetched.fetched_at,
        )
