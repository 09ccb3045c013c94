"""Importers: every dataset in the shared data folder, and the bundled sample, as Candidates.

Each entry of `IMPORTERS` knows where its dataset usually lives (relative to the shared
data root, ``../shared/data`` from the repository) and yields `Candidate`s and `Reject`s
for `indexer.pipeline.ingest`. ``concordia ingest --dataset NAME|all`` goes through here;
``all`` means every shared dataset (`SHARED_DATASETS`), not the sample, which is a
selection from them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from indexer.pipeline import Item
from scrapers.importers import (
    egypt_matrix,
    legal_samples,
    sample,
    seeds,
    unhrd_general_comments,
    unhrd_jurisprudence,
    unhrd_special_procedures,
    upr_documents,
    upr_info,
)
from scrapers.importers.base import Importer

__all__ = ["IMPORTERS", "SHARED_DATASETS", "Importer", "iter_dataset"]

IMPORTERS: dict[str, Importer] = {
    importer.name: importer
    for importer in (
        Importer(
            name="upr-info",
            description="UPR Info export: 41,066 UPR recommendations and 947 voluntary "
            "pledges, sessions 1-20 (2008-2014)",
            default_path=upr_info.DEFAULT_PATH,
            iter_items=upr_info.iter_items,
        ),
        Importer(
            name="unhrd-jurisprudence",
            description="UNHRD: 4,335 treaty-body decisions on individual communications, "
            "152,862 paragraphs with sections (CC BY-NC-SA 4.0 curation)",
            default_path=unhrd_jurisprudence.DEFAULT_PATH,
            iter_items=unhrd_jurisprudence.iter_items,
        ),
        Importer(
            name="unhrd-general-comments",
            description="UNHRD: 180 treaty-body general comments and recommendations "
            "(CC BY-NC-SA 4.0 curation)",
            default_path=unhrd_general_comments.DEFAULT_PATH,
            iter_items=unhrd_general_comments.iter_items,
        ),
        Importer(
            name="unhrd-special-procedures",
            description="UNHRD: 162 thematic reports of the special rapporteurs on torture, "
            "health and education (CC BY-NC-SA 4.0 curation)",
            default_path=unhrd_special_procedures.DEFAULT_PATH,
            iter_items=unhrd_special_procedures.iter_items,
        ),
        Importer(
            name="legal-samples",
            description="legal-sources-samples: 16 sources (UHRI, treaty-body case law and "
            "general comments, UPR documents, GA resolutions, HUDOC, ESC, CM, CPT, African "
            "Court and Commission, IACHR, IACtHR, ECOWAS Court)",
            default_path=legal_samples.DEFAULT_PATH,
            iter_items=legal_samples.iter_items,
        ),
        Importer(
            name="seeds",
            description="The five Arabic seed documents (OHCHR, HRC, GANHRI) with English annexes",
            default_path=seeds.DEFAULT_PATH,
            iter_items=seeds.iter_items,
        ),
        Importer(
            name="upr-documents-slovenia",
            description="Slovenia's UPR reviews 1-4: 729 recommendations from the working-group "
            "reports, positions from the thematic lists (cycles 2-4) and the addendum (cycle 1)",
            default_path=upr_documents.DEFAULT_PATH,
            iter_items=upr_documents.iter_items,
        ),
        Importer(
            name="cehdi-egypt-matrix",
            description="OHCHR UPR matrix for Egypt, cycle 2 (A/HRC/28/16): 300 recommendations "
            "with recommending States, positions, rights and affected persons",
            default_path=egypt_matrix.DEFAULT_PATH,
            iter_items=egypt_matrix.iter_items,
        ),
        Importer(
            name="sample",
            description="The bundled sample corpus in data/sample (a selection of the above, "
            "works offline on a fresh clone)",
            default_path=sample.DEFAULT_PATH,
            iter_items=sample.iter_items,
            bundled=True,
        ),
    )
}

SHARED_DATASETS: tuple[str, ...] = tuple(name for name in IMPORTERS if name != "sample")
"""What ``--dataset all`` ingests: every dataset of the shared data folder."""


def iter_dataset(name: str, data_root: Path) -> Iterator[Item]:
    """Items of one dataset, or of every shared dataset for ``"all"``."""
    names = SHARED_DATASETS if name == "all" else (name,)
    for one in names:
        if one not in IMPORTERS:
            raise KeyError(f"unknown dataset {one!r}; known: {', '.join(IMPORTERS)}, all")
        yield from IMPORTERS[one].run(data_root)
