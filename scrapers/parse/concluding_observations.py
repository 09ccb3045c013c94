"""Treaty-body concluding observations (symbols like E/C.12/AUS/CO/6, CCPR/C/FRA/CO/6).

Layout, stable since the mid-2000s across committees: "A. Introduction", "B. Positive
aspects", then "C. Principal subjects of concern and recommendations" (CESCR, CERD,
CEDAW, CRC) or "C. Principal matters of concern and recommendations" (CCPR), subdivided by
unnumbered subject headings ("Domestic application of the Covenant", "Climate change").
Under each subject, paragraphs alternate: first the Committee's concern ("The Committee
is concerned ...", "While welcoming ..., the Committee remains concerned"), then its
recommendation ("The Committee recommends that the State party ...", CCPR: "The State
party should ..."), often with lettered sub-items "(a) ... (b) ...". Final sections
("D. Dissemination and follow-up") close with recommendations about the next report.

UHRI annotates each paragraph as a Recommendation or a Concern/Observation; this parser
makes the same split from the wording, so a paragraph that recommends is a
recommendation and every other numbered paragraph an observation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from scrapers.parse.paragraph import Paragraph

RECOMMENDATION = "recommendation"
OBSERVATION = "observation"

RECOMMENDATION_PATTERNS = (
    # English: "The Committee recommends/urges/calls upon/encourages/requests ...",
    # "The Committee reiterates its previous recommendation and recommends",
    # "Reiterating its previous recommendation ...", CCPR's "The State party should".
    r"\b(?:the\s+committee|it)\s+(?:\w+\s+){0,3}?(?:recommends|urges|calls\s+(?:up)?on"
    r"|encourages|requests|invites)\b",
    r"\brecommends\s+that\b",
    r"(?:^|\b)(?:reiterating|reiterates)\s+its\s+(?:previous\s+)?recommendation",
    r"\bthe\s+state\s+party\s+should\b",
    # French and Spanish.
    r"\ble\s+comité\s+(?:\w+\s+){0,3}?(?:recommande|engage|exhorte|prie|invite|encourage)\b",
    r"\bl[’']état\s+partie\s+devrait\b",
    r"\bel\s+comité\s+(?:\w+\s+){0,3}?(?:recomienda|insta|exhorta|alienta|invita|pide)\b",
    r"\bel\s+estado\s+parte\s+debería\b",
    # Arabic: "توصي اللجنة", "تحث اللجنة", "ينبغي للدولة الطرف".
    r"(?:توصي|تحث|تشجع|تدعو|تطلب)\s+اللجنة|ينبغي\s+للدولة\s+الطرف",
)
RECOMMENDATION_RE = re.compile("|".join(RECOMMENDATION_PATTERNS), re.I)


@dataclass(frozen=True)
class CoParagraph:
    """One numbered paragraph of concluding observations and what kind of statement it is."""

    number: str
    text: str
    heading: str | None
    kind: str
    page: int | None
    index: int

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def classify(text: str) -> str:
    """``RECOMMENDATION`` when the paragraph asks the State to act, else ``OBSERVATION``."""
    return RECOMMENDATION if RECOMMENDATION_RE.search(text) else OBSERVATION


def concluding_observations(paragraphs: Sequence[Paragraph]) -> list[CoParagraph]:
    """The numbered paragraphs under their subject headings, each classified."""
    return [
        CoParagraph(
            number=p.number,
            text=p.text,
            heading=p.heading,
            kind=classify(p.text),
            page=p.page,
            index=p.index,
        )
        for p in paragraphs
        if p.number is not None
    ]


def parse_concluding_observations(path: Path | str) -> list[CoParagraph]:
    """Concluding observations from a PDF, DOCX, HTML or text file."""
    from scrapers.parse.documents import parse_document

    return concluding_observations(parse_document(path))
