"""UNHRD tarballs read in place: decisions, general comments, special rapporteurs' reports."""

from __future__ import annotations

import io
import json
import tarfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from indexer.pipeline import Candidate, Reject, ingest
from indexer.store import RecordStore
from scrapers.importers import (
    IMPORTERS,
    unhrd_general_comments,
    unhrd_jurisprudence,
    unhrd_special_procedures,
)
from scrapers.importers.juris_meta import parse_file_name, read_case

SPOT = (
    "json_jurisprudence/ccpr-c-80-d-917-2000.json",
    "json_jurisprudence/cat-c-57-d-527-2012.json",
    "json_jurisprudence/ccpr-c-111-d-1974-2010.json",
)


@dataclass
class Seen:
    candidates: int = 0
    paragraphs: set[str] = field(default_factory=set)
    longest: int = 0
    rejects: list[Reject] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    kinds: Counter[str] = field(default_factory=Counter)
    bodies: Counter[str] = field(default_factory=Counter)
    with_country: set[str] = field(default_factory=set)
    with_date: set[str] = field(default_factory=set)
    with_year: set[str] = field(default_factory=set)
    spot: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def scan(name: str, root: Path) -> Seen:
    seen = Seen()
    for item in IMPORTERS[name].run(root):
        if isinstance(item, Reject):
            seen.rejects.append(item)
            continue
        f = item.fields
        doc = item.location.split("#")[0]
        seen.candidates += 1
        seen.paragraphs.add(item.location)
        seen.longest = max(seen.longest, len(f["text"]))
        seen.documents.add(doc)
        seen.ids.add(f["id"])
        seen.kinds[f["kind"]] += 1
        seen.bodies[f["body"]] += 1
        if f.get("countries"):
            seen.with_country.add(doc)
        if f.get("date"):
            seen.with_date.add(doc)
        elif f.get("year"):
            seen.with_year.add(doc)
        for spot in SPOT:
            if doc.endswith(spot):
                seen.spot.setdefault(spot, []).append(f)
    return seen


@pytest.fixture(scope="module")
def jurisprudence(shared_data: Path) -> Seen:
    return scan("unhrd-jurisprudence", shared_data)


@pytest.mark.slow
def test_every_decision_paragraph_is_read(jurisprudence: Seen) -> None:
    # Every paragraph is read; the few over-long ones are cut into chunks.
    assert len(jurisprudence.paragraphs) == 152_862
    assert 152_862 <= jurisprudence.candidates < 153_100
    assert len(jurisprudence.ids) == jurisprudence.candidates
    assert len(jurisprudence.documents) == 4_335
    assert jurisprudence.rejects == []
    assert jurisprudence.bodies.keys() == {
        "CCPR",
        "CAT",
        "CEDAW",
        "CESCR",
        "CRC",
        "CRPD",
        "CERD",
        "CED",
    }
    assert jurisprudence.kinds["view"] > 40_000 and jurisprudence.kinds["decision"] > 40_000
    # Every decision has a year (its own date, or its session's; only three CED follow-up
    # reports have neither); most have a country.
    assert len(jurisprudence.with_date | jurisprudence.with_year) == 4_332
    assert len(jurisprudence.with_date) > 600
    assert len(jurisprudence.with_country) > 0.72 * 4_335


@pytest.mark.slow
def test_decision_metadata_from_name_shards_and_text(jurisprudence: Seen) -> None:
    views = jurisprudence.spot[SPOT[0]]
    first = views[0]
    assert first["symbol"] == "CCPR/C/80/D/917/2000" and first["body"] == "CCPR"
    assert first["case"]["number"] == "917/2000"
    assert first["kind"] == "view" and first["case"]["outcome"] == "violation_found"
    assert first["year"] == 2004  # session 80 (March-April 2004); registered in 2000
    assert all(a.startswith("ICCPR ") for a in first["case"].get("articles", []))
    assert "Consideration of admissibility" in {f.get("section") for f in views}
    discontinued = jurisprudence.spot[SPOT[1]][0]
    assert discontinued["case"]["outcome"] == "discontinued"
    assert discontinued["date"] == "2016-04-29" and discontinued["kind"] == "decision"
    algeria = jurisprudence.spot[SPOT[2]]
    assert algeria[0]["countries"] == ["Algeria"]
    assert algeria[0]["case"]["authors"] == ["Saïd Bousseloub"]
    assert "ICCPR 6" in algeria[0]["case"]["articles"]
    labels = {p for f in algeria for p in f.get("affected_persons", [])}
    assert labels  # UNHRD concerned-group labels, through the taxonomy


def test_file_names_are_symbols() -> None:
    joined = parse_file_name("ccpr-c-101-d-1642-1741-2007")
    assert joined is not None and joined.symbol == "CCPR/C/101/D/1642-1741/2007"
    assert joined.numbers == ("1642/2007", "1741/2007")
    cescr = parse_file_name("e-c-12-72-d-64-2018")
    assert cescr is not None and (cescr.body, cescr.symbol, cescr.session) == (
        "CESCR",
        "E/C.12/72/D/64/2018",
        72,
    )
    revised = parse_file_name("ccpr-c-103-d-1815-2008-rev-1")
    assert revised is not None and revised.symbol == "CCPR/C/103/D/1815/2008/Rev.1"
    report = parse_file_name("cat-c-54-3")
    assert report is not None and not report.is_decision


def test_state_party_and_dates_are_read_from_the_text() -> None:
    texts = [
        "The complainant is Mr. M. V., a Turkish national of Kurdish ethnic origin, currently "
        "present in the Netherlands and awaiting deportation to Turkey. He claims that his "
        "forcible return to Turkey would constitute a violation by the Netherlands of "
        "article 3 of the Convention against Torture.",
        "At its meeting on 29 April 2016, the Committee against Torture decided to discontinue "
        "the consideration of the communication.",
    ]
    from indexer.taxonomy import load_taxonomy

    case = read_case(texts, load_taxonomy().resolve_country)
    assert case.state_party is not None
    assert load_taxonomy().resolve_country(case.state_party) == "NLD"
    assert case.date == "2016-04-29" and case.outcome == "discontinued"


@pytest.mark.slow
def test_general_comments(shared_data: Path) -> None:
    seen = scan("unhrd-general-comments", shared_data)
    assert len(seen.paragraphs) == 6_536 and len(seen.ids) == seen.candidates
    assert len(seen.documents) == 180 and seen.rejects == []
    assert seen.kinds == {"general_comment": seen.candidates}
    assert seen.bodies["CESCR"] > 1_000 and seen.bodies["CMW"] > 0
    assert len(seen.with_date | seen.with_year) == 180


@pytest.mark.slow
def test_special_procedures(shared_data: Path) -> None:
    seen = scan("unhrd-special-procedures", shared_data)
    assert len(seen.paragraphs) == 20_444 and len(seen.documents) == 162
    assert seen.rejects == [] and len(seen.ids) == seen.candidates
    assert seen.longest <= 6_000  # two "paragraphs" of 136,620 and 220,363 characters, cut
    assert seen.bodies.keys() == {"SR-TORTURE", "SR-HEALTH", "SR-EDUCATION"}
    assert len(seen.with_year) == 162
    assert unhrd_special_procedures.symbol_of("E_CN_4_2006_48") == "E/CN.4/2006/48"
    assert unhrd_special_procedures.year_of_symbol("A/HRC/37/50") == 2018
    assert unhrd_special_procedures.year_of_symbol("A/65/162") == 2010
    assert unhrd_special_procedures.year_of_symbol("E/CN.4/2006/48") == 2006


def make_tarball(path: Path, folder: str, members: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(f"{folder}/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_broken_members_and_empty_text_are_rejected(tmp_path: Path) -> None:
    good = [
        {"ID": "1.", "Labels": ["Children"], "Text": "The right to education is a human right."},
        {"ID": "2.", "Labels": [], "Text": ""},
    ]
    make_tarball(
        tmp_path / unhrd_special_procedures.TARBALL,
        unhrd_special_procedures.FOLDER,
        {
            "SR_Education_A_HRC_8_10.json": json.dumps(good).encode(),
            "SR_Education_A_65_162.json": b'[{"ID": "1.", "Text": "unterminated',
            "SR_Unknown_A_1_2.json": b"[]",
        },
    )
    items = list(unhrd_special_procedures.iter_items(tmp_path))
    reasons = sorted(i.reason.split(":")[0] for i in items if isinstance(i, Reject))
    assert reasons == ["broken JSON", "unknown mandate in file name"]
    cands = [i for i in items if isinstance(i, Candidate)]
    assert [c.fields["year"] for c in cands] == [2008, 2008]
    store = RecordStore(tmp_path / "store.db")
    report = ingest(items, store)
    assert store.count() == 1
    empty = [r for r in report.rejects if r.location.endswith("#1")]
    assert len(empty) == 1 and ("text" in empty[0].reason or "language" in empty[0].reason)
    record = next(store.iter_records())
    assert record.body == "SR-EDUCATION" and record.symbol == "A/HRC/8/10"
    assert record.affected_persons  # "Children" through the taxonomy
    store.close()


def test_missing_tarball_is_one_reject(tmp_path: Path) -> None:
    items = list(unhrd_general_comments.iter_items(tmp_path))
    assert all(isinstance(i, Reject) for i in items) and len(items) == 2
    assert {i.reason.split(":")[0] for i in items if isinstance(i, Reject)} == {
        "broken JSON",
        "unreadable archive",
    }
    assert unhrd_jurisprudence.shard_metadata(tmp_path) == {}
