"""Facet values by row, in memory: filters resolved to rows without asking tantivy.

Vector search with filters needs the set of rows that pass them. Asking tantivy
for it means collecting every matching document into Python (tens of
milliseconds for a broad filter at a million records). Here each facet is a
small integer column addressed by the store's row number (like the vectors), so
a filter is resolved in numpy: the rows of the most selective facet, from a
value -> rows posting list, checked against the other facets' columns.

Files (memory-mapped, flushed on commit like the vectors, so a crash replays from
the same watermark as the other indices):

    codes.<facet>.i32   (capacity, slots) value codes, -1 for none
    year.i16            (capacity,) the year, 0 for none (year ranges)
    present.u8          (capacity,) 1 for an indexed document
    ids.s64             (capacity,) the record id of each row (hits are rows: the
                        id comes from here, not from a stored document or the store)
    columns.json        value dictionaries, slots, values beyond the slots

Multi-valued facets (countries, regions, recommending States) keep a few slots
per row; the rare row with more values keeps the rest in `overflow`.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from indexer.backend.embedded.files import atomic_write
from indexer.backend.protocol import Filters
from indexer.record import FACETS

Rows = npt.NDArray[np.int64]
Bits = npt.NDArray[np.uint8]
# A broad selection (a language, a mechanism: hundreds of thousands of rows at a
# million records) is resolved by ANDing bitmaps of the selected values, cached;
# a narrow one by checking its few rows against the other columns.
BITMAP_FROM_ROWS = 8_000
BITMAP_CACHE = 128  # 128 KiB each at a million rows
SLOTS: dict[str, int] = {"country": 4, "region": 8, "recommending": 4}
ID_WIDTH = 64  # Record ids are at most 64 ASCII characters (indexer.record)
INITIAL_CAPACITY = 1024


class FacetColumns:
    def __init__(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        meta = self._read_meta()
        self.values: dict[str, list[str]] = {f: [] for f in FACETS}
        self.overflow: dict[str, dict[int, list[int]]] = {f: {} for f in FACETS}
        if meta:
            for name in FACETS:
                self.values[name] = list(meta["values"].get(name, []))
                self.overflow[name] = {
                    int(r): list(c) for r, c in meta["overflow"].get(name, {}).items()
                }
        self._codes: dict[str, dict[str, int]] = {
            f: {v: i for i, v in enumerate(vals)} for f, vals in self.values.items()
        }
        self._open(int(meta["capacity"]) if meta else INITIAL_CAPACITY)
        # value code -> rows, per facet; built on first use after a change.
        self._postings: dict[str, tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]] = {}
        # (facet, value code) -> the rows holding it as a bit per row, recently used
        # first; ("", -1) is the rows holding a document. Emptied by every change.
        self._masks: OrderedDict[tuple[str, int], Bits] = OrderedDict()

    # --- files -----------------------------------------------------------
    def _read_meta(self) -> dict[str, Any] | None:
        meta = self.path / "columns.json"
        if not meta.exists():
            return None
        data: dict[str, Any] = json.loads(meta.read_text(encoding="utf-8"))
        return data

    def _open(self, capacity: int) -> None:
        specs: list[tuple[str, Any, tuple[int, ...], int]] = []
        for name in FACETS:
            slots = SLOTS.get(name, 1)
            specs.append((f"codes.{name}.i32", np.int32, (capacity, slots), 4 * slots))
        specs.append(("year.i16", np.int16, (capacity,), 2))
        specs.append(("present.u8", np.uint8, (capacity,), 1))
        specs.append(("ids.s64", np.dtype("S64"), (capacity,), ID_WIDTH))
        maps: dict[str, np.memmap[Any, Any]] = {}
        for fname, dtype, shape, width in specs:
            p = self.path / fname
            fresh = not p.exists()
            old = 0 if fresh else p.stat().st_size
            if old < capacity * width:
                with p.open("ab") as fh:
                    fh.truncate(capacity * width)
            m = np.memmap(p, dtype=dtype, mode="r+", shape=shape)
            if fname.startswith("codes.") and old < capacity * width:
                # New rows hold no value (-1), not code 0.
                start = old // width
                m[start:] = -1
            maps[fname] = m
        self.capacity = capacity
        self.codes = {name: maps[f"codes.{name}.i32"] for name in FACETS}
        self.year = maps["year.i16"]
        self.present = maps["present.u8"]
        self.ids = maps["ids.s64"]

    def _grow(self, needed: int) -> None:
        capacity = self.capacity
        while capacity <= needed:
            capacity *= 2
        self.flush()
        del self.codes, self.year, self.present, self.ids
        self._open(capacity)

    def flush(self) -> None:
        for m in self.codes.values():
            m.flush()
        self.year.flush()
        self.present.flush()
        self.ids.flush()

    def commit(self) -> None:
        with self._lock:
            self.flush()
            meta = {
                "capacity": self.capacity,
                "values": self.values,
                "overflow": {
                    f: {str(r): c for r, c in rows.items()} for f, rows in self.overflow.items()
                },
            }
            atomic_write(self.path / "columns.json", json.dumps(meta, ensure_ascii=False))

    # --- writing ---------------------------------------------------------
    def _code(self, name: str, value: str) -> int:
        table = self._codes[name]
        code = table.get(value)
        if code is None:
            code = len(self.values[name])
            self.values[name].append(value)
            table[value] = code
        return code

    def upsert(
        self,
        rows: Sequence[int],
        ids: Sequence[str],
        facets: Sequence[Mapping[str, Sequence[str]]],
        years: Sequence[int | None],
    ) -> None:
        if not rows:
            return
        with self._lock:
            top = max(rows)
            if top >= self.capacity:
                self._grow(top)
            for name in FACETS:
                slots = SLOTS.get(name, 1)
                block = np.full((len(rows), slots), -1, dtype=np.int32)
                over = self.overflow[name]
                for i, (row, values) in enumerate(zip(rows, facets, strict=True)):
                    codes = [self._code(name, v) for v in values.get(name, ())]
                    block[i, : min(slots, len(codes))] = codes[:slots]
                    if len(codes) > slots:
                        over[int(row)] = codes[slots:]
                    else:
                        over.pop(int(row), None)
                self.codes[name][np.asarray(rows, dtype=np.int64)] = block
            idx = np.asarray(rows, dtype=np.int64)
            self.year[idx] = np.asarray([y or 0 for y in years], dtype=np.int16)
            self.present[idx] = 1
            self.ids[idx] = np.asarray([i.encode("ascii") for i in ids], dtype="S64")
            self._changed()

    def delete(self, rows: Sequence[int]) -> None:
        with self._lock:
            valid = [r for r in rows if 0 <= r < self.capacity]
            if not valid:
                return
            idx = np.asarray(valid, dtype=np.int64)
            self.present[idx] = 0
            self.ids[idx] = b""
            for name in FACETS:
                self.codes[name][idx] = -1
                for r in valid:
                    self.overflow[name].pop(int(r), None)
            self.year[idx] = 0
            self._changed()

    def clear(self) -> None:
        with self._lock:
            self.present[:] = 0
            self.ids[:] = b""
            for name in FACETS:
                self.codes[name][:] = -1
                self.overflow[name].clear()
            self.year[:] = 0
            self._changed()
            self.commit()

    # --- reading ---------------------------------------------------------
    def id_of(self, rows: Sequence[int] | Rows) -> list[str]:
        """Ids of `rows` ("" for a row that holds no document)."""
        idx = np.asarray(rows, dtype=np.int64)
        ok = (idx >= 0) & (idx < self.capacity)
        out = [""] * len(idx)
        if ok.any():
            found = np.asarray(self.ids[idx[ok]])
            for pos, raw in zip(np.flatnonzero(ok).tolist(), found.tolist(), strict=True):
                out[pos] = raw.decode("ascii")
        return out

    def counts(
        self, rows: Rows | None, names: Sequence[str], size: int
    ) -> dict[str, list[tuple[str, int]]]:
        """Facet value counts over `rows` (every indexed row when None), most frequent
        first, ties by value: what a terms aggregation gives, without a query."""
        with self._lock:
            if rows is None:
                rows = np.flatnonzero(np.asarray(self.present)).astype(np.int64)
            out: dict[str, list[tuple[str, int]]] = {}
            for name in names:
                block = np.asarray(self.codes[name][rows]).reshape(-1)
                block = block[block >= 0]
                counts = np.bincount(block, minlength=len(self.values[name]))
                extra = self.overflow[name]
                if extra:
                    for r in set(rows.tolist()).intersection(extra):
                        for c in extra[r]:
                            counts[c] += 1
                found = np.flatnonzero(counts)
                values = self.values[name]
                ranked = sorted(
                    ((values[c], int(counts[c])) for c in found.tolist()),
                    key=lambda kv: (-kv[1], kv[0]),
                )
                out[name] = ranked[:size]
            return out

    def count(self) -> int:
        return int(np.count_nonzero(np.asarray(self.present)))

    def _posting(self, name: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(rows sorted by value code, start offset of each code) for `name`."""
        cached = self._postings.get(name)
        if cached is not None:
            return cached
        codes = np.asarray(self.codes[name])
        slots = codes.shape[1]
        flat = codes.reshape(-1)
        keep = np.flatnonzero(flat >= 0)
        rows = keep // slots
        values = flat[keep].astype(np.int64)
        extra = self.overflow[name]
        if extra:
            er = np.fromiter((r for r, cs in extra.items() for _ in cs), dtype=np.int64)
            ev = np.fromiter((c for cs in extra.values() for c in cs), dtype=np.int64)
            rows = np.concatenate([rows, er])
            values = np.concatenate([values, ev])
        order = np.lexsort((rows, values))  # by value, then row: each list sorted
        rows = rows[order].astype(np.int64)
        bounds = np.searchsorted(values[order], np.arange(len(self.values[name]) + 1))
        built = (rows, bounds.astype(np.int64))
        self._postings[name] = built
        return built

    def _changed(self) -> None:
        self._postings.clear()
        self._masks.clear()

    def _bits(self, name: str, code: int) -> Bits:
        key = (name, code)
        cached = self._masks.get(key)
        if cached is not None:
            self._masks.move_to_end(key)
            return cached
        mask = np.zeros(self.capacity, dtype=bool)
        if name:
            mask[self._facet_rows(name, [code])] = True
        else:
            mask[:] = np.asarray(self.present, dtype=bool)
        bits: Bits = np.packbits(mask)
        self._masks[key] = bits
        if len(self._masks) > BITMAP_CACHE:
            self._masks.popitem(last=False)
        return bits

    def _bitmap_rows(self, wanted: list[tuple[str, list[int]]]) -> Rows:
        """Rows holding a document and, for every facet, one of its selected values."""
        acc = self._bits("", -1).copy()
        for name, codes in wanted:
            any_of = self._bits(name, codes[0])
            if len(codes) > 1:
                any_of = any_of.copy()
                for code in codes[1:]:
                    np.bitwise_or(any_of, self._bits(name, code), out=any_of)
            np.bitwise_and(acc, any_of, out=acc)
        # Only the bytes with a bit set are unpacked (a narrow result has few).
        nonzero = np.flatnonzero(acc)
        bits = np.unpackbits(acc[nonzero]).reshape(-1, 8).astype(bool)
        rows: Rows = ((nonzero * 8)[:, None] + np.arange(8, dtype=np.int64))[bits]
        return rows[rows < self.capacity]

    def _facet_rows(self, name: str, codes: list[int]) -> Rows:
        rows, bounds = self._posting(name)
        parts = [rows[bounds[c] : bounds[c + 1]] for c in codes]
        if not parts:
            return np.zeros(0, dtype=np.int64)
        if len(parts) == 1:  # sorted, and a row holds a value once
            return parts[0]
        return np.unique(np.concatenate(parts))

    def _facet_size(self, name: str, codes: list[int]) -> int:
        _, bounds = self._posting(name)
        return int(sum(bounds[c + 1] - bounds[c] for c in codes))

    def _has_any(self, name: str, rows: Rows, codes: list[int]) -> npt.NDArray[np.bool_]:
        block = np.asarray(self.codes[name][rows])
        wanted = np.asarray(codes, dtype=np.int32)
        hit: npt.NDArray[np.bool_] = np.asarray(np.isin(block, wanted).any(axis=1))
        extra = self.overflow[name]
        if extra:
            want = set(codes)
            for i, r in enumerate(rows.tolist()):
                if not hit[i] and r in extra and want.intersection(extra[r]):
                    hit[i] = True
        return hit

    def rows(self, filters: Filters, id_rows: Mapping[str, int] | None = None) -> Rows | None:
        """Sorted rows passing `filters` (None: no restriction at all).

        `id_rows` maps the ids of `include_ids` / `exclude_ids` to rows.
        """
        if filters.empty:
            return None
        with self._lock:
            wanted: list[tuple[str, list[int]]] = []
            for name, values in filters.terms.items():
                if not values:
                    continue
                codes = [self._codes[name][v] for v in values if v in self._codes[name]]
                if not codes:
                    return np.zeros(0, dtype=np.int64)
                wanted.append((name, codes))
            id_map = id_rows or {}
            if filters.include_ids is not None:
                rows = np.unique(
                    np.asarray(
                        [id_map[i] for i in filters.include_ids if i in id_map], dtype=np.int64
                    )
                )
            elif wanted:
                wanted.sort(key=lambda item: self._facet_size(*item))
                if len(wanted) > 1 and self._facet_size(*wanted[0]) > BITMAP_FROM_ROWS:
                    rows = self._bitmap_rows(wanted)
                    wanted = []
                else:
                    name, codes = wanted.pop(0)
                    rows = self._facet_rows(name, codes)
            else:
                rows = np.flatnonzero(np.asarray(self.present)).astype(np.int64)
            rows = rows[rows < self.capacity]
            for name, codes in wanted:
                if len(rows) == 0:
                    break
                rows = rows[self._has_any(name, rows, codes)]
            if filters.year_from is not None or filters.year_to is not None:
                years = np.asarray(self.year[rows])
                keep = years != 0
                if filters.year_from is not None:
                    keep &= years >= filters.year_from
                if filters.year_to is not None:
                    keep &= years <= filters.year_to
                rows = rows[keep]
            if filters.exclude_ids:
                gone = np.asarray(
                    [id_map[i] for i in filters.exclude_ids if i in id_map], dtype=np.int64
                )
                rows = rows[~np.isin(rows, gone)]
            out: Rows = rows[np.asarray(self.present[rows]).astype(bool)]
            return out
