"""Errors raised by the scrapers.

One small tree so a crawler can catch ``ScraperError`` to keep a batch going while still
telling a refusal by policy (allowlist, robots.txt) apart from a failure of the remote site.
"""

from __future__ import annotations


class ScraperError(Exception):
    """Base of every error the scrapers raise on purpose."""


class PolicyError(ScraperError):
    """A request was refused by our own politeness policy; nothing was sent."""


class HostNotAllowed(PolicyError):
    """The URL's host is not one a source declared, so we never contact it."""

    def __init__(self, url: str, host: str) -> None:
        super().__init__(f"host {host!r} is not in the allowlist (url: {url})")
        self.url = url
        self.host = host


class DisallowedByRobots(PolicyError):
    """The site's robots.txt forbids our User-Agent from fetching this URL."""

    def __init__(self, url: str, user_agent: str) -> None:
        super().__init__(f"robots.txt disallows {url} for {user_agent!r}")
        self.url = url
        self.user_agent = user_agent


class FetchError(ScraperError):
    """The remote side did not give us a usable response."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{message} (url: {url})")
        self.url = url


class HTTPStatusError(FetchError):
    """A final, non-retryable HTTP status (e.g. 404, 403, 410)."""

    def __init__(self, url: str, status: int) -> None:
        super().__init__(url, f"HTTP {status}")
        self.status = status


class RetriesExhausted(FetchError):
    """Every allowed attempt failed with a retryable status or a network error."""

    def __init__(self, url: str, attempts: int, last: str) -> None:
        super().__init__(url, f"gave up after {attempts} attempts; last: {last}")
        self.attempts = attempts
        self.last = last


class RetryAfterTooLong(FetchError):
    """The server asked us to wait longer than we are configured to; we stop rather than
    hammer it early or block a crawl for hours."""

    def __init__(self, url: str, wait_s: float, max_wait_s: float) -> None:
        super().__init__(
            url, f"server asked to retry after {wait_s:.0f}s, more than the {max_wait_s:.0f}s cap"
        )
        self.wait_s = wait_s
        self.max_wait_s = max_wait_s


class MissingToolError(ScraperError):
    """A system tool the code shells out to is not installed."""

    def __init__(self, tool: str, hint: str) -> None:
        super().__init__(f"required tool {tool!r} was not found on PATH; {hint}")
        self.tool = tool
