"""FacetColumns resolves filters to rows exactly as a scan of every row would, by
either of its paths (checking a narrow selection's rows, ANDing cached bitmaps of a
broad one), including values beyond a row's slots and after rows change."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from indexer.backend.embedded import columns as columns_module
from indexer.backend.embedded.columns import SLOTS, FacetColumns
from indexer.backend.protocol import Filters

COUNTRIES = [f"C{i}" for i in range(12)]
KINDS = ["view", "decision", "recommendation"]
LANGS = ["en", "fr", "es", "ar"]


def _facets(rng: random.Random) -> dict[str, list[str]]:
    # Some rows hold more countries than the column has slots (the overflow).
    n = rng.choice([0, 1, 1, 2, SLOTS["country"] + 2])
    return {
        "country": rng.sample(COUNTRIES, n),
        "kind": [rng.choice(KINDS)],
        "language": [rng.choice(LANGS)],
    }


def _expected(table: dict[int, tuple[dict[str, list[str]], int]], filters: Filters) -> list[int]:
    out = []
    for row, (facets, year) in sorted(table.items()):
        if all(set(vals) & set(facets.get(name, [])) for name, vals in filters.terms.items()):
            if filters.year_from is not None and not (year and year >= filters.year_from):
                continue
            out.append(row)
    return out


FILTERS = [
    Filters({"language": ("en",), "kind": ("view", "decision")}),
    Filters({"country": ("C1", "C2"), "language": ("fr",)}),
    Filters({"country": ("C3",), "kind": ("recommendation",), "language": ("en", "ar")}),
    Filters({"kind": ("view",)}),
    Filters({"language": ("es",), "kind": ("decision",)}, year_from=2010),
    Filters({"country": ("C11",), "language": ("xx",)}),
]


@pytest.mark.parametrize("threshold", [0, 10**9], ids=["bitmaps", "row-checks"])
def test_rows_match_a_full_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threshold: int
) -> None:
    monkeypatch.setattr(columns_module, "BITMAP_FROM_ROWS", threshold)
    rng = random.Random(3)
    cols = FacetColumns(tmp_path / "columns")
    table: dict[int, tuple[dict[str, list[str]], int]] = {}
    rows = list(range(1, 3000))
    facets = [_facets(rng) for _ in rows]
    years = [rng.choice([0, 2005, 2012, 2020]) for _ in rows]
    cols.upsert(rows, [f"id{r}" for r in rows], facets, years)
    table.update({r: (f, y) for r, f, y in zip(rows, facets, years, strict=True)})

    def check() -> None:
        for flt in FILTERS:
            got = cols.rows(flt)
            assert got is not None
            assert got.tolist() == _expected(table, flt), flt

    check()
    # Changes after the bitmaps were cached: deletions, and rows with new values.
    gone = rng.sample(rows, 400)
    cols.delete(gone)
    for r in gone:
        table.pop(r)
    changed = rng.sample(sorted(table), 300)
    new = [_facets(rng) for _ in changed]
    cols.upsert(changed, [f"id{r}" for r in changed], new, [2012] * len(changed))
    table.update({r: (f, 2012) for r, f in zip(changed, new, strict=True)})
    check()


def test_bitmaps_are_cached_and_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(columns_module, "BITMAP_FROM_ROWS", 0)
    monkeypatch.setattr(columns_module, "BITMAP_CACHE", 3)
    cols = FacetColumns(tmp_path / "columns")
    rng = random.Random(5)
    rows = list(range(500))
    cols.upsert(rows, [f"id{r}" for r in rows], [_facets(rng) for _ in rows], [0] * 500)
    first = cols.rows(Filters({"language": ("en",), "kind": ("view",)}))
    assert len(cols._masks) == 3  # present, language=en, kind=view
    again = cols.rows(Filters({"language": ("en",), "kind": ("view",)}))
    assert first is not None and again is not None
    assert np.array_equal(first, again)
    cols.rows(Filters({"language": ("fr",), "kind": ("decision",)}))
    assert len(cols._masks) == 3
