"""Settings of the polite client.

Defaults are deliberately slow: the sources are public-service sites run on small budgets,
and an index that is a day late costs less than a mechanism that blocks us.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_BOT_NAME = "ConcordiaBot"
DEFAULT_BOT_VERSION = "0.1"
DEFAULT_BOT_URL = "https://github.com/concordia-hr"
DEFAULT_CONTACT = "data@concordia.example"


def build_user_agent(
    contact: str = DEFAULT_CONTACT,
    *,
    name: str = DEFAULT_BOT_NAME,
    version: str = DEFAULT_BOT_VERSION,
    url: str = DEFAULT_BOT_URL,
) -> str:
    """A User-Agent that tells a site operator who we are and how to reach us."""
    return f"{name}/{version} (+{url}; contact: {contact})"


@dataclass(frozen=True)
class ClientConfig:
    """Everything the client's politeness depends on.

    ``allowed_hosts`` holds exact host names, or suffix patterns written ``*.example.org``
    (which match the subdomains, not ``example.org`` itself). An entry with a port
    (``127.0.0.1:8080``) matches only that port; one without matches any port.
    """

    allowed_hosts: frozenset[str]
    cache_dir: Path
    contact: str = DEFAULT_CONTACT
    user_agent: str | None = None
    min_interval_s: float = 2.0
    jitter_s: float = 1.0
    max_in_flight_per_host: int = 1
    max_tries: int = 4
    backoff_base_s: float = 2.0
    backoff_cap_s: float = 60.0
    max_retry_after_s: float = 300.0
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 60.0
    respect_robots: bool = True
    max_crawl_delay_s: float = 60.0
    extra_headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.max_in_flight_per_host < 1:
            raise ValueError("max_in_flight_per_host must be at least 1")
        if self.max_tries < 1:
            raise ValueError("max_tries must be at least 1")
        if self.min_interval_s < 0 or self.jitter_s < 0:
            raise ValueError("intervals must not be negative")

    @property
    def effective_user_agent(self) -> str:
        """The explicit User-Agent if one was given, else ours with the configured contact."""
        return self.user_agent or build_user_agent(self.contact)
