"""Build the corpus-derived development sets from the shared data (run once; output
committed beside this file). The hand-written complaints are in complaints.jsonl.

    python bench/devsets/build.py [--data-root ../shared/data]

same_communication.jsonl  decisions that share a communication number with another
                          decision (an admissibility decision and the later views,
                          a discontinuance and a re-registered case): the facts of
                          one, with that document left out, must find the case
                          through the other.
regional.jsonl            the treaty-body decisions that name a European Court
                          application (derived_same_matter_regional_candidates):
                          a complaint citing that application number, as the Court's
                          registry would check it, must find the committee's case.
two_sources.jsonl         the three decisions scraped by two sources (OHCHR-Juris and
                          TreatyBodyJuris): the facts from one copy must find one
                          candidate case holding both copies.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import tarfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from indexer.citations import normalise_symbol, symbol_keys  # noqa: E402
from scrapers.importers.juris_meta import parse_file_name  # noqa: E402

HERE = Path(__file__).resolve().parent
MAX_WORDS = 300
FACTS = re.compile(r"fact|hechos|faits", re.IGNORECASE)


def decisions(root: Path) -> dict[str, list[dict[str, object]]]:
    path = root / "unhrd-treatybody-jurisprudence-gc-sp" / "json_jurisprudence.tar.gz"
    out: dict[str, list[dict[str, object]]] = {}
    with tarfile.open(path) as tar:
        for member in tar:
            if not member.name.endswith(".json"):
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            stem = Path(member.name).stem
            out[stem] = json.load(io.TextIOWrapper(handle, encoding="utf-8"))
    return out


def facts_text(paragraphs: list[dict[str, object]], max_words: int = MAX_WORDS) -> str:
    chosen = [p for p in paragraphs if FACTS.search(str(p.get("Section") or ""))]
    if len(chosen) < 2:
        chosen = [p for p in paragraphs if str(p.get("ID") or "").startswith(("1.", "2."))]
    words: list[str] = []
    for p in chosen:
        text = re.sub(r"\[\[fn:\d+\]\]", "", str(p.get("Text") or ""))
        words.extend(text.split())
        if len(words) >= max_words:
            break
    return " ".join(words[:max_words])


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def comm_key(symbol: str) -> str | None:
    normalised = normalise_symbol(symbol)
    if normalised is None:
        return None
    return next((k for k in symbol_keys(normalised) if k.startswith("comm:")), None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-root", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    docs = decisions(args.data_root)
    by_comm: dict[str, list[str]] = defaultdict(list)
    symbols: dict[str, str] = {}
    for stem in sorted(docs):
        parsed = parse_file_name(stem)
        if parsed is None or not parsed.is_decision:
            continue
        key = comm_key(parsed.symbol)
        if key:
            by_comm[key].append(stem)
            symbols[stem] = normalise_symbol(parsed.symbol) or parsed.symbol

    same = []
    for key, stems in sorted(by_comm.items()):
        # Distinct documents only: not a corrigendum or re-issue of the other, not the
        # same decision under a second file name, not a joined decision on several
        # communications, and long enough to be found by its facts.
        kept = []
        for stem in stems:
            parsed = parse_file_name(stem)
            if parsed is None or len(parsed.numbers) > 1 or parsed.other_symbols:
                continue
            if re.search(r"/(?:Corr|Rev|Add)\.?\d", symbols[stem], re.IGNORECASE):
                continue
            if len(docs[stem]) < 10 or symbols[stem] in {symbols[o] for o in kept}:
                continue
            texts = {str(p.get("Text") or "") for p in docs[stem]}
            if any(
                _overlap(texts, {str(p.get("Text") or "") for p in docs[o]}) > 0.5 for o in kept
            ):
                continue
            kept.append(stem)
        if len(kept) < 2:
            continue
        for stem in kept:
            text = facts_text(docs[stem])
            if len(text.split()) < 40:
                continue
            others = [symbols[s] for s in kept if s != stem]
            same.append(
                {
                    "id": f"same-{stem}",
                    "language": "en",
                    "target": {"case": key, "symbols": others},
                    "complaint": {"text": text, "exclude": [f"symbol:{symbols[stem]}"]},
                }
            )
    write("same_communication.jsonl", same)

    regional = []
    candidates = (
        args.data_root
        / "unhrd-treatybody-jurisprudence-gc-sp"
        / ("derived_same_matter_regional_candidates.jsonl")
    )
    for line in candidates.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if not row["ecthr_appnos_mentioned"]:
            continue
        parsed = parse_file_name(row["doc_id"])
        key = comm_key(parsed.symbol) if parsed else None
        if key is None:
            continue
        for app in row["ecthr_appnos_mentioned"]:
            regional.append(
                {
                    "id": f"regional-{row['doc_id']}-{app.replace('/', '-')}",
                    "language": "en",
                    "target": {
                        "case": key,
                        "symbols": [symbols.get(row["doc_id"], row["symbol_guess"])],
                    },
                    "complaint": {
                        "text": (
                            f"Application no. {app} lodged with the European Court of Human "
                            "Rights. The applicant complains of the same facts before the "
                            "Committee."
                        ),
                    },
                }
            )
    write("regional.jsonl", regional)

    pairs = [("case_1", "record_0000"), ("case_5", "record_0003"), ("case_10", "record_0008")]
    two = []
    for juris, tbj in pairs:
        tb = json.loads(
            (
                args.data_root / "legal-sources-samples" / "UN" / "TreatyBodyJuris" / f"{tbj}.json"
            ).read_text(encoding="utf-8")
        )
        symbol = normalise_symbol(str(tb.get("symbol") or "")) or ""
        number = str(tb.get("communication_no") or "")
        key = comm_key(symbol) or f"comm:CAT:{number}"
        raw = args.data_root / "legal-sources-samples" / "UN" / "OHCHR-Juris" / f"{juris}.json"
        data = json.loads(raw.read_text(encoding="utf-8"))
        text = str(data.get("text") or "").replace("\x00", "")
        start = text.find("2.1")
        words = text[start if start > 0 else 0 :].split()[:MAX_WORDS]
        two.append(
            {
                "id": f"two-sources-{juris}-{tbj}",
                "language": "en",
                "target": {
                    "case": key,
                    "symbols": [symbol],
                    "sources": ["ohchr-juris", "treatybody-juris"],
                },
                "complaint": {"text": " ".join(words)},
            }
        )
    write("two_sources.jsonl", two)


def write(name: str, rows: list[dict[str, object]]) -> None:
    with (HERE / name).open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{name}: {len(rows)}")


if __name__ == "__main__":
    main()
