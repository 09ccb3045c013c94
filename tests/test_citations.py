"""Citation extraction on real paragraphs, the labelled sample, and the link table.

The labelled sample (tests/fixtures/citations_labelled.jsonl, 304 real paragraphs in
Arabic, English, French and Spanish, labelled by reading them; rules in
docs/citations.md) is scored here; `python -m tests.test_citations` prints the table.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.services import Services
from indexer.citations import (
    case_key,
    citation_index,
    citation_keys,
    cited_as,
    enrich_citations,
    normalise_symbol,
)
from indexer.embed import Embedder
from indexer.record import Record
from tests.fixtures.citations_corpus import corpus_services

LABELLED = Path(__file__).resolve().parent / "fixtures" / "citations_labelled.jsonl"


def labelled() -> list[dict[str, Any]]:
    return [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]


def score(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Micro-averaged precision and recall per language, per key kind and overall."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for row in rows:
        got = set(citation_keys(row["text"], row["body"]))
        want = set(row["citations"])
        for groups, keys in ((tp, got & want), (fp, got - want), (fn, want - got)):
            for key in keys:
                for group in ("all", row["language"], key.split(":")[0]):
                    groups[group] += 1
    out: dict[str, dict[str, float]] = {}
    for group in sorted(set(tp) | set(fp) | set(fn)):
        t, f, n = tp[group], fp[group], fn[group]
        out[group] = {
            "tp": t,
            "fp": f,
            "fn": n,
            "precision": round(t / (t + f), 3) if t + f else 1.0,
            "recall": round(t / (t + n), 3) if t + n else 1.0,
        }
    return out


def test_labelled_sample_is_large_and_covers_the_four_languages() -> None:
    rows = labelled()
    assert len(rows) >= 200
    by_language = Counter(r["language"] for r in rows)
    assert set(by_language) == {"ar", "en", "fr", "es"}
    assert min(by_language.values()) >= 40
    kinds = Counter(k.split(":")[0] for r in rows for k in r["citations"])
    assert {"symbol", "comm", "echr-app", "gc", "art"} <= set(kinds)


def test_precision_and_recall_on_the_labelled_sample() -> None:
    table = score(labelled())
    assert table["all"]["precision"] >= 0.95, table["all"]
    assert table["all"]["recall"] >= 0.95, table["all"]
    for language in ("en", "fr", "es", "ar"):
        assert table[language]["precision"] >= 0.75, (language, table[language])
        assert table[language]["recall"] >= 0.75, (language, table[language])


# --- the forms, one by one, on real text ------------------------------------------------
FORMS = [
    # UN symbols, including the space that extraction leaves (TreatyBodyDB CAT/C/GC/4).
    (
        "United Nations \n CAT /C/GC/4 \n Convention against Torture",
        None,
        {"symbol:CAT/C/GC/4", "gc:CAT:4"},
    ),
    (
        "(A/HRC/RES/6/20 لسنة 2017؛ A/HRC/RES/12/15 لسنة 2009؛ "
        "A/HRC/RES/18/14 بتاريخ 29 أيلول/سبتمبر)",
        None,
        {"symbol:A/HRC/RES/6/20", "symbol:A/HRC/RES/12/15", "symbol:A/HRC/RES/18/14"},
    ),
    ("The Pact for the Future A/RES/79/1", None, {"symbol:A/RES/79/1"}),
    (
        "Observación General No. 7 (2005), Realización de los derechos del niño en la primera "
        "infancia, CRC/C/GC/7/Rev.1, de 20 de septiembre de 2006",
        "IACTHR",
        {"symbol:CRC/C/GC/7/Rev.1", "gc:CRC:7"},
    ),
    ("CCPR/C/GC/36", None, {"symbol:CCPR/C/GC/36", "gc:CCPR:36"}),
    ("E/C.12/AUS/CO/6", None, {"symbol:E/C.12/AUS/CO/6"}),
    ("CAT/C/51/D/\n429/2010", None, {"symbol:CAT/C/51/D/429/2010", "comm:CAT:429/2010"}),
    ("CEDAW/C/GC/31/Rev.1", None, {"symbol:CEDAW/C/GC/31/Rev.1", "gc:CEDAW:31"}),
    # Resolutions by number, Arabic-Indic digits, PDF word order (seed 000).
    (
        "طلب مجلس حقوق الإنسان في قراره ١٨/١٤ إلى مفوضة الأمم المتحدة السامية",
        None,
        {"symbol:A/HRC/RES/18/14"},
    ),
    (
        "، أجرت المفوضـية ثـلاث ١٨/١٤وفي أعقاب اعتماد قرار مجلس حقوق الإنسان",
        None,
        {"symbol:A/HRC/RES/18/14"},
    ),
    (
        "وإن يشير أيضاً إلى قرار مجلس حقوق الإنسان 33/51 المؤرخ 7 تشرين الأول/أكتوبر 2022",
        None,
        {"symbol:A/HRC/RES/51/33"},
    ),
    (
        "in full respect of General Assembly resolution 46/182 of 19 December 1991",
        None,
        {"symbol:A/RES/46/182"},
    ),
    # Communications.
    (
        "decided to discontinue the consideration of communication No. 3145/2018, because "
        "contact had been lost with the author.",
        "CCPR",
        {"comm:CCPR:3145/2018"},
    ),
    (
        "Comité de Derechos Humanos. Ailsa Roy (Wunna Nyiyaparli Indigenous People) Vs. "
        "Australia, Comunicación No. 3585/2019, Dictamen de 15 de marzo de 2023",
        "IACTHR",
        {"comm:CCPR:3585/2019"},
    ),
    (
        "Guadalupe Herrera Rivera v. Canada (communication No. 26/2010)",
        "CEDAW",
        {"comm:CEDAW:26/2010"},
    ),
    ("وقررت اللجنة وقف النظر في البلاغ رقم ١٠١٤/٢٠٢٠", "CAT", {"comm:CAT:1014/2020"}),
    (
        "la communication n° 1014/2020 présentée au Comité contre la torture",
        None,
        {"comm:CAT:1014/2020"},
    ),
    (
        "Communication 414/12 - Lawyers for Human Rights (Swaziland) v The Kingdom of Swaziland",
        "ACHPR",
        {"comm:ACHPR:414/2012"},
    ),
    # European Court applications.
    (
        "the same matter was submitted to the European Court of Human Rights (application No. "
        "54976/00), and declared inadmissible ratione temporis",
        "CCPR",
        {"echr-app:54976/00"},
    ),
    (
        "Alkhatib et autres c. Grèce (Requêtes nos 33349/10, 3566/16)",
        "CM",
        {"echr-app:33349/10", "echr-app:3566/16"},
    ),
    ("Engels c. Belgique , n o 38110/18, §§ 29-31, 27 mai 2025", "ECTHR", {"echr-app:38110/18"}),
    # General comments and recommendations.
    (
        "It recalls its general comment No. 20 on article 7, which recommends that States "
        "parties should make provision to ban incommunicado detention.",
        "CCPR",
        {"gc:CCPR:20", "art:ICCPR:7"},
    ),
    (
        "el Comité CEDAW ha reconocido en su Recomendación General Núm. 35 que",
        "IACTHR",
        {"gc:CEDAW:35"},
    ),
    ("Comité DESC, Observación General No. 20. La no discriminación", "IACTHR", {"gc:CESCR:20"}),
    (
        "conformément à l'observation générale no 20 du Comité des droits de l'homme",
        None,
        {"gc:CCPR:20"},
    ),
    ("وتشير اللجنة إلى تعليقها العام رقم 36 بشأن الحق في الحياة", "CCPR", {"gc:CCPR:36"}),
    # Articles with their instrument.
    (
        "The Human Rights Committee, acting under article 5, paragraph 4, of the Optional "
        "Protocol to the International Covenant on Civil and Political Rights, is of the view "
        "that the State party has violated the author’s rights under article 19, paragraph 2, "
        "of the Covenant.",
        "CCPR",
        {"art:OP-ICCPR:5", "art:ICCPR:19"},
    ),
    (
        "the Comission solicitó a la Corte que declare la responsabilidad internacional del "
        "Estado por la violación de los artículos 4, 5, 8, 19 y 25 de la Convención Americana, "
        "en relación con el artículo 1.1 del mismo instrumento.",
        "IACTHR",
        {"art:ACHR:4", "art:ACHR:5", "art:ACHR:8", "art:ACHR:19", "art:ACHR:25", "art:ACHR:1"},
    ),
    (
        "en vertu de l’article 3 de la Convention européenne des droits de l’homme (CEDH)",
        "CPT",
        {"art:ECHR:3"},
    ),
    ("art. 3 ECHR", None, {"art:ECHR:3"}),
    ("Article 1 of Protocol No. 1 to the Convention", "ECTHR", {"art:ECHR-P1:1"}),
    ("المادة 7 من العهد الدولي الخاص بالحقوق المدنية والسياسية", None, {"art:ICCPR:7"}),
    ("انتهاك المادتين ٦ و٧ من العهد", "CCPR", {"art:ICCPR:6", "art:ICCPR:7"}),
    # What is not a citation.
    (
        "Under article 40, litera (a), of the (old) Code of Military Procedure (1945), the "
        "Tribunal's decision could not be appealed.",
        "CCPR",
        set(),
    ),
    (
        "de conformidad con los artículos 31, 32, 65 y 67 del Reglamento de la Corte",
        "IACTHR",
        set(),
    ),
    (
        "Cfr. Dictamen médico legal de Jaime Antonio Chavarría Morales No. 12027/2008 emitido",
        "IACTHR",
        set(),
    ),
    ("Le décret présidentiel n° 61/2024 a introduit des réformes", "CM", set()),
]


@pytest.mark.parametrize(("text", "body", "expected"), FORMS)
def test_forms(text: str, body: str | None, expected: set[str]) -> None:
    assert set(citation_keys(text, body)) == expected


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("CCPR/C/ GC/36", "CCPR/C/GC/36"),
        ("ccpr/c/80/d/917/2000", "CCPR/C/80/D/917/2000"),
        ("A/HRC/15/20/ADD.2.", "A/HRC/15/20/Add.2"),
        ("HRC/RES/34/17", "A/HRC/RES/34/17"),
        ("CEDAW/C/GC/31/Rev.1-CRC/C/GC/18/Rev.1", "CEDAW/C/GC/31/Rev.1-CRC/C/GC/18/Rev.1"),
        ("A/B", None),
        ("S/he", None),
    ],
)
def test_symbol_normalisation(raw: str, normalised: str | None) -> None:
    assert normalise_symbol(raw) == normalised


def test_joint_general_recommendation_names_both_committees() -> None:
    keys = set(citation_keys("CEDAW/C/GC/31/Rev.1-CRC/C/GC/18/Rev.1"))
    assert {"gc:CEDAW:31", "gc:CRC:18"} <= keys


# --- records -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus(use_embedder: Embedder) -> Services:
    return corpus_services(use_embedder)


def _records(services: Services) -> list[Record]:
    return list(services.store.iter_records())


def test_enricher_runs_at_ingest_and_leaves_out_the_own_document(corpus: Services) -> None:
    records = _records(corpus)
    assert sum(1 for r in records if r.citations) > 200
    for record in records:
        assert not set(record.citations) & set(cited_as(record)), record.id
    again = enrich_citations(records[0])
    assert again.citations == records[0].citations


def test_the_decision_in_two_sources_is_one_case(corpus: Services) -> None:
    copies = [r for r in _records(corpus) if r.symbol and "429/2010" in r.symbol]
    sources = {p.source for r in copies for p in r.provenance}
    assert {"ohchr-juris", "treatybody-juris"} <= sources
    assert {case_key(r) for r in copies} == {"comm:CAT:429/2010"}


def test_cites_and_cited_by_both_ways(corpus: Services) -> None:
    links = citation_index(corpus.store)
    records = _records(corpus)
    gc4 = next(r for r in records if r.symbol == "CAT/C/GC/4")
    citing = links.cited_by(gc4)
    assert any(d.symbol == "A/HRC/37/50" and "gc:CAT:4" in d.keys for d in citing)
    report = next(r for r in records if r.symbol == "A/HRC/37/50" and "gc:CAT:4" in r.citations)
    cited, _ = links.cites(report)
    assert any(d.case_key == "symbol:CAT/C/GC/4" for d in cited)


def test_record_endpoint_shows_cites_and_cited_by(corpus: Services) -> None:
    gc4 = next(r for r in _records(corpus) if r.symbol == "CAT/C/GC/4")
    with TestClient(create_app(corpus.settings, corpus)) as client:
        body = client.get(f"/api/records/{gc4.id}").json()
    assert {"cites", "cited_by", "citations"} <= set(body)
    assert any(d["symbol"] == "A/HRC/37/50" for d in body["cited_by"])
    first = body["cited_by"][0]
    assert {"record_id", "body", "symbol", "keys", "records"} <= set(first)


if __name__ == "__main__":
    for group, values in score(labelled()).items():
        print(f"{group:10s} {values}")
