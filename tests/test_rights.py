"""The rights concordance: data, the article-to-rights mapping, the enricher."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.services import Services
from indexer.embed import Embedder
from indexer.rights import (
    LANGS,
    RIGHTS_FILE,
    Provision,
    RightsError,
    concordance,
    enrich_rights,
    load_concordance,
)
from tests.fixtures.citations_corpus import corpus_services

MAIN_RIGHTS = {
    "life",
    "torture",
    "liberty",
    "fair-trial",
    "privacy-family",
    "expression",
    "assembly",
    "association",
    "religion",
    "non-discrimination",
    "equality-women",
    "children",
    "disability",
    "migrants",
    "enforced-disappearance",
    "health",
    "education",
    "work",
    "housing",
    "water-sanitation",
    "social-security",
    "food",
    "property",
    "remedy",
    "nationality",
    "political-participation",
}
INSTRUMENTS = {
    "ICCPR",
    "ICESCR",
    "CAT",
    "CEDAW",
    "CRC",
    "CRPD",
    "ICERD",
    "ICMW",
    "ICPPED",
    "ECHR",
    "ECHR-P1",
    "ESC",
    "ACHR",
    "ACHPR",
    "ArabCharter",
}


def test_every_main_right_and_instrument_with_names_in_four_languages() -> None:
    c = concordance()
    assert set(c.rights) >= MAIN_RIGHTS
    assert set(c.instruments) >= INSTRUMENTS
    for right in c.rights.values():
        assert all(right.names[lang].strip() for lang in LANGS), right.id
    for code, data in c.instruments.items():
        assert all(data["names"][lang].strip() for lang in LANGS), code


def test_torture_across_the_systems() -> None:
    table = concordance().equivalents("torture")
    assert table["ICCPR"] == ["7"]
    assert table["CAT"] == [str(n) for n in range(1, 17)]
    assert table["ECHR"] == ["3"]
    assert table["ACHR"] == ["5"]
    assert table["ACHPR"] == ["5"]
    assert table["ArabCharter"] == ["8"]


@pytest.mark.parametrize(
    ("right", "instrument", "article"),
    [
        ("life", "ECHR", "2"),
        ("life", "ACHR", "4"),
        ("life", "ArabCharter", "5"),
        ("liberty", "ICCPR", "9"),
        ("liberty", "ECHR", "5"),
        ("liberty", "ACHPR", "6"),
        ("fair-trial", "ICCPR", "14"),
        ("fair-trial", "ECHR", "6"),
        ("fair-trial", "ACHR", "8"),
        ("privacy-family", "ICCPR", "17"),
        ("privacy-family", "ECHR", "8"),
        ("expression", "ICCPR", "19"),
        ("expression", "ECHR", "10"),
        ("expression", "ACHPR", "9"),
        ("assembly", "ICCPR", "21"),
        ("association", "ICCPR", "22"),
        ("association", "ESC", "5"),
        ("religion", "ECHR", "9"),
        ("religion", "ArabCharter", "30"),
        ("non-discrimination", "ECHR", "14"),
        ("non-discrimination", "ECHR-P12", "1"),
        ("non-discrimination", "ESC", "E"),
        ("education", "ECHR-P1", "2"),
        ("property", "ECHR-P1", "1"),
        ("property", "ACHR", "21"),
        ("political-participation", "ECHR-P1", "3"),
        ("housing", "ESC", "31"),
        ("health", "ICESCR", "12"),
        ("health", "ACHPR", "16"),
        ("work", "ICESCR", "6"),
        ("social-security", "ICESCR", "9"),
        ("enforced-disappearance", "ICPPED", "1"),
        ("remedy", "ECHR", "13"),
        ("remedy", "ACHR", "25"),
        ("nationality", "ACHR", "20"),
        ("asylum-non-refoulement", "CAT", "3"),
        ("children", "CRC", "3"),
    ],
)
def test_provisions(right: str, instrument: str, article: str) -> None:
    assert article in concordance().equivalents(right)[instrument]


@pytest.mark.parametrize(
    ("text", "rights"),
    [
        ("ICCPR 7", {"torture"}),
        ("art:ECHR:3", {"torture"}),
        ("ECHR P1-1", {"property"}),
        ("ACHR 8.1 and 25", {"fair-trial", "remedy"}),
        ("article 14, para. 3 (d), ICCPR", {"fair-trial"}),
        ("CRC 37(a)", {"torture", "children"}),
        ("CRC 37", {"torture", "liberty", "detention-conditions", "children"}),
        ("ICERD 5(e)(iii)", {"non-discrimination", "housing"}),
        ("ICERD 5", {"non-discrimination"}),
        ("CAT 3", {"torture", "asylum-non-refoulement"}),
        ("ESC 1§2", {"work"}),
        ("CAT 22(5)(a)", set()),
    ],
)
def test_articles_map_to_rights(text: str, rights: set[str]) -> None:
    assert set(concordance().rights_for_articles([text])) == rights


@pytest.mark.parametrize(
    ("typed", "right"),
    [
        ("torture", "torture"),
        ("التعذيب", "torture"),
        ("tortura", "torture"),
        ("vida privada", "privacy-family"),
        ("disparition forcée", "enforced-disappearance"),
        ("الاختفاء القسري", "enforced-disappearance"),
        ("Right to life", "life"),
        ("liberté d'expression", "expression"),
        ("non-refoulement", "asylum-non-refoulement"),
        ("حرية الدين", "religion"),
    ],
)
def test_rights_typed_in_four_languages(typed: str, right: str) -> None:
    assert right in concordance().resolve(typed)


def test_provision_parsing() -> None:
    c = concordance()
    assert c.parse_articles("ECHR-P1 1") == [Provision("ECHR-P1", "1")]
    assert c.parse_articles("ACHR 5(2)") == [Provision("ACHR", "5", ("2",))]
    assert c.parse_articles("7", default_instrument="ICCPR") == [Provision("ICCPR", "7")]


def test_a_broken_file_is_refused(tmp_path: Path) -> None:
    data = json.loads(RIGHTS_FILE.read_text(encoding="utf-8"))
    data["rights"][0]["provisions"]["NOPE"] = ["1"]
    bad = tmp_path / "rights.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RightsError, match="NOPE"):
        load_concordance(bad)
    data["rights"][0]["names"].pop("ar")
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RightsError):
        load_concordance(bad)


@pytest.fixture(scope="module")
def corpus(use_embedder: Embedder) -> Services:
    return corpus_services(use_embedder)


def test_rights_on_real_records(corpus: Services) -> None:
    records = list(corpus.store.iter_records())
    cat = [r for r in records if r.case and r.case.number == "429/2010"]
    assert cat and all({"torture", "asylum-non-refoulement"} <= set(r.rights) for r in cat)
    # An ECtHR judgment paragraph citing Article 3 gets the right through its citation.
    ecthr = [r for r in records if r.body == "ECTHR" and "art:ECHR:3" in r.citations]
    assert ecthr and all("torture" in r.rights for r in ecthr)
    assert sum(1 for r in records if r.rights) > 500
    assert enrich_rights(cat[0]).rights == cat[0].rights
