"""Search over the bundled real sample corpus, as `make run` serves it.

The issue's promises, checked on real text: Arabic spelling variants meet, Eastern
Arabic digits meet ASCII ones, and a French or an Arabic question about torture in
detention finds English treaty-body records about torture.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.services import Services
from indexer.embed import Embedder
from indexer.search import Mode, SearchRequest, SearchResult
from tests.browser_support import build_corpus


@pytest.fixture(scope="module")
def services(
    tmp_path_factory: pytest.TempPathFactory, use_embedder: Embedder
) -> Iterator[Services]:
    built, corpus = build_corpus(tmp_path_factory.mktemp("sample"), use_embedder)
    assert corpus.startswith("data/sample"), corpus
    yield built
    built.close()


def search(
    services: Services, query: str, mode: Mode = Mode.HYBRID, size: int = 10
) -> SearchResult:
    return services.search.search(SearchRequest(query, mode, size=size))


def test_arabic_without_hamza_finds_both_spellings(services: Services) -> None:
    result = search(services, "المؤسسات الوطنية لحقوق الانسان", Mode.KEYWORD, size=100)
    texts = [item.record.text for item in result.results]
    assert any("المؤسسات الوطنية لحقوق الإنسان" in t for t in texts)
    assert any("والمؤسسات الوطنية" in t for t in texts)


def test_eastern_arabic_digits(services: Services) -> None:
    result = search(services, "١٨/١٤", Mode.KEYWORD, size=50)
    assert any("18/14" in i.record.text or "١٨/١٤" in i.record.text for i in result.results)
    ascii_result = search(services, "18/14", Mode.KEYWORD, size=50)
    assert {i.record.id for i in result.results} == {i.record.id for i in ascii_result.results}


def test_tashkeel_is_ignored(services: Services) -> None:
    plain = search(services, "حقوق الإنسان", Mode.KEYWORD)
    voweled = search(services, "حُقُوقِ الإِنْسَانِ", Mode.KEYWORD)
    assert plain.total == voweled.total > 0


def is_english_treaty_body_torture(item: object) -> bool:
    record = item.record  # type: ignore[attr-defined]
    return (
        record.language == "en"
        and record.mechanism.value == "treaty_body"
        and "tortur" in (record.text + " " + (record.title or "")).lower()
    )


@pytest.mark.parametrize(
    "query", ["la torture des personnes en détention", "التعذيب في أماكن الاحتجاز"]
)
def test_cross_lingual_torture_in_detention(services: Services, query: str) -> None:
    result = search(services, query)
    hits = [i for i in result.results if is_english_treaty_body_torture(i)]
    assert hits, [(i.record.body, i.record.language, i.record.text[:80]) for i in result.results]


def test_spanish_question_finds_english_records_on_torture(services: Services) -> None:
    result = search(services, "tortura de personas detenidas")
    english = [i for i in result.results if i.record.language == "en"]
    assert len(english) >= 5
    assert all("tortur" in i.record.text.lower() for i in english[:5])


def test_country_filter_by_name_and_facets(services: Services) -> None:
    result = search(services, "death penalty", Mode.KEYWORD)
    assert result.total > 0
    assert dict(result.facets["mechanism"])
    assert all(count > 0 for _, count in result.facets["country"])
