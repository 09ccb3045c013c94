"""Crash safety: an ingest killed with SIGKILL, then re-run, ends where an
uninterrupted run ends — same counts, no duplicates — and so does an index build
killed half-way. The real CLI runs in a subprocess over the real UPR Info export."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.backend.embedded.keyword import KeywordIndex

pytestmark = pytest.mark.slow

EMBEDDER = "hashing-64"  # the embedder is irrelevant to crash safety and this one is instant
DATASET = "upr-info"


def concordia(data_dir: Path, *args: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, CONCORDIA_EMBEDDER=EMBEDDER, CONCORDIA_DATA_DIR=str(data_dir))
    return subprocess.Popen(
        [sys.executable, "-m", "api.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def finish(proc: subprocess.Popen[bytes], timeout: float = 900) -> str:
    out, _ = proc.communicate(timeout=timeout)
    text = out.decode("utf-8", "replace")
    assert proc.returncode in (0, 1), text  # 1: finished, some input rejected
    return text


def store_counts(data_dir: Path) -> tuple[int, int, int]:
    """(live records, distinct ids, distinct content per language) in the store."""
    conn = sqlite3.connect(f"file:{data_dir / 'store.sqlite'}?mode=ro", uri=True)
    try:
        live = conn.execute("SELECT COUNT(*) FROM records WHERE deleted=0").fetchone()[0]
        ids = conn.execute("SELECT COUNT(DISTINCT id) FROM records").fetchone()[0]
        rows = conn.execute("SELECT COUNT(*) FROM records").fetchone()[0]
        assert ids == rows
        return int(live), int(ids), int(
            conn.execute("SELECT MAX(seq) FROM records").fetchone()[0] or 0
        )
    finally:
        conn.close()


def live_count(data_dir: Path) -> int:
    path = data_dir / "store.sqlite"
    if not path.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM records").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return 0


def index_ids(data_dir: Path) -> list[str]:
    return list(KeywordIndex(data_dir / "index" / "keyword").ids())


def kill_when(proc: subprocess.Popen[bytes], ready: callable, timeout: float = 600) -> None:  # type: ignore[valid-type]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read().decode() if proc.stdout else ""
            raise AssertionError(f"process ended before it could be killed:\n{out}")
        if ready():
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("the ingest never reached the point where it should be killed")


FIRST_RUN_SECONDS: list[float] = []


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[int, int, int]]:
    data_dir = tmp_path_factory.mktemp("uninterrupted")
    started = time.perf_counter()
    finish(concordia(data_dir, "ingest", "--dataset", DATASET, "--no-index"))
    FIRST_RUN_SECONDS.append(time.perf_counter() - started)
    finish(concordia(data_dir, "index"))
    counts = store_counts(data_dir)
    assert counts[0] > 40_000, f"the {DATASET} dataset did not load: {counts}"
    return data_dir, counts


def test_sigkill_during_ingest_then_rerun(
    tmp_path: Path, reference: tuple[Path, tuple[int, int, int]]
) -> None:
    ref_dir, (ref_live, ref_ids, _) = reference
    proc = concordia(tmp_path, "ingest", "--dataset", DATASET)
    kill_when(proc, lambda: live_count(tmp_path) > 5_000)
    interrupted = live_count(tmp_path)
    assert 0 < interrupted < ref_live, "the kill did not land mid-ingest"

    summary = finish(concordia(tmp_path, "ingest", "--dataset", DATASET))
    assert "unchanged" in summary
    live, ids, _ = store_counts(tmp_path)
    assert (live, ids) == (ref_live, ref_ids)
    indexed = index_ids(tmp_path)
    assert len(indexed) == len(set(indexed)) == ref_live
    assert sorted(indexed) == sorted(index_ids(ref_dir))


def test_sigkill_during_index_build_then_rerun(
    tmp_path: Path, reference: tuple[Path, tuple[int, int, int]]
) -> None:
    ref_dir, (ref_live, _, _) = reference
    finish(concordia(tmp_path, "ingest", "--dataset", DATASET, "--no-index"))
    state = tmp_path / "index" / "state.json"

    def some_indexed() -> bool:
        return state.exists() and '"watermark": 0' not in state.read_text()

    proc = concordia(tmp_path, "index")
    kill_when(proc, some_indexed)
    finish(concordia(tmp_path, "index"))
    indexed = index_ids(tmp_path)
    assert len(indexed) == len(set(indexed)) == ref_live
    assert sorted(indexed) == sorted(index_ids(ref_dir))


def test_second_run_is_all_unchanged_and_fast(
    tmp_path: Path, reference: tuple[Path, tuple[int, int, int]]
) -> None:
    ref_dir, (ref_live, _, ref_seq) = reference
    # Files and code unchanged since the run that read the dataset to the end: not read.
    summary = finish(concordia(ref_dir, "ingest", "--dataset", DATASET, "--no-index"))
    assert " 0 new, 0 updated, 0 merged" in summary and "not read again" in summary
    # Read again (--force): every record is found unchanged, nothing is written.
    started = time.perf_counter()
    summary = finish(concordia(ref_dir, "ingest", "--dataset", DATASET, "--no-index", "--force"))
    elapsed = time.perf_counter() - started
    assert " 0 new, 0 updated, 0 merged" in summary and "not read again" not in summary
    live, _, seq = store_counts(ref_dir)
    assert (live, seq) == (ref_live, ref_seq)  # nothing was written again
    # Same work minus validation, enrichment and writes; process start-up included.
    assert elapsed < 0.25 * FIRST_RUN_SECONDS[0], (elapsed, FIRST_RUN_SECONDS)
