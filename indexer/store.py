"""The durable record store: the single source of truth.

SQLite in WAL mode, one transaction per batch, so a killed ingest leaves either
the whole batch or none of it. Every change bumps a sequence number; search
indices remember the highest sequence they hold and catch up from it, which
makes them disposable: any index can be rebuilt from this file.

Two sources publishing the same text are one record: the second copy adds its
provenance to the first and its id becomes an alias of the first.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from indexer.record import Record
from indexer.sqlite_util import select_in

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    row INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    work TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    language TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    seq INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS records_seq ON records(seq);
CREATE INDEX IF NOT EXISTS records_hash ON records(content_hash, language);
CREATE INDEX IF NOT EXISTS records_work ON records(work);
CREATE TABLE IF NOT EXISTS aliases (alias TEXT PRIMARY KEY, id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class Change(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    MERGED = "merged"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class StoredRecord:
    row: int
    seq: int
    deleted: bool
    record: Record


def fingerprint(record: Record) -> str:
    """Hash of everything that matters; fetch times alone do not make a change."""
    data = record.model_dump(mode="json", exclude_defaults=True)
    for prov in data.get("provenance", []):
        prov.pop("fetched_at", None)
    payload = repr(sorted(_flatten(data))).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:32]


def _flatten(value: object, prefix: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _flatten(v, f"{prefix}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _flatten(v, f"{prefix}[{i}]")
    else:
        yield prefix, repr(value)


def _norm_symbol(symbol: str | None) -> str:
    return "".join((symbol or "").split()).upper()


def _conflict(a: object, b: object) -> bool:
    """Both sides say something and what they say differs."""
    if isinstance(a, (list, set, tuple)) and isinstance(b, (list, set, tuple)):
        return bool(a) and bool(b) and not set(a) & set(b)
    return a not in (None, "") and b not in (None, "") and a != b


def same_statement(a: Record, b: Record) -> bool:
    """Whether two records with the same text can be one record with two provenances."""
    if _conflict(_norm_symbol(a.symbol), _norm_symbol(b.symbol)):
        return False
    if _conflict(a.countries, b.countries):
        return False
    if a.case and b.case and _conflict(a.case.number, b.case.number):
        return False
    if a.upr and b.upr:
        if a.kind != b.kind:  # a State's own pledge is not another State's recommendation
            return False
        if _conflict(a.upr.recommending_states, b.upr.recommending_states):
            return False
        if _conflict(a.upr.session, b.upr.session):
            return False
    return True


def _encode(record: Record) -> bytes:
    return zlib.compress(record.to_json().encode("utf-8"), 1)


def _decode(blob: bytes) -> Record:
    return Record.from_json(zlib.decompress(blob))


class RecordStore:
    """SQLite-backed store of Records with a change sequence and id aliases."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA busy_timeout=30000")
        self._conn.executescript(_SCHEMA)
        version = self.get_meta("schema_version")
        if version is None:
            self.set_meta("schema_version", str(SCHEMA_VERSION))
        elif int(version) != SCHEMA_VERSION:
            raise RuntimeError(f"{path}: store schema {version}, this code needs {SCHEMA_VERSION}")

    # --- meta ------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO meta(key, value) VALUES(?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (key, value),
            )

    @property
    def seq(self) -> int:
        with self._lock:
            row = self._conn.execute("SELECT MAX(seq) FROM records").fetchone()
        return int(row[0] or 0)

    # --- reading ---------------------------------------------------------
    def fingerprints(self) -> dict[str, str]:
        """id -> fingerprint of every live record (loaded once per ingest run)."""
        with self._lock:
            rows = self._conn.execute("SELECT id, fingerprint FROM records WHERE deleted=0")
            return {str(i): str(f) for i, f in rows}

    def aliases(self) -> dict[str, str]:
        with self._lock:
            return {str(a): str(i) for a, i in self._conn.execute("SELECT alias, id FROM aliases")}

    def resolve(self, record_id: str) -> str:
        with self._lock:
            row = self._conn.execute(
                "SELECT id FROM aliases WHERE alias=?", (record_id,)
            ).fetchone()
        return str(row[0]) if row else record_id

    def get(self, ids: Sequence[str]) -> list[Record]:
        """Live records for `ids` (aliases followed), in order, unknown ids skipped."""
        if not ids:
            return []
        resolved = [self.resolve(i) for i in ids] if len(ids) < 50 else self._resolve_many(ids)
        with self._lock:
            found = {
                str(rid): _decode(blob)
                for rid, blob in select_in(
                    self._conn,
                    "SELECT id, data FROM records WHERE deleted=0 AND id IN ({marks})",
                    resolved,
                )
            }
        return [found[i] for i in resolved if i in found]

    def _resolve_many(self, ids: Sequence[str]) -> list[str]:
        aliases = self.aliases()
        return [aliases.get(i, i) for i in ids]

    def rows_for(self, ids: Sequence[str]) -> dict[str, int]:
        with self._lock:
            return {
                str(rid): int(row)
                for rid, row in select_in(
                    self._conn, "SELECT id, row FROM records WHERE id IN ({marks})", ids
                )
            }

    def ids_for_rows(self, rows: Sequence[int]) -> dict[int, str]:
        with self._lock:
            return {
                int(row): str(rid)
                for row, rid in select_in(
                    self._conn,
                    "SELECT row, id FROM records WHERE deleted=0 AND row IN ({marks})",
                    rows,
                )
            }

    def by_work(self, work: str) -> list[Record]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT data FROM records WHERE deleted=0 AND work=? ORDER BY language", (work,)
            ).fetchall()
        return [_decode(blob) for (blob,) in rows]

    def changes_since(self, seq: int, batch: int = 2000) -> Iterator[list[StoredRecord]]:
        """Every record changed after `seq`, in sequence order, in batches."""
        last = seq
        while True:
            with self._lock:
                rows = self._conn.execute(
                    "SELECT row, seq, deleted, data FROM records WHERE seq>? ORDER BY seq LIMIT ?",
                    (last, batch),
                ).fetchall()
            if not rows:
                return
            yield [StoredRecord(int(r), int(s), bool(d), _decode(b)) for r, s, d, b in rows]
            last = int(rows[-1][1])

    def count(self) -> int:
        with self._lock:
            row = self._conn.execute("SELECT COUNT(*) FROM records WHERE deleted=0").fetchone()
        return int(row[0])

    def iter_records(self, batch: int = 2000) -> Iterator[Record]:
        for chunk in self.changes_since(0, batch):
            for stored in chunk:
                if not stored.deleted:
                    yield stored.record

    # --- writing ---------------------------------------------------------
    def write_batch(
        self, records: Sequence[Record], fingerprints: Sequence[str] | None = None
    ) -> list[Change]:
        """Add, replace or merge `records` in one transaction; returns what happened."""
        prints = (
            list(fingerprints) if fingerprints is not None else [fingerprint(r) for r in records]
        )
        changes: list[Change] = []
        with self._lock:
            cur = self._conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                seq = int(cur.execute("SELECT COALESCE(MAX(seq), 0) FROM records").fetchone()[0])
                for record, fp in zip(records, prints, strict=True):
                    seq += 1
                    changes.append(self._write_one(cur, record, fp, seq))
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        return changes

    def _write_one(self, cur: sqlite3.Cursor, record: Record, fp: str, seq: int) -> Change:
        alias = cur.execute("SELECT id FROM aliases WHERE alias=?", (record.id,)).fetchone()
        if alias is not None:
            return self._merge_into(cur, str(alias[0]), record, seq)
        existing = cur.execute(
            "SELECT fingerprint, deleted FROM records WHERE id=?", (record.id,)
        ).fetchone()
        if existing is not None:
            if existing[0] == fp and not existing[1]:
                return Change.UNCHANGED
            record = self._keep_other_sources(cur, record)
            cur.execute(
                "UPDATE records SET work=?, content_hash=?, language=?, fingerprint=?, seq=?, "
                "deleted=0, data=? WHERE id=?",
                (
                    record.work,
                    record.content_hash,
                    record.language,
                    fp,
                    seq,
                    _encode(record),
                    record.id,
                ),
            )
            return Change.UPDATED
        twin = self._twin(cur, record)
        if twin is not None:
            cur.execute(
                "INSERT OR REPLACE INTO aliases(alias, id) VALUES(?, ?)", (record.id, twin[0])
            )
            return self._merge_into(cur, str(twin[0]), record, seq)
        cur.execute(
            "INSERT INTO records(id, work, content_hash, language, fingerprint, seq, data) "
            "VALUES(?, ?, ?, ?, ?, ?, ?)",
            (
                record.id,
                record.work,
                record.content_hash,
                record.language,
                fp,
                seq,
                _encode(record),
            ),
        )
        return Change.ADDED

    def _twin(self, cur: sqlite3.Cursor, record: Record) -> tuple[str] | None:
        """A live record with the same text that is the same statement, if any.

        The same words are not always the same statement: "Ratify the Rome Statute"
        recommended by Spain to Algeria and by Spain to Kenya, or the admissibility
        boilerplate of hundreds of decisions. A twin must not contradict the record's
        identity (document symbol, case number, countries, UPR recommending States and
        session) wherever both say something.
        """
        rows = cur.execute(
            "SELECT id, data FROM records WHERE content_hash=? AND language=? AND deleted=0 "
            "ORDER BY row LIMIT 50",
            (record.content_hash, record.language),
        ).fetchall()
        for rid, blob in rows:
            if same_statement(_decode(blob), record):
                return (str(rid),)
        return None

    def _keep_other_sources(self, cur: sqlite3.Cursor, record: Record) -> Record:
        """An update must not erase what other copies contributed: other sources, and other
        documents of the same source merged in (a decision stored under two file names)."""
        row = cur.execute("SELECT data FROM records WHERE id=?", (record.id,)).fetchone()
        if row is None:
            return record
        mine = {(p.source, p.source_id) for p in record.provenance}
        others = [p for p in _decode(row[0]).provenance if (p.source, p.source_id) not in mine]
        if not others:
            return record
        return record.model_copy(update={"provenance": [*record.provenance, *others]})

    def _merge_into(self, cur: sqlite3.Cursor, target_id: str, record: Record, seq: int) -> Change:
        row = cur.execute("SELECT data FROM records WHERE id=?", (target_id,)).fetchone()
        if row is None:
            return Change.UNCHANGED
        target = _decode(row[0])
        known = {(p.source, p.source_id) for p in target.provenance}
        new = [p for p in record.provenance if (p.source, p.source_id) not in known]
        if not new:
            return Change.UNCHANGED
        target.provenance.extend(new)
        for name in ("citations", "themes", "rights", "affected_persons", "countries"):
            merged = list(dict.fromkeys([*getattr(target, name), *getattr(record, name)]))
            setattr(target, name, merged)
        if target.case is None and record.case is not None:
            target.case = record.case
        # The fingerprint column keeps describing the target's own input, so that an
        # unchanged re-run of its source still skips it.
        cur.execute(
            "UPDATE records SET seq=?, data=? WHERE id=?", (seq, _encode(target), target_id)
        )
        return Change.MERGED

    def delete(self, ids: Iterable[str]) -> int:
        """Soft-delete so that indices see the deletion through `changes_since`."""
        n = 0
        with self._lock:
            cur = self._conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                seq = int(cur.execute("SELECT COALESCE(MAX(seq), 0) FROM records").fetchone()[0])
                for rid in ids:
                    seq += 1
                    n += cur.execute(
                        "UPDATE records SET deleted=1, seq=? WHERE id=? AND deleted=0", (seq, rid)
                    ).rowcount
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        return n

    def close(self) -> None:
        with self._lock:
            self._conn.close()
