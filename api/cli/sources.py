"""`concordia sources`: the source registry — what each connector reads, where, and how
it is proven offline (its recorded example responses: real, mixed or synthetic)."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("sources", help="list the sources `concordia crawl` can read")
    p.add_argument("--json", action="store_true", help="print the registry as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scrapers.sources import SOURCES, fixture_status

    rows = [
        {
            "name": name,
            "mechanism": cls.info.mechanism,
            "bodies": list(cls.info.bodies),
            "interface": cls.info.interface,
            "hosts": list(cls.info.hosts),
            "fixture": fixture_status(name),
        }
        for name, cls in SOURCES.items()
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for row in rows:
        print(f"{row['name']:<18} {row['mechanism']}")
        print(f"{'':<18} interface: {row['interface']}")
        print(f"{'':<18} hosts:     {', '.join(row['hosts'])}")
        print(f"{'':<18} fixture:   {row['fixture']}")
    print(f"{len(rows)} sources; crawl one with `concordia crawl NAME`")
    return 0
