"""robots.txt, fetched once per host and obeyed.

Status handling follows RFC 9309: a 4xx robots.txt means "no rules" (crawl allowed); a
5xx or an unreachable server means we cannot know the rules, so we do not crawl that host
now (the failure is not remembered, so a later call tries again). A ``Crawl-delay`` slows
our pacing for the host, never speeds it up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from scrapers.http.errors import DisallowedByRobots


@dataclass(frozen=True)
class RobotsResponse:
    """The part of a robots.txt response the policy needs."""

    status: int
    body: bytes


RobotsFetcher = Callable[[str], RobotsResponse]


def robots_url(url: str) -> str:
    """The robots.txt URL that governs ``url``."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


class RobotsPolicy:
    """Per-host robots.txt rules, loaded lazily and at most once per host."""

    def __init__(self, user_agent: str, fetch: RobotsFetcher) -> None:
        self._user_agent = user_agent
        self._fetch = fetch
        self._parsers: dict[str, RobotFileParser] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self.fetch_count = 0

    def _lock_for(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def rules(self, host: str, url: str) -> RobotFileParser:
        """The parsed rules for ``host``, fetching robots.txt the first time only."""
        with self._lock_for(host):
            parser = self._parsers.get(host)
            if parser is not None:
                return parser
            self.fetch_count += 1
            response = self._fetch(robots_url(url))
            parser = RobotFileParser()
            if 200 <= response.status < 300:
                text = response.body.decode("utf-8", errors="replace")
                parser.parse(text.splitlines())
            else:
                # 4xx: the site publishes no rules; everything is allowed.
                parser.parse([])
            self._parsers[host] = parser
            return parser

    def check(self, host: str, url: str) -> None:
        """Raise ``DisallowedByRobots`` unless our User-Agent may fetch ``url``."""
        parser = self.rules(host, url)
        if not parser.can_fetch(self._user_agent, url):
            raise DisallowedByRobots(url, self._user_agent)

    def crawl_delay(self, host: str, url: str) -> float | None:
        """The host's Crawl-delay for our User-Agent, if it sets one."""
        delay = self.rules(host, url).crawl_delay(self._user_agent)
        return None if delay is None else float(delay)
