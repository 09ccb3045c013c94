"""GET /api/export and GET /api/labels over real records, without a browser."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.app import create_app
from api.services import Services
from api.settings import Settings
from indexer.backend.embedded import EmbeddedBackend
from indexer.embed import CachedEmbedder, Embedder, EmbeddingCache
from indexer.record import Record, make_record_id, make_work_key
from indexer.search import SearchService
from indexer.store import RecordStore
from indexer.sync import sync
from indexer.taxonomy import load_taxonomy
from indexer.terminology import load_terminology

FORMULA_TEXT = "=HYPERLINK(\"http://evil.example\",\"click\") torture in custody"


def crafted(base: Record) -> Record:
    """A record whose text a spreadsheet would run as a formula if exported naively."""
    data = base.model_dump(mode="json", exclude={"content_hash"})
    data.update(
        id=make_record_id("test", "formula", "1", "en"),
        work=make_work_key("formula", "1"),
        text=FORMULA_TEXT,
        language="en",
    )
    return Record.model_validate(data)


@pytest.fixture(scope="module")
def services(
    tmp_path_factory: pytest.TempPathFactory,
    contract_records: list[Record],
    use_embedder: Embedder,
) -> Iterator[Services]:
    tmp: Path = tmp_path_factory.mktemp("export")
    settings = Settings(data_dir=tmp, sync_on_start=False)
    store = RecordStore(settings.store_path)
    store.write_batch([*contract_records, crafted(contract_records[0])])
    embedder = CachedEmbedder(use_embedder, EmbeddingCache(settings.embeddings_path))
    backend = EmbeddedBackend(store, settings.index_dir, embedder.dim)
    sync(store, backend, embedder)
    svc = Services(
        settings,
        store,
        embedder,
        backend,
        SearchService(backend, embedder, load_terminology()),
        load_taxonomy(),
    )
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def client(services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(services.settings, services)) as test_client:
        yield test_client


def all_ids(client: TestClient, params: dict[str, Any]) -> list[str]:
    ids: list[str] = []
    page = 1
    while True:
        body = client.get("/api/search", params={**params, "size": 100, "page": page}).json()
        ids.extend(r["id"] for r in body["results"])
        if len(ids) >= body["total"] or not body["results"]:
            return ids
        page += 1


def csv_rows(client: TestClient, params: dict[str, Any]) -> tuple[list[dict[str, str]], Any]:
    response = client.get("/api/export", params={**params, "format": "csv"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text))), response.headers


@pytest.mark.parametrize(
    "params",
    [
        {"q": "torture"},
        {"q": "torture", "mode": "keyword", "sort": "date_asc"},
        {"country": "BRA", "sort": "date_desc"},
        {"q": "détention", "body": ["CAT", "UPR"]},
        {"lang": "ar"},
    ],
    ids=["hybrid", "keyword-date", "browse-country", "french-two-bodies", "arabic"],
)
def test_csv_rows_are_the_search_rows_in_order(
    client: TestClient, params: dict[str, Any]
) -> None:
    rows, headers = csv_rows(client, params)
    expected = all_ids(client, params)
    assert [r["id"] for r in rows] == expected
    assert headers["x-concordia-total"] == str(len(expected))
    assert headers["x-concordia-capped"] == "false"
    assert "attachment" in headers["content-disposition"]


def test_every_row_carries_its_citation(client: TestClient, services: Services) -> None:
    rows, _ = csv_rows(client, {"q": "torture", "mode": "keyword"})
    assert rows
    records = {r.id: r for r in services.backend.get([row["id"] for row in rows])}
    for row in rows:
        record = records[row["id"]]
        assert row["symbol"] == (record.symbol or "")
        assert row["paragraph"] == (record.paragraph or "")
        assert row["url"] == (record.url or "")
        assert row["body"] == record.body
        assert row["countries"] == "; ".join(record.countries)
        assert row["date"] in ((record.date.isoformat() if record.date else ""), str(record.year))
        assert record.body in row["citation"] or row["body_name"] in row["citation"]
        if record.url:
            assert row["citation"].endswith(record.url)


def test_names_follow_the_requested_language(client: TestClient) -> None:
    rows, _ = csv_rows(client, {"body": "CAT", "hl": "ar"})
    assert rows
    assert all(r["body_name"] == "لجنة مناهضة التعذيب" for r in rows)
    rows, _ = csv_rows(client, {"body": "CAT", "hl": "fr"})
    assert all(r["body_name"] == "Comité contre la torture" for r in rows)


def test_a_capped_export_says_so(client: TestClient, services: Services) -> None:
    original = services.settings.export_max_rows
    services.settings.export_max_rows = 5
    try:
        rows, headers = csv_rows(client, {})
        total = int(headers["x-concordia-total"])
        assert total > 5
        assert len(rows) == 5
        assert headers["x-concordia-capped"] == "true"
        assert headers["x-concordia-exported"] == "5"
        assert f"first-5-of-{total}" in headers["content-disposition"]
        assert "capped" in headers["x-concordia-notice"]
        assert client.get("/api/export/limits").json()["max_rows"] == 5
        assert [r["id"] for r in rows] == all_ids(client, {})[:5]
    finally:
        services.settings.export_max_rows = original


def test_page_and_size_do_not_cut_an_export(client: TestClient) -> None:
    rows, _ = csv_rows(client, {"q": "torture", "page": 2, "size": 3})
    assert [r["id"] for r in rows] == all_ids(client, {"q": "torture"})


def test_jsonl_rows(client: TestClient) -> None:
    response = client.get("/api/export", params={"lang": "ar", "format": "jsonl"})
    assert response.status_code == 200
    rows = [json.loads(line) for line in response.text.splitlines()]
    assert [r["id"] for r in rows] == all_ids(client, {"lang": "ar"})
    assert all(r["language"] == "ar" for r in rows)
    assert all(isinstance(r["countries"], list) for r in rows)
    assert any("\u0600" <= ch <= "\u06ff" for ch in rows[0]["text"])


def test_xlsx_rows_and_about_sheet(client: TestClient, tmp_path: Path) -> None:
    params = {"q": "torture", "mode": "keyword"}
    response = client.get("/api/export", params={**params, "format": "xlsx"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    path = tmp_path / "export.xlsx"
    path.write_bytes(response.content)
    book = load_workbook(path)
    values = list(book["Results"].iter_rows(values_only=True))
    header = list(values[0])
    assert [row[header.index("id")] for row in values[1:]] == all_ids(client, params)
    about = {k: v for k, v in book["About"].iter_rows(values_only=True)}
    assert about["Notice"].startswith("complete")
    assert 'q="torture"' in about["Search"]


def test_text_that_looks_like_a_formula_is_never_a_formula(
    client: TestClient, tmp_path: Path
) -> None:
    params = {"q": "evil.example HYPERLINK", "mode": "keyword"}
    rows, _ = csv_rows(client, params)
    assert rows and rows[0]["text"] == "'" + FORMULA_TEXT
    response = client.get("/api/export", params={**params, "format": "xlsx"})
    path = tmp_path / "formula.xlsx"
    path.write_bytes(response.content)
    sheet = load_workbook(path)["Results"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("text") + 1)
    assert cell.data_type == "s"
    assert cell.value == FORMULA_TEXT


def test_bad_format_is_a_clear_400(client: TestClient) -> None:
    response = client.get("/api/export", params={"format": "pdf"})
    assert response.status_code == 400
    assert "format" in response.json()["error"]["message"]


def test_labels_in_four_languages(client: TestClient) -> None:
    en = client.get("/api/labels", params={"lang": "en"})
    assert en.status_code == 200
    labels = en.json()["labels"]
    assert labels["body"]["CAT"] == "Committee against Torture"
    assert labels["country"]["EGY"] == "Egypt"
    ar = client.get("/api/labels", params={"lang": "ar"}).json()["labels"]
    assert ar["country"]["EGY"] == "مصر"
    fr = client.get("/api/labels", params={"lang": "fr"}).json()["labels"]
    es = client.get("/api/labels", params={"lang": "es"}).json()["labels"]
    assert fr["body"]["CAT"] != es["body"]["CAT"] != labels["body"]["CAT"]
    for kind in ("body", "country", "mechanism", "region", "response", "theme"):
        assert labels[kind], kind
    # Cacheable, and revalidated cheaply.
    assert "max-age" in en.headers["cache-control"]
    again = client.get(
        "/api/labels", params={"lang": "en"}, headers={"If-None-Match": en.headers["etag"]}
    )
    assert again.status_code == 304
    assert client.get("/api/labels", params={"lang": "de"}).status_code == 400


def test_the_pages_are_served_small_and_compressed(client: TestClient) -> None:
    for path in ("/", "/record.html", "/duplicates.html", "/app.css", "/js/search.js"):
        response = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200, path
        assert response.headers.get("content-encoding") == "gzip", path
    index = client.get("/").text
    assert 'dir="ltr"' in index and 'role="search"' in index


def test_labels_can_be_limited_to_what_a_page_shows(client: TestClient) -> None:
    some = client.get("/api/labels", params={"lang": "es", "kinds": "body,country"})
    assert some.status_code == 200
    assert set(some.json()["labels"]) == {"body", "country"}
    full = client.get("/api/labels", params={"lang": "es"})
    assert len(some.content) < len(full.content)
    rights = client.get("/api/labels", params={"lang": "fr", "kinds": "right"}).json()["labels"]
    assert rights["right"]["torture"].lower().startswith("interdiction de la torture")
    bad = client.get("/api/labels", params={"kinds": "body,planets"})
    assert bad.status_code == 400
    assert "planets" in bad.json()["error"]["message"]
