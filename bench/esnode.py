"""The Elasticsearch node the benchmarks run against, on this machine.

It is the node the test suite uses (`tests/es_node.py`: the integration-test
distribution, started as an unprivileged user), with three differences that
matter for a fair comparison:

- the heap is sized for a million documents (`CONCORDIA_BENCH_ES_HEAP`, 2g by
  default) instead of the tests' 512m;
- the JIT runs at full optimisation: the tests start the JVM with
  `-XX:TieredStopAtLevel=1` (C1 only) to start faster, which would make
  Elasticsearch's searches slower than they are in production;
- the data directory lives under the benchmark work directory (in /var/tmp, never
  in the repository), so an index built once can be searched again by a later run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

DEFAULT_HEAP = "2g"


class BenchNode:
    def __init__(self, work: Path, heap: str | None = None) -> None:
        self.work = work
        self.heap = heap or os.environ.get("CONCORDIA_BENCH_ES_HEAP", DEFAULT_HEAP)
        self.node: Any = None

    @property
    def url(self) -> str:
        return str(self.node.url)

    @property
    def pid(self) -> int | None:
        return int(self.node.pid) if self.node is not None and self.node.pid else None

    def start(self) -> str:
        from tests.es_node import EsNode, ensure_user

        data = self.work / "es-data"
        logs = self.work / "es-logs"
        for d in (data, logs):
            d.mkdir(parents=True, exist_ok=True)
        owner = ensure_user()
        if owner is not None:
            for p in [data, logs, *data.rglob("*"), *logs.rglob("*")]:
                os.chown(p, *owner, follow_symlinks=False)
        node = EsNode.create(
            "bench",
            heap=self.heap,
            settings={
                "path.data": str(data),
                "path.logs": str(logs),
                # The benchmark client issues thousands of searches in a row.
                "indices.query.bool.max_clause_count": 10000,
            },
        )
        options = node.config_dir / "jvm.options.d" / "concordia.options"
        options.write_text(f"-Xms{self.heap}\n-Xmx{self.heap}\n", encoding="utf-8")
        if owner is not None:
            os.chown(options, *owner)
        node.start(timeout=300)
        self.node = node
        return self.url

    def version(self) -> str | None:
        if self.node is None:
            return None
        try:
            info = self.node.request("GET", "" if self.node.url.endswith("/") else "/")
        except OSError:  # the version only labels the report: never fail a run for it
            return None
        return str(info.get("version", {}).get("number"))

    def stop(self) -> None:
        if self.node is not None:
            self.node.stop()
            shutil.rmtree(self.node.workdir, ignore_errors=True)
            self.node = None
