"""AfricanLII (africanlii.org): judgments of African courts as Akoma Ntoso documents;
the shared reader behind `afchpr` (African Court) and `ecowas` (ECOWAS Court).

Interface (ENDPOINTS.md and the public scrapers):

- listing: ``GET https://africanlii.org/en/judgments/{COURT}/`` then ``?page=N``, newest
  first; each judgment is a link to its AKN path
  ``/en/akn/{jurisdiction}/judgment/{court}/{year}/{number}/eng@{date}`` whose text is the
  full title ("X v Republic of Kenya (Application No. 006/2012) [2025] AfCHPR 38
  (4 December 2025)");
- the judgment page (the AKN path): ``<h1>`` title and ``<dt>``/``<dd>`` pairs (Case
  number, Judges, Judgment date, Media Neutral Citation, Language, ...);
- the original: ``{akn path}/source.pdf``.

Incremental crawl: listing pages are read newest first and stop at the first page whose
judgments are all older than ``--since`` (the date is in the AKN path); the judgment page
and the PDF are conditional GETs.

Quirks: the "Language" field of the page is a language *menu* once flattened
("EnglishEnglish (en)português (pt)"), so the language comes from the AKN path
(``eng@``); several application numbers are joined by ";"; names carry HTML entities.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from indexer.pipeline import Item
from scrapers.importers.base import clean_field, date_fields, iso_date
from scrapers.importers.legal_intl import respondent_from_parties
from scrapers.sources.base import (
    Connector,
    DocumentRef,
    Fetched,
    paras_of,
    parse_body,
    since_ok,
)

HOST = "africanlii.org"
BASE = f"https://{HOST}"
LISTING_URL = f"{BASE}/en/judgments/{{court}}/"
MAX_PAGES = 50
H1_RE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S | re.I)
DT_DD_RE = re.compile(r"<dt[^>]*>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", re.S | re.I)
AKN_DATE_RE = re.compile(r"@(\d{4}-\d{2}-\d{2})$")
AKN_LANGUAGE = {"eng": "en", "fra": "fr", "por": "pt", "ara": "ar"}
AKN_LANGUAGE_RE = re.compile(r"/([a-z]{3})@")


def plain(fragment: str) -> str:
    return clean_field(re.sub(r"<[^>]+>", " ", html.unescape(fragment)))


def page_fields(page: str) -> dict[str, str]:
    fields = {}
    title = H1_RE.search(page)
    if title:
        fields["title"] = plain(title.group(1))
    for label, value in DT_DD_RE.findall(page):
        key = plain(label).lower().replace(" ", "_")
        fields.setdefault(key, plain(value).replace("Copy", "").strip())
    return fields


class AfricanLii(Connector):
    court: ClassVar[str]
    """The court code in AfricanLII's URLs ("AfCHPR", "ECOWASCJ")."""
    body: ClassVar[str]
    link_re: ClassVar[re.Pattern[str]]

    def list_documents(
        self, *, since: dt.date | None = None, limit: int | None = None
    ) -> Iterator[DocumentRef]:
        listing = LISTING_URL.format(court=self.court)
        seen: set[str] = set()
        for page_number in range(int(self.options.get("pages", MAX_PAGES))):
            params: dict[str, str | int] = {"page": page_number} if page_number else {}
            page = self.get(listing, params=params or None).text()
            links = [(p, plain(t)) for p, t in self.link_re.findall(page) if p not in seen]
            if not links:
                return
            older = 0
            for path, title in links:
                seen.add(path)
                date_match = AKN_DATE_RE.search(path)
                date = date_match.group(1) if date_match else None
                if not since_ok(date, since):
                    older += 1
                    continue
                language = AKN_LANGUAGE_RE.search(path)
                yield DocumentRef(
                    key=path.removeprefix("/en/akn/"),
                    url=f"{BASE}{path}",
                    date=date,
                    title=title or None,
                    language=AKN_LANGUAGE.get(language.group(1)) if language else None,
                )
            if older == len(links):
                return

    def fetch(self, ref: DocumentRef) -> Fetched:
        return Fetched(ref, [self.get(ref.url), self.get(f"{ref.url}/source.pdf")])

    def case_fields(self, ref: DocumentRef, page: dict[str, str]) -> dict[str, Any]:
        raise NotImplementedError

    def parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        page = page_fields(fetched.results[0].text())
        title = page.get("title") or ref.title or ""
        date = iso_date(page.get("judgment_date")) or ref.date
        numbers = [
            re.sub(r"\s+", " ", x).strip()
            for x in page.get("case_number", "").split(";")
            if x.strip()
        ]
        parties = re.split(r"\s*\(", title)[0]
        respondent = respondent_from_parties(parties)
        case = {
            "number": numbers[0] if numbers else None,
            "other_numbers": numbers[1:],
            "title": parties or None,
            "respondent_state": respondent,
            "decision_date": date,
        }
        fields: dict[str, Any] = {
            "title": title,
            "body": self.body,
            "symbol": page.get("media_neutral_citation") or None,
            "countries": [respondent] if respondent else [],
            "case": case,
            **self.case_fields(ref, page),
            **date_fields(date),
        }
        yield from self.emit(
            ref,
            paras_of(parse_body(fetched.results[1])),
            document=f"AKN/{ref.key}",
            language=ref.language or "en",
            fields=fields,
            fetched_at=fetched.fetched_at,
        )
