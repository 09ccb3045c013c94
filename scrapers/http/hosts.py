"""The host allowlist.

A connector declares the hosts it talks to; anything else (a redirect, a link in a page,
a typo) is refused before a socket is opened, so a crawl can never wander onto a site
nobody reviewed.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from scrapers.http.errors import HostNotAllowed

DEFAULT_PORTS = {"http": 80, "https": 443}


def host_key(url: str) -> str:
    """The key that rate limits, robots.txt and the allowlist are kept per: host[:port]."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise HostNotAllowed(url, parts.netloc or "<none>")
    host = parts.hostname.lower().rstrip(".")
    port = parts.port
    if port is None or port == DEFAULT_PORTS[parts.scheme]:
        return host
    return f"{host}:{port}"


class HostAllowlist:
    """Exact hosts, ``host:port`` pairs and ``*.suffix`` patterns."""

    def __init__(self, entries: Iterable[str]) -> None:
        self._exact: set[str] = set()
        self._suffixes: list[str] = []
        for raw in entries:
            entry = raw.strip().lower().rstrip(".")
            if not entry:
                continue
            if entry.startswith("*."):
                self._suffixes.append(entry[1:])
            else:
                self._exact.add(entry)

    def check(self, url: str) -> str:
        """Return the URL's host key, or raise ``HostNotAllowed``."""
        key = host_key(url)
        host = key.split(":", 1)[0]
        if key in self._exact or host in self._exact:
            return key
        if ":" not in key and any(host.endswith(sfx) for sfx in self._suffixes):
            return key
        raise HostNotAllowed(url, key)
