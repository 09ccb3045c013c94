"""UN official documents by symbol and language (documents.un.org, the Official Document
System): reports, concluding observations, UPR documents, resolutions, in the six
official languages.

Interface (ENDPOINTS.md):

- ``GET https://documents.un.org/api/symbol/access?s={symbol}&l={en,fr,es,ar,ru,zh}
  &t={pdf,doc}`` answers the document (after redirects on the same site); the ``l=``
  parameter is the route to the six parallel language versions of a document;
- ``https://docs.un.org/en/{symbol}?direct=true`` serves the PDF too.

There is no listing: a crawl reads a watch list of symbols and languages,
``--set symbols=A/HRC/59/15,A/HRC/59/15/Add.1 --set languages=en,fr,ar``. Each
(symbol, language) is a document; all languages of one symbol share the document key,
so numbered paragraphs of the Arabic and English versions share a work key.

Quirk: **a missing symbol returns 200 with an HTML page**, not a 404 (per a public
Aug-2026 write-up). A body that is not a PDF (or Word file) is therefore a reject with
the reason "symbol not found", never a document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from indexer.pipeline import Item
from scrapers.importers.base import date_fields, parse_date
from scrapers.importers.legal_un import body_from_symbol
from scrapers.sources.base import (
    Connector,
    DocumentRef,
    Fetched,
    SourceInfo,
    paras_of,
    parse_body,
    tidy_symbol,
)

ODS_HOST = "documents.un.org"
DOCS_HOST = "docs.un.org"
ACCESS_URL = f"https://{ODS_HOST}/api/symbol/access"
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh")
DOCUMENT_FORMAT = "pdf"
PDF_MAGIC = b"%PDF-"
DOCX_MAGIC = b"PK\x03\x04"
UPR_DOCUMENT_RE = re.compile(r"^A/HRC/WG\.6/(\d+)/([A-Z]{3})/\d+$")
SYMBOL_BODIES: tuple[tuple[str, str, str], ...] = (
    # prefix (regular expression), body, kind
    (r"A/HRC/WG\.6/", "UPR", "report_paragraph"),
    (r"A/HRC/DEC/", "HRC", "resolution"),
    (r"A/HRC/RES/", "HRC", "resolution"),
    (r"A/HRC/\d+/\d+(?:/Add\.\d+)?$", "UPR", "report_paragraph"),
    (r"A/RES/", "GA", "resolution"),
    (r"A/HRC/", "HRC", "report_paragraph"),
)
"""Body and kind from the symbol; an A/HRC/NN/NN report without a more specific pattern is
taken for a UPR working-group report (``--set body=...`` overrides)."""
DATE_WINDOW = 1500
"""A document's date is printed near the top ("Distr.: General 4 January 2018")."""


def access_url(symbol: str, language: str, fmt: str = DOCUMENT_FORMAT) -> str:
    return f"{ACCESS_URL}?s={quote(symbol, safe='/')}&l={language}&t={fmt}"


def body_and_kind(symbol: str) -> tuple[str | None, str]:
    treaty_body = body_from_symbol(symbol)
    if treaty_body:
        return treaty_body, "observation" if "/CO/" in symbol else "report_paragraph"
    for pattern, body, kind in SYMBOL_BODIES:
        if re.match(pattern, symbol):
            return body, kind
    return None, "report_paragraph"


class UnDocuments(Connector):
    info = SourceInfo(
        name="un-documents",
        mechanism="UN official documents (reports, concluding observations, UPR documents, "
        "resolutions) by symbol, in the six official languages",
        bodies=("UPR", "HRC", "GA", "CCPR", "CESCR", "CAT", "CERD", "CEDAW", "CRC"),
        interface="document by symbol and language (PDF) from the Official Document System",
        hosts=(ODS_HOST, DOCS_HOST),
        licence="United Nations document (documents.un.org), UN terms of use",
    )

    def list_documents(
        self, *, since: dt.date | None = None, limit: int | None = None
    ) -> Iterator[DocumentRef]:
        symbols = [tidy_symbol(s) for s in self.options.get("symbols", "").split(",")]
        languages = [x for x in self.options.get("languages", "en").split(",") if x]
        for symbol in filter(None, symbols):
            for language in languages:
                yield DocumentRef(
                    key=f"{symbol}@{language}",
                    url=access_url(symbol, language),
                    title=symbol,
                    language=language,
                    meta={"symbol": symbol},
                )

    def fetch(self, ref: DocumentRef) -> Fetched:
        params: dict[str, str | int] = {
            "s": ref.meta["symbol"],
            "l": str(ref.language),
            "t": DOCUMENT_FORMAT,
        }
        return Fetched(ref, [self.get(ACCESS_URL, params=params)])

    def parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        symbol = str(ref.meta["symbol"])
        result = fetched.main
        with result.body_path.open("rb") as handle:
            head = handle.read(8)
        if not head.startswith((PDF_MAGIC, DOCX_MAGIC)):
            yield self.reject(
                ref,
                f"symbol not found: documents.un.org answered {result.status} with "
                f"{result.content_type or 'an unknown type'} instead of a document "
                f"for {symbol} ({ref.language})",
                result.read_bytes()[:200].decode("utf-8", "replace"),
            )
            return
        paragraphs = parse_body(result)
        top = " ".join(p.text for p in paragraphs[:6])[:DATE_WINDOW]
        body, kind = body_and_kind(symbol)
        body = self.options.get("body") or body
        fields: dict[str, Any] = {
            "title": symbol,
            "body": body or "",
            "kind": kind,
            "symbol": symbol,
            **date_fields(parse_date(top)),
        }
        upr = UPR_DOCUMENT_RE.match(symbol)
        if upr:
            fields["countries"] = [upr.group(2)]
            fields["upr"] = {"session": int(upr.group(1))}
        if self.options.get("country"):
            fields["countries"] = [self.options["country"]]
        yield from self.emit(
            ref,
            paras_of(paragraphs),
            document=symbol,
            language=ref.language,
            fields=fields,
            fetched_at=fetched.fetched_at,
            url=access_url(symbol, str(ref.language)),
        )
