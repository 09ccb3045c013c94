"""Conditional requests and the on-disk cache of the shared HTTP client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scrapers.http import ClientConfig, FakeClock, PoliteClient, ResponseCache
from tests.fixtures.support.local_server import LocalServer, Reply, Seen, running_server

BODY = b"<html><body><p>1. The Committee recommends ...</p></body></html>"


@pytest.fixture()
def server() -> Iterator[LocalServer]:
    with running_server() as srv:
        yield srv


def client_for(tmp_path: Path) -> PoliteClient:
    config = ClientConfig(
        allowed_hosts=frozenset({"127.0.0.1"}),
        cache_dir=tmp_path / "cache",
        min_interval_s=0.0,
        jitter_s=0.0,
    )
    return PoliteClient(config, clock=FakeClock())


def test_etag_revalidation_gives_304_and_the_cached_body(
    server: LocalServer, tmp_path: Path
) -> None:
    def etagged(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == '"v1"':
            return Reply(status=304, headers={"ETag": '"v1"'})
        return Reply(body=BODY, headers={"ETag": '"v1"', "Content-Type": "text/html"})

    server.route("/co", etagged)
    with client_for(tmp_path) as client:
        first = client.get(server.url("/co"))
        second = client.get(server.url("/co"))
        assert client.stats.not_modified == 1
    assert (first.status, first.unchanged, first.not_modified) == (200, False, False)
    assert (second.status, second.unchanged, second.not_modified) == (304, True, True)
    assert second.read_bytes() == BODY
    assert second.sha256 == first.sha256
    assert second.content_type == "text/html"
    sent = [s for s in server.log if s.path == "/co"]
    assert "if-none-match" not in sent[0].headers
    assert sent[1].headers["if-none-match"] == '"v1"'


def test_last_modified_revalidation(server: LocalServer, tmp_path: Path) -> None:
    stamp = "Wed, 21 Oct 2015 07:28:00 GMT"

    def dated(seen: Seen) -> Reply:
        if seen.headers.get("if-modified-since") == stamp:
            return Reply(status=304)
        return Reply(body=b"v1", headers={"Last-Modified": stamp})

    server.route("/doc", dated)
    with client_for(tmp_path) as client:
        client.get(server.url("/doc"))
        again = client.get(server.url("/doc"))
    assert again.not_modified and again.read_bytes() == b"v1"


def test_cache_survives_a_new_client_and_detects_identical_bodies(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/plain", Reply(body=b"same"))  # no validators at all
    with client_for(tmp_path) as client:
        client.get(server.url("/plain"))
    with client_for(tmp_path) as client:
        again = client.get(server.url("/plain"))
    assert again.status == 200
    assert again.unchanged and not again.not_modified


def test_changed_body_is_stored_under_its_new_address(server: LocalServer, tmp_path: Path) -> None:
    versions = [b"first", b"second"]

    def changing(_seen: Seen) -> Reply:
        return Reply(body=versions.pop(0), headers={"ETag": f'"{len(versions)}"'})

    server.route("/v", changing)
    with client_for(tmp_path) as client:
        a = client.get(server.url("/v"))
        b = client.get(server.url("/v"))
    assert not b.unchanged
    assert a.read_bytes() == b"first" and b.read_bytes() == b"second"
    assert a.body_path != b.body_path


def test_bodies_are_content_addressed_and_writes_leave_no_partial_files(
    tmp_path: Path,
) -> None:
    cache = ResponseCache(tmp_path / "c")
    one = cache.store_stream([b"abc", b"def"])
    two = cache.store_stream([b"abcdef"])
    assert one.path == two.path and one.size == 6
    assert one.path.name == one.sha256

    def broken() -> Iterator[bytes]:
        yield b"partial"
        raise ConnectionError("dropped mid-body")

    with pytest.raises(ConnectionError):
        cache.store_stream(broken())
    assert list((tmp_path / "c" / "tmp").iterdir()) == []
    blobs = [p for p in (tmp_path / "c" / "blobs").rglob("*") if p.is_file()]
    assert blobs == [one.path]
    cache.close()


def test_missing_blob_means_no_conditional_request(server: LocalServer, tmp_path: Path) -> None:
    def etagged(seen: Seen) -> Reply:
        if "if-none-match" in seen.headers:
            return Reply(status=304)
        return Reply(body=b"body", headers={"ETag": '"e"'})

    server.route("/e", etagged)
    with client_for(tmp_path) as client:
        first = client.get(server.url("/e"))
        first.body_path.unlink()  # somebody cleaned the cache by hand
        again = client.get(server.url("/e"))
    assert again.status == 200 and again.read_bytes() == b"body"


def test_post_json_reaches_the_server_and_is_stored(server: LocalServer, tmp_path: Path) -> None:
    server.route("/api/search", Reply(body=b'{"listOfRecommendations": []}'))
    with client_for(tmp_path) as client:
        result = client.post_json(server.url("/api/search"), {"searchText": "torture"})
    assert result.json() == {"listOfRecommendations": []}
    assert [s.method for s in server.log if s.path == "/api/search"] == ["POST"]
