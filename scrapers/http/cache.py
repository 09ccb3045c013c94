"""On-disk response cache: content-addressed bodies plus a small SQLite index.

Bodies are files named by their SHA-256, so the same document served under two URLs is
stored once and a body file is never rewritten in place. Each body is streamed to a
temporary file in the same directory and renamed into place, so a crash leaves either the
old state or the new one, never half a file. The index remembers, per URL, which body it
served last and the validators (ETag, Last-Modified) needed for a conditional request.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    url TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    status INTEGER NOT NULL,
    etag TEXT,
    last_modified TEXT,
    content_type TEXT,
    headers TEXT NOT NULL,
    fetched_at REAL NOT NULL,
    validated_at REAL NOT NULL
)
"""


@dataclass(frozen=True)
class CacheEntry:
    """What we know about the last good response for a URL."""

    url: str
    sha256: str
    status: int
    etag: str | None
    last_modified: str | None
    content_type: str | None
    headers: dict[str, str]
    fetched_at: float
    validated_at: float


@dataclass(frozen=True)
class StoredBody:
    """A body written into the cache."""

    sha256: str
    path: Path
    size: int


class ResponseCache:
    """Thread-safe store of response bodies and per-URL validators."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.blobs = root / "blobs"
        self.tmp = root / "tmp"
        self.blobs.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(root / "index.sqlite3", check_same_thread=False)
        with self._lock, self._db:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def blob_path(self, sha256: str) -> Path:
        return self.blobs / sha256[:2] / sha256

    def store_stream(self, chunks: Iterable[bytes]) -> StoredBody:
        """Write a body from chunks without holding it in memory; return its address."""
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix="body-", suffix=".part")
        tmp_path = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                size = _copy_hashing(chunks, handle, digest)
                handle.flush()
                os.fsync(handle.fileno())
            sha = digest.hexdigest()
            final = self.blob_path(sha)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp_path, final)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                tmp_path.unlink()
            raise
        return StoredBody(sha256=sha, path=final, size=size)

    def get(self, url: str) -> CacheEntry | None:
        """The cached entry for ``url`` whose body is still on disk, else None."""
        with self._lock:
            row = self._db.execute(
                "SELECT url, sha256, status, etag, last_modified, content_type, headers,"
                " fetched_at, validated_at FROM responses WHERE url = ?",
                (url,),
            ).fetchone()
        if row is None:
            return None
        entry = CacheEntry(
            url=row[0],
            sha256=row[1],
            status=row[2],
            etag=row[3],
            last_modified=row[4],
            content_type=row[5],
            headers=json.loads(row[6]),
            fetched_at=row[7],
            validated_at=row[8],
        )
        if not self.blob_path(entry.sha256).is_file():
            return None
        return entry

    def put(self, entry: CacheEntry) -> None:
        """Record ``entry`` as the current response for its URL (atomically)."""
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO responses (url, sha256, status, etag, last_modified,"
                " content_type, headers, fetched_at, validated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    entry.url,
                    entry.sha256,
                    entry.status,
                    entry.etag,
                    entry.last_modified,
                    entry.content_type,
                    json.dumps(entry.headers, sort_keys=True),
                    entry.fetched_at,
                    entry.validated_at,
                ),
            )

    def touch(self, url: str, validated_at: float) -> None:
        """Note that the server confirmed (304) the cached body is still current."""
        with self._lock, self._db:
            self._db.execute(
                "UPDATE responses SET validated_at = ? WHERE url = ?", (validated_at, url)
            )


def _copy_hashing(chunks: Iterable[bytes], handle: BinaryIO, digest: hashlib._Hash) -> int:
    size = 0
    for chunk in chunks:
        if chunk:
            handle.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    return size
