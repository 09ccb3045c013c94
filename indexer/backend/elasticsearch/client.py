"""The Elasticsearch client as Concordia configures it, and its errors as ours."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlparse

from elastic_transport import ConnectionTimeout, TlsError
from elasticsearch import (
    ApiError,
    AuthenticationException,
    AuthorizationException,
    Elasticsearch,
    TransportError,
    UnsupportedProductError,
)

from indexer.backend.elasticsearch.config import ElasticsearchConfig
from indexer.errors import BackendUnavailable

P = ParamSpec("P")
R = TypeVar("R")

# Statuses that mean "the cluster cannot serve this now", not "the request is wrong".
UNAVAILABLE_STATUSES = frozenset({429, 502, 503, 504})


def make_client(config: ElasticsearchConfig) -> Elasticsearch:
    kwargs: dict[str, Any] = {
        "request_timeout": config.request_timeout,
        "max_retries": config.max_retries,
        "retry_on_timeout": True,
        # Gzip pays over a network and costs CPU on loopback: measured in the benchmark,
        # compressing bulk bodies (vectors as JSON) was most of the indexer's time when
        # the node ran on the same 2-core machine.
        "http_compress": not _loopback(config.url),
    }
    if config.api_key:
        kwargs["api_key"] = config.api_key
    elif config.username and config.password:
        kwargs["basic_auth"] = (config.username, config.password)
    if config.https:
        kwargs["verify_certs"] = config.verify_certs
        if config.ca_certs:
            kwargs["ca_certs"] = config.ca_certs
        if not config.verify_certs:
            kwargs["ssl_show_warn"] = False
    return Elasticsearch(config.url, **kwargs)


def _loopback(url: str) -> bool:
    host = (urlparse(url).hostname or "").lower()
    return host in {"localhost", "::1"} or host.startswith("127.")


def unavailable(exc: Exception, config: ElasticsearchConfig) -> BackendUnavailable | None:
    """Our error for a client error that means the cluster cannot serve us (else None)."""
    where = f"Elasticsearch at {config.redacted_url()}"
    if isinstance(exc, TlsError):
        hint = (
            "set CONCORDIA_ES_CA_CERTS to the cluster's CA certificate"
            if config.verify_certs
            else "check the cluster's TLS setup"
        )
        return BackendUnavailable(f"{where}: TLS handshake failed ({_short(exc)}); {hint}")
    if isinstance(exc, ConnectionTimeout):
        return BackendUnavailable(
            f"{where} did not answer within {config.request_timeout:g}s; the cluster is "
            "overloaded or unreachable"
        )
    if isinstance(exc, AuthenticationException):
        how = {
            "none": "it requires credentials: set CONCORDIA_ES_API_KEY or "
            "CONCORDIA_ES_USERNAME/CONCORDIA_ES_PASSWORD",
            "api_key": "it rejected CONCORDIA_ES_API_KEY",
            "basic": "it rejected CONCORDIA_ES_USERNAME/CONCORDIA_ES_PASSWORD",
        }[config.auth_mode]
        return BackendUnavailable(f"{where} refused to authenticate us (401): {how}")
    if isinstance(exc, AuthorizationException):
        return BackendUnavailable(
            f"{where}: the configured credentials lack a privilege on {config.index!r} (403): "
            f"{_short(exc)}"
        )
    if isinstance(exc, UnsupportedProductError):
        return BackendUnavailable(f"{where} is not an Elasticsearch cluster: {_short(exc)}")
    if isinstance(exc, ApiError):
        if exc.meta.status in UNAVAILABLE_STATUSES:
            return BackendUnavailable(
                f"{where} cannot serve requests now (HTTP {exc.meta.status}): {_short(exc)}"
            )
        return None
    if isinstance(exc, TransportError):  # connection refused, reset, DNS...
        return BackendUnavailable(f"{where} is unreachable: {_short(exc)}")
    return None


def _short(exc: Exception, limit: int = 300) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def guarded(method: Callable[P, R]) -> Callable[P, R]:
    """Turn connection, timeout, TLS, auth and overload errors into BackendUnavailable."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except (ApiError, TransportError, UnsupportedProductError) as exc:
            config: ElasticsearchConfig = args[0].config  # type: ignore[attr-defined]
            mapped = unavailable(exc, config)
            if mapped is None:
                raise
            raise mapped from exc

    return wrapper
