"""Hybrid fusion: weighted reciprocal rank fusion, the same for every backend."""

from __future__ import annotations

from indexer.search import RRF_K, VECTOR_WEIGHT, rrf


def test_keyword_first_beats_vector_first() -> None:
    fused = rrf([["k1", "both"], ["v1", "both"]], weights=(1.0, VECTOR_WEIGHT))
    ids = [rid for rid, _ in fused]
    # In both lists beats first in one; first in keyword beats first in vector.
    assert ids == ["both", "k1", "v1"]
    scores = dict(fused)
    assert scores["both"] == 1 / (RRF_K + 2) + VECTOR_WEIGHT / (RRF_K + 2)
    assert scores["k1"] > scores["v1"]


def test_equal_weights_break_ties_by_id() -> None:
    fused = rrf([["b"], ["a"]])
    assert fused == [("a", 1 / (RRF_K + 1)), ("b", 1 / (RRF_K + 1))]
