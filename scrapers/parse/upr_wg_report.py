"""Report of the Working Group on the Universal Periodic Review (A/HRC/<session>/<n>).

Layout. Introduction (1-4), "I. Summary of the proceedings of the review process" (the
State's presentation, the interactive dialogue), then "II. Conclusions and/or
recommendations", sometimes "III. Voluntary pledges and commitments", and an annex with
the delegation. Only section II is parsed here. It consists of one or more numbered
"chapeau" paragraphs, each introducing a list of recommendations and saying what became
of them, and ends with "All conclusions and/or recommendations contained in the present
report reflect the position of the submitting State(s) ...".

How it changed across the years (all seen in the shared fixtures):

- 2008-2009 (Canada A/HRC/11/17, Colombia A/HRC/10/82): items numbered 1, 2, 3 ... under
  the chapeau ("86. In the course of the discussion, the following recommendations were
  made to Canada:"), so recommendation 86.2 is printed "2."; compound recommendations
  with States inline ("Consider ratifying (Jordan)/ratify ... (Chile, China);"). Colombia
  splits "enjoy the support" (87) from "will be examined" (89).
- 2010 (Slovenia A/HRC/14/15, Fiji, Kuwait): "79.1." style, the chapeau says "have been
  examined and enjoy the support", "did not enjoy the support", "will be examined".
- 2013-2014 (Saudi Arabia, Norway, Afghanistan, Egypt, Slovenia A/HRC/28/15): "138.5."
  or "131.9" style; usually one list "will be examined by X, which will provide responses".
- 2019-2025 (Slovenia A/HRC/43/15, A/HRC/59/15): "121.1", States as "(France)
  (Lithuania)", supported and to-be-examined lists separated (2019) or one pending list.

The position stated here is the one at adoption of the report; for "will be examined"
lists the State's answer is in the addendum (…/Add.1), so it is ``PENDING`` here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scrapers.parse.paragraph import Paragraph
from scrapers.parse.pdf_text import PdfBackend, pdf_lines
from scrapers.parse.segment import segment_lines
from scrapers.parse.upr_common import (
    NOT_SUPPORTED,
    NOTED,
    PENDING,
    SUPPORTED,
    UprRecommendation,
    split_states,
)

RECOMMENDATIONS_HEADING_RE = re.compile(r"conclusions\s+and/or\s+recommendations", re.I)
CLOSING_PARAGRAPH_RE = re.compile(
    r"^All conclusions and/or recommendations (?:contained|set out) in the present report", re.I
)
TITLE_STATE_RE = re.compile(
    r"Report of the Working Group on the Universal\s+Periodic\s+Review\W*\s+"
    r"(?P<state>[A-Z][^*\n]{1,80}?)\s*"
    r"(?:\*|$|Introduction|Addendum|United Nations|General Assembly|Distr|GE\.)",
)

POSITION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        NOT_SUPPORTED,
        re.compile(
            r"did not (?:enjoy|receive) the support|do(?:es)? not enjoy the support"
            r"|were not accepted|n'ont pas recueilli|no (?:contaron|cuentan) con el apoyo",
            re.I,
        ),
    ),
    (
        SUPPORTED,
        re.compile(
            r"enjoys? (?:the|its) support|enjoyed (?:the|its) support|(?:have|has) been accepted"
            r"|were accepted|bénéficient du soutien|recueilli l'appui|cuentan con el apoyo",
            re.I,
        ),
    ),
    (
        PENDING,
        re.compile(
            r"will be examined|will examine|will provide (?:its )?responses|will respond"
            r"|seront examinées|serán examinadas",
            re.I,
        ),
    ),
    (NOTED, re.compile(r"(?:have|has|were|was) been noted|were noted|takes? note", re.I)),
)


@dataclass(frozen=True)
class WgReport:
    """The recommendations section of one working-group report."""

    state_under_review: str | None
    recommendations: tuple[UprRecommendation, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "state_under_review": self.state_under_review,
            "recommendations": [r.to_dict() for r in self.recommendations],
        }


def chapeau_position(text: str) -> str | None:
    """What a chapeau paragraph says about the list it introduces (None: not stated)."""
    for position, pattern in POSITION_PATTERNS:
        if pattern.search(text):
            return position
    return None


def state_under_review(title_page: str) -> str | None:
    """The reviewed State from the title ("... Universal Periodic Review* Canada")."""
    match = TITLE_STATE_RE.search(title_page)
    return match.group("state").strip(" *") if match else None


def _section(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    start = next(
        (
            i
            for i, p in enumerate(paragraphs)
            if p.heading and RECOMMENDATIONS_HEADING_RE.search(p.heading)
        ),
        None,
    )
    if start is None:
        return []
    heading = paragraphs[start].heading
    section: list[Paragraph] = []
    for p in paragraphs[start:]:
        if p.heading != heading or CLOSING_PARAGRAPH_RE.match(p.text):
            break
        section.append(p)
    return section


def recommendations_from_paragraphs(paragraphs: Sequence[Paragraph]) -> list[UprRecommendation]:
    """The numbered recommendations of section II with the position their chapeau states."""
    chapeau: Paragraph | None = None
    last_item = 0
    out: list[UprRecommendation] = []
    for p in _section(paragraphs):
        if p.number is None:
            continue
        if "." in p.number:
            head = p.number.split(".", 1)[0]
            if chapeau is None or head != chapeau.number:
                continue
            out.append(_recommendation(p.number, p, chapeau))
            continue
        n = int(p.number)
        chapeau_n = int(chapeau.number) if chapeau and chapeau.number else None
        is_item = chapeau_n is not None and (n == last_item + 1 or (n < chapeau_n and n != 1))
        if is_item and chapeau is not None and chapeau.number is not None:
            last_item = n
            out.append(_recommendation(f"{chapeau.number}.{n}", p, chapeau))
        else:
            chapeau = p
            last_item = 0
    return out


def _recommendation(number: str, p: Paragraph, chapeau: Paragraph) -> UprRecommendation:
    text, states = split_states(p.text)
    return UprRecommendation(
        number=number,
        text=text,
        recommending_states=tuple(states),
        position=chapeau_position(chapeau.text),
        raw_text=p.text,
        position_raw=chapeau.text,
        source_paragraph=chapeau.number,
        page=p.page,
    )


def parse_upr_wg_report(
    source: Path | str | Sequence[Paragraph], *, backend: PdfBackend = "pdftotext"
) -> WgReport:
    """Recommendations of a working-group report (a PDF path, or its paragraphs)."""
    if isinstance(source, str | Path):
        lines = pdf_lines(source, backend=backend)
        title = " ".join(line.text for line in lines if line.page == 1)
        paragraphs: Sequence[Paragraph] = segment_lines(lines)
    else:
        paragraphs = source
        title = " ".join(p.text for p in source[:3])
    return WgReport(
        state_under_review=state_under_review(title),
        recommendations=tuple(recommendations_from_paragraphs(paragraphs)),
    )
