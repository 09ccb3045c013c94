"""ECOWAS Community Court of Justice: judgments in its human-rights jurisdiction (and
others), from AfricanLII (see `africanlii`: listing ``/en/judgments/ECOWASCJ/``, AKN
pages ``/en/akn/aa/judgment/ecowascj/{year}/{n}/eng@{date}``, ``source.pdf``).

Quirks: the PDFs are scans put through OCR ("COURT OF nJSTICE"), so fragments of noise
too short to be paragraphs are dropped and the rest kept as read; the case number field
holds the application and the judgment numbers ("ECW/CCJ/APP/16/23; ECW/CCJ/JUD/40/25");
the respondent may be the ECOWAS Commission rather than a State.
"""

from __future__ import annotations

import re
from typing import Any

from scrapers.sources.africanlii import HOST, AfricanLii
from scrapers.sources.base import DocumentRef, SourceInfo

AKN_LINK_RE = re.compile(
    r'href="(/en/akn/aa/judgment/ecowascj/\d{4}/\d+/[a-z]{3}@[\d-]+)"[^>]*>\s*([^<]+)<'
)


class Ecowas(AfricanLii):
    info = SourceInfo(
        name="ecowas",
        mechanism="ECOWAS Community Court of Justice: judgments",
        bodies=("ECOWAS-CCJ",),
        interface="AfricanLII HTML listing + AKN judgment page + source PDF",
        hosts=(HOST,),
        licence="ECOWAS Court judgment (public), via AfricanLII",
    )
    court = "ECOWASCJ"
    body = "ECOWAS-CCJ"
    link_re = AKN_LINK_RE

    def case_fields(self, ref: DocumentRef, page: dict[str, str]) -> dict[str, Any]:
        return {"kind": "judgment"}
