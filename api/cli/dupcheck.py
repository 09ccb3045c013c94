"""`concordia dupcheck FILE`: has this complaint been examined by another procedure?

FILE is a JSON object with the fields of POST /api/duplicates (`text`, `authors`,
`victims`, `respondent_state`, `dates`, `rights`) or plain text (the facts); the
options add or override fields. `-` reads standard input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from api.cli.common import add_common, settings_from
from api.services import open_services
from indexer.citations import citation_index
from indexer.duplicates import Complaint, check_duplicates
from indexer.errors import BadQuery


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("dupcheck", help="duplicate-complaint check for a complaint file")
    add_common(p)
    p.add_argument("file", help="JSON complaint or plain text ('-' for standard input)")
    p.add_argument("--author", action="append", default=[])
    p.add_argument("--victim", action="append", default=[])
    p.add_argument("--state", help="respondent State (code or name)")
    p.add_argument("--date", action="append", default=[], help="YYYY[-MM[-DD]] (repeatable)")
    p.add_argument("--right", action="append", default=[], help="'torture', 'ICCPR 7'...")
    p.add_argument("--size", type=int, default=10)
    p.add_argument("--json", action="store_true", help="print the API's JSON answer")
    p.set_defaults(func=run)


def read_complaint(args: argparse.Namespace) -> Complaint:
    raw = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    data: dict[str, Any]
    try:
        parsed = json.loads(raw)
        data = parsed if isinstance(parsed, dict) else {"text": raw}
    except json.JSONDecodeError:
        data = {"text": raw}
    data.setdefault("authors", [])
    data.setdefault("victims", [])
    data["authors"] = [*data["authors"], *args.author]
    data["victims"] = [*data["victims"], *args.victim]
    if args.state:
        data["respondent_state"] = args.state
    data["dates"] = [*data.get("dates", []), *args.date]
    data["rights"] = [*data.get("rights", []), *args.right]
    data["size"] = args.size
    try:
        return Complaint.model_validate(data)
    except ValidationError as exc:
        raise BadQuery(f"{args.file}: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}") from exc


def run(args: argparse.Namespace) -> int:
    complaint = read_complaint(args)
    services = open_services(settings_from(args))
    try:
        links = citation_index(services.store)
        report = check_duplicates(
            complaint, services.backend, services.embedder, links, services.taxonomy
        )
        if args.json:
            print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
            return 0
        print(f"{len(report.candidates)} candidate cases ({report.took_ms} ms)")
        for n, c in enumerate(report.candidates, start=1):
            j = c.to_json()
            print(
                f"\n{n}. {c.verdict.upper()} ({c.score:.2f})  {j['title'] or j['symbol']}"
                f"  [{j['body']}, {j['procedure'] or '?'}]"
            )
            meta = [
                f"{k}: {j[k]}"
                for k in ("number", "symbol", "respondent_state", "date", "outcome", "status")
                if j.get(k)
            ]
            print("   " + " · ".join(meta))
            for name, signal in c.signals.items():
                score = "–" if signal.score is None else f"{signal.score:.2f}"
                print(f"   {name:<9} {score:>5}  {signal.match}")
            facts = c.signals["facts"].detail
            if isinstance(facts, list) and facts:
                best = facts[0]
                print(f"   complaint: {str(best['complaint'])[:160]}")
                print(f"   case ({best['similarity']}): {str(best['text'])[:160]}")
            print(f"   id={c.record.id}")
    finally:
        services.close()
    return 0
