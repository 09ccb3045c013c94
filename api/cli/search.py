"""`concordia search QUERY`: the same search as the API, in a terminal."""

from __future__ import annotations

import argparse
import json
import re

from api.cli.common import add_common, settings_from
from api.schemas import search_response
from api.services import open_services
from indexer.backend.protocol import Filters, SortOrder
from indexer.errors import BadQuery
from indexer.search import Mode, SearchRequest

_MARK = re.compile(r"</?mark>")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("search", help="search from the command line")
    add_common(p)
    p.add_argument("query", nargs="?", default="")
    p.add_argument("--json", action="store_true", help="print the API's JSON answer")
    p.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.HYBRID.value)
    p.add_argument(
        "--sort", choices=[s.value for s in SortOrder], default=SortOrder.RELEVANCE.value
    )
    for facet in (
        "lang",
        "mechanism",
        "body",
        "kind",
        "country",
        "region",
        "response",
        "recommending",
    ):
        p.add_argument(f"--{facet}", action="append", default=[])
    p.add_argument("--year-from", type=int)
    p.add_argument("--year-to", type=int)
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--size", type=int, default=10)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    services = open_services(settings_from(args))
    try:
        tax = services.taxonomy

        def codes(values: list[str]) -> tuple[str, ...]:
            out = []
            for v in values:
                code = tax.resolve_country(v)
                if code is None:
                    raise BadQuery(f"unknown country {v!r}")
                out.append(code)
            return tuple(out)

        bodies = []
        for b in args.body:
            found = tax.resolve_body(b)
            if found is None:
                raise BadQuery(f"unknown body {b!r}")
            bodies.append(found.code)
        terms = {
            "language": tuple(args.lang),
            "mechanism": tuple(args.mechanism),
            "body": tuple(bodies),
            "kind": tuple(args.kind),
            "country": codes(args.country),
            "region": tuple(args.region),
            "response": tuple(args.response),
            "recommending": codes(args.recommending),
        }
        request = SearchRequest(
            args.query,
            Mode(args.mode),
            Filters({k: v for k, v in terms.items() if v}, args.year_from, args.year_to),
            args.page,
            args.size,
            SortOrder(args.sort),
        )
        result = services.search.search(request)
        response = search_response(result, request.page, request.size)
        if args.json:
            print(json.dumps(response.model_dump(), ensure_ascii=False, indent=2))
            return 0
        print(
            f"{response.total} results ({response.took_ms} ms, {response.mode})"
            + (" — relaxed: not every word matched" if response.relaxed else "")
        )
        for n, hit in enumerate(response.results, start=request.offset + 1):
            where = " ".join(
                x
                for x in (hit.symbol, f"¶{hit.paragraph}" if hit.paragraph else None, hit.date)
                if x
            )
            print(
                f"\n{n}. [{hit.body} · {hit.kind} · {','.join(hit.countries)} · "
                f"{hit.language}] {where}"
            )
            print("   " + _MARK.sub("**", hit.highlight).replace("\n", " "))
            print(f"   id={hit.id}" + (f"  {hit.url}" if hit.url else ""))
    finally:
        services.close()
    return 0
