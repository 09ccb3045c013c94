"""The UN UPR documents as registered datasets: Slovenia's four reviews
(``upr-documents-slovenia``) and the Egypt cycle-2 matrix (``cehdi-egypt-matrix``).

Checked against independent gold: the thematic lists' own positions, UPR Info's
responses for Slovenia's first review (whose answers are in the addendum), and the CeHDI
project's 300-row parse of the Egypt matrix. Measured numbers are pinned in
``tests/golden/sources/upr_documents_metrics.json``.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from api.cli import main
from indexer.pipeline import Candidate, ingest
from indexer.record import make_work_key
from indexer.store import RecordStore
from scrapers.importers import IMPORTERS
from scrapers.importers.upr_documents import addendum_replies, reply_position
from tests.fixtures.support.golden import check_golden
from tests.fixtures.support.shared_data import SHARED_DATA, shared
from tests.fixtures.support.upr_info import normalise, similarity


@cache
def fields_of(dataset: str) -> tuple[dict[str, Any], ...]:
    items = list(IMPORTERS[dataset].run(SHARED_DATA))
    assert all(isinstance(i, Candidate) for i in items), [i for i in items][:3]
    return tuple(i.fields for i in items if isinstance(i, Candidate))


def position(fields: dict[str, Any]) -> str:
    upr = fields["upr"]
    return str(upr.get("response_raw") or upr.get("response"))


def upr_info_slovenia_session7() -> list[dict[str, str]]:
    path = shared("upr-info-export-terman/upr-info-csv/6-9.csv.gz")
    text = gzip.decompress(path.read_bytes()).decode("mac_roman")
    return [
        r
        for r in csv.DictReader(io.StringIO(text, newline=""))
        if r["To"] == "Slovenia" and r["Session"] == "7"
    ]


def test_slovenia_four_reviews_with_positions() -> None:
    found = fields_of("upr-documents-slovenia")
    per_cycle = Counter(f["upr"]["cycle"] for f in found)
    assert per_cycle == {1: 97, 2: 163, 3: 215, 4: 254}
    cycle4 = [f for f in found if f["upr"]["cycle"] == 4]
    assert Counter(position(f) for f in cycle4) == {"supported": 217, "noted": 37}
    assert all(f["symbol"] == "A/HRC/59/15" for f in cycle4)
    first = next(f for f in cycle4 if f["paragraph"] == "140.7")
    assert first["upr"]["recommending_states"] == ["Maldives", "Portugal"]
    assert first["work"] == make_work_key("A/HRC/59/15", "140.7")
    assert len(first["provenance"]) == 2  # the report and the thematic list
    assert first["themes"] and first["sdgs"]

    # Cycle 1: positions read from Slovenia's replies in A/HRC/14/15/Add.1, against the
    # responses UPR Info recorded for the same recommendations.
    rows = upr_info_slovenia_session7()
    agree = disagree = pending = 0
    for f in (f for f in found if f["upr"]["cycle"] == 1):
        tokens = normalise(f["text"])
        best = max(rows, key=lambda r: similarity(normalise(r["Text"]), tokens))
        expected = {"Accepted": "supported", "Noted": "noted"}[best["Response"]]
        got = position(f)
        if got == "pending":
            pending += 1
        elif got in (expected, "supported/noted"):
            agree += 1
        else:
            disagree += 1
    assert disagree == 0
    assert agree >= 55
    metrics = {
        "recommendations_per_cycle": {str(k): v for k, v in sorted(per_cycle.items())},
        "cycle1_positions_vs_upr_info": {
            "agree": agree,
            "disagree": disagree,
            "no_readable_reply": pending,
        },
        "positions": dict(Counter(position(f) for f in found)),
    }
    check_golden("sources/upr_documents_metrics", metrics)


def test_egypt_matrix_agrees_with_the_cehdi_parse() -> None:
    found = fields_of("cehdi-egypt-matrix")
    assert len(found) == 300
    with shared("cehdi-upr-misc/upr_recommendations_egypt_cycle2.csv").open(
        encoding="utf-8"
    ) as handle:
        cehdi = list(csv.DictReader(handle))
    assert Counter(position(f) for f in found) == {
        {"Supported": "supported", "Noted": "noted", "Supported/Noted": "supported/noted"}[k]: v
        for k, v in Counter(r["upr_position"] for r in cehdi).items()
    }
    assert all(f["symbol"] == "A/HRC/28/16" and f["countries"] == ["Egypt"] for f in found)
    rome = next(f for f in found if f["paragraph"] == "166.6")
    assert rome["upr"]["recommending_states"] == [
        "Chile",
        "Estonia",
        "Slovenia",
        "Tunisia",
        "Uruguay",
    ]
    assert rome["work"] == make_work_key("A/HRC/28/16", "166.6")


def test_recommending_states_resolve_through_the_taxonomy(tmp_path: Path) -> None:
    store = RecordStore(tmp_path / "store.sqlite")
    try:
        for dataset in ("upr-documents-slovenia", "cehdi-egypt-matrix"):
            items = [Candidate(f, "x") for f in fields_of(dataset)]
            report = ingest(items, store)
            assert report.rejected == 0
        records = list(store.iter_records())
    finally:
        store.close()
    assert len(records) == 1029
    resolved = sum(len(r.upr.recommending_states) for r in records if r.upr)
    raw = [x for r in records if r.upr for x in r.upr.recommending_raw]
    assert resolved >= 1000 and len(raw) <= 2, raw
    assert {r.countries[0] for r in records} == {"SVN", "EGY"}
    assert Counter(r.response for r in records)["pending"] == 37


def test_the_datasets_are_registered_for_concordia_ingest(tmp_path: Path) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(
            ["ingest", "--dataset", "cehdi-egypt-matrix", "--no-index", "--data-dir", str(tmp_path)]
        )
    assert code == 0, out.getvalue()
    assert "ingested 300 new" in out.getvalue()


def test_reply_wording() -> None:
    assert reply_position("Slovenia accepts the recommendation.") == "supported"
    assert reply_position("Slovenia cannot accept the recommendation to adopt a law.") == "noted"
    assert (
        reply_position(
            "Slovenia accepts the recommendation on campaigns. Slovenia cannot accept the "
            "recommendation to promulgate a law."
        )
        == "supported/noted"
    )
    assert reply_position("The draft Family Code prohibits corporal punishment.") is None
    replies = addendum_replies(
        [
            (None, "Slovenia welcomes the recommendations."),
            ("4", "Slovenia accepts the recommendation. 5., 6.,"),
            (None, "Slovenia cannot accept these recommendations."),
            ("7", "Slovenia accepts this recommendation."),
            (None, "It cannot accept the second part."),
        ]
    )
    assert replies == {4: "supported", 5: "noted", 6: "noted", 7: "supported/noted"}
