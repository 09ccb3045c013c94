"""The bundled sample corpus: manifest vs files, contents the other tests rely on, rebuild."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from indexer.pipeline import Candidate, ingest
from indexer.store import RecordStore
from scrapers.importers import IMPORTERS, build_sample

SAMPLE = build_sample.SAMPLE_DIR
DUPLICATE_SYMBOLS = ("CAT/C/51/D/429/2010", "CAT/C/51/D/441/2010", "CAT/C/50/D/431/2010")


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (SAMPLE / build_sample.MANIFEST_JSON).read_text(encoding="utf-8")
    )
    return data


@pytest.fixture(scope="module")
def candidates() -> list[Candidate]:
    items = list(IMPORTERS["sample"].run(Path("/nonexistent")))  # needs no data root
    assert all(isinstance(i, Candidate) for i in items)
    return [i for i in items if isinstance(i, Candidate)]


def lines_of(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def test_manifest_counts_match_the_files(manifest: dict[str, Any]) -> None:
    files = sorted(p.name for p in SAMPLE.glob("*.jsonl.gz"))
    assert files == sorted(manifest["files"])
    total = 0
    for name, info in manifest["files"].items():
        rows = lines_of(SAMPLE / name)
        assert len(rows) == info["records"], name
        sources = Counter(r["fields"]["provenance"][0]["source"] for r in rows)
        assert dict(sources) == info["by_source"], name
        assert (SAMPLE / name).stat().st_size == info["bytes"]
        total += len(rows)
    assert manifest["total"]["records"] == total
    markdown = (SAMPLE / build_sample.MANIFEST_MD).read_text(encoding="utf-8")
    assert f"**{total:,} records**" in markdown
    for name, info in manifest["files"].items():
        assert re.search(rf"\| {re.escape(name)} \| [^|]+ \| {info['records']:,} \|", markdown)


def test_sample_is_small_varied_and_multilingual(manifest: dict[str, Any]) -> None:
    total = manifest["total"]
    assert 3_000 <= total["records"] <= 6_000
    assert sum(info["bytes"] for info in manifest["files"].values()) < 3 * 1024 * 1024
    assert set(total["by_language"]) >= {"ar", "en", "fr", "es"}
    assert all(total["by_language"][lang] >= 100 for lang in ("ar", "en", "fr", "es"))
    bodies = set(total["by_body"])
    assert bodies >= {
        "UPR",
        "CAT",
        "CCPR",
        "CESCR",
        "SR-TORTURE",
        "ECTHR",
        "ECSR",
        "CPT",
        "CM",
        "IACHR",
        "IACTHR",
        "ACHPR",
        "AFCHPR",
        "ECOWAS-CCJ",
        "OHCHR",
        "HRC",
        "GANHRI",
        "GA",
    }
    kinds = set(total["by_kind"])
    assert kinds >= {
        "recommendation",
        "pledge",
        "decision",
        "view",
        "judgment",
        "general_comment",
        "report_paragraph",
        "resolution",
    }
    non_commercial = manifest["files"]["unhrd-special-procedures.jsonl.gz"]
    assert non_commercial["records"] < 150 and "CC BY-NC-SA" in non_commercial["licence"]


def test_sample_holds_what_the_search_tests_need(candidates: list[Candidate]) -> None:
    texts = [c.fields["text"] for c in candidates]
    for phrase in ("المؤسسات الوطنية لحقوق الإنسان", "والمؤسسات الوطنية", "١٨/١٤"):
        assert any(phrase in t for t in texts), phrase
    cat = [c for c in candidates if c.fields["body"] == "CAT" and c.fields["kind"] == "decision"]
    assert any("torture" in c.fields["text"] and "detention" in c.fields["text"] for c in cat)
    upr = [c for c in candidates if c.fields["body"] == "UPR" and "upr" in c.fields]
    responses = Counter(c.fields["upr"].get("response_raw") for c in upr)
    assert responses["Accepted"] > 100 and responses["Noted"] > 100
    assert sum(bool(c.fields["upr"].get("recommending_states")) for c in upr) > 1_000
    for symbol in DUPLICATE_SYMBOLS:
        sources = {
            c.fields["provenance"][0]["source"]
            for c in candidates
            if c.fields.get("symbol") == symbol
        }
        assert sources == {"ohchr-juris", "treatybody-juris"}, symbol
    ids = [c.fields["id"] for c in candidates]
    assert len(ids) == len(set(ids))
    assert all(c.fields["provenance"][0]["licence"] for c in candidates)


@pytest.mark.slow
def test_sample_ingests_offline_with_no_rejects(
    tmp_path: Path, candidates: list[Candidate]
) -> None:
    store = RecordStore(tmp_path / "store.db")
    report = ingest(candidates, store)
    assert report.rejected == 0, report.summary()
    assert not report.warnings, report.warnings
    records = list(store.iter_records())
    assert {r.language for r in records} == {"ar", "en", "fr", "es"}
    for symbol in DUPLICATE_SYMBOLS:
        own = [r for r in records if r.symbol == symbol]
        assert own and all(
            {p.source for p in r.provenance} == {"ohchr-juris", "treatybody-juris"} for r in own
        )
    again = ingest(candidates, store)
    assert again.unchanged == len(candidates) and again.added == again.merged == 0
    store.close()


@pytest.mark.slow
def test_rebuild_is_byte_identical(shared_data: Path, tmp_path: Path) -> None:
    build_sample.build(shared_data, tmp_path)
    for path in sorted(SAMPLE.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
