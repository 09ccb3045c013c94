"""Crawl state: what each crawl of a source listed, fetched and ingested, on disk.

One SQLite file per source (``<data dir>/crawl/<source>.sqlite``), written after every
step, so a crawl that is killed at any point can be run again and carry on:

- a document whose records reached the store is marked ``ingested`` with the version
  (digest of the fetched bodies or of the listed record) that produced them; a later
  crawl that sees the same version does not parse or ingest it again;
- a run that did not finish is resumed by the next crawl: the documents it already
  ingested are skipped without any request at all;
- connectors keep small facts between crawls in ``meta`` (the highest sequential id
  probed on a site that has no listing).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL,
    finished TEXT,
    since TEXT,
    lim INTEGER,
    status TEXT NOT NULL,
    summary TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    date TEXT,
    title TEXT,
    status TEXT NOT NULL,
    version TEXT,
    ingested_version TEXT,
    listed_run INTEGER,
    done_run INTEGER,
    records INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

LISTED, FETCHED, INGESTED, FAILED = "listed", "fetched", "ingested", "failed"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Run:
    id: int
    resumed: bool
    since: str | None
    limit: int | None


@dataclass(frozen=True)
class DocumentState:
    key: str
    status: str
    version: str | None
    ingested_version: str | None
    done_run: int | None
    records: int
    error: str | None


class CrawlState:
    """Thread-safe, crash-safe record of one source's crawls."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False)
        with self._lock, self._db:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)

    @classmethod
    def for_source(cls, data_dir: Path, source: str) -> CrawlState:
        return cls(data_dir / "crawl" / f"{source}.sqlite")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- runs -------------------------------------------------------------------------------

    def begin(self, since: dt.date | None, limit: int | None) -> Run:
        """Resume the last run if it did not finish, else start a new one."""
        with self._lock, self._db:
            row = self._db.execute(
                "SELECT id, since, lim FROM runs WHERE status = 'running' ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if row is not None:
                return Run(int(row[0]), True, row[1], row[2])
            cur = self._db.execute(
                "INSERT INTO runs (started, since, lim, status) VALUES (?, ?, ?, 'running')",
                (_now(), since.isoformat() if since else None, limit),
            )
            return Run(int(cur.lastrowid or 0), False, since.isoformat() if since else None, limit)

    def finish(self, run: Run, summary: dict[str, Any], status: str = "complete") -> None:
        with self._lock, self._db:
            self._db.execute(
                "UPDATE runs SET finished = ?, status = ?, summary = ? WHERE id = ?",
                (_now(), status, json.dumps(summary, sort_keys=True), run.id),
            )

    def runs(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, started, finished, since, lim, status, summary FROM runs ORDER BY id"
            ).fetchall()
        keys = ("id", "started", "finished", "since", "limit", "status", "summary")
        out = [dict(zip(keys, row, strict=True)) for row in rows]
        for run in out:
            run["summary"] = json.loads(run["summary"]) if run["summary"] else None
        return out

    # -- documents --------------------------------------------------------------------------

    def document(self, key: str) -> DocumentState | None:
        with self._lock:
            row = self._db.execute(
                "SELECT key, status, version, ingested_version, done_run, records, error "
                "FROM documents WHERE key = ?",
                (key,),
            ).fetchone()
        return DocumentState(*row) if row else None

    def listed(self, run: Run, key: str, url: str, date: str | None, title: str | None) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO documents (key, url, date, title, status, listed_run, updated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET url = excluded.url, "
                "date = COALESCE(excluded.date, date), title = COALESCE(excluded.title, title), "
                "listed_run = excluded.listed_run, updated = excluded.updated",
                (key, url, date, title, LISTED, run.id, _now()),
            )

    def fetched(self, key: str, version: str) -> None:
        with self._lock, self._db:
            self._db.execute(
                "UPDATE documents SET status = CASE WHEN ingested_version = ? THEN status "
                "ELSE ? END, version = ?, error = NULL, updated = ? WHERE key = ?",
                (version, FETCHED, version, _now(), key),
            )

    def done(self, run: Run, key: str, version: str, records: int | None = None) -> None:
        """The document's records are in the store (or it was unchanged): mark it done."""
        with self._lock, self._db:
            if records is None:
                self._db.execute(
                    "UPDATE documents SET status = ?, version = ?, ingested_version = ?, "
                    "done_run = ?, error = NULL, updated = ? WHERE key = ?",
                    (INGESTED, version, version, run.id, _now(), key),
                )
            else:
                self._db.execute(
                    "UPDATE documents SET status = ?, version = ?, ingested_version = ?, "
                    "done_run = ?, records = ?, error = NULL, updated = ? WHERE key = ?",
                    (INGESTED, version, version, run.id, records, _now(), key),
                )

    def failed(self, run: Run, key: str, error: str) -> None:
        with self._lock, self._db:
            self._db.execute(
                "UPDATE documents SET status = ?, error = ?, updated = ? WHERE key = ?",
                (FAILED, error[:1000], _now(), key),
            )

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute(
                "SELECT status, COUNT(*) FROM documents GROUP BY status"
            ).fetchall()
        return {str(status): int(n) for status, n in rows}

    def keys(self) -> list[str]:
        with self._lock:
            return [str(r[0]) for r in self._db.execute("SELECT key FROM documents ORDER BY key")]

    # -- meta -------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
