"""Settings of the Elasticsearch backend (plain values; `api.settings` fills them)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from indexer.errors import ConfigError

_ALIAS_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,200}$")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True, slots=True)
class ElasticsearchConfig:
    """Where the cluster is, how to authenticate, how to shape and fill the index.

    `index` is the alias that searches and writes go through; the concrete
    indices behind it are named `<index>-<timestamp>` and replaced by rebuilds.
    Credentials: `api_key` (the base64 "id:key" form Elasticsearch returns as
    `encoded`) or `username` + `password`, not both. TLS: certificates are
    verified by default for https URLs; `ca_certs` names a PEM bundle for a
    private CA; `verify_certs=False` turns verification off (never in production).
    """

    url: str = "http://127.0.0.1:9200"
    index: str = "concordia"
    api_key: str | None = None
    username: str | None = None
    password: str | None = None
    ca_certs: str | None = None
    verify_certs: bool = True
    shards: int = 1
    replicas: int = 0
    request_timeout: float = 10.0
    max_retries: int = 2
    # Bulk indexing: bounded chunks, retried with exponential backoff on 429.
    bulk_docs: int = 500
    bulk_bytes: int = 8 * 1024 * 1024
    bulk_retries: int = 6
    bulk_initial_backoff: float = 0.5
    bulk_max_backoff: float = 30.0
    # Vector search: candidates examined per shard by HNSW (more = closer to exact);
    # collections of at most `exact_max` documents are searched exhaustively.
    num_candidates: int = 1000
    exact_max: int = 10_000
    hnsw_m: int = 16
    hnsw_ef_construction: int = 100
    refresh_interval: str = "1s"
    # Seconds a replaced index stays after the alias swap, for searches in flight.
    rebuild_drain_seconds: float = 1.0

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"CONCORDIA_ES_URL must be an http(s) URL, not {self.url!r}")
        if not _ALIAS_RE.match(self.index) or self.index in (".", ".."):
            raise ConfigError(
                f"CONCORDIA_ES_INDEX {self.index!r}: use lowercase letters, digits, '-', '_', '.'"
            )
        if self.api_key and (self.username or self.password):
            raise ConfigError(
                "set either CONCORDIA_ES_API_KEY or CONCORDIA_ES_USERNAME/PASSWORD, not both"
            )
        if bool(self.username) != bool(self.password):
            raise ConfigError("CONCORDIA_ES_USERNAME and CONCORDIA_ES_PASSWORD go together")
        if self.ca_certs and not Path(self.ca_certs).is_file():
            raise ConfigError(f"CONCORDIA_ES_CA_CERTS: no such file {self.ca_certs}")
        if self.shards < 1 or self.replicas < 0:
            raise ConfigError("CONCORDIA_ES_SHARDS must be >= 1 and CONCORDIA_ES_REPLICAS >= 0")
        if self.bulk_docs < 1 or self.bulk_bytes < 1024:
            raise ConfigError("bulk chunk limits are too small")
        if not 1 <= self.num_candidates <= 10_000:
            raise ConfigError("num_candidates must be between 1 and 10000")
        if not 0 <= self.exact_max <= 10_000:
            raise ConfigError("exact_max must be between 0 and 10000")

    @property
    def https(self) -> bool:
        return urlsplit(self.url).scheme == "https"

    @property
    def auth_mode(self) -> str:
        if self.api_key:
            return "api_key"
        if self.username:
            return "basic"
        return "none"

    def redacted_url(self) -> str:
        """The URL without any user:password part (for messages and logs)."""
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{host}{port}{parts.path}"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ElasticsearchConfig:
        """Read CONCORDIA_ES_* variables; unset ones keep their defaults."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        strings = {
            "CONCORDIA_ES_URL": "url",
            "CONCORDIA_ES_INDEX": "index",
            "CONCORDIA_ES_API_KEY": "api_key",
            "CONCORDIA_ES_USERNAME": "username",
            "CONCORDIA_ES_PASSWORD": "password",
            "CONCORDIA_ES_CA_CERTS": "ca_certs",
        }
        for var, name in strings.items():
            if env.get(var):
                values[name] = env[var]
        for var, name in (("CONCORDIA_ES_SHARDS", "shards"), ("CONCORDIA_ES_REPLICAS", "replicas")):
            if env.get(var):
                try:
                    values[name] = int(env[var])
                except ValueError as exc:
                    raise ConfigError(f"{var} must be an integer, not {env[var]!r}") from exc
        raw = env.get("CONCORDIA_ES_VERIFY_CERTS")
        if raw:
            if raw.lower() in _TRUE:
                values["verify_certs"] = True
            elif raw.lower() in _FALSE:
                values["verify_certs"] = False
            else:
                raise ConfigError(f"CONCORDIA_ES_VERIFY_CERTS must be true or false, not {raw!r}")
        return cls(**values)  # type: ignore[arg-type]


class _SettingsLike(Protocol):
    """The Elasticsearch part of `api.settings.Settings` (duck-typed: indexer never
    imports api)."""

    es_url: str
    es_index: str
    es_api_key: Any
    es_username: str | None
    es_password: Any
    es_ca_certs: Any
    es_verify_certs: bool
    es_shards: int
    es_replicas: int


def _secret(value: Any) -> str | None:
    if value is None:
        return None
    getter = getattr(value, "get_secret_value", None)
    return str(getter() if callable(getter) else value) or None


def config_from_settings(settings: _SettingsLike) -> ElasticsearchConfig:
    values: dict[str, Any] = {
        "url": settings.es_url,
        "index": settings.es_index,
        "api_key": _secret(settings.es_api_key),
        "username": settings.es_username or None,
        "password": _secret(settings.es_password),
        "ca_certs": str(settings.es_ca_certs) if settings.es_ca_certs else None,
        "verify_certs": bool(settings.es_verify_certs),
        "shards": int(settings.es_shards),
        "replicas": int(settings.es_replicas),
    }
    timeout = getattr(settings, "es_timeout_s", None)
    if timeout is not None:
        values["request_timeout"] = float(timeout)
    return ElasticsearchConfig(**values)
