"""The five Arabic seed documents: numbered paragraphs kept, Arabic vs English annexes."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from indexer.analysis import clean_text, detect_language
from indexer.pipeline import Candidate, Reject, ingest
from indexer.store import RecordStore
from scrapers.importers import IMPORTERS, seeds


@pytest.fixture(scope="module")
def by_file(shared_data: Path) -> dict[str, list[Candidate]]:
    out: dict[str, list[Candidate]] = defaultdict(list)
    for item in IMPORTERS["seeds"].run(shared_data):
        assert isinstance(item, Candidate), item
        out[item.location.split("#")[0]].append(item)
    return out


def numbers(cands: list[Candidate]) -> list[str]:
    return [c.fields["paragraph"] for c in cands if c.fields.get("paragraph")]


def test_all_five_documents_with_their_metadata(by_file: dict[str, list[Candidate]]) -> None:
    assert set(by_file) == set(seeds.SEEDS)
    resolution = by_file["004_738d3689c7dcd343.txt"][0].fields
    assert resolution["symbol"] == "A/HRC/RES/54/28" and resolution["body"] == "HRC"
    assert resolution["kind"] == "resolution" and resolution["date"] == "2023-10-12"
    assert by_file["003_61732576b0164f25.txt"][0].fields["body"] == "GANHRI"
    assert by_file["000_52f797ca9765a4b3.txt"][0].fields["symbol"] == "A/HRC/23/18"


def test_numbered_paragraphs_are_kept_in_order(by_file: dict[str, list[Candidate]]) -> None:
    report = numbers(by_file["000_52f797ca9765a4b3.txt"])
    # pdftotext -layout put "- ١" at the end of each first line; it is back in front.
    assert [n for n in report if n.isdigit() and int(n) > 4][:80] == [str(n) for n in range(5, 85)]
    panel = numbers(by_file["001_4fdd1fae3bf9ca6c.txt"])
    assert panel[:18] == [str(n) for n in range(1, 19)] and "76" in panel
    assert numbers(by_file["003_61732576b0164f25.txt"])[:19] == [str(n) for n in range(1, 20)]
    assert numbers(by_file["004_738d3689c7dcd343.txt"]) == [str(n) for n in range(1, 20)]
    first = next(c for c in by_file["000_52f797ca9765a4b3.txt"] if c.fields.get("paragraph") == "1")
    assert "طلب مجلس حقوق الإنسان في قراره" in first.fields["text"]
    assert first.fields["section"] == "أولاً - مقدمة"
    keys = [c.fields["id"] for cands in by_file.values() for c in cands]
    assert len(keys) == len(set(keys))


def test_search_phrases_are_in_arabic_paragraphs(by_file: dict[str, list[Candidate]]) -> None:
    texts = [c.fields["text"] for cands in by_file.values() for c in cands]
    for phrase in ("المؤسسات الوطنية لحقوق الإنسان", "والمؤسسات الوطنية", "١٨/١٤"):
        hits = [t for t in texts if phrase in t]
        assert hits, phrase


def test_arabic_paragraphs_are_ar_and_english_annexes_en(
    by_file: dict[str, list[Candidate]],
) -> None:
    report = by_file["000_52f797ca9765a4b3.txt"]
    arabic = [c for c in report if c.fields["language"] == "ar"]
    english = [c for c in report if c.fields["language"] == "en"]
    assert len(arabic) + len(english) == len(report)
    assert len(arabic) >= 80 and len(english) >= 200
    assert all(c.fields.get("section") for c in english)
    assert any("Annex" in (c.fields.get("section") or "") for c in english)
    # The script and the detector agree on the English annexes (bar a few short lines).
    long_english = [c for c in english if len(c.fields["text"]) > 200]
    detected = [detect_language(clean_text(c.fields["text"])) for c in long_english]
    assert detected.count("en") == len(detected)
    panel = by_file["001_4fdd1fae3bf9ca6c.txt"]
    assert any(
        "NMRF" in (c.fields.get("section") or "") and c.fields["language"] == "en" for c in panel
    )


def test_footnotes_and_page_furniture_are_not_paragraphs(
    by_file: dict[str, list[Candidate]],
) -> None:
    texts = [c.fields["text"] for cands in by_file.values() for c in cands]
    assert not any(t.startswith("____") or "GE.13-12721" in t for t in texts)
    assert not any("footnoteRef" in t or "<sup>" in t for t in texts)


def test_seeds_ingest_with_no_rejects(shared_data: Path, tmp_path: Path) -> None:
    items: list[Candidate | Reject] = list(IMPORTERS["seeds"].run(shared_data))
    store = RecordStore(tmp_path / "store.db")
    report = ingest(items, store)
    assert report.rejected == 0, report.summary()
    languages = {r.language for r in store.iter_records()}
    assert languages == {"ar", "en"}
    store.close()
