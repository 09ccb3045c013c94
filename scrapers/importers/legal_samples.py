"""``legal-sources-samples``: sample records of 16 legal sources, one adapter per folder.

The dataset (github.com/worldwidelaw/legal-sources, ``sources/<SRC>/sample/*.json``)
holds one JSON object per document with a full text and source-specific metadata. The
adapters live by family in `legal_un`, `legal_coe` and `legal_intl`; this table says
which folder each reads. The order matters once: TreatyBodyJuris runs before OHCHR-Juris
so that the three decisions both scraped come out with the same paragraph texts.

Known defects handled (ENDPOINTS.md, "Known defects"): OHCHR-Juris UTF-16LE text
(`utf16_repair`), HUDOC ``application_number`` junk (number from the ECLI), IACHR
records stored twice with a repeated header, IACtHR Spanish text under English titles,
ECOWAS OCR noise, UHRI annotations that are whole paragraphs already, and one
TreatyBodyDB record that holds a Word file's bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from indexer.pipeline import Item
from scrapers.importers import legal_coe, legal_intl, legal_un
from scrapers.importers.legal_common import DEFAULT_PATH, SharedTexts

__all__ = ["ADAPTERS", "DEFAULT_PATH", "iter_items"]

Adapter = Callable[[Path, SharedTexts], Iterator[Item]]

ADAPTERS: tuple[tuple[str, Adapter], ...] = (
    ("UN/UHRI", lambda root, _: legal_un.uhri(root)),
    ("UN/TreatyBodyDB", lambda root, _: legal_un.treatybody_db(root)),
    ("UN/TreatyBodyJuris", legal_un.treatybody_juris),
    ("UN/OHCHR-Juris", legal_un.ohchr_juris),
    ("UN/UPRDocuments", lambda root, _: legal_un.upr_documents(root)),
    ("UN/ODS", lambda root, _: legal_un.ods(root)),
    ("UN/DigitalLibrary", lambda root, _: legal_un.digital_library(root)),
    ("CoE/HUDOC", lambda root, _: legal_coe.hudoc(root)),
    ("CoE/HUDOC-ESC", lambda root, _: legal_coe.hudoc_esc(root)),
    ("CoE/HUDOCExec", lambda root, _: legal_coe.hudoc_exec(root)),
    ("CoE/CPTReports", lambda root, _: legal_coe.cpt_reports(root)),
    ("INTL/AfCHPR", lambda root, _: legal_intl.afchpr(root)),
    ("INTL/IHRDA-AfricanCL", lambda root, _: legal_intl.ihrda(root)),
    ("INTL/IACHR-Commission", lambda root, _: legal_intl.iachr(root)),
    ("INTL/IACtHR", lambda root, _: legal_intl.iacthr(root)),
    ("INTL/ECOWASCJ", lambda root, _: legal_intl.ecowas(root)),
)
"""(folder, adapter) for every folder of the dataset, in the order they are read."""


def iter_items(root: Path, folders: tuple[str, ...] | None = None) -> Iterator[Item]:
    """Candidates of every folder (or of ``folders`` only)."""
    shared = SharedTexts()
    for folder, adapter in ADAPTERS:
        if folders is None or folder in folders:
            yield from adapter(root, shared)
