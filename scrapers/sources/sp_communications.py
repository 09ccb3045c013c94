"""Special-procedure communications: the letters that special rapporteurs, independent
experts and working groups send to States (and companies, and organisations) about
allegations, and the replies, as published by OHCHR 60 days after sending.

Interface (ENDPOINTS.md):

- a communication letter (PDF): ``GET https://spcommreports.ohchr.org/TMResultsBase/
  DownLoadPublicCommunicationFile?gId={n}``, ids sequential (no listing: see
  `sequential`; ``--set from=N --set to=M`` for a range);
- related documents (replies): ``/TmSearch/RelCom?code=TUN+4%2F2026``;
- a printable summary: ``/TmSearch/SummaryPrint?id={n}``.

What a letter says about itself, read from its first page: the mandates that sent it
("Mandates of the Special Rapporteur on ...; the Working Group on ..."), the reference
("REFERENCE: AL TUN 4/2026": the type — AL allegation letter, UA urgent appeal, OL other
letter, JAL/JUA joint — then the ISO 3166 alpha-3 code of the State and a number/year),
and its date. The body of a record is the first mandate when the taxonomy knows it,
otherwise the special procedures as a whole ("SP").

Quirks: a missing id answers an HTML error page or a 404; letters to companies carry a
company reference instead of a State code; the annexes (reference to international
law) are long paragraphs of citations.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from indexer.pipeline import Item
from scrapers.http import HTTPStatusError
from scrapers.importers.base import date_fields, parse_date
from scrapers.sources.base import DocumentRef, Fetched, SourceInfo, paras_of, parse_body, since_ok
from scrapers.sources.sequential import SequentialIds

HOST = "spcommreports.ohchr.org"
BASE = f"https://{HOST}"
FILE_URL = f"{BASE}/TMResultsBase/DownLoadPublicCommunicationFile?gId={{n}}"
RELATED_URL = f"{BASE}/TmSearch/RelCom"
SUMMARY_URL = f"{BASE}/TmSearch/SummaryPrint?id={{n}}"
REFERENCE_RE = re.compile(
    r"(?:REFERENCE|Ref\.?)\s*:?\s*((?:J?AL|J?UA|J?OL|OTH)\s+([A-Z]{3})(?:\s+\(\d+\.\d{4}\))?\s+"
    r"\d+/\d{4})",
)
MANDATES_RE = re.compile(r"Mandates? of (?:the )?(.+?)(?:\n\n|REFERENCE|Ref\.)", re.S | re.I)
TYPES = {"AL": "allegation letter", "UA": "urgent appeal", "OL": "other letter"}
PDF_MAGIC = b"%PDF-"


@cache
def _taxonomy() -> Any:
    from indexer.taxonomy import load_taxonomy

    return load_taxonomy()


def first_mandate_body(mandates: str) -> str:
    """The body code of the first mandate named, or "SP" (the special procedures)."""
    first = re.split(r";|\s+and\s+the\s+|,\s+the\s+", mandates)[0].strip(" .;,")
    found = _taxonomy().resolve_body(first)
    return str(found.code) if found is not None else "SP"


class SpCommunications(SequentialIds):
    info = SourceInfo(
        name="sp-communications",
        mechanism="Special procedures of the Human Rights Council: communications "
        "(allegation letters, urgent appeals) and replies",
        bodies=("SP",),
        interface="communication PDF per sequential id (no listing)",
        hosts=(HOST,),
        licence="OHCHR special-procedure communication (spcommreports.ohchr.org), public "
        "after 60 days",
    )
    first_id = 1
    last_id = None

    def list_documents(
        self, *, since: dt.date | None = None, limit: int | None = None
    ) -> Iterator[DocumentRef]:
        for n in self.ids():
            yield DocumentRef(key=str(n), url=FILE_URL.format(n=n), meta={"since": since})

    def fetch(self, ref: DocumentRef) -> Fetched:
        try:
            result = self.get(FILE_URL.format(n=ref.key))
        except HTTPStatusError as exc:
            if exc.status != 404:
                raise
            self.missing()
            return Fetched(ref, extra={"missing": True})
        with result.body_path.open("rb") as handle:
            if not handle.read(5).startswith(PDF_MAGIC):
                self.missing()
                return Fetched(ref, [result], extra={"missing": True})
        self.found(int(ref.key))
        return Fetched(ref, [result])

    def parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        if fetched.extra.get("missing"):
            return
        paragraphs = parse_body(fetched.main)
        head = "\n\n".join(p.text for p in paragraphs[:8])
        reference = REFERENCE_RE.search(head)
        mandates = MANDATES_RE.search(head)
        date = parse_date(head)
        since = ref.meta.get("since")
        if isinstance(since, dt.date) and not since_ok(date, since):
            return
        code = reference.group(1) if reference else None
        kind_code = code.split()[0].lstrip("J") if code else ""
        country = reference.group(2) if reference else None
        case = {
            "number": re.sub(r"\s+", " ", code) if code else None,
            "respondent_state": country,
            "decision_date": date,
            "outcome": TYPES.get(kind_code),
        }
        fields: dict[str, Any] = {
            "title": f"Communication {case['number'] or ref.key}",
            "body": first_mandate_body(mandates.group(1)) if mandates else "SP",
            "kind": "communication",
            "symbol": case["number"],
            "countries": [country] if country else [],
            "case": case,
            **date_fields(date),
        }
        yield from self.emit(
            ref,
            paras_of(paragraphs),
            document=f"SPCOMM/{ref.key}",
            language="en",
            fields=fields,
            fetched_at=fetched.fetched_at,
        )
