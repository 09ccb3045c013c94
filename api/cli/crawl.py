"""`concordia crawl SOURCE`: fetch what a mechanism published, politely, into the index.

A crawl is incremental and resumable (see `scrapers.sources.crawl`): documents that did
not change since the last crawl cost a conditional request (or nothing) and are neither
parsed nor indexed again; a crawl that was interrupted resumes where it stopped when the
same command is run again. The crawl state lives in ``<data dir>/crawl/<source>.sqlite``
and the HTTP cache in ``<data dir>/http-cache``.

``--base-url`` (or ``CONCORDIA_<SOURCE>_BASE_URL``, e.g. ``CONCORDIA_HUDOC_ESC_BASE_URL``)
sends every request of the source to another origin, a mirror or a local replay server;
the allowlist is then that origin's host only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
import time
from collections.abc import Callable

from api.cli.common import add_common, progress_bar, settings_from
from api.services import open_services
from api.settings import Settings
from indexer.pipeline import IngestReport, Item, ingest, write_rejects
from indexer.sync import sync

log = logging.getLogger("concordia.crawl")

EXIT_OK, EXIT_REJECTS, EXIT_USAGE, EXIT_UNAVAILABLE = 0, 1, 2, 3
DEFAULT_INTERVAL_S = 2.0
CONTACT_ENV = "CONCORDIA_CRAWL_CONTACT"


def base_url_env(source: str) -> str:
    return "CONCORDIA_" + source.upper().replace("-", "_") + "_BASE_URL"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "crawl",
        help="crawl a source incrementally into the index (see `concordia sources`)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("source", help="source name from `concordia sources`")
    add_common(p)
    p.add_argument("--since", type=dt.date.fromisoformat, help="only documents dated from DATE")
    p.add_argument("--limit", type=int, help="stop after N listed documents")
    p.add_argument("--base-url", help="send every request to this origin instead (tests, mirrors)")
    p.add_argument(
        "--set",
        dest="options",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a source option (symbols=..., years=..., from=..., token=...; see docs/sources.md)",
    )
    p.add_argument(
        "--interval",
        type=float,
        default=None,
        help=f"seconds between requests to one host (default {DEFAULT_INTERVAL_S}, plus jitter)",
    )
    p.add_argument("--contact", help=f"contact in the User-Agent ({CONTACT_ENV})")
    p.add_argument("--no-index", action="store_true", help="store only; index later")
    p.add_argument("--status", action="store_true", help="show the crawl state and exit")
    p.set_defaults(func=run)


def parse_options(pairs: list[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"--set expects KEY=VALUE, got {pair!r}")
        options[key.strip()] = value.strip()
    return options


def show_status(settings: Settings, source: str) -> int:
    from scrapers.sources.state import CrawlState

    state = CrawlState.for_source(settings.data_dir, source)
    try:
        counts = state.counts()
        print(
            f"{source}: "
            + (", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "never crawled")
        )
        for run in state.runs()[-10:]:
            summary = run["summary"] or {}
            print(
                f"  run {run['id']} {run['status']:<9} started {run['started']} "
                f"listed {summary.get('listed', '-')} new {summary.get('new', '-')} "
                f"changed {summary.get('changed', '-')} unchanged {summary.get('unchanged', '-')} "
                f"failed {summary.get('failed', '-')}"
            )
    finally:
        state.close()
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    from scrapers.http import ClientConfig, PolicyError, PoliteClient, ScraperError
    from scrapers.http.config import DEFAULT_CONTACT
    from scrapers.sources import SOURCES
    from scrapers.sources.crawl import Crawler
    from scrapers.sources.state import CrawlState

    name: str = args.source
    if name not in SOURCES:
        print(f"error: unknown source {name!r}; see `concordia sources`", file=sys.stderr)
        return EXIT_USAGE
    try:
        options = parse_options(args.options)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    settings = settings_from(args)
    if args.status:
        return show_status(settings, name)
    cls = SOURCES[name]
    base_url: str | None = args.base_url or os.environ.get(base_url_env(name)) or None
    interval = DEFAULT_INTERVAL_S if args.interval is None else max(0.0, args.interval)
    contact = args.contact or os.environ.get(CONTACT_ENV)
    config = ClientConfig(
        allowed_hosts=cls.allowed_hosts(base_url),
        cache_dir=settings.data_dir / "http-cache",
        min_interval_s=interval,
        jitter_s=min(1.0, interval / 2),
        contact=contact or DEFAULT_CONTACT,
    )
    services = open_services(settings)
    state = CrawlState.for_source(settings.data_dir, name)
    client = PoliteClient(config)
    started = time.perf_counter()
    try:
        connector = cls(client, base_url=base_url, options=options)

        def sink(items: list[Item]) -> IngestReport:
            return ingest(items, services.store, taxonomy=services.taxonomy)

        crawler = Crawler(connector, state, sink, progress=_progress(name))
        print(
            f"crawling {name} ({', '.join(sorted(cls.allowed_hosts(base_url)))})"
            + (f" since {args.since}" if args.since else "")
            + (f", at most {args.limit} documents" if args.limit else ""),
            file=sys.stderr,
        )
        try:
            report = crawler.run(since=args.since, limit=args.limit)
        except PolicyError as exc:
            print(f"error: refused by policy: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except ScraperError as exc:
            print(
                f"error: {name} is unavailable: {exc}\n"
                "the crawl state is kept: re-run the same command to resume",
                file=sys.stderr,
            )
            return EXIT_UNAVAILABLE
        print(report.summary())
        print(f"crawled in {time.perf_counter() - started:.1f}s")
        rejects = write_rejects(IngestReport(rejects=list(report.rejects)), settings.rejects_dir)
        if rejects:
            print(f"rejects report: {rejects}")
        if not args.no_index:
            synced = sync(services.store, services.backend, services.embedder)
            print(
                f"indexed {synced.indexed} records, removed {synced.deleted}; "
                f"{services.backend.count()} searchable (store seq {services.store.seq})"
            )
        return EXIT_REJECTS if (report.rejected or report.failed) else EXIT_OK
    finally:
        client.close()
        state.close()
        services.close()


def _progress(name: str) -> Callable[..., None]:
    update, _close = progress_bar(None, f"crawl {name}")

    def progress(report: object, ref: object, outcome: str) -> None:
        update(1)
        log.info("%s %s: %s", name, getattr(ref, "key", "?"), outcome)

    return progress
