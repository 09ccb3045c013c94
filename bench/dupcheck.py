"""Latency of the duplicate-complaint check for a 300-word complaint (a benchmark, not a test).

    python bench/dupcheck.py --data-dir /tmp/concordia-full [--runs 60]

Needs the full shared corpus ingested into DATA_DIR (`concordia ingest --dataset all
--data-dir DATA_DIR`). Complaints are 300 words each: the facts of real decisions
(English, from the treaty-body jurisprudence) and the hand-written complaints of the
development set in Arabic, French and Spanish, lengthened to 300 words with the
facts of the same decision's other language versions. Each is checked once cold
(first query of the process: model and index pages loading) and then `--runs`
times in turn; p50/p95 are over the warm runs. Wall-clock and process CPU time are
both reported (with the load average): on a shared machine the wall clock measures
the neighbours too.
`run(data_dir)` is what `python -m bench` calls.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import tarfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from api.services import open_services  # noqa: E402
from api.settings import Settings  # noqa: E402
from indexer.citations import citation_index  # noqa: E402
from indexer.duplicates import Complaint, DuplicateChecker  # noqa: E402

WORDS = 300
DEVSET = ROOT / "bench" / "devsets" / "complaints.jsonl"
JURIS = "unhrd-treatybody-jurisprudence-gc-sp/json_jurisprudence.tar.gz"
DECISIONS = (
    "ccpr-c-111-d-1931-2010",
    "ccpr-c-104-d-1782-2008",
    "ccpr-c-98-d-1338-2005",
    "ccpr-c-85-d-1078-2002",
    "cedaw-c-84-d-129-2018",
    "crc-c-93-d-133-2020",
    "cerd-c-107-d-66-2018",
    "ccpr-c-100-d-1818-2008",
    "ccpr-c-123-d-2318-2013",
    "cedaw-c-69-d-85-2015",
)


def _facts(data_root: Path) -> list[str]:
    wanted = set(DECISIONS)
    out: list[str] = []
    with tarfile.open(data_root / JURIS) as tar:
        for member in tar:
            stem = Path(member.name).stem
            if stem not in wanted:
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            paragraphs = json.load(io.TextIOWrapper(handle, encoding="utf-8"))
            words: list[str] = []
            for p in paragraphs:
                if str(p.get("ID") or "").startswith(("1.", "2.")):
                    words.extend(str(p.get("Text") or "").split())
            out.append(" ".join(words[:WORDS]))
    return out


def complaints(data_root: Path) -> list[dict[str, Any]]:
    """300-word complaints: real facts in English, the development set's in ar/fr/es."""
    out: list[dict[str, Any]] = [{"language": "en", "text": t} for t in _facts(data_root)]
    rows = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines()]
    by_target: dict[str, dict[str, dict[str, Any]]] = {}
    for row in rows:
        if row["target"]:
            by_target.setdefault(row["target"]["case"], {})[row["language"]] = row["complaint"]
    for versions in by_target.values():
        for language in ("ar", "fr", "es"):
            if language not in versions:
                continue
            words = versions[language]["text"].split()
            # lengthen with the other versions' text so that every complaint has 300 words
            for other in ("en", "fr", "es", "ar"):
                if len(words) >= WORDS:
                    break
                if other != language and other in versions:
                    words.extend(versions[other]["text"].split())
            out.append(
                {**versions[language], "language": language, "text": " ".join(words[:WORDS])}
            )
    return out


def run(data_dir: Path, runs: int = 60, data_root: Path | None = None) -> dict[str, Any]:
    data_root = data_root or ROOT.parent / "shared" / "data"
    services = open_services(Settings(data_dir=data_dir))
    try:
        started = time.perf_counter()
        links = citation_index(services.store)
        links_s = time.perf_counter() - started
        checker = DuplicateChecker(services.backend, services.embedder, links, services.taxonomy)
        items = complaints(data_root)
        t = time.perf_counter()
        checker.check(Complaint.model_validate({**items[0], "language": None}))
        cold_ms = (time.perf_counter() - t) * 1000
        timings: list[float] = []
        cpu: list[float] = []
        per_language: dict[str, list[float]] = {}
        for n in range(runs):
            item = items[n % len(items)]
            complaint = Complaint.model_validate({k: v for k, v in item.items() if k != "language"})
            t, c = time.perf_counter(), time.process_time()
            report = checker.check(complaint)
            ms = (time.perf_counter() - t) * 1000
            cpu.append((time.process_time() - c) * 1000)
            timings.append(ms)
            per_language.setdefault(item["language"], []).append(ms)
            assert report.candidates, "no candidates: is the corpus ingested?"
        ordered = sorted(timings)
        result = {
            "records": services.store.count(),
            "indexed": services.backend.count(),
            "complaint_words": WORDS,
            "complaints": len(items),
            "runs": runs,
            "links_refresh_s": round(links_s, 1),
            "cold_ms": round(cold_ms, 1),
            "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[max(0, int(0.95 * len(ordered)) - 1)], 1),
            "max_ms": round(ordered[-1], 1),
            "cpu_p50_ms": round(statistics.median(cpu), 1),
            "cpu_p95_ms": round(sorted(cpu)[max(0, int(0.95 * len(cpu)) - 1)], 1),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "cpus": os.cpu_count(),
            "per_language_p50_ms": {
                lang: round(statistics.median(v), 1) for lang, v in sorted(per_language.items())
            },
        }
        return result
    finally:
        services.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--data-root", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    result = run(args.data_dir, args.runs, args.data_root)
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
