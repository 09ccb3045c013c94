"""Print a mode's top 10 for chosen development queries, with each record's labels, to read.

    python -m bench.quality.read --data-dir /var/tmp/concordia-bench/full \\
        upr-torture-ar upr-media_freedom-fr

A rule-judged set (UPR Info labels) is only as good as its labels; reading what a mode
ranks first, labelled ("REL") or not ("---"), is how docs/quality.md checks them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.build import Corpus, service
from bench.quality.evaluate import load_sets, theme_members
from indexer.backend.protocol import Filters
from indexer.search import Mode, SearchRequest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--mode", choices=[m.value for m in Mode], default=Mode.HYBRID.value)
    parser.add_argument("ids", nargs="+", help="query ids of bench/devsets/quality/*.jsonl")
    args = parser.parse_args()
    svc = service(Corpus("full", args.data_dir), "embedded")
    try:
        rows = {row["id"]: row for rows in load_sets().values() for row in rows}
        members = theme_members(svc, rows.values())
        for qid in args.ids:
            row = rows[qid]
            rule = row.get("relevant_rule")
            relevant = members.get(rule["theme"], set()) if rule else set(row["relevant"])
            filters = Filters({k: tuple(v) for k, v in row.get("filters", {}).items()})
            request = SearchRequest(
                query=row["query"], mode=Mode(args.mode), filters=filters, size=10,
                facets=(), highlight=False,
            )  # fmt: skip
            print(f"\n## {qid}: {row['query']}")
            for rank, item in enumerate(svc.search(request).results, start=1):
                mark = "REL" if item.record.id in relevant else "---"
                text = item.record.text[:200].replace("\n", " ")
                print(f"{rank:2} {mark} {list(item.record.themes)[:4]} {text}")
    finally:
        svc.backend.close()


if __name__ == "__main__":
    main()
