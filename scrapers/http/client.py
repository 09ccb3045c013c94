"""The one HTTP client every connector uses.

Each request passes the same gates in the same order, so no connector can forget one:
allowlist (before anything leaves the machine), robots.txt (fetched once per host), the
per-host pacing and in-flight cap, then the request itself with bounded retries. GET
responses go to the on-disk cache with their validators, and the next GET of the same URL
is conditional, so an unchanged document costs one small 304.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import urljoin

import httpx

from scrapers.http.cache import CacheEntry, ResponseCache, StoredBody
from scrapers.http.clock import Clock, SystemClock
from scrapers.http.config import ClientConfig
from scrapers.http.errors import (
    FetchError,
    HTTPStatusError,
    RetriesExhausted,
    RetryAfterTooLong,
)
from scrapers.http.hosts import HostAllowlist
from scrapers.http.ratelimit import HostGate
from scrapers.http.result import FetchResult
from scrapers.http.retry import backoff_delay, is_retryable_status, parse_retry_after
from scrapers.http.robots import RobotsPolicy, RobotsResponse

MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
KEPT_HEADERS = ("content-type", "etag", "last-modified", "content-language", "date")


class FormBody(dict[str, str]):
    """A POST body sent form-encoded instead of as JSON."""


@dataclass
class ClientStats:
    """Counters a crawl summary can print."""

    requests: int = 0
    retries: int = 0
    not_modified: int = 0
    robots_fetches: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def bump(self, name: str, by: int = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + by)


@dataclass(frozen=True)
class _Outcome:
    """One completed exchange: final status, headers, and the body if we kept one."""

    url: str
    status: int
    headers: httpx.Headers
    stored: StoredBody | None
    attempts: int


class PoliteClient:
    """Polite, cached, thread-safe HTTP access for the connectors."""

    def __init__(
        self,
        config: ClientConfig,
        *,
        clock: Clock | None = None,
        transport: httpx.BaseTransport | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self.clock: Clock = clock or SystemClock()
        self._rng = rng or random.Random()
        self._rng_lock = threading.Lock()
        self.allowlist = HostAllowlist(config.allowed_hosts)
        self.cache = ResponseCache(config.cache_dir)
        self.gate = HostGate(
            self.clock,
            min_interval_s=config.min_interval_s,
            jitter_s=config.jitter_s,
            max_in_flight=config.max_in_flight_per_host,
            rng=self._rng,
        )
        self.robots = RobotsPolicy(config.effective_user_agent, self._fetch_robots)
        self._delay_applied: set[str] = set()
        self._delay_lock = threading.Lock()
        self.stats = ClientStats()
        headers = {"User-Agent": config.effective_user_agent, "From": config.contact}
        headers.update(config.extra_headers)
        self._http = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(config.read_timeout_s, connect=config.connect_timeout_s),
            follow_redirects=False,
            transport=transport,
        )

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self._http.close()
        self.cache.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- public API ------------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
        conditional: bool = True,
    ) -> FetchResult:
        """GET ``url`` politely; the body is in the cache, see ``FetchResult``.

        With ``conditional`` (the default) a URL fetched before is revalidated with
        If-None-Match / If-Modified-Since, and a 304 hands back the cached body.
        """
        full_url = str(httpx.URL(url, params=params)) if params else url
        cached = self.cache.get(full_url)
        extra = dict(headers or {})
        if conditional and cached is not None:
            if cached.etag:
                extra["If-None-Match"] = cached.etag
            if cached.last_modified:
                extra["If-Modified-Since"] = cached.last_modified
        outcome = self._exchange("GET", full_url, extra, None)
        now = self.clock.time()
        if outcome.status == 304:
            if cached is None:
                raise FetchError(full_url, "HTTP 304 for a URL we hold no cached copy of")
            self.stats.bump("not_modified")
            self.cache.touch(full_url, now)
            return FetchResult(
                url=full_url,
                final_url=outcome.url,
                status=304,
                headers=cached.headers,
                body_path=self.cache.blob_path(cached.sha256),
                sha256=cached.sha256,
                size=self.cache.blob_path(cached.sha256).stat().st_size,
                unchanged=True,
                not_modified=True,
                fetched_at=cached.fetched_at,
                attempts=outcome.attempts,
            )
        stored = _require_body(full_url, outcome)
        kept = _kept_headers(outcome.headers)
        self.cache.put(
            CacheEntry(
                url=full_url,
                sha256=stored.sha256,
                status=outcome.status,
                etag=outcome.headers.get("etag"),
                last_modified=outcome.headers.get("last-modified"),
                content_type=outcome.headers.get("content-type"),
                headers=kept,
                fetched_at=now,
                validated_at=now,
            )
        )
        return FetchResult(
            url=full_url,
            final_url=outcome.url,
            status=outcome.status,
            headers=kept,
            body_path=stored.path,
            sha256=stored.sha256,
            size=stored.size,
            unchanged=cached is not None and cached.sha256 == stored.sha256,
            not_modified=False,
            fetched_at=now,
            attempts=outcome.attempts,
        )

    def post_json(
        self,
        url: str,
        payload: Any,
        *,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str | int] | None = None,
    ) -> FetchResult:
        """POST a JSON query (search APIs such as UHRI's); never conditional.

        The sources' POST endpoints are read-only searches, so retrying them is safe.
        """
        full_url = str(httpx.URL(url, params=params)) if params else url
        outcome = self._exchange("POST", full_url, dict(headers or {}), payload)
        stored = _require_body(full_url, outcome)
        return FetchResult(
            url=full_url,
            final_url=outcome.url,
            status=outcome.status,
            headers=_kept_headers(outcome.headers),
            body_path=stored.path,
            sha256=stored.sha256,
            size=stored.size,
            unchanged=False,
            not_modified=False,
            fetched_at=self.clock.time(),
            attempts=outcome.attempts,
        )

    def post_form(
        self,
        url: str,
        form: Mapping[str, str],
        *,
        headers: Mapping[str, str] | None = None,
    ) -> FetchResult:
        """POST an HTML form (a site whose listing is a form post, such as the IACtHR's);
        never conditional, and only for read-only searches, like ``post_json``."""
        return self.post_json(url, FormBody(form), headers=headers)

    # -- the gates -------------------------------------------------------------------------

    def _admit(self, url: str) -> str:
        """Allowlist then robots.txt; returns the host key. Nothing is sent for a refusal."""
        host = self.allowlist.check(url)
        if self.config.respect_robots:
            self.robots.check(host, url)
            self._apply_crawl_delay(host, url)
        return host

    def _apply_crawl_delay(self, host: str, url: str) -> None:
        with self._delay_lock:
            if host in self._delay_applied:
                return
            self._delay_applied.add(host)
        delay = self.robots.crawl_delay(host, url)
        if delay is not None:
            self.gate.slow_down(host, min(delay, self.config.max_crawl_delay_s))

    def _exchange(self, method: str, url: str, headers: dict[str, str], payload: Any) -> _Outcome:
        """Send, following redirects hop by hop so every hop passes the gates again."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            host = self._admit(current)
            outcome = self._send_with_retries(method, current, host, headers, payload)
            if outcome.status not in REDIRECT_STATUSES:
                return outcome
            location = outcome.headers.get("location")
            if not location:
                raise FetchError(current, f"HTTP {outcome.status} without a Location header")
            current = urljoin(current, location)
            if outcome.status == 303:
                method, payload = "GET", None
            # Validators belong to the URL we asked for, not to the redirect target.
            headers = {
                k: v
                for k, v in headers.items()
                if k.lower() not in ("if-none-match", "if-modified-since")
            }
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def _send_with_retries(
        self, method: str, url: str, host: str, headers: dict[str, str], payload: Any
    ) -> _Outcome:
        last = ""
        for attempt in range(1, self.config.max_tries + 1):
            if attempt > 1:
                self.stats.bump("retries")
            try:
                status, resp_headers, stored = self._send_once(method, url, host, headers, payload)
            except httpx.TransportError as exc:
                last = f"{type(exc).__name__}: {exc}"
                self._back_off(host, attempt, None, url)
                continue
            if is_retryable_status(status):
                last = f"HTTP {status}"
                retry_after = parse_retry_after(resp_headers.get("retry-after"), self.clock.time())
                self._back_off(host, attempt, retry_after, url)
                continue
            if status in REDIRECT_STATUSES or status == 304 or 200 <= status < 300:
                return _Outcome(url, status, resp_headers, stored, attempt)
            raise HTTPStatusError(url, status)
        raise RetriesExhausted(url, self.config.max_tries, last)

    def _back_off(self, host: str, attempt: int, retry_after: float | None, url: str) -> None:
        """Push the host's next start back; the next ``slot()`` does the actual waiting."""
        if retry_after is not None and retry_after > self.config.max_retry_after_s:
            raise RetryAfterTooLong(url, retry_after, self.config.max_retry_after_s)
        if attempt >= self.config.max_tries:
            return
        if retry_after is not None:
            wait = retry_after
        else:
            with self._rng_lock:
                wait = backoff_delay(
                    attempt,
                    base_s=self.config.backoff_base_s,
                    cap_s=self.config.backoff_cap_s,
                    rng=self._rng,
                )
        self.gate.defer(host, wait)

    def _send_once(
        self, method: str, url: str, host: str, headers: dict[str, str], payload: Any
    ) -> tuple[int, httpx.Headers, StoredBody | None]:
        """One request inside the host's slot; a 2xx body streams straight to the cache."""
        if isinstance(payload, FormBody):
            request = self._http.build_request(method, url, headers=headers, data=dict(payload))
        else:
            request = self._http.build_request(
                method, url, headers=headers, json=payload if payload is not None else None
            )
        with self.gate.slot(host):
            self.stats.bump("requests")
            response = self._http.send(request, stream=True)
            try:
                stored = None
                if 200 <= response.status_code < 300:
                    stored = self.cache.store_stream(response.iter_bytes())
                else:
                    response.read()
                return response.status_code, response.headers, stored
            finally:
                response.close()

    def _fetch_robots(self, robots_txt_url: str) -> RobotsResponse:
        """Fetch robots.txt through the same pacing and retries, but never through robots."""
        self.stats.bump("robots_fetches")
        current = robots_txt_url
        for _ in range(MAX_REDIRECTS + 1):
            host = self.allowlist.check(current)
            try:
                outcome = self._send_with_retries("GET", current, host, {}, None)
            except HTTPStatusError as exc:
                if 400 <= exc.status < 500:
                    return RobotsResponse(status=exc.status, body=b"")
                raise
            if outcome.status in REDIRECT_STATUSES:
                location = outcome.headers.get("location")
                if not location:
                    return RobotsResponse(status=404, body=b"")
                current = urljoin(current, location)
                continue
            body = outcome.stored.path.read_bytes() if outcome.stored else b""
            return RobotsResponse(status=outcome.status, body=body)
        return RobotsResponse(status=404, body=b"")


def _require_body(url: str, outcome: _Outcome) -> StoredBody:
    if outcome.stored is None:
        raise FetchError(url, f"HTTP {outcome.status} without a body")
    return outcome.stored


def _kept_headers(headers: httpx.Headers) -> dict[str, str]:
    return {name: headers[name] for name in KEPT_HEADERS if name in headers}
