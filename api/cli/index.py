"""`concordia index`: bring a backend up to date with the store, or rebuild it."""

from __future__ import annotations

import argparse
import time

from api.cli.common import add_common, progress_bar, settings_from
from api.services import open_services
from indexer.sync import rebuild


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("index", help="index the store into the backend")
    add_common(p)
    p.add_argument("--rebuild", action="store_true", help="drop and rebuild from the store")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    services = open_services(settings_from(args))
    try:
        started = time.perf_counter()
        update, close = progress_bar(services.store.count(), "index")
        if args.rebuild:
            rebuild_fn = getattr(services.backend, "rebuild_from", None)
            if callable(rebuild_fn):
                report = rebuild_fn(services.store, services.embedder, update)
            else:
                report = rebuild(
                    services.store, services.backend, services.embedder, progress=update
                )
        else:
            report = services.sync(progress=update)
        close()
        print(
            f"{services.backend.name}: indexed {report.indexed}, removed {report.deleted}, "
            f"watermark {report.watermark}, {services.backend.count()} searchable, "
            f"{time.perf_counter() - started:.1f}s"
        )
    finally:
        services.close()
    return 0
