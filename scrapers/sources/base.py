"""What every source connector shares: the registry row, document references, fetching
through the polite client, and paragraphs to Candidates.

A connector does three things, in this order, for `scrapers.sources.crawl`:

1. ``list_documents(since, limit)``: what the source has, newest or in id order, as
   `DocumentRef`s. Listing requests are ordinary GETs through the client, so a listing
   page that has not changed costs a 304.
2. ``fetch(ref)``: the document's bytes through the `PoliteClient` (conditional: a
   document fetched before is revalidated with its ETag / Last-Modified). Sources whose
   listing already carries the whole record (UHRI's export, UPR Info's Uwazi API, IHRDA's
   search API) put it in ``ref.payload`` with a ``ref.version``, and fetch only what the
   listing lacks.
3. ``parse(ref, fetched)``: `Candidate`s (and `Reject`s) for `indexer.pipeline.ingest`,
   built with the importers' identity and provenance helpers so that a crawled record
   follows the same id/work rules as an imported one.

URLs in the code are always the real public ones (named constants per module). A test
or a mirror points a connector elsewhere with ``base_url``: every request is then sent
to that one origin (path and query kept), and the client's allowlist holds that host
only, so an override can never leak a request to the real site. Provenance keeps the
real URL, which is what a reader of the record needs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

from indexer.pipeline import Item
from scrapers.http import FetchResult, PoliteClient, host_key
from scrapers.importers.base import (
    clean_field,
    identify,
    make_candidate,
    provenance,
    reject,
    short,
)
from scrapers.importers.legal_common import is_fragment
from scrapers.importers.segment import Para, cut_long, paragraph_keys
from scrapers.parse import (
    DocumentError,
    Paragraph,
    parse_docx,
    parse_html,
    parse_pdf,
    parse_text,
)
from scrapers.sources.state import CrawlState

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
FIXTURES_DIR = REPOSITORY_ROOT / "tests" / "fixtures" / "sources"
GOLDEN_DIR = REPOSITORY_ROOT / "tests" / "golden" / "sources"


@dataclass(frozen=True)
class SourceInfo:
    """One row of the registry: what `concordia sources` prints."""

    name: str
    """Registry key and provenance source of every record the connector yields."""
    mechanism: str
    """The mechanism(s) whose output the source carries, in words."""
    bodies: tuple[str, ...]
    """Body codes (mappings/mechanisms.json) the records get."""
    interface: str
    """How the source is read: bulk export, JSON API, HTML listing + PDF, ..."""
    hosts: tuple[str, ...]
    """Every host the connector may contact; the client's allowlist is built from these."""
    licence: str
    """Licence note copied into each record's provenance."""


@dataclass
class DocumentRef:
    """One document as a listing names it.

    ``key`` is stable between crawls (the crawl state is keyed on it). ``url`` is the real
    public URL to fetch; ``version`` is set when the listing itself says whether the
    document changed (a digest of the listed record), so an unchanged document costs no
    request at all.
    """

    key: str
    url: str
    date: str | None = None
    title: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    payload: Any = None
    version: str | None = None


@dataclass
class Fetched:
    """What ``fetch`` brought back for one document."""

    ref: DocumentRef
    results: list[FetchResult] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    """Anything else fetched with the document (UHRI's language versions)."""

    @property
    def version(self) -> str:
        """Changes exactly when one of the fetched bodies (or the listed record) changes."""
        parts = [self.ref.version or ""] + [r.sha256 for r in self.results]
        if self.extra:
            parts.append(digest(self.extra))
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]

    @property
    def not_modified(self) -> int:
        return sum(1 for r in self.results if r.not_modified)

    @property
    def main(self) -> FetchResult:
        return self.results[0]

    @property
    def fetched_at(self) -> str | None:
        """When the newest body was fetched (a listing's time for an inline record)."""
        if not self.results:
            listed = self.ref.meta.get("listed_at")
            return str(listed) if listed else None
        return iso_timestamp(max(r.fetched_at for r in self.results))


def iso_timestamp(stamp: float) -> str:
    return dt.datetime.fromtimestamp(stamp, dt.UTC).isoformat()


def digest(value: Any) -> str:
    """A stable digest of JSON-able data (a listed record), for ``DocumentRef.version``."""
    payload = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def rebase_url(url: str, base_url: str | None) -> str:
    """``url`` sent to ``base_url``'s origin instead (path prefix kept), or unchanged."""
    if not base_url:
        return url
    parts = urlsplit(url)
    base = urlsplit(base_url)
    path = base.path.rstrip("/") + parts.path
    return urlunsplit((base.scheme, base.netloc, path, parts.query, ""))


def tidy_symbol(symbol: object) -> str:
    """A UN document symbol without the spaces extraction leaves in it ("CAT /C/GC/4").

    Case is kept: "A/HRC/59/15/Add.1" is how the ODS and every citation write it.
    """
    return re.sub(r"\s+", "", clean_field(symbol))


def since_ok(date: str | None, since: dt.date | None) -> bool:
    """True when a document dated ``date`` (ISO) is wanted by a crawl ``since`` a date.

    An undated document is kept: dropping it would lose it forever from an incremental
    crawl, while keeping it costs one conditional request.
    """
    if since is None or not date:
        return True
    try:
        return dt.date.fromisoformat(date[:10]) >= since
    except ValueError:
        return True


class Connector:
    """Base of every source connector; subclasses set ``info`` and implement the three steps."""

    info: ClassVar[SourceInfo]
    default_headers: ClassVar[Mapping[str, str]] = {}
    """Headers sent with every request of this source (a Referer some sites expect)."""

    def __init__(
        self,
        client: PoliteClient,
        *,
        base_url: str | None = None,
        options: Mapping[str, str] | None = None,
    ) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/") if base_url else None
        self.options = dict(options or {})
        self.state: CrawlState | None = None
        """The crawl's state, set by the crawler for connectors that keep facts in it."""

    # -- registry ---------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.info.name

    @classmethod
    def allowed_hosts(cls, base_url: str | None = None) -> frozenset[str]:
        """The allowlist: the declared hosts, or only the override's host."""
        if base_url:
            return frozenset({host_key(base_url)})
        return frozenset(cls.info.hosts)

    # -- fetching ---------------------------------------------------------------------------

    def url(self, url: str) -> str:
        """The URL actually requested for a real one (see ``base_url``)."""
        return rebase_url(url, self.base_url)

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> FetchResult:
        merged = {**self.default_headers, **(headers or {})}
        return self.client.get(self.url(url), params=params, headers=merged or None)

    def post_json(
        self,
        url: str,
        payload: Any,
        *,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> FetchResult:
        merged = {**self.default_headers, **(headers or {})}
        return self.client.post_json(self.url(url), payload, params=params, headers=merged)

    def post_form(
        self, url: str, form: Mapping[str, str], *, headers: Mapping[str, str] | None = None
    ) -> FetchResult:
        merged = {**self.default_headers, **(headers or {})}
        return self.client.post_form(self.url(url), form, headers=merged)

    # -- the three steps --------------------------------------------------------------------

    def list_documents(
        self, *, since: dt.date | None = None, limit: int | None = None
    ) -> Iterator[DocumentRef]:
        raise NotImplementedError

    def fetch(self, ref: DocumentRef) -> Fetched:
        """GET the document's URL (conditional); sources with more to fetch override this."""
        return Fetched(ref, [self.get(ref.url)])

    def parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        raise NotImplementedError

    # -- candidates -------------------------------------------------------------------------

    def reject(self, ref: DocumentRef, reason: str, excerpt: object = None) -> Item:
        return reject(self.name, self.location(ref), reason, excerpt)

    def location(self, ref: DocumentRef) -> str:
        return f"{self.name}:{ref.key}"

    def emit(
        self,
        ref: DocumentRef,
        paras: Sequence[Para],
        *,
        document: str,
        language: str | None,
        fields: Mapping[str, Any],
        fetched_at: str | None,
        url: str | None = None,
        keys: Sequence[str] | None = None,
    ) -> Iterator[Item]:
        """One Candidate per paragraph, all sharing the document's fields.

        ``document`` is the document key shared by the language versions of the document,
        so numbered paragraphs of two language versions share a work key; unnumbered ones
        are qualified by the language (`paragraph_keys`).
        """
        if keys is None:
            keys = paragraph_keys(paras, language=language)
        kept = [
            (index, para, key)
            for index, (para, key) in enumerate(zip(paras, keys, strict=True))
            if not is_fragment(para.text)
        ]
        if not kept:
            yield self.reject(ref, "no paragraphs: the document has no text to index", ref.title)
            return
        for index, para, key in kept:
            location = f"{self.location(ref)}#p{index}"
            out: dict[str, Any] = {
                **fields,
                "text": para.text,
                "language": language,
                "paragraph": para.number,
                "section": short(para.heading, 300),
                "provenance": [
                    provenance(
                        source=self.name,
                        source_id=f"{ref.key}#{key}",
                        licence=self.info.licence,
                        location=location,
                        url=url or ref.url,
                        fetched_at=fetched_at,
                    )
                ],
            }
            identify(out, source=self.name, document=document, pkey=key, language=language)
            yield make_candidate(out, location)


def parse_body(result: FetchResult) -> list[Paragraph]:
    """Paragraphs of a fetched document, by what its bytes are (sites mislabel types).

    UTF-16 HTML (OHCHR's docstore serves its "html" files so) is recognised by its BOM;
    a legacy Word .doc, a corrupt PDF or DOCX raise ``DocumentError`` naming the file.
    """
    path = result.body_path
    with path.open("rb") as handle:
        head = handle.read(512)
    if head.startswith(b"%PDF-"):
        return parse_pdf(path)
    if head.startswith(b"PK\x03\x04"):
        return parse_docx(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError(result.url, "legacy binary .doc is not supported")
    ctype = (result.content_type or "").lower()
    lowered = head.lstrip().lower()
    if (
        head[:2] in (b"\xff\xfe", b"\xfe\xff")
        or "html" in ctype
        or lowered.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<"))
    ):
        return parse_html(path.read_bytes())
    try:
        return parse_text(path)
    except UnicodeDecodeError as exc:
        raise DocumentError(result.url, f"not UTF-8 text: {exc}") from exc


def paras_of(paragraphs: Iterable[Paragraph]) -> list[Para]:
    """Parser paragraphs as the importers' `Para`, over-long ones cut into quotable pieces."""
    return cut_long([Para(p.number, p.text, p.heading) for p in paragraphs])
