"""Treaty-body parsers: concluding observations (against UHRI's own labels) and decisions
on individual communications (against the UNHRD labelled jurisprudence)."""

from __future__ import annotations

import json
import re
import tarfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scrapers.parse import concluding_observations, parse_decision_text, parse_text
from scrapers.parse.communication_decision import (
    ADMISSIBILITY,
    AUTHOR_COMMENTS,
    COMPLAINT,
    DECISION,
    FACTS,
    MERITS,
    STATE_OBSERVATIONS,
    section_of,
)
from scrapers.parse.concluding_observations import OBSERVATION, RECOMMENDATION
from tests.fixtures.support.golden import check_golden
from tests.fixtures.support.shared_data import FIXTURES, shared
from tests.fixtures.support.upr_info import similarity

CO_TEXT = FIXTURES / "co" / "E_C.12_AUS_CO_6_paras_3-17.txt"
CO_LABELS = FIXTURES / "co" / "E_C.12_AUS_CO_6_uhri_labels.json"
UHRI_KIND = {"Recommendations": RECOMMENDATION, "Concerns/Observations": OBSERVATION}
JURIS = "legal-sources-samples/UN"
LABELLED = "unhrd-treatybody-jurisprudence-gc-sp/json_jurisprudence.tar.gz"
TBJURIS = [f"TreatyBodyJuris/record_{i:04d}.json" for i in range(15)]
OHCHR_JURIS = [f"OHCHR-Juris/case_{n}.json" for n in (1, 5, 10, 50, 100, 1000, 1500, 2500, 3500)]


# -- concluding observations --------------------------------------------------------------


def test_concluding_observations_match_uhri_annotations() -> None:
    paragraphs = concluding_observations(parse_text(CO_TEXT))
    labels = json.loads(CO_LABELS.read_text(encoding="utf-8"))
    assert [p.number for p in paragraphs] == [str(n) for n in range(3, 18)]
    assert {p.number: p.kind for p in paragraphs} == {
        n: UHRI_KIND[label["annotation_type"]] for n, label in labels.items()
    }
    headings = {p.number: p.heading for p in paragraphs}
    assert headings["3"] == "B.Positive aspects"
    assert headings["4"] == headings["7"] == "Domestic application of the Covenant"
    assert headings["17"] == "Free, prior and informed consent"
    eleven = next(p for p in paragraphs if p.number == "11")
    assert eleven.text.count("\n(") == 5  # sub-items (b)-(f) on their own lines
    check_golden("co_e_c12_aus_co_6", [p.to_dict() for p in paragraphs])


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The State party should ensure that all allegations of torture are investigated.",
         RECOMMENDATION),
        ("Le Comité recommande à l'État partie de renforcer ses efforts.", RECOMMENDATION),
        ("El Comité insta al Estado parte a que adopte medidas.", RECOMMENDATION),
        ("توصي اللجنة الدولة الطرف بأن تعزز جهودها.", RECOMMENDATION),
        ("The Committee is concerned that recommendations of the review have not been "
         "implemented.", OBSERVATION),
    ],
)  # fmt: skip
def test_recommendation_wording_in_four_languages(text: str, kind: str) -> None:
    assert concluding_observations(parse_text(f"12. {text}"))[0].kind == kind


# -- decisions on individual communications -------------------------------------------------


def labelled_name(symbol: str) -> str:
    return symbol.lower().replace("/", "-") + ".json"


@pytest.fixture(scope="module")
def labelled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """The labelled counterparts of the sample decisions, read from the tarball once."""
    wanted: dict[str, list[str]] = {}
    for rel in TBJURIS + OHCHR_JURIS:
        symbol = json.loads(shared(f"{JURIS}/{rel}").read_text())["symbol"]
        wanted.setdefault(labelled_name(symbol), []).append(rel)
    found: dict[str, list[dict[str, Any]]] = {}
    with tarfile.open(shared(LABELLED), "r|gz") as archive:
        for member in archive:
            name = Path(member.name).name
            if name in wanted and member.isfile():
                handle = archive.extractfile(member)
                assert handle is not None
                paragraphs = json.load(handle)
                for rel in wanted[name]:
                    found[rel] = paragraphs
    return found


def norm_heading(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("’", "'").lower()
    return re.sub(r"\s+", "", text)


def record(rel: str) -> dict[str, Any]:
    return dict(json.loads(shared(f"{JURIS}/{rel}").read_text(encoding="utf-8")))


def iter_pairs(
    labelled: dict[str, list[dict[str, Any]]], rels: list[str]
) -> Iterator[tuple[str, dict[str, Any], list[dict[str, Any]]]]:
    for rel in rels:
        if rel in labelled:
            yield rel, record(rel), labelled[rel]


def agreement(rels: list[str], labelled: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Paragraph numbers found, and for those: same heading, same text (ratio >= 0.9)."""
    totals = {"labelled": 0, "found": 0, "same_heading": 0, "same_text": 0}
    for _rel, rec, gold in iter_pairs(labelled, rels):
        ours = {p.number: p for p in parse_decision_text(rec["text"]).paragraphs if p.number}
        for item in gold:
            number = item["ID"].rstrip(".")
            totals["labelled"] += 1
            mine = ours.get(number)
            if mine is None:
                continue
            totals["found"] += 1
            totals["same_heading"] += norm_heading(mine.heading) == norm_heading(item["Section"])
            a, b = mine.text.lower().split(), re.sub(r"\[\[fn:\d+\]\]", "", item["Text"]).split()
            totals["same_text"] += similarity(a, [w.lower() for w in b]) >= 0.9
    return totals


def test_decisions_agree_with_the_labelled_jurisprudence(
    labelled: dict[str, list[dict[str, Any]]],
) -> None:
    assert set(TBJURIS) <= set(labelled)
    tb = agreement(TBJURIS, labelled)
    oj = agreement(OHCHR_JURIS, labelled)
    check_golden("decisions_vs_labelled_metrics", {"TreatyBodyJuris": tb, "OHCHR-Juris": oj})
    for totals in (tb, oj):
        assert totals["found"] >= 0.97 * totals["labelled"]
        assert totals["same_text"] >= 0.95 * totals["found"]
        assert totals["same_heading"] >= 0.85 * totals["found"]


def test_decision_sections_and_cover_fields() -> None:
    decision = parse_decision_text(record("TreatyBodyJuris/record_0000.json")["text"])
    assert decision.symbol == "CAT/C/51/D/429/2010"
    assert decision.metadata["state_party"] == "Denmark"
    assert decision.metadata["date_of_decision"] == "11 November 2013"
    assert decision.metadata["articles"] == "3"
    sections = {p.number: p.section for p in decision.paragraphs if p.number}
    assert sections["2.1"] == FACTS
    assert sections["3"] == COMPLAINT
    assert sections["4.1"] == STATE_OBSERVATIONS
    assert sections["5.1"] == AUTHOR_COMMENTS
    assert sections["9.1"] == ADMISSIBILITY
    assert sections["10.1"] == MERITS
    assert sections["11"] == DECISION
    check_golden("decision_cat_c_51_d_429_2010", decision.to_dict())


def test_ohchr_juris_utf16_text_is_repaired_and_parsed() -> None:
    raw = record("OHCHR-Juris/case_50.json")["text"]
    assert raw.count("\x00") > len(raw) / 3
    decision = parse_decision_text(raw)
    assert decision.symbol == "CAT/C/45/D/339/2008"
    assert decision.metadata["submitted_by"].startswith("Said Amini")
    assert not any("\x00" in p.text for p in decision.paragraphs)
    text = " ".join(p.text for p in decision.paragraphs)
    assert "Committee’s rules of procedure" in text  # U+2019 re-paired from its two bytes
    summary = [
        {"number": p.number, "section": p.section, "heading": p.heading, "start": p.text[:60]}
        for p in decision.paragraphs
    ]
    check_golden("decision_ohchr_juris_case_50_outline", summary)


def test_the_same_decision_from_two_sources_parses_the_same() -> None:
    """case_1 (OHCHR-Juris, UTF-16 damaged) and record_0000 (TreatyBodyJuris) are one
    decision, CAT/C/51/D/429/2010, scraped twice."""
    a = parse_decision_text(record("OHCHR-Juris/case_1.json")["text"])
    b = parse_decision_text(record("TreatyBodyJuris/record_0000.json")["text"])
    assert a.symbol == b.symbol
    numbers_a = [p.number for p in a.paragraphs if p.number]
    numbers_b = [p.number for p in b.paragraphs if p.number]
    assert numbers_a == numbers_b
    assert [p.section for p in a.paragraphs if p.number] == [
        p.section for p in b.paragraphs if p.number
    ]


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("The facts as presented by the author", FACTS),
        ("The complaint", COMPLAINT),
        ("State party’s observations on admissibility and the merits", STATE_OBSERVATIONS),
        ("Complainant’s comments on the State party’s observations", AUTHOR_COMMENTS),
        ("Author's comments on the State party's observations on the merits", AUTHOR_COMMENTS),
        ("Consideration of admissibility", ADMISSIBILITY),
        ("Consideration of the merits", MERITS),
    ],
)
def test_headings_map_to_sections(heading: str, section: str) -> None:
    assert section_of(heading) == section
