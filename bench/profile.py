"""`python -m bench.profile s1m hybrid`: where one backend's search time goes.

The latency stage's requests (bench.latency.make_requests) on one measured corpus,
embedded backend, answered in a loop: latency percentiles of each pass, then the
functions that took the time (cProfile over one more pass; it sees the calling
thread only, so work on the search service's worker threads shows up as waiting).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path

from bench import build, latency
from bench.common import summarise_ms
from indexer.search import Mode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", choices=["full", "s100k", "s1m"])
    parser.add_argument("mode", choices=[m.value for m in Mode], default="hybrid", nargs="?")
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--top", type=int, default=30, help="functions listed (0: no profile)")
    parser.add_argument("--work-dir", type=Path, default=Path("/var/tmp/concordia-bench"))
    args = parser.parse_args()
    embeddings = args.work_dir / "s1m" / "embeddings.sqlite" if args.corpus == "s100k" else None
    corpus = build.Corpus(args.corpus, args.work_dir / args.corpus, embeddings)
    svc = build.service(corpus, "embedded")
    mode = Mode(args.mode)
    requests = [latency.to_request(q, mode) for q in latency.make_requests(svc.backend.store)]  # type: ignore[attr-defined]
    svc.embedder.embed(sorted({r.query for r in requests}))
    for request in requests:  # warm-up pass
        svc.search(request)
    for n in range(args.passes):
        seconds = []
        for request in requests:
            started = time.perf_counter()
            svc.search(request)
            seconds.append(time.perf_counter() - started)
        print(f"pass {n + 1}: {len(seconds)} requests, {mode.value}: {summarise_ms(seconds)}")
    if args.top:
        profile = cProfile.Profile()
        profile.enable()
        for request in requests:
            svc.search(request)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)
    svc.backend.close()


if __name__ == "__main__":
    main()
