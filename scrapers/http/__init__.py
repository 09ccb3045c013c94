"""Polite HTTP access for every Concordia connector.

Use ``PoliteClient(ClientConfig(allowed_hosts=..., cache_dir=...))`` and call ``get`` or
``post_json``. See ``client.py`` for the order of the gates a request passes.
"""

from scrapers.http.cache import CacheEntry, ResponseCache
from scrapers.http.client import ClientStats, PoliteClient
from scrapers.http.clock import Clock, FakeClock, SystemClock
from scrapers.http.config import ClientConfig, build_user_agent
from scrapers.http.errors import (
    DisallowedByRobots,
    FetchError,
    HostNotAllowed,
    HTTPStatusError,
    MissingToolError,
    PolicyError,
    RetriesExhausted,
    RetryAfterTooLong,
    ScraperError,
)
from scrapers.http.hosts import HostAllowlist, host_key
from scrapers.http.result import FetchResult

__all__ = [
    "CacheEntry",
    "ClientConfig",
    "ClientStats",
    "Clock",
    "DisallowedByRobots",
    "FakeClock",
    "FetchError",
    "FetchResult",
    "HTTPStatusError",
    "HostAllowlist",
    "HostNotAllowed",
    "MissingToolError",
    "PolicyError",
    "PoliteClient",
    "ResponseCache",
    "RetriesExhausted",
    "RetryAfterTooLong",
    "ScraperError",
    "SystemClock",
    "build_user_agent",
    "host_key",
]
