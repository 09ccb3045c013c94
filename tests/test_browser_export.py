"""Export from the search page: the downloaded CSV and XLSX hold the search's own rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.browser_support import LiveServer, wait_for_results

pytest_plugins = ["tests.browser_support"]

pytestmark = pytest.mark.browser

CITATION_FIELDS = ("id", "symbol", "paragraph", "url", "body", "countries", "date")


def search_ids(server: LiveServer, params: dict[str, Any]) -> list[str]:
    """Every id of the search, page by page, as the API serves them to the page."""
    ids: list[str] = []
    page_no = 1
    while True:
        body = server.api("/api/search", **params, size=100, page=page_no)
        ids.extend(r["id"] for r in body["results"])
        if len(ids) >= body["total"] or not body["results"]:
            return ids
        page_no += 1


def filtered_search(page: Any) -> tuple[dict[str, Any], int]:
    """A search narrowed by clicking a facet, as a user would before exporting."""
    page.goto("/?q=torture")
    wait_for_results(page)
    page.locator("fieldset[data-facet='mechanism'] input[type=checkbox]").first.check()
    page.wait_for_function("() => new URL(location.href).searchParams.has('mechanism')")
    total = wait_for_results(page)
    params = {"q": "torture", "mechanism": page.evaluate(
        "new URL(location.href).searchParams.get('mechanism')"
    )}
    return params, total


def download(page: Any, fmt: str, into: Path) -> Path:
    with page.expect_download() as info:
        page.click(f"#export-{fmt}")
    dl = info.value
    assert dl.failure() is None
    assert dl.suggested_filename.endswith(f".{fmt}")
    target = into / dl.suggested_filename
    dl.save_as(target)
    return target


def test_export_of_a_filtered_search_downloads_its_rows_as_csv_and_xlsx(
    page: Any, live_server: LiveServer, tmp_path: Path
) -> None:
    params, total = filtered_search(page)
    assert total > 0
    expected = search_ids(live_server, params)
    assert len(expected) == total
    shown = page.locator("#hits > li").evaluate_all("ls => ls.map(l => l.dataset.id)")
    assert expected[: len(shown)] == shown
    # The message above the buttons says what an export holds.
    assert "10,000" in page.inner_text("#export-note")
    href = page.get_attribute("#export-csv", "href")
    assert "mechanism=" in href and "q=torture" in href

    csv_path = download(page, "csv", tmp_path)
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert [r["id"] for r in rows] == expected
    for field in CITATION_FIELDS:
        assert field in rows[0]
    assert all(r["mechanism"] == params["mechanism"] for r in rows)
    assert all(r["citation"] for r in rows)

    xlsx_path = download(page, "xlsx", tmp_path)
    book = load_workbook(xlsx_path, read_only=True)
    sheet = book["Results"]
    values = list(sheet.iter_rows(values_only=True))
    header, data = list(values[0]), values[1:]
    for field in CITATION_FIELDS:
        assert field in header
    ids = [row[header.index("id")] for row in data]
    assert ids == expected
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["Results"] == str(total)
    book.close()


def test_a_capped_export_says_so_above_the_buttons(page: Any, live_server: LiveServer) -> None:
    settings = live_server.services.settings
    original = settings.export_max_rows
    settings.export_max_rows = 3
    try:
        page.goto("/")
        total = wait_for_results(page)
        assert total > 3
        note = page.locator("#export-note")
        page.wait_for_function(
            "() => document.getElementById('export-note').classList.contains('warn')"
        )
        assert "3" in note.inner_text() and f"{total}" in note.inner_text().replace(",", "")
    finally:
        settings.export_max_rows = original
