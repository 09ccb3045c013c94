"""African Court on Human and Peoples' Rights: judgments, rulings and orders, from
AfricanLII (see `africanlii` for the interface: listing ``/en/judgments/AfCHPR/``, AKN
pages ``/en/akn/aa-au/judgment/afchpr/{year}/{n}/eng@{date}``, ``source.pdf``).

Quirks: a ruling on provisional measures or an order is a *decision*, a judgment on the
merits or reparations a *judgment*: the first pages say which ("RULING", "ORDER"); the
parties are "X v Republic of Kenya" (the State is found without "Republic of"); the
applicant is often the African Commission itself.
"""

from __future__ import annotations

import re
from typing import Any

from scrapers.sources.africanlii import HOST, AfricanLii
from scrapers.sources.base import DocumentRef, SourceInfo

AKN_LINK_RE = re.compile(
    r'href="(/en/akn/aa-au/judgment/afchpr/\d{4}/\d+/[a-z]{3}@[\d-]+)"[^>]*>\s*([^<]+)<'
)
RULING_RE = re.compile(r"\b(?:RULING|ORDER|DECISION)\b")


class AfChpr(AfricanLii):
    info = SourceInfo(
        name="afchpr",
        mechanism="African Court on Human and Peoples' Rights: judgments, rulings, orders",
        bodies=("AFCHPR",),
        interface="AfricanLII HTML listing + AKN judgment page + source PDF",
        hosts=(HOST,),
        licence="African Court on Human and Peoples' Rights judgment (public), via AfricanLII",
    )
    court = "AfCHPR"
    body = "AFCHPR"
    link_re = AKN_LINK_RE

    def case_fields(self, ref: DocumentRef, page: dict[str, str]) -> dict[str, Any]:
        title = page.get("title") or ref.title or ""
        ruling = bool(RULING_RE.search(title.upper())) and "JUDGMENT" not in title.upper()
        return {"kind": "decision" if ruling else "judgment"}
