"""The Markdown tables of a results file (`bench/results/<date>.md`, docs/benchmarks.md).

Every comparison is a ratio of two numbers measured in the same run on the same
data: Elasticsearch over embedded for latency (above 1: embedded is faster) and
embedded over Elasticsearch for throughput (above 1: embedded does more).
"""

from __future__ import annotations

import math
from typing import Any

BACKENDS = ("embedded", "elasticsearch")
SCALES = (("full", "shared corpus"), ("s100k", "100,000"), ("s1m", "1,000,000"))
MODES = ("keyword", "vector", "hybrid")


def _f(value: Any, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, int) or (isinstance(value, float) and value >= 1000):
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def _ratio(a: Any, b: Any) -> str:
    if not a or not b:
        return "–"
    return f"{a / b:.2f}×"


def _get(data: dict[str, Any], *path: str) -> Any:
    cur: Any = data
    for key in path:
        if not isinstance(cur, dict) or key not in cur:
            return None
        cur = cur[key]
    return cur


def environment_block(results: dict[str, Any]) -> list[str]:
    env = results.get("environment", {})
    m, s = env.get("machine", {}), env.get("software", {})
    return [
        f"- date: {env.get('date', '–')}; command: `{results.get('command', 'make bench')}`",
        f"- machine: {m.get('cpu', '?')}, {m.get('cores', '?')} cores, "
        f"{m.get('memory_gib', '?')} GiB, Linux {m.get('kernel', '?')}, shared with other "
        f"jobs (load average when the report was written: {m.get('load_average')})",
        f"- software: Concordia {s.get('concordia')} ({s.get('commit')}), Python "
        f"{s.get('python')}, tantivy {s.get('tantivy')}, hnswlib {s.get('hnswlib')}, "
        f"onnxruntime {s.get('onnxruntime')}, numpy {s.get('numpy')}, Elasticsearch "
        f"{s.get('elasticsearch')} (client {s.get('elasticsearch-py')})",
    ]


def ingest_table(phases: dict[str, Any]) -> list[str]:
    out = [
        "| corpus | phase | records | seconds | records/s | load (1 min) |",
        "|---|---|--:|--:|--:|--:|",
    ]
    notes: list[str] = []
    for corpus, label in (
        ("full", "shared corpus"),
        ("s100k", "100,000 synthetic"),
        ("s1m", "1,000,000 synthetic"),
    ):
        store = phases.get(f"{corpus}/store")
        embed = phases.get(f"{corpus}/embed")
        derived = bool(embed and embed.get("derived"))
        embed_name = (
            f"vectors: {_f(embed.get('derived'))} derived from templates, "
            f"{_f(embed.get('embedded_by_model'))} by the model"
            if embed and derived
            else "embed (cold cache)"
        )
        rows: list[tuple[str, Any]] = [
            ("parse + validate + enrich + store", store),
            (embed_name, embed),
        ]
        for key in (f"{corpus}/store", f"{corpus}/embed", f"{corpus}/model-embed"):
            if (phases.get(key) or {}).get("note"):
                notes.append(f"- `{key}`: {phases[key]['note']}")
        if derived:
            whole = phases.get(f"{corpus}/store-cold") and phases.get(f"{corpus}/model-embed")
            notes.append(
                f"- `{corpus}/embed`: {embed.get('method')}; not a measure of embedding "
                "speed: "
                + (
                    "the end-to-end figures add the store timed from empty "
                    f"(`{corpus}/store-cold`), the model over every text "
                    f"(`{corpus}/model-embed`) and the index (see docs/benchmarks.md)"
                    if whole
                    else "no end-to-end figure for this corpus until the store is timed "
                    f"from empty and the model has embedded every text (`{corpus}/store-cold`"
                    f", `{corpus}/model-embed`; see docs/benchmarks.md)"
                )
            )
        cold_store = phases.get(f"{corpus}/store-cold")
        if cold_store:
            rows.append(("parse + validate + enrich + store, from an empty store", cold_store))
        model_row = _model_embed_row(phases, corpus)
        if model_row is not None:
            rows.append(model_row)
        for kind in BACKENDS:
            rows.append((f"index: {kind}", phases.get(f"{corpus}/index/{kind}")))
        for name, p in rows:
            if not p:
                continue
            n = p.get("records_seen") or p.get("records")
            load = _get(p, "load")
            out.append(
                f"| {label} | {name} | {_f(n)} | {_f(p.get('seconds'))} | "
                f"{_f(p.get('records_per_s'))} | {_f(load[0][0] if load else None, 2)} |"
            )
        model_done = phases.get(f"{corpus}/model-embed")
        for kind in BACKENDS:
            parts = [store, embed, phases.get(f"{corpus}/index/{kind}")]
            if derived and cold_store and model_done:
                # The store timed from empty, the model over every text, the index (whose
                # cost does not depend on which vectors it holds).
                parts = [cold_store, model_done, parts[2]]
            elif derived:
                continue
            if all(parts):
                n = parts[0].get("records_seen") if parts[0] else None
                secs = sum(float(p["seconds"]) for p in parts if p)
                out.append(
                    f"| {label} | **end to end, cold: {kind}** | {_f(n)} | {_f(secs)} | "
                    f"**{_f(n / secs if n and secs else None)}** | |"
                )
        warm_rows = (
            ("warm", "warm re-ingest (unchanged)", "parse", 1),
            ("warm-quick", "warm re-ingest, datasets unchanged (quick check)", "check", 3),
        )
        for phase, title, first, digits in warm_rows:
            for kind in BACKENDS:
                w = phases.get(f"{corpus}/{phase}/{kind}")
                if not w:
                    continue
                sync_digits = 2 if digits == 1 else digits
                out.append(
                    f"| {label} | **{title}: {kind}** | "
                    f"{_f(w.get('records_seen'))} | {_f(w.get('seconds'), digits)} "
                    f"({first} {_f(w.get('ingest_seconds'), digits)} + sync "
                    f"{_f(w.get('sync_seconds'), sync_digits)}) | "
                    f"**{_f(w.get('records_per_s'))}** | "
                    f"{_f(w['load'][0][0] if w.get('load') else None, 2)} |"
                )
    return out + (["", *notes] if notes else [])


def _model_embed_row(phases: dict[str, Any], corpus: str) -> tuple[str, Any] | None:
    """The model over every text (bench.build.model_embed_phase), done or in progress."""
    done = phases.get(f"{corpus}/model-embed")
    progress = phases.get(f"{corpus}/model-embed/progress")
    if done:
        return (f"embed with the model, every text ({_f(done.get('runs'))} run(s))", done)
    if not progress:
        return None
    computed, secs = progress.get("computed"), progress.get("seconds")
    rate = round(computed / secs, 1) if computed and secs else None
    loads = progress.get("load_1min") or []
    row = {
        "records": computed,
        "seconds": secs,
        "records_per_s": rate,
        "load": [[loads[0]]] if loads else None,
    }
    return (
        f"embed with the model: in progress, {_f(computed)} texts so far "
        f"({_f(progress.get('runs'))} run(s))",
        row,
    )


def ingest_ratios(phases: dict[str, Any]) -> list[str]:
    out = []
    for corpus, label in (("full", "shared corpus"), ("s1m", "1,000,000")):
        e = phases.get(f"{corpus}/index/embedded")
        s = phases.get(f"{corpus}/index/elasticsearch")
        if e and s:
            out.append(
                f"- {label}: indexing is {_ratio(e['records_per_s'], s['records_per_s'])} as fast "
                f"on the embedded backend as on Elasticsearch ({_f(e['records_per_s'])} against "
                f"{_f(s['records_per_s'])} records/s)"
            )
    return out


def latency_table(phases: dict[str, Any]) -> list[str]:
    out = [
        "| records | mode | backend | p50 ms | p95 ms | p99 ms | q/s (1 client) | "
        "q/s (4 clients) | p95 ES ÷ embedded |",
        "|---|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for corpus, label in SCALES:
        q = phases.get(f"{corpus}/queries")
        if not q:
            continue
        for mode in MODES:
            for kind in BACKENDS:
                m = _get(q, "backends", kind, mode)
                if not m:
                    continue
                ratio = ""
                if kind == "elasticsearch":
                    e = _get(q, "backends", "embedded", mode, "p95_ms")
                    ratio = _ratio(m.get("p95_ms"), e)
                out.append(
                    f"| {label} | {mode} | {kind} | {_f(m.get('p50_ms'))} | {_f(m.get('p95_ms'))} "
                    f"| {_f(m.get('p99_ms'))} | {_f(m.get('qps_sequential'))} | "
                    f"{_f(_get(q, 'throughput', kind, mode))} | {ratio} |"
                )
    return out


def latency_notes(phases: dict[str, Any]) -> list[str]:
    out = []
    for corpus, label in SCALES:
        q = phases.get(f"{corpus}/queries")
        if not q:
            continue
        emb = q.get("query_embedding", {})
        out.append(
            f"- {label}: {q.get('requests')} requests per mode and backend, load average "
            f"{q.get('load', [[None]])[0][0]} → {q.get('load', [None, [None]])[1][0]}; embedding a "
            f"never-seen query adds p50 {_f(emb.get('p50_ms'))} ms, p95 "
            f"{_f(emb.get('p95_ms'))} ms to vector and hybrid (both backends)"
        )
    return out


def memory_table(phases: dict[str, Any]) -> list[str]:
    out = [
        "| records | backend | server RSS MiB | peak RSS MiB | Elasticsearch node RSS MiB | "
        "index on disk MiB | store MiB (shared) | embedding cache MiB (shared) |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for corpus, label in SCALES:
        sizes = phases.get(f"{corpus}/sizes") or {}
        for kind in BACKENDS:
            mem = phases.get(f"{corpus}/memory/{kind}")
            idx = phases.get(f"{corpus}/index/{kind}") or {}
            if not mem and not idx:
                continue
            mem = mem or {}
            out.append(
                f"| {label} | {kind} | {_f(mem.get('python_rss_mib'))} | "
                f"{_f(mem.get('python_peak_mib'))} | {_f(mem.get('es_node_rss_mib'))} | "
                f"{_f(idx.get('index_mib'))} | {_f(sizes.get('store_mib'))} | "
                f"{_f(sizes.get('embedding_cache_mib'))} |"
            )
    return out


def dupcheck_table(phases: dict[str, Any]) -> list[str]:
    d = phases.get("full/dupcheck")
    if not d:
        return ["(not measured in this run)"]
    out = [
        "| operation | backend | runs | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    for kind, m in d.get("duplicate check", {}).items():
        out.append(
            f"| duplicate check (300-word complaint, bench/dupcheck.py) | {kind} | "
            f"{m.get('runs')} | {_f(m.get('p50_ms'))} | {_f(m.get('p95_ms'))} | "
            f"{_f(m.get('cpu_p50_ms'))} | {_f(m.get('cpu_p95_ms'))} |"
        )
    for kind, m in d.get("related", {}).items():
        out.append(
            f"| related records (10) | {kind} | {m.get('n')} | {_f(m.get('p50_ms'))} | "
            f"{_f(m.get('p95_ms'))} | – | – |"
        )
    return out


def quality_table(phases: dict[str, Any]) -> list[str]:
    q = phases.get("full/quality")
    if not q:
        return ["(not measured in this run)"]
    out = [
        "| set | query language | queries | nDCG@10 keyword | vector | hybrid | "
        "Recall@10 keyword | vector | hybrid | hybrid − keyword (nDCG) |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, per_lang in q.get("sets", {}).items():
        for lang, m in per_lang.items():
            k, v, h = (m.get(x, {}) for x in MODES)
            diff = (h.get("ndcg10") or 0) - (k.get("ndcg10") or 0)
            out.append(
                f"| {name} | {lang} | {m.get('queries')} | {_f(k.get('ndcg10'), 3)} | "
                f"{_f(v.get('ndcg10'), 3)} | {_f(h.get('ndcg10'), 3)} | "
                f"{_f(k.get('recall10'), 3)} | {_f(v.get('recall10'), 3)} | "
                f"{_f(h.get('recall10'), 3)} | {diff:+.3f} |"
            )
    return out


def markdown(results: dict[str, Any]) -> str:
    phases: dict[str, Any] = results.get("phases", {})
    lines = ["# Concordia benchmarks", "", *environment_block(results), ""]
    lines += ["## Ingest", "", *ingest_table(phases), "", *ingest_ratios(phases), ""]
    lines += ["## Queries (three facet filters, top 10, facet counts, highlights)", ""]
    lines += [*latency_table(phases), "", *latency_notes(phases), ""]
    lines += ["## Memory and disk", "", *memory_table(phases), ""]
    lines += ["## Duplicate check and related records (shared corpus)", ""]
    lines += [*dupcheck_table(phases), ""]
    lines += ["## Quality (development sets, bench/devsets/quality)", "", *quality_table(phases)]
    return "\n".join(lines) + "\n"
