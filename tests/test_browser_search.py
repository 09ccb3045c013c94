"""The search page in Chromium: results, facets, URL state, Arabic layout, keyboard, 360 px."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser_support import LiveServer, wait_for_results

pytest_plugins = ["tests.browser_support"]

pytestmark = pytest.mark.browser


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def test_a_search_returns_results(page: Any, live_server: LiveServer) -> None:
    page.goto("/")
    wait_for_results(page)
    page.fill("#q", "torture")
    page.press("#q", "Enter")
    page.wait_for_url("**/?q=torture")
    total = wait_for_results(page)
    assert total > 0
    hits = page.locator("#hits > li")
    assert hits.count() == min(total, 10)
    # Matched words are highlighted, and every hit shows its provenance.
    assert page.locator("#hits mark").count() > 0
    first = hits.first
    assert first.locator("h3 a").get_attribute("href").startswith("record.html?id=")
    assert first.locator(".meta").inner_text().strip()
    # The count is announced to screen readers.
    assert page.get_attribute("#count", "aria-live") == "polite"
    api = live_server.api("/api/search", q="torture")
    assert total == api["total"]
    assert hits.first.get_attribute("data-id") == api["results"][0]["id"]


def test_clicking_a_facet_narrows_the_total_and_the_url_records_it(page: Any) -> None:
    page.goto("/?q=torture&mode=keyword")
    before = wait_for_results(page)
    option = page.locator("fieldset[data-facet='country'] input[type=checkbox]").first
    code = option.get_attribute("value")
    expected = int(
        page.locator("fieldset[data-facet='country'] li").first.locator(".fc").inner_text()
    )
    option.check()
    page.wait_for_function(f"() => new URL(location.href).searchParams.get('country') === '{code}'")
    after = wait_for_results(page)
    assert 0 < after < before
    assert after == expected
    assert query_of(page.url)["country"] == [code]
    assert page.locator(f"fieldset[data-facet='country'] input[value='{code}']").is_checked()
    # What is selected is shown, and can be removed.
    assert page.locator("#chosen .chip").count() == 1
    # The back button returns to the wider search.
    page.go_back()
    page.wait_for_function("() => !new URL(location.href).searchParams.has('country')")
    assert wait_for_results(page) == before
    assert not page.locator(f"fieldset[data-facet='country'] input[value='{code}']").is_checked()
    # A shared URL reproduces the narrowed search.
    page.goto(f"/?q=torture&mode=keyword&country={code}")
    assert wait_for_results(page) == after


def test_sort_and_pagination_are_in_the_url(page: Any) -> None:
    page.goto("/?size=5")
    total = wait_for_results(page)
    assert total > 5
    page.select_option("#sort", "date_asc")
    page.wait_for_function("() => new URL(location.href).searchParams.get('sort') === 'date_asc'")
    wait_for_results(page)
    dates = [d for d in page.locator("#hits time").evaluate_all("ts => ts.map(t => t.dateTime)")]
    assert dates == sorted(dates)
    page.locator("#pager a[rel=next]").click()
    page.wait_for_function("() => new URL(location.href).searchParams.get('page') === '2'")
    wait_for_results(page)
    assert page.locator("#hits").get_attribute("start") == "6"
    assert page.locator("#pager a[aria-current=page]").inner_text() == "2"


def test_switching_to_arabic_lays_the_page_out_right_to_left(page: Any) -> None:
    page.goto("/?q=torture")
    wait_for_results(page)
    assert page.evaluate("document.documentElement.dir") == "ltr"
    page.select_option("#ui-lang", "ar")
    page.wait_for_function("() => document.documentElement.dir === 'rtl'")
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
    assert page.inner_text("#search-form label") == "ابحث فيما قالته الآليات"
    # Mirrored layout: on a wide screen the filters sit to the right of the results.
    filters = page.locator("#filters").bounding_box()
    results = page.locator("#results").bounding_box()
    assert filters["x"] > results["x"]
    # Document symbols stay left-to-right islands inside the Arabic page.
    symbols = page.locator("#hits .prov bdi[dir=ltr]")
    if symbols.count():
        assert symbols.first.evaluate("e => getComputedStyle(e).direction") == "ltr"
    # The choice is remembered.
    page.reload()
    wait_for_results(page)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.input_value("#ui-lang") == "ar"


def test_arabic_text_is_right_to_left_whatever_the_interface(page: Any) -> None:
    page.goto("/?lang=ar")
    total = wait_for_results(page)
    assert total > 0
    assert page.evaluate("document.documentElement.dir") == "ltr"
    snippet = page.locator("#hits .snippet").first
    assert snippet.get_attribute("lang") == "ar"
    assert snippet.evaluate("e => getComputedStyle(e).direction") == "rtl"


def test_keyboard_only_search_and_filter(page: Any) -> None:
    page.goto("/")
    wait_for_results(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    page.focus("#q")
    page.keyboard.type("torture")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=torture")
    before = wait_for_results(page)
    checkbox = page.locator("fieldset[data-facet='body'] input[type=checkbox]").first
    checkbox.focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => new URL(location.href).searchParams.has('body')")
    after = wait_for_results(page)
    assert after <= before
    # Focus stays on the checkbox the user toggled, now checked.
    assert page.evaluate("document.activeElement.type") == "checkbox"
    assert page.evaluate("document.activeElement.checked") is True
    # Focus is visible.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


def test_usable_at_360_pixels(page: Any) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/?q=torture")
    wait_for_results(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    # Filters fold above the results and open on demand.
    assert not page.locator("#facets").is_visible()
    page.click("#filters summary")
    assert page.locator("#facets").is_visible()
    page.select_option("#ui-lang", "ar")
    page.wait_for_function("() => document.documentElement.dir === 'rtl'")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_landmarks_and_labels(page: Any) -> None:
    page.goto("/?q=torture")
    wait_for_results(page)
    for selector in ("header", "main", "footer", "nav", "form[role=search]"):
        assert page.locator(selector).count() >= 1, selector
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
            .filter(e => e.type !== 'hidden')
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
            .map(e => e.id || e.name)"""
    )
    assert unlabelled == []


def test_every_language_has_every_string_and_codes_show_as_names(page: Any) -> None:
    page.goto("/?q=torture")
    wait_for_results(page)
    keys = page.evaluate(
        """async () => {
            const out = {};
            for (const l of ['ar', 'en', 'fr', 'es']) {
                out[l] = Object.keys((await import(`/js/l10n/${l}.js`)).default).sort();
            }
            return out;
        }"""
    )
    assert keys["ar"] == keys["en"] == keys["fr"] == keys["es"]
    # Facets show names from /api/labels in the interface language, not codes.
    names = page.locator("fieldset[data-facet='body'] .fl").all_inner_texts()
    assert "Committee against Torture" in names
    page.select_option("#ui-lang", "fr")
    page.wait_for_function("() => document.documentElement.lang === 'fr'")
    page.wait_for_function(
        "() => [...document.querySelectorAll(\"fieldset[data-facet='body'] .fl\")]"
        ".some(e => e.textContent === 'Comité contre la torture')"
    )
    assert page.inner_text("#search-form button") == "Rechercher"
