"""HUDOC-CPT: reports and public statements of the European Committee for the
Prevention of Torture (CPT), section by section.

Interface: the HUDOC query API (see `hudoc`) at ``https://hudoc.cpt.coe.int``:

- listing: ``query=contentsitename=CPT AND cptsectionnumber="0001"`` (one row per
  document: its first section) with ``select=cptdocumentid, cptsectiontitle,
  cptdocumentdate, cptdocumenttype, cptstate, cptvisittype, cptvisityear, cptlanguage,
  cptsectiontotal, cptdocumentreference, cptkeywords, cptpublicationdate``, sorted by
  ``cptdocumentdate Descending``;
- a section's HTML: ``GET /app/conversion/docx/section/html/body?library=CPT
  &id={cptdocumentid}&sectionnumber=0001`` (four digits);
- the site expects ``Referer: https://hudoc.cpt.coe.int/eng`` (sent with every request).

A crawled *document* is one section ("p-alb-20230504-en/0001"): a report has up to ~40
sections, each fetched and revalidated on its own. ``--set sections=1`` keeps only the
first section of each report (the executive summary in recent reports).

Quirks: a section's HTML starts with the report's title, then a line "CPT/Inf(2024)01 |
Section: 1/39 | Date: 24/11/2023", then the section; paragraphs are the CPT's numbered
paragraphs, but list items lose their numbers in the conversion ("-" bullets). English
and French versions are separate documents ("...-en", "...-fr") with the same stem, so
the stem and the section number make the document key.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from indexer.pipeline import Item
from scrapers.importers.base import clean_field, date_fields, unique_keys
from scrapers.importers.legal_coe import cpt_paragraphs, language_of
from scrapers.parse.html_text import decode_html, html_blocks
from scrapers.sources.base import DocumentRef, Fetched, SourceInfo
from scrapers.sources.hudoc import HudocApi, hudoc_date

CPT_HOST = "hudoc.cpt.coe.int"
CPT_BASE = f"https://{CPT_HOST}"
SECTION_HTML_PATH = "/app/conversion/docx/section/html/body"
REFERER = f"{CPT_BASE}/eng"
CPT_COLUMNS = (
    "cptdocumentid", "cptsectiontitle", "cptdocumentdate", "cptdocumenttype", "cptstate",
    "cptvisittype", "cptvisityear", "cptlanguage", "cptsectiontotal",
    "cptdocumentreference", "cptkeywords", "cptpublicationdate",
)  # fmt: skip
FIRST_SECTION = '"0001"'
_LANGUAGE_SUFFIX_RE = re.compile(r"-(?:en|fr)$")


def section_number(n: int) -> str:
    return f"{n:04d}"


class HudocCpt(HudocApi):
    info = SourceInfo(
        name="hudoc-cpt",
        mechanism="European Committee for the Prevention of Torture: visit reports and "
        "public statements",
        bodies=("CPT",),
        interface="HUDOC JSON query API (one row per report) + section DOCX-to-HTML",
        hosts=(CPT_HOST,),
        licence="Council of Europe / CPT, HUDOC-CPT (public)",
    )
    default_headers: ClassVar[Mapping[str, str]] = {"Referer": REFERER}
    base = CPT_BASE
    content_site = "CPT"
    library = "CPT"
    sort_field = "cptdocumentdate"
    id_column = "cptdocumentid"
    columns = CPT_COLUMNS
    type_column = "cptdocumenttype"
    doctypes = ()
    extra_query = f"cptsectionnumber={FIRST_SECTION}"
    doc_page = "/?i={id}"

    def query(self, since: dt.date | None) -> str:
        # The CPT database writes its site filter with "=", as its own web client does.
        return super().query(since).replace("contentsitename:CPT", "contentsitename=CPT", 1)

    def list_documents(
        self, *, since: dt.date | None = None, limit: int | None = None
    ) -> Iterator[DocumentRef]:
        max_sections = int(self.options.get("sections", "0") or 0)
        for columns, _ in self.rows(since, limit):
            doc_id = clean_field(columns.get("cptdocumentid"))
            if not doc_id:
                continue
            try:
                total = int(clean_field(columns.get("cptsectiontotal")) or 1)
            except ValueError:
                total = 1
            if max_sections:
                total = min(total, max_sections)
            date = hudoc_date(columns.get("cptdocumentdate")) or hudoc_date(
                columns.get("cptpublicationdate")
            )
            for n in range(1, total + 1):
                yield DocumentRef(
                    key=f"{doc_id}/{section_number(n)}",
                    url=f"{self.base}{SECTION_HTML_PATH}?library=CPT&id={doc_id}"
                    f"&sectionnumber={section_number(n)}",
                    date=date,
                    title=clean_field(columns.get("cptsectiontitle")) if n == 1 else None,
                    language=language_of(clean_field(columns.get("cptlanguage"))),
                    meta={
                        "document": doc_id,
                        "section": n,
                        **{k: columns.get(k) for k in self.columns},
                    },
                )

    def fetch(self, ref: DocumentRef) -> Fetched:
        params: dict[str, str | int] = {
            "library": "CPT",
            "id": str(ref.meta["document"]),
            "sectionnumber": section_number(int(ref.meta["section"])),
        }
        return Fetched(ref, [self.get(f"{self.base}{SECTION_HTML_PATH}", params=params)])

    def parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        meta = {k: clean_field(v) for k, v in ref.meta.items()}
        html = decode_html(fetched.main.read_bytes())
        text = "\n\n".join(block.text for block in html_blocks(html))
        report_title, paras = cpt_paragraphs(text)
        section_title = ref.title or meta.get("cptsectiontitle") or ""
        state = meta.get("cptstate") or None
        stem = _LANGUAGE_SUFFIX_RE.sub("", meta.get("document", ""))
        reference = re.sub(r"\s+", "", meta.get("cptdocumentreference", ""))
        fields: dict[str, Any] = {
            "title": f"{report_title} – {section_title}" if section_title else report_title,
            "body": "CPT",
            "kind": "report_paragraph",
            "symbol": reference or None,
            "countries": [state] if state else [],
            **date_fields(ref.date),
        }
        # English and French versions of a section have the same paragraphs in the same
        # order, so the position is the key that lines them up.
        keys = [p.number or f"p{i}" for i, p in enumerate(paras)]
        yield from self.emit(
            ref,
            paras,
            document=f"CPT/{stem}/{meta.get('section', '1')}",
            language=ref.language,
            fields=fields,
            fetched_at=fetched.fetched_at,
            url=f"{self.base}/?i={meta.get('document')}-{meta.get('section', '1')}",
            keys=unique_keys(keys),
        )
