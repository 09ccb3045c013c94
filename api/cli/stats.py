"""`concordia stats`: what is in the store and the index."""

from __future__ import annotations

import argparse

from api.cli.common import add_common, settings_from
from api.services import open_services
from indexer.backend.protocol import NO_FILTERS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("stats", help="counts per facet")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    services = open_services(settings_from(args))
    try:
        print(f"store: {services.store.count()} records (seq {services.store.seq})")
        print(
            f"{services.backend.name}: {services.backend.count()} indexed "
            f"(watermark {services.backend.watermark()})"
        )
        facets = services.backend.facets(
            None, NO_FILTERS, ["mechanism", "body", "kind", "language"], 50
        )
        for name, values in facets.items():
            print(f"{name}: " + ", ".join(f"{v} {c}" for v, c in values))
    finally:
        services.close()
    return 0
