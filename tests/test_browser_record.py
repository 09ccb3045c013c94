"""The record page in Chromium: text, provenance, citations, related records of other bodies."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser_support import LiveServer

pytest_plugins = ["tests.browser_support"]
pytestmark = pytest.mark.browser


def record_with_related(server: LiveServer) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A treaty-body decision on torture that the related API links to other bodies."""
    hits = server.api("/api/search", q="torture detention", kind="decision", size=20)["results"]
    for hit in hits:
        body = server.api(f"/api/records/{hit['id']}/related", size=10)
        items = body["results"] if isinstance(body, dict) else body
        if items:
            return server.api(f"/api/records/{hit['id']}"), items
    raise AssertionError("no decision in the corpus has related records")


def test_a_record_page_shows_related_records_of_other_mechanisms(
    page: Any, live_server: LiveServer
) -> None:
    record, related = record_with_related(live_server)
    page.goto(f"/record.html?id={record['id']}")
    page.wait_for_selector("#related-list > li", timeout=60_000)
    items = page.locator("#related-list > li")
    assert items.count() == len(related)
    bodies = items.evaluate_all("ls => ls.map(l => l.dataset.body)")
    assert bodies and all(b != record["body"] for b in bodies)
    # Every related record says why it was linked.
    for i in range(items.count()):
        assert items.nth(i).locator(".reasons li").count() > 0
    # The record itself: full text, provenance with the source link, a citation to copy.
    assert record["text"][:40] in page.inner_text(".fulltext")
    if record.get("url"):
        assert page.locator(f"table a[href='{record['url']}']").count() == 1
    assert record["body"] in page.inner_text(".cite") or page.locator(".cite").inner_text()
    # A related record opens its own page.
    first = items.first.locator("h3 a")
    target = items.first.get_attribute("data-id")
    first.click()
    page.wait_for_url(f"**/record.html?id={target}")
    page.wait_for_selector(".fulltext")


def test_an_arabic_record_reads_right_to_left_in_an_english_page(
    page: Any, live_server: LiveServer
) -> None:
    hit = live_server.api("/api/search", lang="ar", size=1)["results"][0]
    page.goto(f"/record.html?id={hit['id']}")
    page.wait_for_selector(".fulltext p")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.locator(".fulltext").evaluate("e => getComputedStyle(e).direction") == "rtl"
    page.select_option("#ui-lang", "ar")
    page.wait_for_function("() => document.documentElement.dir === 'rtl'")
    page.wait_for_function("() => document.getElementById('s-text').textContent === 'النص'")
    # Latin symbols keep their order inside the Arabic page.
    symbols = page.locator(".record-head bdi[dir=ltr]")
    if symbols.count():
        assert symbols.first.evaluate("e => getComputedStyle(e).direction") == "ltr"
    # Nothing scrolls sideways on a 360-pixel-wide phone.
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_an_unknown_record_says_so(page: Any) -> None:
    page.goto("/record.html?id=r-doesnotexist0000")
    page.wait_for_selector("#record [role=alert]")
    assert "No record" in page.inner_text("#record")
