"""The embedded vector index: rewriting a record with the same vector costs nothing."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from indexer.backend.embedded.vectors import VectorIndex


def _unit(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    v = rng.normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_same_vector_is_not_written_again_and_a_changed_one_is(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    index = VectorIndex(tmp_path / "vectors", 16)
    vectors = _unit(rng, 50, 16)
    index.upsert(list(range(50)), vectors)
    index.commit()
    before = np.asarray(index.version[:50]).copy()

    changed = vectors.copy()
    changed[7] = _unit(rng, 1, 16)[0]
    index.upsert(list(range(50)), changed)
    after = np.asarray(index.version[:50])
    assert after[7] == before[7] + 1
    assert np.array_equal(np.delete(after, 7), np.delete(before, 7))
    top = index.search(changed[7], 1, None)
    assert top[0][0] == 7 and top[0][1] > 0.999
    index.close()
