"""The duplicate-complaint check over a real corpus, in several languages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.cli import main as cli_main
from api.services import Services
from indexer.citations import citation_index
from indexer.duplicates import (
    Complaint,
    DuplicateChecker,
    LooseDate,
    dates_in,
    parse_date,
    passages,
)
from indexer.embed import Embedder
from tests.fixtures.citations_corpus import corpus_services

DEVSET = Path(__file__).resolve().parents[1] / "bench" / "devsets" / "complaints.jsonl"

# Written for these tests from the facts of Evloev v. Kazakhstan (CAT/C/51/D/441/2010).
EVLOEV_ES = {
    "text": (
        "El 21 de octubre de 2008 una madre y sus tres hijos fueron asesinados en su casa de "
        "Astaná. Otro detenido, D. T., confesó bajo golpes y me acusó. Me arrestaron el 29 de "
        "octubre de 2008 en Chechenia y el 8 de diciembre de 2008 me extraditaron a "
        "Kazajstán. En el centro de detención temporal de Astaná al menos seis policías me "
        "golpearon en los riñones, me amenazaron con violencia sexual, me ataron las manos y "
        "me pusieron una máscara de gas cortándome el aire para que confesara los "
        "asesinatos. El 10 de diciembre de 2008 mostré las marcas al fiscal, que no investigó "
        "y prolongó mi detención. Nadie fue castigado y nunca recibí reparación."
    ),
    "authors": ["Oleg Evloev"],
    "respondent_state": "Kazajstán",
    "rights": ["tortura", "recurso efectivo"],
}
EVLOEV_FR = {
    "text": (
        "Le 21 octobre 2008, une mère et ses trois enfants ont été assassinés à Astana. Un "
        "autre suspect, D.T., a avoué sous les coups et m'a désigné. J'ai été arrêté le 29 "
        "octobre 2008 en Tchétchénie puis extradé vers le Kazakhstan le 8 décembre 2008. Au "
        "centre de détention provisoire d'Astana, des policiers m'ont frappé aux reins, "
        "menacé de violences sexuelles et étouffé avec un masque à gaz pour que j'avoue. Le "
        "procureur, à qui j'ai montré mes blessures le 10 décembre 2008, n'a ouvert aucune "
        "enquête."
    ),
    "authors": ["Oleg Evloïev"],
    "respondent_state": "KAZ",
}


def devset(case: str) -> dict[str, dict[str, Any]]:
    rows = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines()]
    return {r["language"]: r["complaint"] for r in rows if (r["target"] or {}).get("case") == case}


def no_counterpart() -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in DEVSET.read_text(encoding="utf-8").splitlines()]
    return [r["complaint"] for r in rows if r["target"] is None]


@pytest.fixture(scope="module")
def corpus(use_embedder: Embedder) -> Services:
    return corpus_services(use_embedder)


@pytest.fixture(scope="module")
def checker(corpus: Services) -> DuplicateChecker:
    return DuplicateChecker(
        corpus.backend, corpus.embedder, citation_index(corpus.store), corpus.taxonomy
    )


@pytest.mark.parametrize("language", ["ar", "en", "fr", "es"])
def test_a_complaint_from_the_facts_of_a_decision_finds_it_first(
    checker: DuplicateChecker, language: str
) -> None:
    complaint = Complaint.model_validate(devset("comm:CAT:429/2010")[language])
    report = checker.check(complaint)
    first = report.candidates[0]
    assert first.case == "comm:CAT:429/2010", [c.case for c in report.candidates[:3]]
    assert first.verdict == "likely"
    assert first.signals["state"].score == 1.0
    assert (first.signals["names"].score or 0) >= 0.85


@pytest.mark.parametrize("complaint", [EVLOEV_ES, EVLOEV_FR], ids=["es", "fr"])
def test_other_languages_other_case(checker: DuplicateChecker, complaint: dict[str, Any]) -> None:
    report = checker.check(Complaint.model_validate(complaint))
    assert report.candidates[0].case == "comm:CAT:441/2010"
    assert report.candidates[0].verdict in ("likely", "possibly")


def test_facts_alone_still_rank_the_case_first(checker: DuplicateChecker) -> None:
    text = devset("comm:CAT:429/2010")["fr"]["text"]
    report = checker.check(Complaint(text=text))
    assert report.candidates[0].case == "comm:CAT:429/2010"
    signals = report.candidates[0].signals
    assert signals["names"].score is None and signals["state"].score is None


def test_evidence_per_signal(checker: DuplicateChecker) -> None:
    report = checker.check(Complaint.model_validate(devset("comm:CAT:429/2010")["ar"]))
    body = report.to_json()
    first = body["candidates"][0]
    assert first["body"] == "CAT"
    assert first["procedure"] == "quasi-judicial"
    assert first["number"] == "429/2010"
    assert first["respondent_state"] == "DNK"
    assert first["outcome"]
    signals = first["signals"]
    assert {"facts", "names", "state", "dates", "rights"} <= set(signals)
    pair = signals["facts"]["detail"][0]
    assert {"complaint", "text", "similarity", "record_id"} <= set(pair)
    assert "Denmark" in pair["text"] or "Sri Lanka" in pair["text"]
    name = signals["names"]["detail"][0]
    assert name["found"] and "Sivagnanaratnam" in name["found"]
    assert any(p["how"] == "transliteration" for p in name["pairs"])
    assert {d["case"] for d in signals["dates"]["detail"]} >= {"2008-10-11", "2010-01-19"}
    rights = {d["right"] for d in signals["rights"]["detail"]}
    assert {"torture", "asylum-non-refoulement"} <= rights
    assert body["thresholds"]["documentation"] == "docs/duplicates.md"


def test_candidates_are_cases_not_paragraphs(checker: DuplicateChecker) -> None:
    report = checker.check(Complaint.model_validate(devset("comm:CAT:429/2010")["en"]))
    cases = [c.case for c in report.candidates]
    assert len(cases) == len(set(cases))
    assert report.candidates[0].records > 10


def test_complaints_with_no_counterpart_raise_no_likely_verdict(
    checker: DuplicateChecker,
) -> None:
    for complaint in no_counterpart():
        report = checker.check(Complaint.model_validate(complaint))
        assert not [c.case for c in report.candidates if c.verdict == "likely"], complaint


def test_a_cited_application_number_is_a_reference(checker: DuplicateChecker) -> None:
    # CM/Notes/1553/H46-19 supervises the execution of application no. 33349/10.
    report = checker.check(
        Complaint(text="Application no. 33349/10 concerning ill-treatment by the Greek police.")
    )
    referenced = [c for c in report.candidates if "reference" in c.signals]
    assert referenced and referenced[0].verdict == "likely"


def test_dates_in_four_languages() -> None:
    assert dates_in("arrived on 11 October 2008 and sought asylum on 25February 2009") == [
        LooseDate(2008, 10, 11)
    ]
    assert LooseDate(2008, 10, 11) in dates_in("arrivée le 11 octobre 2008")
    assert LooseDate(2008, 10, 11) in dates_in("llegó el 11 de octubre de 2008")
    assert LooseDate(2008, 10, 11) in dates_in("وصلت في 11 تشرين الأول/أكتوبر 2008")
    assert LooseDate(2010, 1, 19) in dates_in("في ١٩ كانون الثاني/يناير ٢٠١٠")
    assert LooseDate(2008, 3, 0) in dates_in("en mars 2008")
    assert parse_date("2010") == LooseDate(2010)
    assert parse_date("2010-08") == LooseDate(2010, 8)
    assert LooseDate(2010, 8, 19).match(LooseDate(2010, 8, 19)) == 1.0
    assert LooseDate(2010, 8).match(LooseDate(2010, 8, 19)) == 0.6
    assert LooseDate(2011).match(LooseDate(2010, 8, 19)) == 0.0


def test_passages_keep_the_spread_of_a_long_complaint() -> None:
    text = " ".join(f"Sentence number {i} tells one fact of the case." for i in range(200))
    parts = passages(text)
    assert 1 < len(parts) <= 12
    assert "number 0 " in parts[0] and "number 19" not in parts[0]


@pytest.fixture(scope="module")
def client(corpus: Services) -> Any:
    with TestClient(create_app(corpus.settings, corpus)) as test_client:
        yield test_client


def test_api(client: TestClient) -> None:
    complaint = devset("comm:CAT:429/2010")["es"]
    response = client.post("/api/duplicates", json=complaint)
    assert response.status_code == 200
    body = response.json()
    assert {"candidates", "took_ms", "thresholds", "complaint"} <= set(body)
    first = body["candidates"][0]
    assert first["case"] == "comm:CAT:429/2010"
    assert first["verdict"] in ("likely", "possibly", "unlikely")
    assert {"id", "record", "title", "body", "procedure", "judicial", "signals", "score"} <= set(
        first
    )


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ({"authors": ["X"]}, "text"),
        ({"text": "too short"}, "text"),
        (
            {"text": "A long enough complaint about torture.", "respondent_state": "Atlantis"},
            "Atlantis",
        ),
        ({"text": "A long enough complaint about torture.", "size": 500}, "size"),
    ],
)
def test_api_rejects_bad_complaints(
    client: TestClient, payload: dict[str, Any], fragment: str
) -> None:
    response = client.post("/api/duplicates", json=payload)
    assert response.status_code == 400
    assert fragment in response.json()["error"]["message"]


def test_cli(corpus: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "complaint.json"
    path.write_text(json.dumps(devset("comm:CAT:429/2010")["fr"]), encoding="utf-8")
    data_dir = str(corpus.settings.data_dir)
    assert cli_main(["dupcheck", str(path), "--data-dir", data_dir, "--json", "--size", "3"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["candidates"][0]["case"] == "comm:CAT:429/2010"
    text = tmp_path / "complaint.txt"
    text.write_text(devset("comm:CAT:429/2010")["en"]["text"], encoding="utf-8")
    assert cli_main(["dupcheck", str(text), "--data-dir", data_dir, "--state", "Denmark"]) == 0
    out = capsys.readouterr().out
    assert "Sivagnanaratnam" in out and "LIKELY" in out
