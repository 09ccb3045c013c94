"""UPR Info importer on the real export: counts, field mapping, duplicates, bad rows."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

import pytest

from indexer.pipeline import Candidate, Reject, ingest
from indexer.store import RecordStore
from indexer.taxonomy import load_taxonomy
from scrapers.importers import IMPORTERS, upr_info

RECOMMENDATION_ROWS = 41_066
PLEDGE_ROWS = 947


@pytest.fixture(scope="module")
def items(shared_data: Path) -> list[Candidate | Reject]:
    return list(IMPORTERS["upr-info"].run(shared_data))


def candidates(items: list[Candidate | Reject]) -> list[Candidate]:
    return [i for i in items if isinstance(i, Candidate)]


def test_every_row_is_read_and_repeats_are_rejected_with_reasons(
    items: list[Candidate | Reject],
) -> None:
    cands = candidates(items)
    rejects = [i for i in items if isinstance(i, Reject)]
    assert len(cands) + len(rejects) == RECOMMENDATION_ROWS + PLEDGE_ROWS
    kinds = Counter(c.fields["kind"] for c in cands)
    # 4 repeated recommendations (3 exact once whitespace is normalised, 1 filed under
    # other issues) and 2 repeated pledges.
    assert kinds == {"recommendation": RECOMMENDATION_ROWS - 4, "pledge": PLEDGE_ROWS - 2}
    assert len(rejects) == 6
    assert all(r.reason.startswith("duplicate row:") for r in rejects)
    assert len({c.fields["id"] for c in cands}) == len(cands)


def test_first_row_maps_to_the_contract(items: list[Candidate | Reject]) -> None:
    taxonomy = load_taxonomy()
    first = next(c for c in candidates(items) if c.location == "upr-info-csv/1-5.csv.gz:2")
    f = first.fields
    assert f["text"].startswith("Enact legislation and take effective measures to protect")
    assert f["countries"] == ["Afghanistan"]
    assert f["body"] == "UPR" and f["kind"] == "recommendation" and f["language"] == "en"
    upr = f["upr"]
    assert upr["recommending_states"] == ["Austria"]
    assert upr["session"] == 5 and upr["cycle"] == 1
    assert upr["response_raw"] == "Accepted" and upr["action_category"] == 5
    assert f["year"] == taxonomy.upr_session(5).year == 2009
    assert set(f["themes"]) == {
        taxonomy.resolve_theme("Rights of the Child"),
        taxonomy.resolve_theme("Women's rights"),
    }
    assert f["provenance"][0]["source"] == "upr-info"
    assert f["provenance"][0]["location"] == "upr-info-csv/1-5.csv.gz:2"


def test_file_17_20_holds_sessions_18_to_20(items: list[Candidate | Reject]) -> None:
    sessions = {
        c.fields["upr"]["session"]
        for c in candidates(items)
        if c.location.startswith("upr-info-csv/17-20.csv.gz")
    }
    assert sessions == {18, 19, 20}


def test_pledges_have_no_recommending_state_and_mac_roman_is_decoded(
    items: list[Candidate | Reject],
) -> None:
    cands = candidates(items)
    pledges = [c for c in cands if c.fields["kind"] == "pledge"]
    assert all("recommending_states" not in c.fields["upr"] for c in pledges)
    assert all(c.fields["upr"]["response_raw"] == "Voluntary Pledge" for c in pledges)
    texts = " ".join(c.fields["text"] for c in cands)
    assert "Guaraní" in texts and "Instance Equité" in texts
    unknown = [c for c in cands if c.fields["text"].startswith("Indonesia is commended")]
    assert unknown and "recommending_states" not in unknown[0].fields["upr"]


def test_repeat_under_other_issues_adds_its_issues(items: list[Candidate | Reject]) -> None:
    taxonomy = load_taxonomy()
    matches = [
        c
        for c in candidates(items)
        if c.fields["text"].startswith("Continue to work and coordinate with countries in the")
        and c.fields["countries"] == ["Australia"]
        and c.fields["upr"].get("recommending_states") == ["Thailand"]
    ]
    assert len(matches) == 1
    assert taxonomy.resolve_theme("Migrants") in matches[0].fields["themes"]


def write_upr_csv(path: Path, rows: list[str]) -> None:
    header = ",".join(upr_info.COLUMNS)
    text = "\r".join([header, *rows]) + "\r"
    path.write_bytes(gzip.compress(text.encode("mac_roman")))


def test_bad_rows_are_rejected_and_the_rest_goes_in(tmp_path: Path) -> None:
    folder = tmp_path / upr_info.CSV_DIR
    folder.mkdir()
    good = (
        'Egypt,Africa,AU,"Abolish the death penalty, in law",Norway,WEOG,,Noted,5,Death penalty,7'
    )
    accepted = "Egypt,Africa,AU,Ratify the Optional Protocol,Chile,GRULAC,OAS,Accepted,5,General,7"
    short = "Egypt,Africa,AU,Too few fields"
    bad_session = "Egypt,Africa,AU,Some text,Chile,GRULAC,OAS,Accepted,5,General,seven"
    empty = "Egypt,Africa,AU,,Chile,GRULAC,OAS,Accepted,5,General,7"
    write_upr_csv(folder / "1-5.csv.gz", [good, short, bad_session, accepted, empty])
    (folder / "6-9.csv.gz").write_bytes(b"not gzip at all")
    items = list(upr_info.iter_items(tmp_path))
    rejects = [i for i in items if isinstance(i, Reject)]
    reasons = sorted(r.reason.split(":")[0] for r in rejects)
    assert reasons.count("unreadable file") == 5  # 6-9 broken; 10-13 ... voluntary missing
    assert "malformed row" in reasons and "invalid session" in reasons

    store = RecordStore(tmp_path / "store.db")
    report = ingest(items, store)
    assert store.count() == 2
    empty_reasons = [r.reason for r in report.rejects if r.location.endswith(":6")]
    assert len(empty_reasons) == 1 and "text is empty" in empty_reasons[0]
    records = {r.upr.response_raw: r for r in store.iter_records() if r.upr}
    assert records["Noted"].upr is not None and records["Noted"].upr.response == "noted"
    assert records["Accepted"].response == "supported"
    assert records["Noted"].recommending_states == ["NOR"]
    assert records["Accepted"].countries == ["EGY"] and records["Accepted"].year == 2010
    store.close()


def test_same_words_to_other_states_or_as_a_pledge_stay_separate_records(tmp_path: Path) -> None:
    folder = tmp_path / upr_info.CSV_DIR
    folder.mkdir()
    text = "Ratify the Rome Statute of the International Criminal Court"
    rows = [
        f"Algeria,Africa,AU,{text},Spain,WEOG,EU,Noted,5,Justice,13",
        f"Kenya,Africa,AU,{text},Spain,WEOG,EU,Accepted,5,Justice,13",
        f"Kenya,Africa,AU,{text},Chile,GRULAC,OAS,Accepted,5,Justice,13",
        f"Kenya,Africa,AU,{text},Chile,GRULAC,OAS,Accepted,5,Justice,1",
    ]
    write_upr_csv(folder / "10-13.csv.gz", rows)
    write_upr_csv(
        folder / "voluntary.csv.gz",
        [f"Kenya,Africa,AU,{text},Kenya,Africa,AU,Voluntary Pledge,5,Justice,13"],
    )
    items = [i for i in upr_info.iter_items(tmp_path) if isinstance(i, Candidate)]
    store = RecordStore(tmp_path / "store.db")
    report = ingest(items, store)
    assert report.merged == 0 and store.count() == 5
    store.close()
