"""Screenshots of the web interface, and its weight and speed measured in Chromium.

    python -m frontend.capture                      # a live server over the test corpus
    python -m frontend.capture --url http://127.0.0.1:8000   # a running `make run`

Writes PNGs to docs/screenshots/ and prints (and writes as JSON) the search page's
transfer size and its time to the first result, cold (empty cache) on loopback and
under an emulated slow connection. The first result is the moment search.js marks
with `performance.mark("concordia:first-result")`, measured from navigation start.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
MAX_HEIGHT = 2600

# Chrome DevTools' "Slow 3G" preset, and a "Fast 3G" for comparison.
PROFILES: dict[str, dict[str, float] | None] = {
    "loopback": None,
    "fast-3g": {"latency": 150, "download": 1.6e6 / 8 * 0.9, "upload": 750e3 / 8 * 0.9},
    "slow-3g": {"latency": 400, "download": 500e3 / 8 * 0.8, "upload": 500e3 / 8 * 0.8},
}


def pick_record(url: str, query: str) -> str:
    """A record worth showing: one with other language versions, else the first hit."""
    hits = httpx.get(f"{url}/api/search", params={"q": query, "size": 30}, timeout=30).json()
    ids = [r["id"] for r in hits["results"]]
    best, best_score = ids[0], -1
    for rid in ids:
        rec = httpx.get(f"{url}/api/records/{rid}", timeout=30).json()
        related = httpx.get(f"{url}/api/records/{rid}/related", timeout=30)
        n_related = len(_items(related.json())) if related.status_code == 200 else 0
        score = 2 * bool(rec.get("versions")) + bool(n_related) + bool(rec.get("citations"))
        if score > best_score:
            best, best_score = rid, score
    return best


def _items(body: Any) -> list[Any]:
    if isinstance(body, list):
        return body
    return list(body.get("results") or body.get("related") or body.get("items") or [])


def wait_ready(page: Any, selector: str) -> None:
    page.wait_for_selector(selector, state="attached")
    page.wait_for_load_state("networkidle")


def screenshots(
    browser: Any, url: str, query_en: str, query_ar: str, record: str, record_ar: str
) -> list[Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    plan = [
        ("search-en", "en", f"/?q={quote(query_en)}", "#hits > li", 1280),
        ("search-ar", "ar", f"/?q={quote(query_ar)}", "#hits > li", 1280),
        ("record-en", "en", f"/record.html?id={record}", "#related", 1280),
        ("record-ar", "ar", f"/record.html?id={record_ar}", "#related", 1280),
        ("search-ar-360", "ar", f"/?q={quote(query_ar)}", "#hits > li", 360),
    ]
    for name, lang, path, ready, width in plan:
        context = browser.new_context(
            viewport={"width": width, "height": 1000 if width > 400 else 780},
            device_scale_factor=1 if width > 400 else 2,
            locale="en-US",
        )
        context.add_init_script(f"localStorage.setItem('concordia.lang', '{lang}')")
        page = context.new_page()
        page.goto(url + path)
        wait_ready(page, ready)
        target = OUT / f"{name}.png"
        if name.startswith("record"):
            # The whole record page (related records are at the bottom), up to a height.
            height = min(MAX_HEIGHT, page.evaluate("document.documentElement.scrollHeight"))
            page.screenshot(
                path=str(target),
                full_page=True,
                clip={"x": 0, "y": 0, "width": width, "height": height},
            )
        else:
            page.screenshot(path=str(target), full_page=False)
        shots.append(target)
        context.close()
    return shots


def _record_url(urls: dict[str, str]) -> Any:
    return lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])


def _record_size(sizes: dict[str, int]) -> Any:
    return lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"]))


def measure(browser: Any, url: str, query: str, profile: str, runs: int) -> dict[str, Any]:
    """Cold loads of the search page: bytes on the wire, requests, time to first result."""
    samples: list[dict[str, Any]] = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        conditions = PROFILES[profile]
        if conditions:
            cdp.send(
                "Network.emulateNetworkConditions",
                {
                    "offline": False,
                    "latency": conditions["latency"],
                    "downloadThroughput": conditions["download"],
                    "uploadThroughput": conditions["upload"],
                },
            )
        sizes: dict[str, int] = {}
        urls: dict[str, str] = {}
        cdp.on("Network.requestWillBeSent", _record_url(urls))
        cdp.on("Network.loadingFinished", _record_size(sizes))
        page.goto(f"{url}/?q={quote(query)}")
        page.wait_for_function(
            "() => performance.getEntriesByName('concordia:first-result').length > 0",
            timeout=120_000,
        )
        first = page.evaluate("performance.getEntriesByName('concordia:first-result')[0].startTime")
        page.wait_for_load_state("networkidle")
        time.sleep(0.2)
        by_url = {urls.get(k, k).replace(url, ""): v for k, v in sizes.items()}
        samples.append(
            {
                "first_result_ms": round(first, 1),
                "bytes": sum(sizes.values()),
                "requests": len(sizes),
                "by_url": by_url,
            }
        )
        context.close()
    firsts = sorted(s["first_result_ms"] for s in samples)
    return {
        "profile": profile,
        "conditions": PROFILES[profile],
        "runs": runs,
        "first_result_ms_median": firsts[len(firsts) // 2],
        "first_result_ms_all": firsts,
        "transfer_bytes": samples[-1]["bytes"],
        "requests": samples[-1]["requests"],
        "by_url": samples[-1]["by_url"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--url", help="a running Concordia (default: start one over the test corpus)"
    )
    parser.add_argument("--query", default="torture")
    parser.add_argument("--query-ar", default="التعذيب")
    parser.add_argument("--record", help="record id for the English record-page screenshot")
    parser.add_argument("--record-ar", help="record id for the Arabic one (default: --record)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-screenshots", action="store_true")
    parser.add_argument("--json", type=Path, help="write the measurements here")
    args = parser.parse_args(argv)

    from tests.browser_support import LiveServer, launch_chromium

    server = None
    url = args.url
    if url is None:
        from indexer.embed import UseOnnxEmbedder

        server = LiveServer.start(
            Path(tempfile.mkdtemp(prefix="concordia-capture-")), UseOnnxEmbedder(threads=2)
        )
        url = server.url
        print(f"live server over {server.corpus} at {url}")
    url = url.rstrip("/")
    playwright, browser = launch_chromium()
    try:
        if not args.no_screenshots:
            record = args.record or pick_record(url, args.query)
            record_ar = args.record_ar or record
            shots = screenshots(browser, url, args.query, args.query_ar, record, record_ar)
            for shot in shots:
                print(f"screenshot {shot.relative_to(ROOT)}")
        results = [measure(browser, url, args.query, p, args.runs) for p in PROFILES]
        corpus = httpx.get(f"{url}/api/health", timeout=10).json()
        report = {
            "url_query": f"/?q={args.query}",
            "corpus_records": corpus.get("indexed_records"),
            "measurements": results,
        }
        for r in results:
            print(
                f"{r['profile']:>9}: {r['transfer_bytes'] / 1024:6.1f} KiB in {r['requests']} "
                f"requests, first result at {r['first_result_ms_median']:7.0f} ms "
                f"(median of {r['runs']} cold loads)"
            )
        if args.json:
            args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    finally:
        browser.close()
        playwright.stop()
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
