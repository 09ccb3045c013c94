"""Politeness of the shared HTTP client, observed from a real server on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path

import httpx
import pytest

from scrapers.http import (
    ClientConfig,
    DisallowedByRobots,
    FakeClock,
    HostNotAllowed,
    HTTPStatusError,
    PoliteClient,
    RetriesExhausted,
    RetryAfterTooLong,
)
from tests.fixtures.support.local_server import LocalServer, Reply, running_server


@pytest.fixture()
def server() -> Iterator[LocalServer]:
    with running_server() as srv:
        yield srv


def make_client(
    tmp_path: Path,
    *,
    clock: FakeClock | None = None,
    hosts: frozenset[str] = frozenset({"127.0.0.1"}),
    **overrides: object,
) -> PoliteClient:
    settings: dict[str, object] = {
        "allowed_hosts": hosts,
        "cache_dir": tmp_path / "cache",
        "min_interval_s": 0.0,
        "jitter_s": 0.0,
    }
    settings.update(overrides)
    config = ClientConfig(**settings)  # type: ignore[arg-type]
    return PoliteClient(config, clock=clock or FakeClock())


# -- robots.txt ---------------------------------------------------------------------------


def test_robots_disallow_is_obeyed_and_robots_fetched_once(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /private/\n"))
    server.route("/public/a", Reply(body=b"A"))
    server.route("/public/b", Reply(body=b"B"))
    server.route("/private/x", Reply(body=b"secret"))
    with make_client(tmp_path) as client:
        assert client.get(server.url("/public/a")).read_bytes() == b"A"
        with pytest.raises(DisallowedByRobots) as err:
            client.get(server.url("/private/x"))
        assert "/private/x" in str(err.value)
        assert client.get(server.url("/public/b")).read_bytes() == b"B"
    assert server.paths() == ["/robots.txt", "/public/a", "/public/b"]


def test_robots_rules_for_our_user_agent_apply(server: LocalServer, tmp_path: Path) -> None:
    server.route(
        "/robots.txt",
        Reply(body=b"User-agent: ConcordiaBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n"),
    )
    server.route("/doc", Reply(body=b"x"))
    with make_client(tmp_path) as client, pytest.raises(DisallowedByRobots):
        client.get(server.url("/doc"))
    assert server.paths() == ["/robots.txt"]


def test_missing_robots_allows_and_unreachable_robots_blocks(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/doc", Reply(body=b"ok"))
    with make_client(tmp_path) as client:
        assert client.get(server.url("/doc")).read_bytes() == b"ok"  # robots.txt is 404
    server.log.clear()
    server.route("/robots.txt", Reply(status=503))
    with make_client(tmp_path / "b") as client, pytest.raises(RetriesExhausted):
        client.get(server.url("/doc"))
    assert "/doc" not in server.paths()


def test_robots_fetched_once_across_threads(server: LocalServer, tmp_path: Path) -> None:
    server.route("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n", delay_s=0.1))
    for i in range(6):
        server.route(f"/d{i}", Reply(body=str(i).encode()))
    with make_client(tmp_path, max_in_flight_per_host=3) as client:
        threads = [
            threading.Thread(target=client.get, args=(server.url(f"/d{i}"),)) for i in range(6)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert server.paths().count("/robots.txt") == 1


def test_crawl_delay_slows_pacing(server: LocalServer, tmp_path: Path) -> None:
    server.route("/robots.txt", Reply(body=b"User-agent: *\nCrawl-delay: 5\n"))
    server.route("/a", Reply(body=b"a"))
    server.route("/b", Reply(body=b"b"))
    clock = FakeClock()
    with make_client(tmp_path, clock=clock) as client:
        client.get(server.url("/a"))
        client.get(server.url("/b"))
    assert any(s >= 5 for s in clock.sleeps)


# -- Retry-After and retries ---------------------------------------------------------------


def test_429_retry_after_seconds_is_waited_out(server: LocalServer, tmp_path: Path) -> None:
    calls: list[int] = []

    def flaky(_seen: object) -> Reply:
        calls.append(1)
        if len(calls) == 1:
            return Reply(status=429, headers={"Retry-After": "7"})
        return Reply(body=b"finally")

    server.route("/slow", flaky)
    clock = FakeClock()
    with make_client(tmp_path, clock=clock) as client:
        result = client.get(server.url("/slow"))
    assert result.read_bytes() == b"finally"
    assert result.attempts == 2
    assert sum(clock.sleeps) >= 7
    assert server.paths().count("/slow") == 2


def test_503_retry_after_http_date_is_waited_out(server: LocalServer, tmp_path: Path) -> None:
    clock = FakeClock()
    calls: list[int] = []

    def flaky(_seen: object) -> Reply:
        calls.append(1)
        if len(calls) == 1:
            when = formatdate(clock.time() + 30, usegmt=True)
            return Reply(status=503, headers={"Retry-After": when})
        return Reply(body=b"up")

    server.route("/maint", flaky)
    with make_client(tmp_path, clock=clock) as client:
        assert client.get(server.url("/maint")).read_bytes() == b"up"
    assert 29 <= sum(clock.sleeps) <= 31


def test_retry_after_beyond_cap_gives_up(server: LocalServer, tmp_path: Path) -> None:
    server.route("/busy", Reply(status=429, headers={"Retry-After": "3600"}))
    with (
        make_client(tmp_path, max_retry_after_s=120.0) as client,
        pytest.raises(RetryAfterTooLong),
    ):
        client.get(server.url("/busy"))
    assert server.paths().count("/busy") == 1


def test_retries_stop_at_the_cap_with_growing_backoff(server: LocalServer, tmp_path: Path) -> None:
    server.route("/down", Reply(status=503))
    clock = FakeClock()
    with make_client(tmp_path, clock=clock, max_tries=4) as client:
        with pytest.raises(RetriesExhausted) as err:
            client.get(server.url("/down"))
        assert err.value.attempts == 4
        assert client.stats.retries == 3
    assert server.paths().count("/down") == 4
    waits = [s for s in clock.sleeps if s > 0]
    assert len(waits) == 3
    assert waits[0] < waits[-1]


@pytest.mark.parametrize("status", [404, 403, 410, 400])
def test_final_statuses_are_not_retried(server: LocalServer, tmp_path: Path, status: int) -> None:
    server.route("/gone", Reply(status=status))
    with make_client(tmp_path) as client:
        with pytest.raises(HTTPStatusError) as err:
            client.get(server.url("/gone"))
        assert err.value.status == status
    assert server.paths().count("/gone") == 1


def test_408_and_network_errors_are_retried(server: LocalServer, tmp_path: Path) -> None:
    calls: list[int] = []

    def flaky(_seen: object) -> Reply:
        calls.append(1)
        return Reply(status=408) if len(calls) < 3 else Reply(body=b"ok")

    server.route("/t", flaky)
    with make_client(tmp_path) as client:
        assert client.get(server.url("/t")).attempts == 3

    # A closed port: connection refused on every try, then a clear error.
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    with make_client(tmp_path / "n", max_tries=3) as client:
        with pytest.raises(RetriesExhausted) as err:
            client.get(f"http://127.0.0.1:{port}/x")
        assert "ConnectError" in str(err.value)


# -- concurrency and pacing ----------------------------------------------------------------


@pytest.mark.parametrize("limit", [1, 2])
def test_never_more_than_limit_in_flight_per_host(
    server: LocalServer, tmp_path: Path, limit: int
) -> None:
    for i in range(8):
        server.route(f"/p{i}", Reply(body=b"x" * 100, delay_s=0.05))
    errors: list[BaseException] = []
    # The real clock: the requests must really overlap in time for the count to mean anything.
    config = ClientConfig(
        allowed_hosts=frozenset({"127.0.0.1"}),
        cache_dir=tmp_path / "cache",
        min_interval_s=0.0,
        jitter_s=0.0,
        max_in_flight_per_host=limit,
    )
    with PoliteClient(config) as client:

        def fetch(i: int) -> None:
            try:
                client.get(server.url(f"/p{i}"))
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=fetch, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors
    assert server.max_in_flight == limit


def test_min_interval_with_jitter_between_requests(server: LocalServer, tmp_path: Path) -> None:
    for p in ("/a", "/b", "/c"):
        server.route(p, Reply(body=b"."))
    clock = FakeClock()
    with make_client(tmp_path, clock=clock, min_interval_s=2.0, jitter_s=1.0) as client:
        for p in ("/a", "/b", "/c"):
            client.get(server.url(p))
    waits = [s for s in clock.sleeps if s > 0]
    # robots.txt, /a, /b, /c: three waits, each the interval plus up to a second of jitter.
    assert len(waits) == 3
    assert all(2.0 <= w <= 3.0 for w in waits)


# -- allowlist ----------------------------------------------------------------------------


def test_host_outside_allowlist_refused_before_any_request(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/doc", Reply(body=b"x"))
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, content=b"")

    config = ClientConfig(allowed_hosts=frozenset({"localhost"}), cache_dir=tmp_path / "c")
    with PoliteClient(config, transport=httpx.MockTransport(record)) as client:
        with pytest.raises(HostNotAllowed):
            client.get(server.url("/doc"))
        with pytest.raises(HostNotAllowed):
            client.get("https://evil.example.org/robots.txt")
        with pytest.raises(HostNotAllowed):
            client.get("file:///etc/passwd")
    assert sent == []
    with (
        make_client(tmp_path / "real", hosts=frozenset({"localhost"})) as client,
        pytest.raises(HostNotAllowed),
    ):
        client.get(server.url("/doc"))
    assert server.paths() == []


def test_redirect_to_undeclared_host_is_refused(server: LocalServer, tmp_path: Path) -> None:
    server.route("/jump", Reply(status=302, headers={"Location": "http://example.org/x"}))
    server.route("/hop", Reply(status=301, headers={"Location": "/land"}))
    server.route("/land", Reply(body=b"landed"))
    with make_client(tmp_path) as client:
        with pytest.raises(HostNotAllowed):
            client.get(server.url("/jump"))
        result = client.get(server.url("/hop"))
    assert result.read_bytes() == b"landed"
    assert result.final_url.endswith("/land")


def test_allowlist_suffix_patterns() -> None:
    from scrapers.http import HostAllowlist

    allow = HostAllowlist(["*.ohchr.org", "hudoc.echr.coe.int", "127.0.0.1:8080"])
    assert allow.check("https://juris.ohchr.org/casedetails/1/en-US") == "juris.ohchr.org"
    assert allow.check("https://hudoc.echr.coe.int/app/query") == "hudoc.echr.coe.int"
    assert allow.check("http://127.0.0.1:8080/x") == "127.0.0.1:8080"
    for bad in ("https://ohchr.org/", "https://evilohchr.org/", "http://127.0.0.1:8081/"):
        with pytest.raises(HostNotAllowed):
            allow.check(bad)


# -- identity -----------------------------------------------------------------------------


def test_user_agent_names_us_and_a_configurable_contact(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/doc", Reply(body=b"x"))
    with make_client(tmp_path, contact="ops@example.net") as client:
        client.get(server.url("/doc"))
    seen = next(s for s in server.log if s.path == "/doc")
    assert seen.headers["user-agent"].startswith("ConcordiaBot/0.1 (+https://")
    assert "contact: ops@example.net" in seen.headers["user-agent"]
    assert seen.headers["from"] == "ops@example.net"
