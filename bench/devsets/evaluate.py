"""Score the duplicate check on the development sets (not a test: it needs the full
shared corpus ingested, e.g. `concordia ingest --dataset all --data-dir /tmp/concordia-full`).

    python bench/devsets/evaluate.py --data-dir /tmp/concordia-full [--set complaints ...]

For each query: the rank of the true case among the candidates (top-1, top-5, MRR),
per set and per language of the complaint; the verdict the true case got; and, for
complaints with no counterpart, the false-alarm rate of "likely the same matter".
Writes results.json beside this file.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from api.services import open_services  # noqa: E402
from api.settings import Settings  # noqa: E402
from indexer.citations import citation_index  # noqa: E402
from indexer.duplicates import Complaint, DuplicateChecker  # noqa: E402

HERE = Path(__file__).resolve().parent
SETS = ("complaints", "same_communication", "regional", "two_sources")


def load(name: str) -> list[dict[str, Any]]:
    path = HERE / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--set", action="append", choices=SETS)
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--dump", type=Path, help="every candidate's signals (for tuning)")
    args = parser.parse_args()
    services = open_services(Settings(data_dir=args.data_dir))
    started = time.perf_counter()
    links = citation_index(services.store)
    print(f"links ready in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    checker = DuplicateChecker(services.backend, services.embedder, links, services.taxonomy)
    checker.check(Complaint(text="Warm-up: the model and the indices are loaded once."))
    results: dict[str, Any] = {"data_dir": str(args.data_dir), "sets": {}}
    rows: list[dict[str, Any]] = []
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for name in args.set or SETS:
        for item in load(name):
            complaint = Complaint.model_validate({**item["complaint"], "size": 10})
            t = time.perf_counter()
            report = checker.check(complaint)
            ms = (time.perf_counter() - t) * 1000
            target = (item.get("target") or {}).get("case")
            rank = next(
                (n for n, c in enumerate(report.candidates, start=1) if c.case == target), None
            )
            top = report.candidates[0] if report.candidates else None
            row = {
                "set": name,
                "id": item["id"],
                "language": item["language"],
                "target": target,
                "rank": rank,
                "verdict": report.candidates[rank - 1].verdict if rank else None,
                "score": round(report.candidates[rank - 1].score, 3) if rank else None,
                "top": top.case if top else None,
                "top_verdict": top.verdict if top else None,
                "top_score": round(top.score, 3) if top else None,
                "likely": [c.case for c in report.candidates if c.verdict == "likely"],
                "ms": round(ms, 1),
            }
            if name == "two_sources" and rank:
                case = report.candidates[rank - 1]
                ids = links.case_records(case.case)
                sources = {p.source for r in services.backend.get(ids) for p in r.provenance}
                row["sources"] = sorted(sources)
                row["candidates_for_case"] = sum(
                    1 for c in report.candidates if c.record.symbol == case.record.symbol
                )
            rows.append(row)
            if dump is not None:
                dump.write(
                    json.dumps(
                        {
                            "set": name,
                            "id": item["id"],
                            "language": item["language"],
                            "target": target,
                            "candidates": [
                                {
                                    "case": c.case,
                                    "is_target": c.case == target,
                                    "verdict": c.verdict,
                                    "score": c.score,
                                    **{n: s.score for n, s in c.signals.items()},
                                    **(c.signals["facts"].candidate or {}),
                                }  # type: ignore[dict-item]
                                for c in report.candidates
                            ],
                        }
                    )
                    + "\n"
                )
            if args.verbose:
                print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
    if dump is not None:
        dump.close()
    results["rows"] = rows
    results["summary"] = summarise(rows)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(results["summary"], ensure_ascii=False, indent=1))
    services.close()


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["target"] is None:
            groups[f"{row['set']}/no-counterpart/{row['language']}"].append(row)
            groups[f"{row['set']}/no-counterpart"].append(row)
            continue
        groups[f"{row['set']}/{row['language']}"].append(row)
        groups[row["set"]].append(row)
    out: dict[str, Any] = {}
    for name, items in sorted(groups.items()):
        if "no-counterpart" in name:
            out[name] = {
                "n": len(items),
                "false_alarm_likely": round(sum(1 for r in items if r["likely"]) / len(items), 3),
                "any_possibly_or_likely": round(
                    sum(1 for r in items if r["top_verdict"] in ("likely", "possibly"))
                    / len(items),
                    3,
                ),
            }
            continue
        n = len(items)
        out[name] = {
            "n": n,
            "top1": round(sum(1 for r in items if r["rank"] == 1) / n, 3),
            "top5": round(sum(1 for r in items if r["rank"] and r["rank"] <= 5) / n, 3),
            "mrr": round(sum(1 / r["rank"] for r in items if r["rank"]) / n, 3),
            "true_case_likely": round(sum(1 for r in items if r["verdict"] == "likely") / n, 3),
            "true_case_possibly": round(sum(1 for r in items if r["verdict"] == "possibly") / n, 3),
            "other_case_likely": round(
                sum(1 for r in items if any(c != r["target"] for c in r["likely"])) / n, 3
            ),
        }
    ms = [r["ms"] for r in rows]
    if ms:
        out["latency_ms"] = {
            "p50": round(statistics.median(ms), 1),
            "p95": round(sorted(ms)[int(0.95 * (len(ms) - 1))], 1),
        }
    return out


if __name__ == "__main__":
    main()
