"""One crawl of one source: list, fetch (conditionally), parse, hand to a sink, remember.

The loop is the same for every source; what differs lives in the connector. What it
guarantees:

- **incremental**: a document whose listed record or fetched bodies have the version
  that was last ingested is not parsed and not ingested again. A document the server
  answers with 304 costs that one small response; one whose listing carries a version
  costs nothing.
- **resumable**: progress is written to `CrawlState` after every flush of the sink. A
  crawl killed at any point resumes with the next ``crawl`` of the same source: what the
  interrupted run finished is skipped without a request; what it fetched but did not
  ingest is revalidated (304) and parsed from the cached body.
- **never silent**: a document that cannot be fetched or parsed becomes a `Reject` in the
  rejects report (with the URL and the error) and the crawl goes on.

The sink is where the items go (``indexer.pipeline.ingest`` into the store, in the CLI):
it is called with batches of whole documents, and a document is marked ingested only
after the sink returned for its batch.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from indexer.pipeline import Candidate, IngestReport, Item, Reject
from scrapers.http import PolicyError, ScraperError
from scrapers.sources.base import Connector, DocumentRef, Fetched
from scrapers.sources.state import CrawlState, Run

log = logging.getLogger("concordia.crawl")

Sink = Callable[[list[Item]], IngestReport]
Progress = Callable[["CrawlReport", DocumentRef, str], None]

FLUSH_DOCUMENTS = 20
FLUSH_ITEMS = 2000


@dataclass
class CrawlReport:
    """Counts for the summary a crawl prints."""

    source: str
    run_id: int = 0
    resumed: bool = False
    listed: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped_resumed: int = 0
    failed: int = 0
    candidates: int = 0
    requests: int = 0
    not_modified: int = 0
    robots_fetches: int = 0
    added: int = 0
    updated: int = 0
    merged: int = 0
    unchanged_records: int = 0
    rejects: list[Reject] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.rejects)

    def absorb(self, report: IngestReport) -> None:
        self.added += report.added
        self.updated += report.updated
        self.merged += report.merged
        self.unchanged_records += report.unchanged
        self.rejects.extend(report.rejects)

    def as_dict(self) -> dict[str, Any]:
        keys = (
            "source", "run_id", "resumed", "listed", "new", "changed", "unchanged",
            "skipped_resumed", "failed", "candidates", "requests", "not_modified",
            "robots_fetches", "added", "updated", "merged", "unchanged_records",
        )  # fmt: skip
        out: dict[str, Any] = {k: getattr(self, k) for k in keys}
        out["rejected"] = self.rejected
        return out

    def summary(self) -> str:
        lines = [
            f"{self.source}: run {self.run_id}{' (resumed)' if self.resumed else ''}: "
            f"listed {self.listed} documents: {self.new} new, {self.changed} changed, "
            f"{self.unchanged} unchanged, {self.skipped_resumed} already done in this run, "
            f"{self.failed} failed",
            f"  http: {self.requests} requests, {self.not_modified} answered 304 "
            f"(not re-fetched), {self.robots_fetches} robots.txt",
            f"  records: {self.candidates} candidates -> {self.added} new, {self.updated} "
            f"updated, {self.merged} merged, {self.unchanged_records} unchanged, "
            f"{self.rejected} rejected",
        ]
        for key, error in self.errors[:10]:
            lines.append(f"  failed  {key}: {error[:200]}")
        return "\n".join(lines)


@dataclass
class _Pending:
    ref: DocumentRef
    version: str
    items: list[Item]


class Crawler:
    """Runs the crawl loop for one connector against its state and a sink."""

    def __init__(
        self,
        connector: Connector,
        state: CrawlState,
        sink: Sink,
        *,
        progress: Progress | None = None,
        flush_documents: int = FLUSH_DOCUMENTS,
        flush_items: int = FLUSH_ITEMS,
    ) -> None:
        self.connector = connector
        self.state = state
        self.sink = sink
        self.progress = progress
        self.flush_documents = max(1, flush_documents)
        self.flush_items = max(1, flush_items)
        self._pending: list[_Pending] = []
        self._run: Run | None = None

    def run(self, *, since: dt.date | None = None, limit: int | None = None) -> CrawlReport:
        connector = self.connector
        run = self.state.begin(since, limit)
        self._run = run
        connector.state = self.state
        if run.resumed:
            # A resumed run keeps the window it was started with.
            since = dt.date.fromisoformat(run.since) if run.since else None
            limit = run.limit
        report = CrawlReport(connector.name, run.id, run.resumed)
        stats = connector.client.stats
        start = (stats.requests, stats.not_modified, stats.robots_fetches)
        try:
            for ref in self._listing(since, limit):
                report.listed += 1
                outcome = self._one(run, ref, report)
                if self.progress:
                    self.progress(report, ref, outcome)
            self._flush(report)
        finally:
            report.requests = stats.requests - start[0]
            report.not_modified = stats.not_modified - start[1]
            report.robots_fetches = stats.robots_fetches - start[2]
        self.state.finish(run, report.as_dict())
        return report

    def _listing(self, since: dt.date | None, limit: int | None) -> Iterator[DocumentRef]:
        seen: set[str] = set()
        for ref in self.connector.list_documents(since=since, limit=limit):
            if ref.key in seen:
                continue
            seen.add(ref.key)
            yield ref
            if limit is not None and len(seen) >= limit:
                return

    def _one(self, run: Run, ref: DocumentRef, report: CrawlReport) -> str:
        state = self.state
        known = state.document(ref.key)
        state.listed(run, ref.key, ref.url, ref.date, ref.title)
        if run.resumed and known is not None and known.done_run == run.id:
            report.skipped_resumed += 1
            return "done-before"
        if ref.version and known is not None and known.ingested_version == ref.version:
            state.done(run, ref.key, ref.version)
            report.unchanged += 1
            return "unchanged"
        try:
            fetched = self.connector.fetch(ref)
        except PolicyError:
            raise
        except ScraperError as exc:
            return self._fail(run, ref, report, f"fetch failed: {exc}")
        version = ref.version or fetched.version
        state.fetched(ref.key, version)
        if known is not None and known.ingested_version == version:
            state.done(run, ref.key, version)
            report.unchanged += 1
            return "unchanged"
        try:
            items = list(self._parse(ref, fetched))
        except ScraperError as exc:
            return self._fail(run, ref, report, f"parse failed: {exc}")
        if known is None or known.ingested_version is None:
            report.new += 1
            outcome = "new"
        else:
            report.changed += 1
            outcome = "changed"
        report.candidates += sum(1 for i in items if isinstance(i, Candidate))
        self._pending.append(_Pending(ref, version, items))
        if len(self._pending) >= self.flush_documents or (
            sum(len(p.items) for p in self._pending) >= self.flush_items
        ):
            self._flush(report)
        return outcome

    def _parse(self, ref: DocumentRef, fetched: Fetched) -> Iterator[Item]:
        yield from self.connector.parse(ref, fetched)

    def _fail(self, run: Run, ref: DocumentRef, report: CrawlReport, error: str) -> str:
        log.warning("%s %s: %s", self.connector.name, ref.key, error)
        self.state.failed(run, ref.key, error)
        report.failed += 1
        report.errors.append((ref.key, error))
        report.rejects.append(
            Reject(self.connector.name, f"{self.connector.location(ref)} {ref.url}", error)
        )
        return "failed"

    def _flush(self, report: CrawlReport) -> None:
        if not self._pending or self._run is None:
            return
        pending, self._pending = self._pending, []
        items = [item for p in pending for item in p.items]
        report.absorb(self.sink(items))
        for p in pending:
            records = sum(1 for i in p.items if isinstance(i, Candidate))
            self.state.done(self._run, p.ref.key, p.version, records)
