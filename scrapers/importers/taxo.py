"""The taxonomy as importers use it: labels to ids, UPR sessions to years.

Importers resolve what only they can resolve (a UPR Info issue label, a UNHRD
concerned-group label, a session number); countries and bodies are left to the
pipeline. A label the taxonomy does not know is kept as written, so nothing the
source said is lost and the unresolved labels can be reviewed and mapped later.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _taxonomy() -> Any:
    from indexer.taxonomy import load_taxonomy

    return load_taxonomy()


def _call(method: str, *args: object) -> Any:
    fn = getattr(_taxonomy(), method, None)
    if fn is None:
        return None
    try:
        return fn(*args)
    except (KeyError, ValueError, LookupError):
        return None


def _ident(value: Any) -> str | None:
    """An id from whatever the taxonomy returns: a string or an object with ``id``/``code``."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    for attr in ("id", "code"):
        found = getattr(value, attr, None)
        if isinstance(found, str):
            return found
    return None


@cache
def theme(label: str) -> str:
    return _ident(_call("resolve_theme", label)) or label


@cache
def affected(label: str) -> str:
    return _ident(_call("resolve_affected", label)) or label


def themes(labels: list[str]) -> list[str]:
    return list(dict.fromkeys(theme(x) for x in labels if x))


def affected_persons(labels: list[str]) -> list[str]:
    return list(dict.fromkeys(affected(x) for x in labels if x))


@cache
def upr_cycle_year(session: int) -> tuple[int | None, int | None]:
    """(cycle, year) of a UPR Working Group session, (None, None) when unknown."""
    info = _call("upr_session", session)
    if info is None:
        return None, None
    cycle = getattr(info, "cycle", None)
    year = getattr(info, "year", None)
    return (int(cycle) if cycle else None, int(year) if year else None)


@cache
def country_code(name: str) -> str | None:
    """ISO3 for a country name, for importers that must tell a State from a non-State."""
    return _ident(_call("resolve_country", name))
