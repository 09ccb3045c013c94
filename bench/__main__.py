"""`make bench` / `python -m bench`: how fast and how good, measured side by side.

    python -m bench                      every stage (resumes: measured phases are kept)
    python -m bench --stages queries     only some stages (see STAGES)
    python -m bench --fresh              forget earlier measurements and rebuild
    python -m bench --no-es              embedded backend only
    python -m bench --report             write the report from what is measured
    python -m bench --stages s1m-store   the million's store phase, timed from empty
    python -m bench --stages s1m-model   the million's texts through the model, resumable

Data lives in the work directory (CONCORDIA_BENCH_DIR, default
/var/tmp/concordia-bench), never in the repository: the full corpus (~220k
records) and the synthetic scale-ups (1,000,000 and a 100,000 subset) need
about 20 GB. The results go to bench/results/<date>.json and <date>.md.
Heavy: run it on a machine you can load for hours (`nice` is applied).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import build, report
from bench.common import REPO, environment, read_json, write_json
from bench.esnode import BenchNode

DEFAULT_WORK = Path(os.environ.get("CONCORDIA_BENCH_DIR", "/var/tmp/concordia-bench"))
SCALE = 1_000_000
SUBSET_EVERY = 10  # the 100,000-record corpus: one synthetic record in ten
STAGES = (
    "full",
    "synth",
    "s1m",
    "s100k",
    "dupcheck",  # before the million's queries, which push the shared corpus out of memory
    "queries",
    "quality",
    "s1m-store",
    "s1m-model",
)

log = logging.getLogger("bench")


class Run:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work: Path = args.work_dir
        self.work.mkdir(parents=True, exist_ok=True)
        self.phases = build.Phases(self.work)
        self.backends: list[str] = ["embedded"] if args.no_es else ["embedded", "elasticsearch"]
        self.node: BenchNode | None = None
        self.full = build.Corpus("full", self.work / "full")
        self.synthetic = self.work / "synthetic" / f"synthetic-{args.scale}.jsonl.gz"
        self.s1m = build.Corpus("s1m", self.work / "s1m")
        self.s100k = build.Corpus("s100k", self.work / "s100k", embeddings=self.s1m.embeddings_path)

    # --- helpers ---------------------------------------------------------------
    @property
    def es_url(self) -> str | None:
        if "elasticsearch" not in self.backends:
            return None
        if self.node is None:
            self.node = BenchNode(self.work)
            print(f"starting Elasticsearch (heap {self.node.heap}) ...", flush=True)
            self.node.start()
        return self.node.url

    def phase(self, key: str, fn: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        done = self.phases.get(key)
        if done is not None:
            print(f"= {key}: measured {done.get('measured_at')}", flush=True)
            return done
        print(f"> {key} ...", flush=True)
        result = self.phases.put(key, fn())
        rate = result.get("records_per_s")
        print(f"  {key}: {result.get('seconds')} s" + (f", {rate} records/s" if rate else ""))
        return result

    # --- stages ------------------------------------------------------------------
    def stage_full(self) -> None:
        """The full shared corpus: cold and warm ingest for both backends."""
        corpus = self.full
        self.phase("full/store", lambda: build.store_phase(corpus, build.real_items))
        self.phase("full/embed", lambda: build.embed_phase(corpus))
        for kind in self.backends:
            self.phase(
                f"full/index/{kind}", lambda k=kind: build.index_phase(corpus, k, self._url(k))
            )
        for kind in self.backends:
            self.phase(
                f"full/warm/{kind}",
                lambda k=kind: build.warm_phase(corpus, k, build.real_items, self._url(k)),
            )
        for kind in self.backends:
            self.phase(
                f"full/warm-quick/{kind}",
                lambda k=kind: build.quick_warm_phase(corpus, k, self._url(k)),
            )

    def stage_synth(self) -> None:
        from bench.synth import generate
        from indexer.store import RecordStore

        def run() -> dict[str, Any]:
            self.synthetic.parent.mkdir(parents=True, exist_ok=True)
            store = RecordStore(self.full.store_path)
            try:
                from bench.common import timed

                with timed() as t:
                    summary = generate(store, self.synthetic, self.args.scale)
                return {**summary, "seconds": round(t.seconds, 1), "file": str(self.synthetic)}
            finally:
                store.close()

        if not self.synthetic.exists():
            self.phases.drop("synth")
        self.phase("synth", run)

    def stage_s1m(self) -> None:
        from bench.synth import iter_candidates

        corpus = self.s1m
        self.phase(
            "s1m/store", lambda: build.store_phase(corpus, lambda: iter_candidates(self.synthetic))
        )
        if self.args.derive_vectors:
            self.phase("s1m/embed", lambda: build.derive_phase(corpus, self.full))
        else:
            self.phase("s1m/embed", lambda: build.embed_phase(corpus))
        for kind in self.backends:
            self.phase(
                f"s1m/index/{kind}", lambda k=kind: build.index_phase(corpus, k, self._url(k))
            )

    def stage_s1m_store(self) -> None:
        """The million's store phase timed from an empty store, in a scratch directory
        removed afterwards (the store the indices read was filled in two runs)."""
        from bench.synth import iter_candidates

        scratch = build.Corpus("s1m-store", self.work / "s1m-store")

        def run() -> dict[str, Any]:
            shutil.rmtree(scratch.root, ignore_errors=True)
            scratch.root.mkdir(parents=True)
            try:
                return build.store_phase(scratch, lambda: iter_candidates(self.synthetic))
            finally:
                shutil.rmtree(scratch.root, ignore_errors=True)

        self.phase("s1m/store-cold", run)

    def stage_s1m_model(self) -> None:
        """The million's texts through the model (resumable: see build.model_embed_phase)."""
        corpus = self.s1m
        if not corpus.store_path.exists():
            print("- s1m/model-embed: the s1m store is not built yet", flush=True)
            return
        key = "s1m/model-embed"
        self.phase(key, lambda: build.model_embed_phase(corpus, self.phases, key))

    def stage_s100k(self) -> None:
        from bench.synth import iter_candidates

        corpus = self.s100k
        items = lambda: iter_candidates(self.synthetic, every=SUBSET_EVERY)  # noqa: E731
        self.phase("s100k/store", lambda: build.store_phase(corpus, items))
        # Its texts are a tenth of the million's: from the cache `s1m/embed` filled, or
        # computed here (and kept there) when the million has not been embedded yet.
        self.phase("s100k/embed", lambda: build.embed_phase(corpus))
        for kind in self.backends:
            self.phase(
                f"s100k/index/{kind}", lambda k=kind: build.index_phase(corpus, k, self._url(k))
            )

    def stage_queries(self) -> None:
        from bench import latency

        for corpus in (self.full, self.s100k, self.s1m):
            indexed = [self.phases.get(f"{corpus.name}/index/{k}") for k in self.backends]
            if not corpus.store_path.exists() or not all(indexed):
                print(f"- {corpus.name}/queries: not every backend is indexed yet", flush=True)
                continue
            self.phase(
                f"{corpus.name}/queries",
                lambda c=corpus: latency.run_latency(c, self.backends, self.es_url),
            )
            for kind in self.backends:
                self.phase(
                    f"{corpus.name}/memory/{kind}", lambda c=corpus, k=kind: self._memory(c, k)
                )
            self.phase(f"{corpus.name}/sizes", lambda c=corpus: build.store_size(c))

    def _memory(self, corpus: build.Corpus, kind: str) -> dict[str, Any]:
        """In a fresh process, as a server would be (see bench.latency.run_memory)."""
        import json
        import subprocess

        cmd = [sys.executable, "-m", "bench.latency", "--name", corpus.name]
        cmd += ["--root", str(corpus.root), "--kind", kind]
        if corpus.embeddings:
            cmd += ["--embeddings", str(corpus.embeddings)]
        url = self._url(kind)
        if url and self.node is not None:
            cmd += ["--es-url", url, "--es-pid", str(self.node.pid)]
        out = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=True)
        result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
        return result

    def stage_dupcheck(self) -> None:
        from bench import dupcheck_stage

        self.phase(
            "full/dupcheck",
            lambda: dupcheck_stage.run(self.full, tuple(self.backends), self.es_url),
        )

    def stage_quality(self) -> None:
        from bench.quality import evaluate

        self.phase("full/quality", lambda: evaluate.run(self.full))

    def _url(self, kind: str) -> str | None:
        return self.es_url if kind == "elasticsearch" else None

    def close(self) -> None:
        if self.node is not None:
            self.node.stop()
            self.node = None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK)
    parser.add_argument(
        "--stages", default=",".join(STAGES), help="comma-separated: " + ", ".join(STAGES)
    )
    parser.add_argument("--scale", type=int, default=SCALE, help="synthetic records (%(default)s)")
    parser.add_argument("--no-es", action="store_true", help="embedded backend only")
    parser.add_argument("--fresh", action="store_true", help="delete the work directory first")
    parser.add_argument(
        "--forget", action="append", default=[], help="re-measure phases with this prefix"
    )
    parser.add_argument("--report", action="store_true", help="only write the report")
    parser.add_argument(
        "--derive-vectors",
        action="store_true",
        help="s1m: derive the vectors the model has not computed from the templates' "
        "(bench.build.derive_phase) instead of embedding a million texts",
    )
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if hasattr(os, "nice"):
        os.nice(5)
    if args.fresh and args.work_dir.exists():
        shutil.rmtree(args.work_dir)
    run = Run(args)
    for prefix in args.forget:
        run.phases.drop(prefix)
    try:
        if not args.report:
            for stage in [s.strip() for s in args.stages.split(",") if s.strip()]:
                if stage not in STAGES:
                    parser.error(f"unknown stage {stage!r}")
                getattr(run, f"stage_{stage.replace('-', '_')}")()
        es_version = run.node.version() if run.node else None
    finally:
        run.close()
    env = environment(es_version or read_json(run.work / "es_version.json"))
    if es_version:
        write_json(run.work / "es_version.json", es_version)
    date = dt.date.today().isoformat()
    results = {"environment": env, "command": "make bench", "phases": run.phases.data}
    write_json(args.out / f"{date}.json", results)
    (args.out / f"{date}.md").write_text(report.markdown(results), encoding="utf-8")
    print(f"wrote {args.out / f'{date}.json'} and {args.out / f'{date}.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
