"""`concordia related ID`: records of other mechanisms on the same matter."""

from __future__ import annotations

import argparse
import json

from api.cli.common import add_common, settings_from
from api.services import open_services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("related", help="records of other mechanisms on the same matter")
    add_common(p)
    p.add_argument("record_id")
    p.add_argument("--size", type=int, default=10)
    p.add_argument(
        "--mechanism",
        action="append",
        default=[],
        help="keep only this mechanism type or body (repeatable)",
    )
    p.add_argument("--same-country", action="store_true", help="only about its countries")
    p.add_argument("--include-same", action="store_true", help="also its own body")
    p.add_argument("--json", action="store_true", help="print the API's JSON answer")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    services = open_services(settings_from(args))
    try:
        answer = services.related(
            args.record_id, args.mechanism, args.size, args.include_same, args.same_country
        )
        if args.json:
            print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
            return 0
        record, items, took = answer.record, answer.items, answer.took_ms
        print(
            f"{len(items)} related to {record.id} [{record.body} · {record.kind.value}] ({took} ms)"
        )
        for n, item in enumerate(items, start=1):
            r = item.record
            where = " ".join(x for x in (r.symbol, r.date.isoformat() if r.date else None) if x)
            print(
                f"\n{n}. {item.score:.3f} [{r.body} · {r.kind.value} · "
                f"{','.join(r.countries)} · {r.language}] {where}"
            )
            print("   " + r.text[:240].replace("\n", " "))
            for reason in item.reasons:
                detail = reason.detail
                shown = ", ".join(map(str, detail)) if isinstance(detail, list) else detail
                print(f"   - {reason.type}: {shown}")
            print(f"   id={r.id}")
    finally:
        services.close()
    return 0
