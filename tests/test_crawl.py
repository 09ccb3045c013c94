"""`concordia crawl` end to end: recorded responses replayed by a local server, into the
store and the index of a temporary data dir, then crawled again.

What the second crawl must show, for every source crawled here: no unchanged document is
fetched in full (every request is a conditional GET answered 304, and no search POST is
sent), nothing is parsed or indexed again (the store's change sequence does not move),
and a document that did change is the only one fetched and re-indexed.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections import Counter
from pathlib import Path

import pytest

from api.cli import main
from api.services import open_services
from api.settings import Settings
from indexer.store import RecordStore
from scrapers.sources import SOURCES as REGISTRY
from scrapers.sources.state import CrawlState
from tests.fixtures.sources.replay import Recording, ReplayServer, replaying

EMBEDDER = "hashing-64"
SOURCES = tuple(sorted(REGISTRY))
"""Every registered source, each replaying its own recording."""
LISTING_POSTS = {"iacthr": "/get_jurisprudencia_search_tipo.cfm"}
"""Sources whose listing is a form POST, which HTTP cannot revalidate: it is sent again
(one small request per crawl), but nothing it lists is fetched or indexed again."""


def crawl(server: ReplayServer, source: str, data_dir: Path, *extra: str) -> tuple[int, str]:
    options = Recording.load(source).crawl_options
    argv = [
        "crawl",
        source,
        "--base-url",
        server.base,
        "--data-dir",
        str(data_dir),
        "--embedder",
        EMBEDDER,
        "--interval",
        "0",
    ]
    for key, value in options.items():
        argv += ["--set", f"{key}={value}"]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([*argv, *extra])
    return code, out.getvalue()


def store_state(data_dir: Path) -> tuple[int, int]:
    store = RecordStore(data_dir / "store.sqlite")
    try:
        return store.seq, store.count()
    finally:
        store.close()


def indexed(data_dir: Path) -> int:
    services = open_services(Settings(data_dir=data_dir, embedder=EMBEDDER))
    try:
        return services.backend.count()
    finally:
        services.close()


def summary_numbers(output: str) -> dict[str, int]:
    found = re.search(r"http: (\d+) requests, (\d+) answered 304", output)
    assert found, output
    return {"requests": int(found.group(1)), "not_modified": int(found.group(2))}


@pytest.mark.parametrize("source", SOURCES)
def test_second_crawl_refetches_and_reindexes_nothing(source: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with replaying(source) as server:
        code, first_out = crawl(server, source, data_dir)
        first = server.served()
        assert code in (0, 1), first_out
        assert first and all(s.status == 200 for s in first), first
        seq1, count1 = store_state(data_dir)
        assert count1 > 0
        assert indexed(data_dir) == count1

        server.reset_log()
        code2, second_out = crawl(server, source, data_dir)
        second = server.served()
        assert code2 == 0, second_out
        # Nothing unchanged is fetched in full: only conditional GETs, all answered 304.
        listing_post = [s for s in second if s.method == "POST"]
        gets = [s for s in second if s.method == "GET"]
        assert [s.path for s in listing_post] == (
            [LISTING_POSTS[source]] if source in LISTING_POSTS else []
        )
        assert gets, "the second crawl must revalidate what it lists"
        assert all(s.conditional and s.status == 304 for s in gets), [
            (s.method, s.path, s.status) for s in second
        ]
        assert summary_numbers(second_out) == {
            "requests": len(second) + 1,  # + robots.txt, answered 404 (no rules)
            "not_modified": len(gets),
        }
        # Nothing is parsed or indexed again: the store's change sequence does not move.
        assert store_state(data_dir) == (seq1, count1)
        assert "indexed 0 records" in second_out
        assert indexed(data_dir) == count1


def test_a_changed_document_is_the_only_one_refetched_and_reindexed(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with replaying("hudoc") as server:
        crawl(server, "hudoc", data_dir)
        seq1, count1 = store_state(data_dir)
        body = (Recording.load("hudoc").folder / "001-248844.html").read_bytes()
        changed = body.replace(b"The case concerns", b"This case concerns", 1)
        assert changed != body
        server.replace_body(
            "/app/conversion/docx/html/body", changed, library="ECHR", id="001-248844"
        )
        server.reset_log()
        code, out = crawl(server, "hudoc", data_dir)
        served = server.served()
    assert code == 0, out
    full = [s for s in served if s.status == 200]
    assert [(s.path, "001-248844" in s.query) for s in full] == [
        ("/app/conversion/docx/html/body", True)
    ]
    assert Counter(s.status for s in served) == {304: len(served) - 1, 200: 1}
    seq2, count2 = store_state(data_dir)
    assert count2 == count1
    # Only the changed paragraph is stored again: the document's 11 other paragraphs have
    # the same content (a new fetch time is not a change), the other documents' 24 are
    # not even re-parsed.
    assert seq2 - seq1 == 1
    assert "1 changed" in out and "0 new" in out
    store = RecordStore(data_dir / "store.sqlite")
    try:
        texts = [r.text for r in store.iter_records()]
    finally:
        store.close()
    assert any(t.startswith("This case concerns") for t in texts)
    assert not any(t.startswith("The case concerns the revocation") for t in texts)


def test_crawl_is_resumable_after_a_kill(tmp_path: Path) -> None:
    """A crawl killed between documents resumes without re-requesting what it finished."""
    from indexer.pipeline import IngestReport, Item, ingest
    from scrapers.sources.crawl import Crawler
    from tests.fixtures.sources.harness import connector_for

    store = RecordStore(tmp_path / "store.sqlite")
    state = CrawlState.for_source(tmp_path, "hudoc")
    flushes = {"n": 0}

    def dying_sink(items: list[Item]) -> IngestReport:
        flushes["n"] += 1
        if flushes["n"] == 2:
            raise KeyboardInterrupt  # the process is killed while storing document 2
        return ingest(items, store)

    try:
        with replaying("hudoc") as server:
            connector = connector_for("hudoc", server, tmp_path / "cache")
            with pytest.raises(KeyboardInterrupt):
                Crawler(connector, state, dying_sink, flush_documents=1).run()
            assert state.counts() == {"ingested": 1, "fetched": 1}
            done_first = [s for s in server.served() if s.path.endswith("/html/body")]
            assert len(done_first) == 2
            server.reset_log()

            report = Crawler(connector, state, lambda items: ingest(items, store)).run()
            connector.client.close()
            resumed = server.served()
    finally:
        state.close()
    assert report.resumed and report.skipped_resumed == 1
    # The finished document is not requested at all; the interrupted one is revalidated
    # (304, parsed from the cached body) and ingested; the third is new.
    bodies = [s for s in resumed if s.path.endswith("/html/body")]
    assert "id=001-248844" not in " ".join(s.query for s in bodies)
    assert [(s.status, s.conditional) for s in bodies] == [(304, True), (200, False)]
    assert report.new == 2 and report.failed == 0
    assert store.count() == report.candidates + 12  # document 1's 12 paragraphs
    assert CrawlState.for_source(tmp_path, "hudoc").runs()[-1]["status"] == "complete"
    store.close()


def test_since_and_limit_narrow_the_crawl(tmp_path: Path) -> None:
    with replaying("hudoc") as server:
        code, out = crawl(server, "hudoc", tmp_path / "a", "--limit", "1", "--no-index")
        assert code == 0 and "listed 1 documents" in out
        queries = [s.query for s in server.served() if s.path == "/app/query/results"]
        server.reset_log()
        code, out = crawl(server, "hudoc", tmp_path / "b", "--since", "2000-01-01", "--no-index")
    assert code == 0
    # The 1960 judgment is left out by the date, and the query asks HUDOC for it too.
    assert "listed 2 documents" in out
    listing = next(s for s in server.served() if s.path == "/app/query/results")
    assert "kpdate%3E%3D2000-01-01" in listing.query
    assert queries and "kpdate%3E%3D" not in queries[0]


def test_a_document_that_cannot_be_fetched_is_a_reject_and_the_crawl_goes_on(
    tmp_path: Path,
) -> None:
    recording = Recording.load("hudoc")
    recording.exchanges = [x for x in recording.exchanges if x.query.get("id") != "001-248849"]
    server = ReplayServer([recording])
    server.start()
    try:
        code, out = crawl(server, "hudoc", tmp_path / "data", "--no-index")
    finally:
        server.stop()
    assert code == 1
    assert "2 new" in out and "1 failed" in out
    rejects = (tmp_path / "data" / "rejects" / "rejects-latest.jsonl").read_text()
    assert "001-248849" in rejects and "HTTP 404" in rejects
    status_out = io.StringIO()
    with contextlib.redirect_stdout(status_out):
        assert main(["crawl", "hudoc", "--status", "--data-dir", str(tmp_path / "data")]) == 0
    assert "1 failed, 2 ingested" in status_out.getvalue()


def test_sources_command_prints_the_registry() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["sources"]) == 0
    text = out.getvalue()
    for name in SOURCES:
        assert name in text
    assert "MISSING" not in text
    assert "hudoc.echr.coe.int" in text


def test_unknown_source_and_bad_options_are_usage_errors(tmp_path: Path) -> None:
    assert main(["crawl", "nope", "--data-dir", str(tmp_path)]) == 2
    assert main(["crawl", "hudoc", "--set", "novalue", "--data-dir", str(tmp_path)]) == 2
