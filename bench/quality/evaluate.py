"""nDCG@10 and Recall@10 of keyword, vector and hybrid search on the development sets.

    python -m bench.quality.evaluate --data-dir /var/tmp/concordia-bench/full

Runs every query of bench/devsets/quality/*.jsonl through the search service
(the embedded backend; both backends rank alike, tests/test_es_parity.py) in the
three modes, with the query's filters, top 10, and reports per set and per query
language:

- nDCG@10 with binary gains: DCG = sum over the top 10 of rel / log2(rank + 1),
  divided by the DCG of a perfect top 10 (min(|relevant|, 10) relevant results);
- Recall@10 = |relevant in the top 10| / min(|relevant|, 10). For a known-item
  query (one relevant record) it is 1 when the record is in the top 10. For a
  UPR issue with hundreds of labelled recommendations, plain recall would be
  bounded by 10/|relevant|; capping the denominator at 10 makes it the share of
  the top 10 that is relevant when there are at least 10 to find.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bench.build import Corpus, service
from indexer.backend.protocol import Filters
from indexer.search import Mode, SearchRequest, SearchService

SETS = Path(__file__).resolve().parents[1] / "devsets" / "quality"
MODES = (Mode.KEYWORD, Mode.VECTOR, Mode.HYBRID)
K = 10


def ndcg(ranked: list[str], relevant: set[str], k: int = K) -> float:
    dcg = sum(1.0 / math.log2(i + 2) for i, rid in enumerate(ranked[:k]) if rid in relevant)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return dcg / ideal if ideal else 0.0


def recall(ranked: list[str], relevant: set[str], k: int = K) -> float:
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & relevant) / min(len(relevant), k)


def load_sets(directory: Path = SETS) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(directory.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        if rows:
            out[path.stem] = rows
    return out


def theme_members(svc: SearchService, rows: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
    """Relevant ids of rule-judged queries: the records carrying the theme label."""
    themes = {r["relevant_rule"]["theme"] for r in rows if "relevant_rule" in r}
    if not themes:
        return {}
    members: dict[str, set[str]] = defaultdict(set)
    store = svc.backend.store  # type: ignore[attr-defined]
    for record in store.iter_records():
        if record.mechanism.value == "upr" and record.kind.value == "recommendation":
            for theme in themes.intersection(record.themes):
                members[theme].add(record.id)
    return members


def evaluate(svc: SearchService, sets: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    out: dict[str, Any] = {"sets": {}, "per_query": {}}
    for name, rows in sets.items():
        members = theme_members(svc, rows)
        per_lang: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        details = []
        for row in rows:
            relevant = (
                members.get(row["relevant_rule"]["theme"], set())
                if "relevant_rule" in row
                else set(row["relevant"])
            )
            filters = Filters({k: tuple(v) for k, v in row.get("filters", {}).items()})
            scores: dict[str, float] = {}
            for mode in MODES:
                result = svc.search(
                    SearchRequest(
                        query=row["query"],
                        mode=mode,
                        filters=filters,
                        size=K,
                        facets=(),
                        highlight=False,
                    )
                )
                ranked = [item.record.id for item in result.results]
                n, r = ndcg(ranked, relevant), recall(ranked, relevant)
                for lang in (row["language"], "all"):
                    per_lang[lang][f"{mode.value}.ndcg10"].append(n)
                    per_lang[lang][f"{mode.value}.recall10"].append(r)
                scores[mode.value] = round(n, 4)
            details.append({"id": row["id"], "relevant": len(relevant), "ndcg10": scores})
        summary: dict[str, Any] = {}
        for lang, metrics in per_lang.items():
            entry: dict[str, Any] = {"queries": len(metrics[f"{MODES[0].value}.ndcg10"])}
            for mode in MODES:
                entry[mode.value] = {
                    "ndcg10": round(statistics.fmean(metrics[f"{mode.value}.ndcg10"]), 4),
                    "recall10": round(statistics.fmean(metrics[f"{mode.value}.recall10"]), 4),
                }
            summary[lang] = entry
        order = ["en", "fr", "es", "ar", "all"]
        out["sets"][name] = {k: summary[k] for k in sorted(summary, key=order.index)}
        out["per_query"][name] = details
    return out


def run(corpus: Corpus) -> dict[str, Any]:
    svc = service(corpus, "embedded")
    try:
        return evaluate(svc, load_sets())
    finally:
        svc.backend.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, help="write the full results (JSON) here")
    args = parser.parse_args()
    result = run(Corpus("full", args.data_dir))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
    for name, per_lang in result["sets"].items():
        for lang, m in per_lang.items():
            cells = "  ".join(
                f"{mode.value} {m[mode.value]['ndcg10']:.3f}/{m[mode.value]['recall10']:.3f}"
                for mode in MODES
            )
            print(f"{name:14} {lang:3} n={m['queries']:<4} nDCG@10/R@10  {cells}")


if __name__ == "__main__":
    main()
