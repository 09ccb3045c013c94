"""A small error tree: callers catch `ConcordiaError`, the API maps each branch
to one HTTP status with a message a user can act on."""

from __future__ import annotations


class ConcordiaError(Exception):
    """Base of every error Concordia raises on purpose."""


class BadQuery(ConcordiaError):
    """The request cannot be answered as asked (HTTP 400)."""


class NotFound(ConcordiaError):
    """No record has this id (HTTP 404)."""


class BackendUnavailable(ConcordiaError):
    """The search engine cannot be reached or refused to answer (HTTP 503)."""


class IndexCorrupt(ConcordiaError):
    """A derived index disagrees with the store; rebuild it from the store."""


class ConfigError(ConcordiaError):
    """Settings are missing, contradictory or unsafe."""
