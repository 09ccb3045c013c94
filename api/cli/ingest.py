"""`concordia ingest`: datasets and files into the store, then into the index.

``concordia ingest --dataset NAME`` reads a shared dataset through its importer;
``concordia ingest FILE... --body CODE [--country ...]`` reads a user's own PDF, DOCX,
HTML or text files (`scrapers.sources.user_files`). A file that cannot be read is
reported by name in the rejects report, the other files go on, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from api.cli.common import DEFAULT_DATA_ROOT, add_common, progress_bar, settings_from
from api.services import open_services
from indexer.pipeline import Item, ingest, write_rejects


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("ingest", help="ingest datasets or your own files (and index them)")
    add_common(p)
    p.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="your own PDF/DOCX/HTML/TXT files (need --body)",
    )
    files = p.add_argument_group("metadata of FILE... (the same for every file)")
    files.add_argument("--body", help="body code or name (CAT, 'Human Rights Committee', ...)")
    files.add_argument(
        "--country", action="append", default=[], help="country concerned (repeatable)"
    )
    files.add_argument("--symbol", help="document symbol (A/HRC/59/15)")
    files.add_argument("--date", help="document date (YYYY-MM-DD)")
    files.add_argument("--language", help="language code (ar, en, fr, es); detected if absent")
    files.add_argument(
        "--kind",
        default="report_paragraph",
        help="recommendation, observation, decision, view, judgment, resolution, "
        "general_comment, report_paragraph (default), communication",
    )
    files.add_argument("--title", help="document title (default: the symbol or file name)")
    files.add_argument("--url", help="where the document is published")
    p.add_argument(
        "--dataset",
        "-d",
        action="append",
        default=[],
        help="dataset name from `concordia ingest --list`, or 'all' (repeatable)",
    )
    p.add_argument(
        "--data-root",
        type=Path,
        default=DEFAULT_DATA_ROOT,
        help="folder holding the shared datasets (default: %(default)s)",
    )
    p.add_argument("--list", action="store_true", help="list the datasets and exit")
    p.add_argument("--limit", type=int, help="stop after N items per dataset")
    p.add_argument(
        "--force",
        action="store_true",
        help="read every dataset again, even those whose files and code are unchanged",
    )
    p.add_argument("--no-index", action="store_true", help="store only; index later")
    p.set_defaults(func=run)


def _file_items(args: argparse.Namespace) -> Iterator[Item]:
    from scrapers.sources.user_files import FileMetadata, iter_file_items

    metadata = FileMetadata(
        body=args.body,
        kind=args.kind,
        countries=tuple(args.country),
        symbol=args.symbol,
        date=args.date,
        language=args.language,
        title=args.title,
        url=args.url,
    )
    return iter_file_items(list(args.files), metadata)


def run(args: argparse.Namespace) -> int:
    from scrapers.importers import IMPORTERS
    from scrapers.importers.incremental import DatasetReader, describe_skips

    if args.list:
        for name, importer in IMPORTERS.items():
            print(f"{name:28} {importer.description}")
        return 0
    files: list[Path] = list(getattr(args, "files", []) or [])
    if files and not args.body:
        print("error: FILE... needs --body (the mechanism that issued the documents)")
        return 2
    names: list[str] = []
    for name in args.dataset or ([] if files else ["sample"]):
        if name == "all":
            names.extend(n for n in IMPORTERS if n != "sample")
        elif name not in IMPORTERS:
            print(f"error: unknown dataset {name!r}; see `concordia ingest --list`")
            return 2
        else:
            names.append(name)
    settings = settings_from(args)
    services = open_services(settings)
    try:
        update, close = progress_bar(None, "ingest")
        reader = DatasetReader(
            services.store, IMPORTERS, args.data_root, force=args.force, limit=args.limit
        )
        items: Iterator[Item] = reader.items(names)
        if files:
            items = itertools.chain(items, _file_items(args))
        report = ingest(
            items,
            services.store,
            taxonomy=services.taxonomy,
            progress=update,
        )
        reader.commit()  # every batch is committed: the datasets read to the end are known
        close()
        print(report.summary())
        for line in describe_skips(reader):
            print(line)
        for bad in report.rejects:
            if bad.source == "user-file":
                print(f"error: {bad.location}: {bad.reason}", file=sys.stderr)
        for source, n in sorted(report.by_source.items()):
            print(f"  source   {n:>6}  {source}")
        rejects = write_rejects(report, settings.rejects_dir)
        if rejects:
            print(f"rejects report: {rejects}")
        if not args.no_index:
            started = time.perf_counter()
            update, close = progress_bar(None, "index")
            synced = services.sync(progress=update)
            close()
            print(
                f"indexed {synced.indexed} records, removed {synced.deleted} "
                f"({services.embedder.computed} embedded, {services.embedder.reused} from cache) "
                f"in {time.perf_counter() - started:.1f}s; {services.backend.count()} searchable"
            )
    finally:
        services.close()
    return 1 if report.rejected else 0
