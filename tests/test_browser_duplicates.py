"""The duplicate-check page in Chromium: a complaint in, candidate cases with evidence out."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser_support import LiveServer

pytest_plugins = ["tests.browser_support"]
pytestmark = pytest.mark.browser


def a_decided_case(server: LiveServer) -> dict[str, Any]:
    """A treaty-body decision with named authors and a respondent State, from the corpus."""
    hits = server.api("/api/search", q="complainant deportation torture", kind="decision", size=30)
    for hit in hits["results"]:
        record = server.api(f"/api/records/{hit['id']}")
        case = record.get("case") or {}
        if case.get("authors") and case.get("respondent_state") and len(record["text"]) > 200:
            return record
    raise AssertionError("no decision with authors and a respondent State in the corpus")


def test_the_duplicate_form_returns_candidates_with_evidence(
    page: Any, live_server: LiveServer
) -> None:
    record = a_decided_case(live_server)
    case = record["case"]
    page.goto("/duplicates.html")
    page.wait_for_function("() => document.querySelectorAll('#d-states option').length > 100")
    # An empty complaint is refused in the page, with the reason next to the field.
    page.click("#d-submit")
    assert page.locator("#d-error").is_visible()
    assert page.get_attribute("#d-text", "aria-invalid") == "true"

    page.fill("#d-text", record["text"])
    page.fill("#d-authors", "\n".join(case["authors"]))
    page.fill("#d-state", case["respondent_state"])
    if case.get("decision_date"):
        page.fill("#d-dates", case["decision_date"])
    if case.get("articles"):
        page.fill("#d-rights", ", ".join(case["articles"]))
    page.click("#d-submit")
    # The first check of a session builds the citation link table: allow for it.
    page.wait_for_selector("#candidates > li", timeout=90_000)
    candidates = page.locator("#candidates > li")
    assert candidates.count() >= 1
    assert int(page.get_attribute("#dup-count", "data-count")) == candidates.count()
    # Each candidate shows its verdict and the evidence, signal by signal.
    first = candidates.first
    assert first.locator(".verdict").count() == 1
    assert first.locator("tbody tr").count() >= 3
    signals = first.locator("tbody tr").evaluate_all("rs => rs.map(r => r.dataset.signal)")
    assert {"names", "state"} <= set(signals)
    # The case the complaint was written from is among the first candidates.
    ids = candidates.evaluate_all("ls => ls.map(l => l.dataset.id)")
    assert record["id"] in ids[:5] or any(
        live_server.api(f"/api/records/{i}").get("case", {}).get("number") == case.get("number")
        for i in ids[:5]
        if i
    )


def test_the_duplicate_page_in_arabic(page: Any) -> None:
    page.goto("/duplicates.html")
    page.select_option("#ui-lang", "ar")
    page.wait_for_function("() => document.documentElement.dir === 'rtl'")
    assert page.inner_text("h1") == "هل سبق أن نظر إجراء آخر في هذه الشكوى؟"
    assert page.locator("#d-text").evaluate("e => e.labels.length") == 1
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
