"""legal-sources-samples: all 16 folders, their known defects, and the cross-source merge."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from indexer.pipeline import Candidate, Reject, ingest
from indexer.record import normalise_for_hash
from indexer.store import RecordStore
from indexer.taxonomy import load_taxonomy
from scrapers.importers import IMPORTERS, legal_samples
from scrapers.importers.legal_coe import appno_from_ecli, esc_articles
from scrapers.importers.utf16_repair import repair

DUPLICATES = {
    "CAT/C/51/D/429/2010": ("UN/OHCHR-Juris/case_1.json", "UN/TreatyBodyJuris/record_0000.json"),
    "CAT/C/51/D/441/2010": ("UN/OHCHR-Juris/case_5.json", "UN/TreatyBodyJuris/record_0003.json"),
    "CAT/C/50/D/431/2010": ("UN/OHCHR-Juris/case_10.json", "UN/TreatyBodyJuris/record_0008.json"),
}


@pytest.fixture(scope="module")
def root(shared_data: Path) -> Path:
    return shared_data / legal_samples.DEFAULT_PATH


@pytest.fixture(scope="module")
def items(shared_data: Path) -> list[Candidate | Reject]:
    return list(IMPORTERS["legal-samples"].run(shared_data))


def by_file(items: list[Candidate | Reject]) -> dict[str, list[Candidate]]:
    out: dict[str, list[Candidate]] = {}
    for item in items:
        if isinstance(item, Candidate):
            out.setdefault(item.location.split("#")[0], []).append(item)
    return out


def test_every_folder_yields_paragraphs(items: list[Candidate | Reject]) -> None:
    folders = Counter(
        "/".join(i.location.split("/")[:2]) for i in items if isinstance(i, Candidate)
    )
    assert set(folders) == {folder for folder, _ in legal_samples.ADAPTERS}
    assert all(n >= 15 for n in folders.values()), folders
    assert sum(folders.values()) > 14_000
    ids = [i.fields["id"] for i in items if isinstance(i, Candidate)]
    assert len(ids) == len(set(ids))


def test_rejects_are_the_known_defects(items: list[Candidate | Reject]) -> None:
    rejects = [i for i in items if isinstance(i, Reject)]
    reasons = Counter(r.reason.split(":")[0] for r in rejects)
    assert reasons == {"duplicate record": 15, "unreadable text": 1}
    word = next(r for r in rejects if r.reason.startswith("unreadable text"))
    assert word.location == "UN/TreatyBodyDB/record_0006.json" and "Word" in word.reason


def test_ohchr_juris_text_is_repaired(root: Path, items: list[Candidate | Reject]) -> None:
    raw = json.loads((root / "UN/OHCHR-Juris/case_1.json").read_text(encoding="utf-8"))["text"]
    assert "\x00" in raw
    fixed = repair(raw)
    assert "\x00" not in fixed and "Sivagnanaratnam" in fixed and "complainant’s" in fixed
    texts = [c.fields["text"] for c in by_file(items)["UN/OHCHR-Juris/case_1.json"]]
    assert not any("\x00" in t or "\x19" in t for t in texts)


def test_three_cross_source_decisions_align_paragraph_by_paragraph(
    items: list[Candidate | Reject],
) -> None:
    files = by_file(items)
    for symbol, (ohchr, tbj) in DUPLICATES.items():
        a = [normalise_for_hash(c.fields["text"]) for c in files[ohchr]]
        b = [normalise_for_hash(c.fields["text"]) for c in files[tbj]]
        assert set(a) == set(b), symbol
        assert {c.fields["symbol"] for c in files[ohchr] + files[tbj]} == {symbol}


@pytest.mark.slow
def test_duplicates_become_one_record_with_two_provenances(root: Path, tmp_path: Path) -> None:
    folders = ("UN/TreatyBodyJuris", "UN/OHCHR-Juris")
    items = list(legal_samples.iter_items(root, folders))
    store = RecordStore(tmp_path / "store.db")
    report = ingest(items, store)
    assert report.rejected == 0
    records = list(store.iter_records())
    for symbol in DUPLICATES:
        own = [r for r in records if r.symbol == symbol]
        sources = [frozenset(p.source for p in r.provenance) for r in own]
        assert all(s == {"ohchr-juris", "treatybody-juris"} for s in sources), symbol
        assert 40 <= len(own) <= 80
    paragraph = next(
        r for r in records if r.symbol == "CAT/C/51/D/429/2010" and r.paragraph == "2.3"
    )
    assert sorted(p.source for p in paragraph.provenance) == ["ohchr-juris", "treatybody-juris"]
    assert paragraph.case is not None and paragraph.case.respondent_state == "DNK"
    assert paragraph.case.articles == ["CAT 3"] and paragraph.kind.value == "decision"
    # Boilerplate shared by different decisions stays with each decision.
    adopted = [r for r in records if r.text.startswith("[Adopted in English, French and Spanish")]
    assert len({r.symbol for r in adopted}) == len(adopted) > 1
    store.close()


def test_hudoc_language_versions_share_ecli_and_ignore_junk_appno(
    items: list[Candidate | Reject],
) -> None:
    files = by_file(items)
    english, french = files["CoE/HUDOC/001-57516.json"], files["CoE/HUDOC/001-62074.json"]
    assert {c.fields["language"] for c in english} == {"en"}
    assert {c.fields["language"] for c in french} == {"fr"}
    for group in (english, french):
        assert {c.fields["case"]["number"] for c in group} == {"332/57"}
        assert {c.fields["symbol"] for c in group} == {"ECLI:CE:ECHR:1960:1114JUD000033257"}
    assert appno_from_ecli("ECLI:CE:ECHR:2026:0305JUD005398211") == "53982/11"
    numbered = files["CoE/HUDOC/001-248844.json"]
    assert [c.fields.get("paragraph") for c in numbered[1:6]] == ["1", "2", "3", "4", "5"]
    assert numbered[1].fields["section"] == "PROCEDURE"
    assert "ECHR 8" in files["CoE/HUDOC/001-248847.json"][0].fields["case"]["articles"]


def test_translated_paragraphs_share_work_keys(items: list[Candidate | Reject]) -> None:
    files = by_file(items)
    pairs = (
        ("CoE/HUDOCExec/93177.json", "CoE/HUDOCExec/93211.json"),
        (
            "CoE/CPTReports/CoE_CPT_p-aze-2024decl-en.json",
            "CoE/CPTReports/CoE_CPT_p-aze-2024decl-fr.json",
        ),
    )
    for en, fr in pairs:
        # Numbered paragraphs line up by number, CPT's bulleted ones by position; an
        # unnumbered header of a decision is not claimed to be a translation.
        works_en = [c.fields["work"] for c in files[en]]
        works_fr = [c.fields["work"] for c in files[fr]]
        shared = set(works_en) & set(works_fr)
        assert len(shared) >= 7, (en, fr)
        assert [w for w in works_en if w in shared] == [w for w in works_fr if w in shared]
        assert not {c.fields["id"] for c in files[en]} & {c.fields["id"] for c in files[fr]}
    # The French *notes* on H46-31 are another document than the English decisions.
    notes = {c.fields["work"] for c in files["CoE/HUDOCExec/93133.json"]}
    assert not notes & {c.fields["work"] for c in files["CoE/HUDOCExec/93177.json"]}


def test_regional_defects(items: list[Candidate | Reject]) -> None:
    files = by_file(items)
    iacthr = files["INTL/IACtHR/record_0000.json"]
    assert {c.fields["language"] for c in iacthr} == {"es"}
    assert iacthr[0].fields["title"].startswith("Caso Chavarría Morales y otros Vs. Nicaragua")
    assert iacthr[0].fields["case"]["number"] == "Serie C No. 588"
    assert iacthr[0].fields["countries"] == ["Nicaragua"]
    iachr = [f for f in files if f.startswith("INTL/IACHR-Commission/")]
    assert len(iachr) == 15  # 30 files, 15 reports
    cash = files["INTL/IACHR-Commission/record_0000.json"]
    assert sum("PETER CASH" in c.fields["text"] for c in cash) <= 1  # header printed once
    ecowas = files["INTL/ECOWASCJ/ecowascj-2025-34.json"]
    taxonomy = load_taxonomy()
    # The applicant is the State (Federal Republic of Nigeria v Todd): concerned, not respondent.
    assert [taxonomy.resolve_country(c) for c in ecowas[0].fields["countries"]] == ["NGA"]
    assert ecowas[0].fields["case"].get("respondent_state") is None
    uhri = files["UN/UHRI/0a0c9531-85fa-4408-a9db-bc816c2e1261.json"]
    assert len(uhri) == 1 and uhri[0].fields["paragraph"] == "7"
    assert uhri[0].fields["section"] == "Domestic application of the Covenant"
    assert uhri[0].fields["kind"] == "recommendation" and "date" not in uhri[0].fields
    assert esc_articles("01-02-000;23-00-000;91-161-163") == ["ESC 1§2", "ESC 23"]


def test_broken_json_and_empty_text_are_rejected_the_rest_goes_in(tmp_path: Path) -> None:
    folder = tmp_path / "UN/ODS"
    folder.mkdir(parents=True)
    good = {
        "_id": "UN-ODS-A-RES-1",
        "_fetched_at": "2026-03-25T04:49:09+00:00",
        "symbol": "A/RES/79/99",
        "title": "Test resolution",
        "date": "2024-12-01",
        "url": "https://example.org",
        "text": "The General Assembly,\n\n1. Decides to remain seized of the matter;\n\n"
        "2. Requests the Secretary-General to report on the implementation of the "
        "present resolution;\n\n3. Decides to include the item in its next session.",
    }
    (folder / "record_0000.json").write_text(json.dumps(good), encoding="utf-8")
    (folder / "record_0001.json").write_text('{"_id": "x", "text": "unterminated', "utf-8")
    (folder / "record_0002.json").write_text(json.dumps({**good, "_id": "e", "text": ""}))
    items = list(legal_samples.iter_items(tmp_path, ("UN/ODS",)))
    store = RecordStore(tmp_path / "store.db")
    report = ingest(items, store)
    reasons = {r.location: r.reason for r in report.rejects}
    assert reasons["UN/ODS/record_0001.json"].startswith("broken JSON")
    # No text, so no language either: the pipeline says which it checked first.
    assert re.search(r"text is empty|no language", reasons["UN/ODS/record_0002.json#p0"])
    assert store.count() == 4  # "The General Assembly," and paragraphs 1-3
    assert {r.paragraph for r in store.iter_records()} == {None, "1", "2", "3"}
    store.close()
