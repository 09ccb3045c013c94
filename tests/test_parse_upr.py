"""UPR parsers against independent gold: the State's own addendum, the working-group
reports, the CeHDI parse of the Egypt matrix, and the UPR Info database.

Measured numbers are pinned in tests/golden/upr_*_metrics.json so a change shows up as a
diff, and reported in docs/parsers.md.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import cache

from scrapers.parse import (
    UprRecommendation,
    WgReport,
    parse_pdf,
    parse_upr_matrix,
    parse_upr_thematic_list,
    parse_upr_wg_report,
)
from scrapers.parse.upr_common import NOT_SUPPORTED, NOTED, PENDING, SUPPORTED, split_states
from tests.fixtures.support.golden import check_golden
from tests.fixtures.support.shared_data import shared
from tests.fixtures.support.upr_info import coverage, normalise, rows_for, similarity

SLOVENIA = "slovenia-upr-un-documents"
THEMATIC_LISTS = {
    2: f"{SLOVENIA}/2ndcycleunoriginal/UPR20__Slovenia_ThematicListRecommendations_E.docx",
    3: f"{SLOVENIA}/3rdcycleunoriginal/UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
    4: f"{SLOVENIA}/4thcycleunoriginal/upr48-slovenia-thematic-list-of-recommendatio.docx",
}
SLOVENIA_WG_REPORTS = {  # symbol map from slovenia-upr-un-documents/SOURCE.md
    1: f"{SLOVENIA}/1stcyycleunoriginal/g1012049.pdf",  # A/HRC/14/15
    2: f"{SLOVENIA}/2ndcycleunoriginal/g1423930.pdf",  # A/HRC/28/15
    3: f"{SLOVENIA}/3rdcycleunoriginal/g1934994.pdf",  # A/HRC/43/15
    4: f"{SLOVENIA}/4thcycleunoriginal/g2502644.pdf",  # A/HRC/59/15
}
SLOVENIA_C4_ADDENDUM = f"{SLOVENIA}/4thcycleunoriginal/g2505828.pdf"  # A/HRC/59/15/Add.1
EGYPT_MATRIX = "cehdi-upr-misc/EgyptMatriceRecommendations.docx"
EGYPT_CEHDI_CSV = "cehdi-upr-misc/upr_recommendations_egypt_cycle2.csv"
WG_DIR = "upr-info-export-terman/ohchr-upr-wg-reports-2008-2014"
WG_REPORTS_2008_2014 = (
    "afghanistan2014", "canada2009", "colombia2009", "egypt2014",
    "fiji2010", "kuwait2010", "norway2014", "saudiarabia2013",
)  # fmt: skip
SAME_TEXT = 0.9
"""Token-sequence similarity (difflib ratio) at or above which two texts are the same
recommendation; see ``tests/fixtures/support/upr_info.normalise`` for what is ignored."""


@cache
def thematic_list(cycle: int) -> tuple[UprRecommendation, ...]:
    return tuple(parse_upr_thematic_list(shared(THEMATIC_LISTS[cycle])))


@cache
def wg_report(path: str) -> WgReport:
    return parse_upr_wg_report(shared(path))


def number_key(number: str) -> tuple[int, ...]:
    return tuple(int(x) for x in number.split("."))


# -- Slovenia cycle 4: 254 recommendations with their positions ---------------------------


def addendum_positions() -> dict[str, str]:
    """Positions as Slovenia itself states them in A/HRC/59/15/Add.1: paragraphs 3 and 4
    list the accepted recommendations, paragraph 5 the noted ones."""
    paragraphs = {p.number: p.text for p in parse_pdf(shared(SLOVENIA_C4_ADDENDUM))}
    positions: dict[str, str] = {}
    for para, position in (("3", SUPPORTED), ("4", SUPPORTED), ("5", NOTED)):
        # The list runs until the explanations start ("140.11-14 The 1961 Convention ...").
        listing = re.split(r"\s(?=140\.\d+(?:-\d+)?,?\s+(?:\d+\s+)?[A-Z])", paragraphs[para])[0]
        for number in re.findall(r"\b140\.\d{1,3}\b", listing):
            positions.setdefault(number, position)
    return positions


def test_slovenia_cycle4_thematic_list_has_254_recommendations_with_positions() -> None:
    recs = thematic_list(4)
    assert len(recs) == 254
    assert sorted((r.number for r in recs), key=number_key) == [f"140.{n}" for n in range(1, 255)]
    assert Counter(r.position for r in recs) == {SUPPORTED: 217, NOTED: 37}
    assert all(r.recommending_states and r.text and r.themes for r in recs)
    # The position column agrees with the source it cites ...
    for r in recs:
        assert r.position_source is not None
        para = re.search(r"Para\.\s*(\d+)", r.position_source).group(1)  # type: ignore[union-attr]
        assert (para in ("3", "4")) == (r.position == SUPPORTED), r.number
    # ... and with Slovenia's own addendum, for every one of the 254.
    stated = addendum_positions()
    assert len(stated) == 254
    assert {r.number: r.position for r in recs} == stated
    check_golden("upr_thematic_list_slovenia_c4", [r.to_dict() for r in recs])


def test_thematic_lists_match_the_working_group_reports() -> None:
    metrics: dict[str, dict[str, int]] = {}
    for cycle in (2, 3, 4):
        listed = {r.number: r for r in thematic_list(cycle)}
        reported = {r.number: r for r in wg_report(SLOVENIA_WG_REPORTS[cycle]).recommendations}
        assert set(listed) == set(reported), cycle
        same_text = sum(
            similarity(normalise(listed[n].text), normalise(reported[n].text)) >= SAME_TEXT
            for n in listed
        )
        same_states = sum(
            listed[n].recommending_states == reported[n].recommending_states for n in listed
        )
        # Where the report already states support (cycle 3, paragraph 121), the list agrees.
        contradictions = sum(
            reported[n].position == SUPPORTED and listed[n].position != SUPPORTED for n in listed
        )
        assert contradictions == 0
        metrics[f"cycle{cycle}"] = {
            "recommendations": len(listed),
            "same_text": same_text,
            "same_states": same_states,
        }
        assert same_text >= 0.98 * len(listed)
        assert same_states >= 0.95 * len(listed)
    check_golden("upr_thematic_list_vs_wg_report_metrics", metrics)


def test_thematic_list_layouts_of_cycles_2_and_3() -> None:
    c2, c3 = thematic_list(2), thematic_list(3)
    assert (len(c2), len(c3)) == (163, 215)
    assert Counter(r.position for r in c2) == {SUPPORTED: 142, NOTED: 21}
    assert Counter(r.position for r in c3) == {SUPPORTED: 182, NOTED: 33}
    first2 = next(r for r in c2 if r.number == "115.3")
    assert first2.recommending_states == ("Portugal", "Slovakia")
    assert first2.themes == ("A12 Acceptance of international norms",)
    assert first2.affected_persons == ("children",)
    first3 = next(r for r in c3 if r.number == "121.1")
    assert first3.sdgs == ("16 - PEACE, JUSTICE AND STRONG INSTITUTIONS",)
    assert first3.affected_persons == ("Disappeared persons",)


# -- Egypt cycle 2 matrix against the CeHDI parse ------------------------------------------


def squash(text: str) -> str:
    """The CeHDI CSV concatenates list items without separators; compare without them."""
    return re.sub(r"[\s\-]+", "", text)


def test_egypt_matrix_agrees_with_the_cehdi_parse() -> None:
    recs = {r.number: r for r in parse_upr_matrix(shared(EGYPT_MATRIX))}
    with shared(EGYPT_CEHDI_CSV).open(encoding="utf-8") as handle:
        gold_rows = list(csv.DictReader(handle))
    gold = {re.match(r"\d+\.\d+", row["text"]).group(0): row for row in gold_rows}  # type: ignore[union-attr]
    assert len(gold_rows) == len(recs) == 300
    assert set(gold) == set(recs)
    agree: Counter[str] = Counter()
    for number, row in gold.items():
        rec = recs[number]
        printed = re.sub(r"\s+", " ", f"{number}. {rec.raw_text}")
        agree["text"] += printed == re.sub(r"\s+", " ", row["text"]).strip()
        agree["recommending_states"] += (
            "".join(rec.recommending_states) == (row["upr_reccomending_states"])
        )
        agree["position"] += rec.position_raw == row["upr_position"]
        agree["themes"] += squash("".join(rec.themes)) == squash(row["themes"])
        agree["affected_persons"] += squash("".join(rec.affected_persons)) == squash(
            row["affected_persons"]
        )
    assert dict(agree) == {
        "text": 300,
        "recommending_states": 300,
        "position": 300,
        "themes": 300,
        "affected_persons": 300,
    }
    positions = Counter(r.position for r in recs.values())
    assert positions == {SUPPORTED: 224, NOTED: 53, "supported/noted": 23}
    assert recs["166.16"].note == "Information sent in a post Add.1 letter"
    check_golden(
        "upr_matrix_egypt_c2_first_area",
        [r.to_dict() for r in recs.values() if r.section == recs["166.6"].section],
    )


# -- Working-group reports 2008-2014 against UPR Info ---------------------------------------


def score(ours: list[str], theirs: list[str]) -> tuple[float, float]:
    """(same-text similarity, containment of their text in ours); cheap bounds first."""
    shared_tokens = len(set(ours) & set(theirs))
    if shared_tokens < 0.5 * len(set(theirs)):
        return (0.0, 0.0)
    contained = coverage(theirs, ours) if len(theirs) >= 5 else 0.0
    return (similarity(ours, theirs), contained)


def report_year(name: str) -> int:
    return int(name[-4:])


def test_wg_report_recommendations_match_upr_info() -> None:
    """Match: a parsed recommendation has a UPR Info row (same State under review, review
    in the report's year or the year before) whose normalised text is the same (difflib
    ratio >= 0.9), or whose whole text is contained in it (>= 90% of the row's tokens
    found in order; UPR Info splits compound recommendations per recommending State)."""
    metrics: dict[str, dict[str, int]] = {}
    positions: Counter[str] = Counter()
    reports = {name: (f"{WG_DIR}/{name}.pdf", report_year(name)) for name in WG_REPORTS_2008_2014}
    reports["slovenia2010"] = (SLOVENIA_WG_REPORTS[1], 2010)
    reports["slovenia2014"] = (SLOVENIA_WG_REPORTS[2], 2014)
    for name, (path, year) in reports.items():
        report = wg_report(path)
        assert report.state_under_review
        rows = rows_for(report.state_under_review, year)
        theirs = [normalise(r.text) for r in rows]
        strict = matched = 0
        rows_found = [False] * len(rows)
        for rec in report.recommendations:
            ours = normalise(rec.text)
            scores = [score(ours, t) for t in theirs]
            for j, pair in enumerate(scores):
                rows_found[j] = rows_found[j] or max(pair) >= SAME_TEXT
            best = max(range(len(scores)), key=lambda i: max(scores[i]))
            strict += scores[best][0] >= SAME_TEXT
            matched += max(scores[best]) >= SAME_TEXT
            if rec.position in (SUPPORTED, NOT_SUPPORTED):
                positions[f"{rec.position}->{rows[best].response}"] += 1
        metrics[name] = {
            "parsed": len(report.recommendations),
            "upr_info_rows": len(rows),
            "matched": matched,
            "matched_same_text": strict,
            "upr_info_rows_found": sum(rows_found),
        }
        assert matched >= 0.95 * len(report.recommendations), name
    total = sum(m["parsed"] for m in metrics.values())
    matched_total = sum(m["matched"] for m in metrics.values())
    strict_total = sum(m["matched_same_text"] for m in metrics.values())
    rows_total = sum(m["upr_info_rows"] for m in metrics.values())
    # The other way round, fewer: UPR Info also lists recommendations that 2009 reports only
    # cite by dialogue paragraph ("noted in paragraphs 19(d), 19(e), ..." for Colombia).
    assert sum(m["upr_info_rows_found"] for m in metrics.values()) >= 0.95 * rows_total
    assert matched_total / total >= 0.99
    assert strict_total / total >= 0.95
    # Where a report states the position, UPR Info's response agrees every time.
    assert set(positions) == {"supported->Accepted", "not_supported->Noted"}
    metrics["_positions"] = dict(positions)
    check_golden("upr_wg_reports_vs_upr_info_metrics", metrics)


def test_wg_report_layouts_across_years() -> None:
    summary: dict[str, object] = {}
    for name in WG_REPORTS_2008_2014:
        summary[name] = _summary(wg_report(f"{WG_DIR}/{name}.pdf"))
    for cycle, path in SLOVENIA_WG_REPORTS.items():
        summary[f"slovenia_cycle{cycle}"] = _summary(wg_report(path))
    canada = wg_report(f"{WG_DIR}/canada2009.pdf")
    # 2009: items numbered under their chapeau; compound recommendations with inline States.
    rec2 = canada.recommendations[1]
    assert rec2.number == "86.2"
    assert rec2.recommending_states == (
        "Brazil", "Chile", "Liechtenstein", "Czech Republic", "Denmark", "France", "Azerbaijan",
    )  # fmt: skip
    colombia = wg_report(f"{WG_DIR}/colombia2009.pdf").recommendations
    assert colombia[0].number == "87.1" and colombia[-1].number == "89.2"
    assert Counter(r.position for r in colombia) == {SUPPORTED: 65, PENDING: 2}
    kuwait = wg_report(f"{WG_DIR}/kuwait2010.pdf").recommendations
    assert Counter(r.position for r in kuwait) == {SUPPORTED: 114, NOT_SUPPORTED: 25, PENDING: 20}
    c3 = wg_report(SLOVENIA_WG_REPORTS[3]).recommendations
    assert c3[0].number == "121.1" and c3[0].recommending_states == ("France", "Lithuania")
    assert Counter(r.position for r in c3) == {SUPPORTED: 58, PENDING: 157}
    check_golden("upr_wg_reports_summary", summary)
    check_golden("upr_wg_report_canada2009", [r.to_dict() for r in canada.recommendations])


def _summary(report: WgReport) -> dict[str, object]:
    recs = report.recommendations
    return {
        "state_under_review": report.state_under_review,
        "recommendations": len(recs),
        "positions": dict(Counter(str(r.position) for r in recs)),
        "first": [r.number for r in recs[:2]],
        "last": recs[-1].number if recs else None,
        "without_states": [r.number for r in recs if not r.recommending_states],
        "samples": [
            {"number": r.number, "states": list(r.recommending_states), "text": r.text}
            for r in (recs[0], recs[-1])
        ],
    }


def test_recommending_states_in_every_printed_form() -> None:
    cases = {
        "Ratify the Rome Statute of the ICC (Chile); (Estonia); (Slovenia);": (
            "Ratify the Rome Statute of the ICC", ["Chile", "Estonia", "Slovenia"],
        ),
        "Ratify the Optional Protocol to ICESCR (Mexico; Egypt);": (
            "Ratify the Optional Protocol to ICESCR", ["Mexico", "Egypt"],
        ),
        "Ratify the ICCPR (Maldives) (Portugal);": ("Ratify the ICCPR", ["Maldives", "Portugal"]),
        "Forced Labour Convention, 1930 (No. 29) (United Kingdom of Great Britain and "
        "Northern Ireland);": (
            "Forced Labour Convention, 1930 (No. 29)",
            ["United Kingdom of Great Britain and Northern Ireland"],
        ),
        "Ratify ICPPED (ICPPED) (Sierra Leone, Togo)": (
            "Ratify ICPPED (ICPPED)", ["Sierra Leone", "Togo"],
        ),
        "Extend a standing invitation (the former Yugoslav Republic of Macedonia);": (
            "Extend a standing invitation", ["the former Yugoslav Republic of Macedonia"],
        ),
        "Consider ratifying (Jordan)/ratify as soon as possible ICRPD (Chile, China);": (
            "Consider ratifying (Jordan)/ratify as soon as possible ICRPD",
            ["Jordan", "Chile", "China"],
        ),
    }  # fmt: skip
    for raw, (text, states) in cases.items():
        assert split_states(raw) == (text, states), raw
