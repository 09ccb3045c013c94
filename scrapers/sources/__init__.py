"""Source connectors: one module per mechanism's own interface, and their registry.

``SOURCES`` maps a registry name to its connector class; ``concordia sources`` prints it
and ``concordia crawl NAME`` runs one. Every connector declares the hosts it may contact
(`SourceInfo.hosts`): the polite client's allowlist is built from exactly these, so a
connector cannot reach a site nobody reviewed. See `scrapers.sources.base` for the
contract and `scrapers.sources.crawl` for the incremental, resumable crawl loop.
"""

from __future__ import annotations

from pathlib import Path

from scrapers.sources.afchpr import AfChpr
from scrapers.sources.base import FIXTURES_DIR, GOLDEN_DIR, Connector, SourceInfo
from scrapers.sources.ecowas import Ecowas
from scrapers.sources.hudoc import Hudoc
from scrapers.sources.hudoc_cpt import HudocCpt
from scrapers.sources.hudoc_esc import HudocEsc
from scrapers.sources.hudoc_exec import HudocExec
from scrapers.sources.iachr import Iachr
from scrapers.sources.iacthr import Iacthr
from scrapers.sources.ihrda import Ihrda
from scrapers.sources.ohchr_juris import OhchrJuris
from scrapers.sources.sp_communications import SpCommunications
from scrapers.sources.tb_documents import TbDocuments
from scrapers.sources.uhri import Uhri
from scrapers.sources.un_documents import UnDocuments
from scrapers.sources.upr_info_db import UprInfoDb

__all__ = ["SOURCES", "Connector", "SourceInfo", "fixture_status", "get_source"]

SOURCES: dict[str, type[Connector]] = {
    cls.info.name: cls
    for cls in (
        Uhri,
        UprInfoDb,
        OhchrJuris,
        TbDocuments,
        UnDocuments,
        SpCommunications,
        Hudoc,
        HudocEsc,
        HudocExec,
        HudocCpt,
        Iachr,
        Iacthr,
        Ihrda,
        AfChpr,
        Ecowas,
    )
}


def get_source(name: str) -> type[Connector]:
    try:
        return SOURCES[name]
    except KeyError:
        raise KeyError(f"unknown source {name!r}; known: {', '.join(SOURCES)}") from None


def fixture_status(name: str, fixtures: Path = FIXTURES_DIR, golden: Path = GOLDEN_DIR) -> str:
    """How the source is proven offline: its recording's origin, or what is missing."""
    import json

    recording = fixtures / name / "recording.json"
    if not recording.is_file():
        return "MISSING recording"
    origin = str(json.loads(recording.read_text(encoding="utf-8")).get("origin", "?"))
    if not (golden / f"{name}.json").is_file():
        return f"{origin}, MISSING golden"
    return origin
