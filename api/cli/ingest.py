"""`concordia ingest`: datasets and files into the store, then into the index."""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Iterator
from pathlib import Path

from api.cli.common import DEFAULT_DATA_ROOT, add_common, progress_bar, settings_from
from api.services import open_services
from indexer.pipeline import Item, ingest, write_rejects
from indexer.sync import sync


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("ingest", help="ingest datasets (and index them)")
    add_common(p)
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
    p.add_argument("--no-index", action="store_true", help="store only; index later")
    p.set_defaults(func=run)


def _items(names: list[str], root: Path, limit: int | None) -> Iterator[Item]:
    from scrapers.importers import IMPORTERS

    for name in names:
        importer = IMPORTERS[name]
        items: Iterator[Item] = importer.run(root)
        yield from (itertools.islice(items, limit) if limit else items)


def run(args: argparse.Namespace) -> int:
    from scrapers.importers import IMPORTERS

    if args.list:
        for name, importer in IMPORTERS.items():
            print(f"{name:28} {importer.description}")
        return 0
    names: list[str] = []
    for name in args.dataset or ["sample"]:
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
        report = ingest(
            _items(names, args.data_root, args.limit),
            services.store,
            taxonomy=services.taxonomy,
            progress=update,
        )
        close()
        print(report.summary())
        for source, n in sorted(report.by_source.items()):
            print(f"  source   {n:>6}  {source}")
        rejects = write_rejects(report, settings.rejects_dir)
        if rejects:
            print(f"rejects report: {rejects}")
        if not args.no_index:
            started = time.perf_counter()
            update, close = progress_bar(None, "index")
            synced = sync(services.store, services.backend, services.embedder, progress=update)
            close()
            print(
                f"indexed {synced.indexed} records, removed {synced.deleted} "
                f"({services.embedder.computed} embedded, {services.embedder.reused} from cache) "
                f"in {time.perf_counter() - started:.1f}s; {services.backend.count()} searchable"
            )
    finally:
        services.close()
    return 1 if report.rejected else 0
