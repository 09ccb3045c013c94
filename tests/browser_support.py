"""A live Concordia over a small real corpus, and Debian's Chromium driven by Playwright.

The browser tests exercise what users get: the real app (API + static pages) served by
uvicorn on a free loopback port, over records ingested into a temporary data dir. The
corpus is the bundled sample (`data/sample/`, through the same importer and pipeline as
`make run`) when the project has it, else the contract fixture records.

Each `tests/test_browser_*.py` loads this module as a plugin (`pytest_plugins`); the
server and the browser are kept on the pytest config, one of each per session.
(PYTEST_DONT_REWRITE: the modules import helpers from here before pytest loads it.)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from api.app import create_app
from api.services import Services
from api.settings import Settings
from indexer.backend.embedded import EmbeddedBackend
from indexer.embed import CachedEmbedder, Embedder, EmbeddingCache
from indexer.record import Record
from indexer.search import SearchService
from indexer.store import RecordStore
from indexer.sync import sync
from indexer.taxonomy import load_taxonomy
from indexer.terminology import load_terminology

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "data" / "sample"
FIXTURE = ROOT / "tests" / "fixtures" / "contract_records.jsonl"
EMBED_CACHE = ROOT / "var" / "test-cache" / "embeddings.sqlite"
CHROMIUM = os.environ.get("CONCORDIA_CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium tries to reach Google services and stalls on the closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

_SERVER_KEY = pytest.StashKey["LiveServer"]()
_BROWSER_KEY = pytest.StashKey[Any]()


def _sample_items() -> Iterator[Any] | None:
    """The bundled sample through its importer, or None while the project has none."""
    if not SAMPLE_DIR.is_dir() or not any(SAMPLE_DIR.iterdir()):
        return None
    try:
        from scrapers.importers import IMPORTERS
    except ImportError:
        return None
    importer = IMPORTERS.get("sample")
    if importer is None:
        return None
    items: Iterator[Any] = importer.iter_items(SAMPLE_DIR)
    return items


def build_corpus(data_dir: Path, embedder: Embedder) -> tuple[Services, str]:
    """Store, index and services over the test corpus; returns them and the corpus name."""
    settings = Settings(data_dir=data_dir, sync_on_start=False, export_max_rows=10_000)
    store = RecordStore(settings.store_path)
    items = _sample_items()
    if items is not None:
        from indexer.pipeline import ingest

        report = ingest(items, store, taxonomy=load_taxonomy())
        corpus = f"data/sample ({report.seen} items)"
    else:
        lines = FIXTURE.read_text(encoding="utf-8").splitlines()
        store.write_batch([Record.from_json(line) for line in lines if line.strip()])
        corpus = f"{FIXTURE.relative_to(ROOT)} ({len(lines)} records)"
    # Embedding the sample takes about a minute on two cores; vectors are keyed by model
    # and text hash, so a cache kept between runs (git-ignored var/) is always right.
    cached = CachedEmbedder(embedder, EmbeddingCache(EMBED_CACHE))
    backend = EmbeddedBackend(store, settings.index_dir, cached.dim)
    sync(store, backend, cached)
    services = Services(
        settings,
        store,
        cached,
        backend,
        SearchService(backend, cached, load_terminology()),
        load_taxonomy(),
    )
    return services, corpus


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    services: Services
    corpus: str
    server: uvicorn.Server
    thread: threading.Thread
    data_dir: Path

    @classmethod
    def start(cls, data_dir: Path, embedder: Embedder) -> LiveServer:
        services, corpus = build_corpus(data_dir, embedder)
        port = free_port()
        app = create_app(services.settings, services)
        config = uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, name="concordia-live", daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        httpx.get(f"{url}/api/health", timeout=10).raise_for_status()
        return cls(url, services, corpus, server, thread, data_dir)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.services.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def api(self, path: str, **params: Any) -> Any:
        response = httpx.get(f"{self.url}{path}", params=params, timeout=120)
        response.raise_for_status()
        return response.json()


@pytest.fixture(scope="session")
def live_server(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    use_embedder: Embedder,
) -> LiveServer:
    stash = request.config.stash
    if _SERVER_KEY not in stash:
        server = LiveServer.start(tmp_path_factory.mktemp("browser-corpus"), use_embedder)
        stash[_SERVER_KEY] = server
        request.config.add_cleanup(server.stop)
    return stash[_SERVER_KEY]


def launch_chromium() -> tuple[Any, Any]:
    """Playwright and a Chromium; Playwright's own browser download does not work here."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(
            f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install chromium), "
            "as `make setup-dev` does"
        )
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    return playwright, browser


@pytest.fixture(scope="session")
def browser(request: pytest.FixtureRequest) -> Any:
    stash = request.config.stash
    if _BROWSER_KEY not in stash:
        playwright, chromium = launch_chromium()
        stash[_BROWSER_KEY] = chromium

        def close() -> None:
            with contextlib.suppress(Exception):
                chromium.close()
            with contextlib.suppress(Exception):
                playwright.stop()

        request.config.add_cleanup(close)
    return stash[_BROWSER_KEY]


@pytest.fixture
def page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    """A fresh profile per test (no remembered language), English browser, desktop size."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-US",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def wait_for_results(page: Any) -> int:
    """Waits until the page shows a result count; returns the total it announced."""
    page.wait_for_function(
        "() => { const c = document.getElementById('count');"
        " return c && c.dataset.total !== undefined && c.dataset.total !== ''"
        " && !document.getElementById('results').hasAttribute('aria-busy'); }"
    )
    return int(page.get_attribute("#count", "data-total"))
