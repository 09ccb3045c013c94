"""Related records: other mechanisms on the same matter, each with its reasons."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.cli import main as cli_main
from api.services import Services
from indexer.citations import case_key, citation_index
from indexer.embed import Embedder
from indexer.record import Record
from indexer.related import RelatedFinder, RelatedQuery
from tests.fixtures.citations_corpus import corpus_services

REASONS = {"similarity", "keywords", "citations", "rights", "country", "period"}
SUBSTANTIVE = {"similarity", "keywords", "citations"}


@pytest.fixture(scope="module")
def corpus(use_embedder: Embedder) -> Services:
    return corpus_services(use_embedder)


@pytest.fixture(scope="module")
def finder(corpus: Services) -> RelatedFinder:
    return RelatedFinder(corpus.backend, citation_index(corpus.store), corpus.embedder)


def record_where(corpus: Services, **wanted: Any) -> Record:
    for record in corpus.store.iter_records():
        if all(getattr(record, k) == v for k, v in wanted.items()):
            return record
    raise AssertionError(f"no record with {wanted}")


def torture_paragraph(corpus: Services) -> Record:
    """Evloev v. Kazakhstan (CAT/C/51/D/441/2010), paragraph 2.3: torture in custody."""
    for record in corpus.store.iter_records():
        if record.case and record.case.number == "441/2010" and record.paragraph == "2.3":
            return record
    raise AssertionError("Evloev 2.3 missing from the sample")


def test_other_mechanisms_only_by_default_each_with_reasons(
    corpus: Services, finder: RelatedFinder
) -> None:
    record = torture_paragraph(corpus)
    items = finder.find(record, RelatedQuery(size=10))
    assert len(items) >= 3
    for item in items:
        assert item.record.body != record.body
        types = {r.type for r in item.reasons}
        assert types <= REASONS and types & SUBSTANTIVE, types
        assert 0 < item.score <= 1
    scores = [i.score for i in items]
    assert scores == sorted(scores, reverse=True)
    documents = [case_key(i.record) for i in items]
    assert len(documents) == len(set(documents))


def test_the_same_body_on_request_but_never_the_own_document(
    corpus: Services, finder: RelatedFinder
) -> None:
    record = torture_paragraph(corpus)
    items = finder.find(record, RelatedQuery(size=20, include_same=True))
    assert any(i.record.body == record.body for i in items)
    assert all(case_key(i.record) != case_key(record) for i in items)


def test_filters(corpus: Services, finder: RelatedFinder) -> None:
    record = torture_paragraph(corpus)
    regional = finder.find(record, RelatedQuery(size=10, mechanisms=("regional",)))
    assert regional and all(i.record.mechanism.value == "regional" for i in regional)
    cpt = finder.find(record, RelatedQuery(size=10, mechanisms=("CPT",)))
    assert all(i.record.body == "CPT" for i in cpt)
    same_country = finder.find(record, RelatedQuery(size=10, same_country=True))
    assert all(set(i.record.countries) & set(record.countries) for i in same_country)


def test_a_citation_links_across_mechanisms(corpus: Services, finder: RelatedFinder) -> None:
    # The special rapporteur's report A/HRC/37/50 cites CAT general comment No. 4.
    gc4 = record_where(corpus, symbol="CAT/C/GC/4")
    items = finder.find(gc4, RelatedQuery(size=20))
    linked = [i for i in items if any(r.type == "citations" for r in i.reasons)]
    assert any(i.record.symbol == "A/HRC/37/50" for i in linked)


@pytest.fixture(scope="module")
def client(corpus: Services) -> Any:
    with TestClient(create_app(corpus.settings, corpus)) as test_client:
        yield test_client


def test_api(corpus: Services, client: TestClient) -> None:
    record = torture_paragraph(corpus)
    body = client.get(f"/api/records/{record.id}/related", params={"size": 5}).json()
    assert body["record_id"] == record.id
    assert 0 < len(body["results"]) <= 5
    first = body["results"][0]
    assert {"record", "score", "reasons"} <= set(first)
    assert {"id", "text", "body", "kind", "language"} <= set(first["record"])
    assert first["record"]["body"] != "CAT"
    assert all({"type", "score", "detail"} <= set(r) for r in first["reasons"])
    same = client.get(
        f"/api/records/{record.id}/related",
        params={"size": 20, "include_same": "true", "mechanism": "treaty_body"},
    ).json()
    assert all(r["record"]["mechanism"] == "treaty_body" for r in same["results"])


def test_api_errors(corpus: Services, client: TestClient) -> None:
    assert client.get("/api/records/r-nosuchrecord0000/related").status_code == 404
    record = torture_paragraph(corpus)
    bad = client.get(f"/api/records/{record.id}/related", params={"mechanism": "Atlantis"})
    assert bad.status_code == 400
    assert client.get(f"/api/records/{record.id}/related", params={"size": 0}).status_code == 400


def test_cli(corpus: Services, capsys: pytest.CaptureFixture[str]) -> None:
    record = torture_paragraph(corpus)
    args = ["related", record.id, "--data-dir", str(corpus.settings.data_dir), "--size", "3"]
    assert cli_main([*args, "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["results"] and all(r["record"]["body"] != "CAT" for r in body["results"])
    assert cli_main(args) == 0
    assert "similarity" in capsys.readouterr().out
