"""Re-reading only the datasets that changed since the last complete ingest.

Re-running `concordia ingest --dataset all` over an unchanged corpus used to parse all
of it again to find that nothing changed (about 3,000 records/s). A dataset is now
skipped when its *signature* matches the one recorded by the last ingest that read
it to the end. The signature covers:

- every file of the dataset: relative path, size and modification time (the quick
  check of make and rsync; `--force` re-reads when a file was changed in place with
  its size and time kept);
- the code and data that turn files into records: the sources of `scrapers/` and
  `indexer/` and the files of `mappings/`, so a fixed parser or a new taxonomy entry
  re-reads every dataset.

A signature is recorded only after the ingest that read the whole dataset has
committed its last batch: an interrupted run records nothing for the dataset it was
in, and the next run reads it again (idempotently). A `--limit`ed run records none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from indexer.pipeline import Item
from indexer.store import RecordStore
from scrapers.importers.base import REPOSITORY_ROOT, Importer

_CODE_DIRS = (("scrapers", ".py"), ("indexer", ".py"), ("mappings", ".json"))
_META_PREFIX = "dataset:"
_code_digest: str | None = None


def code_signature() -> str:
    """Digest of the code and mappings that make records (computed once per process)."""
    global _code_digest
    if _code_digest is None:
        digest = hashlib.sha256()
        for folder, suffix in _CODE_DIRS:
            for path in sorted((REPOSITORY_ROOT / folder).rglob(f"*{suffix}")):
                digest.update(str(path.relative_to(REPOSITORY_ROOT)).encode())
                digest.update(path.read_bytes())
        _code_digest = digest.hexdigest()
    return _code_digest


def files_signature(root: Path) -> str:
    """Digest of (relative path, size, mtime) of every file below `root` (or of `root`)."""
    digest = hashlib.sha256()
    if root.is_file():
        paths = [root]
    elif root.is_dir():
        paths = sorted(p for p in root.rglob("*") if p.is_file())
    else:
        return "missing"
    for path in paths:
        st = path.stat()
        rel = path.name if path == root else str(path.relative_to(root))
        digest.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def dataset_signature(importer: Importer, data_root: Path) -> str:
    return hashlib.sha256(
        f"{importer.name}\0{files_signature(importer.root(data_root))}\0{code_signature()}".encode()
    ).hexdigest()


@dataclass
class DatasetState:
    signature: str
    items: int
    completed_at: str


@dataclass
class DatasetRun:
    name: str
    signature: str
    items: int = 0
    complete: bool = False


def recorded(store: RecordStore, name: str) -> DatasetState | None:
    raw = store.get_meta(_META_PREFIX + name)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        return DatasetState(str(data["signature"]), int(data["items"]), str(data["completed_at"]))
    except (ValueError, KeyError, TypeError):
        return None  # unreadable: read the dataset again


class DatasetReader:
    """The items of the datasets that need reading; `commit()` after they are stored."""

    def __init__(
        self,
        store: RecordStore,
        importers: dict[str, Importer],
        data_root: Path,
        *,
        force: bool = False,
        limit: int | None = None,
    ) -> None:
        self.store = store
        self.importers = importers
        self.data_root = data_root
        self.force = force or limit is not None
        self.limit = limit
        self.skipped: list[tuple[str, DatasetState]] = []
        self.runs: list[DatasetRun] = []

    def items(self, names: Sequence[str]) -> Iterator[Item]:
        for name in names:
            importer = self.importers[name]
            signature = dataset_signature(importer, self.data_root)
            state = recorded(self.store, name)
            if not self.force and state is not None and state.signature == signature:
                self.skipped.append((name, state))
                continue
            run = DatasetRun(name, signature)
            self.runs.append(run)
            source: Iterator[Item] = importer.run(self.data_root)
            if self.limit is not None:
                source = itertools.islice(source, self.limit)
            for item in source:
                run.items += 1
                yield item
            run.complete = self.limit is None

    @property
    def skipped_items(self) -> int:
        return sum(state.items for _, state in self.skipped)

    def commit(self) -> None:
        """Record the datasets read to the end; call once their records are committed."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        for run in self.runs:
            if run.complete:
                value = {
                    "signature": run.signature,
                    "items": run.items,
                    "completed_at": now,
                }
                self.store.set_meta(_META_PREFIX + run.name, json.dumps(value))


def describe_skips(reader: DatasetReader) -> list[str]:
    return [
        f"  unchanged {state.items:>6}  {name} (files and code as at {state.completed_at}: "
        "not read again, --force re-reads; what it rejected is in that run's rejects report)"
        for name, state in reader.skipped
    ]


__all__ = ["DatasetReader", "code_signature", "dataset_signature", "describe_skips"]
