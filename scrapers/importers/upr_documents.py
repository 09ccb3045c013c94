"""Slovenia's UPR documents (``slovenia-upr-un-documents``): the recommendations of its four
reviews, with their recommending States and Slovenia's positions.

Dataset: the official PDFs and DOCX of the four cycles (SOURCE.md maps files to
symbols). For each cycle the working-group report is the UN document that states the
recommendations (A/HRC/14/15, A/HRC/28/15, A/HRC/43/15, A/HRC/59/15, paragraphs such as
"140.7"); its positions come from where Slovenia gave them:

- cycles 2-4: the OHCHR thematic list of recommendations (DOCX), which prints each
  recommendation with its position and the source of the position ("A/HRC/59/15/Add.1 -
  Para.3"), its themes, affected persons and SDGs. The list and the report agree on
  numbers and texts (docs/parsers.md: 163/163, 215/215, 254/254);
- cycle 1: the report defers every answer ("will be examined by Slovenia"); the answers
  are in the addendum A/HRC/14/15/Add.1, one numbered reply per recommendation ("1.
  Slovenia cannot, at this point in time, make a definitive statement", "2. Slovenia
  accepts the recommendation", several numbers before one reply: "40., 41., 42.,
  Slovenia accepts these recommendations"). A reply is read as supported, noted or both
  from its wording (`reply_position`); a recommendation without a readable reply stays
  pending.

One record per recommendation: text and number from the report, position, themes and
persons from the list (or the addendum), both files in its provenance. The paragraph key
is the report's number and the document key its symbol, so the same recommendation
crawled from documents.un.org shares the work key. Recommending States are kept as
printed; the pipeline resolves them through the taxonomy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.pipeline import Item
from scrapers.http import ScraperError
from scrapers.importers import taxo
from scrapers.importers.base import (
    date_fields,
    identify,
    make_candidate,
    provenance,
    reject,
)
from scrapers.importers.legal_un import sdg_goals
from scrapers.parse import (
    UprRecommendation,
    parse_pdf,
    parse_upr_thematic_list,
    parse_upr_wg_report,
)

SOURCE = "upr-documents"
DEFAULT_PATH = "slovenia-upr-un-documents"
STATE = "Slovenia"
LICENCE = "UN document (UN terms of use); OHCHR thematic list of UPR recommendations"
DOCUMENT_URL = "https://documents.un.org/api/symbol/access?s={symbol}&l=en&t=pdf"


@dataclass(frozen=True)
class Review:
    cycle: int
    session: int
    report_symbol: str
    report: str
    thematic_list: str | None = None
    addendum: str | None = None
    addendum_symbol: str | None = None


REVIEWS: tuple[Review, ...] = (
    Review(1, 7, "A/HRC/14/15", "1stcyycleunoriginal/g1012049.pdf",
           addendum="1stcyycleunoriginal/g1012465.pdf", addendum_symbol="A/HRC/14/15/Add.1"),
    Review(2, 20, "A/HRC/28/15", "2ndcycleunoriginal/g1423930.pdf",
           thematic_list="2ndcycleunoriginal/UPR20__Slovenia_ThematicListRecommendations_E.docx"),
    Review(3, 34, "A/HRC/43/15", "3rdcycleunoriginal/g1934994.pdf",
           thematic_list="3rdcycleunoriginal/UPR34_Slovenia_Thematic_list_of_Recommendations.docx"),
    Review(4, 48, "A/HRC/59/15", "4thcycleunoriginal/g2502644.pdf",
           thematic_list="4thcycleunoriginal/upr48-slovenia-thematic-list-of-recommendatio.docx"),
)  # fmt: skip
"""Symbols and files from the dataset's SOURCE.md."""

SUPPORTED, NOTED, BOTH = "supported", "noted", "supported/noted"
_ACCEPTS_RE = re.compile(r"\baccepts?\b|\bagrees? to\b|\bsupports?\b", re.I)
_NOT_ACCEPTED_RE = re.compile(
    r"cannot accept|can ?not support|does not accept|is not in a position to accept|"
    r"cannot, at this point in time|rejects?\b|\bnotes? the recommendation\b",
    re.I,
)
_NUMBER_LIST_RE = re.compile(r"(\d{1,3})\.")


def reply_position(text: str) -> str | None:
    """Supported, noted or both, from the wording of a State's reply; None if unclear."""
    refuses = bool(_NOT_ACCEPTED_RE.search(text))
    # "cannot accept" is a refusal, not an acceptance: look for "accepts" elsewhere.
    accepts = bool(_ACCEPTS_RE.search(_NOT_ACCEPTED_RE.sub(" ", text)))
    if accepts and refuses:
        return BOTH
    if refuses:
        return NOTED
    if accepts:
        return SUPPORTED
    return None


def addendum_replies(paragraphs: Sequence[tuple[str | None, str]]) -> dict[int, str]:
    """Reply number -> position, from the addendum's numbered paragraphs.

    A reply to several recommendations prints their numbers first ("40., 41., 42.,
    Slovenia accepts ..."); extraction leaves those numbers at the end of the paragraph
    before, or at the start of the reply, and they are gathered onto the next reply. An
    unnumbered paragraph continues the reply before it ("Slovenia cannot accept the
    recommendation to promulgate a law ..." after "32. Slovenia accepts ...").
    """
    groups: list[tuple[list[int], list[str]]] = []
    carried: list[int] = []
    for number, text in paragraphs:
        body = text
        numbers = list(carried)
        lead = re.match(r"^((?:\d{1,3}\.,?\s*)+)(?=[A-Z])", body)
        if lead:
            numbers += [int(n) for n in _NUMBER_LIST_RE.findall(lead.group(1))]
            body = body[lead.end() :]
        tail = re.search(r"((?:\s\d{1,3}\.,?)+)\s*$", body)
        carried = [int(n) for n in _NUMBER_LIST_RE.findall(tail.group(1))] if tail else []
        if tail:
            body = body[: tail.start()]
        if number is not None and number.isdigit():
            numbers.insert(0, int(number))
        if numbers:
            groups.append((numbers, [body]))
        elif groups:
            groups[-1][1].append(body)
    replies: dict[int, str] = {}
    for numbers, texts in groups:
        position = reply_position(" ".join(texts))
        if position is not None:
            for n in numbers:
                replies.setdefault(n, position)
    return replies


def _paragraph_index(number: str) -> int | None:
    """111.7 -> 7: the addendum numbers its replies by the recommendation's sub-number."""
    match = re.fullmatch(r"\d+\.(\d+)", number)
    return int(match.group(1)) if match else None


def review_items(root: Path, review: Review) -> Iterator[Item]:
    report_path = root / review.report
    rel = review.report
    try:
        report = parse_upr_wg_report(report_path)
        listed = (
            {r.number: r for r in parse_upr_thematic_list(root / review.thematic_list)}
            if review.thematic_list
            else {}
        )
        replies = {}
        if review.addendum:
            paragraphs = [(p.number, p.text) for p in parse_pdf(root / review.addendum)]
            replies = addendum_replies(paragraphs)
    except (ScraperError, OSError) as exc:
        yield reject(SOURCE, rel, f"unreadable document: {exc}")
        return
    _cycle, year = taxo.upr_cycle_year(review.session)
    reported = {r.number: r for r in report.recommendations}
    for number in sorted(set(reported) | set(listed), key=_number_key):
        rec = reported.get(number)
        entry = listed.get(number)
        main = rec or entry
        assert main is not None
        position: str | None = None
        if entry is not None:
            position = entry.position
        elif rec is not None and rec.position not in (None, "pending"):
            position = rec.position
        elif review.addendum:
            index = _paragraph_index(number)
            position = replies.get(index) if index is not None else None
        yield recommendation_candidate(review, number, main, entry, position, rel, year)


def recommendation_candidate(
    review: Review,
    number: str,
    main: UprRecommendation,
    entry: UprRecommendation | None,
    position: str | None,
    rel: str,
    year: int | None,
) -> Item:
    location = f"{rel}#{number}"
    sources = [
        provenance(
            source=SOURCE,
            source_id=f"{review.report_symbol}#{number}",
            licence=LICENCE,
            location=location,
            url=DOCUMENT_URL.format(symbol=review.report_symbol),
        )
    ]
    if entry is not None and review.thematic_list:
        sources.append(
            provenance(
                source=SOURCE,
                source_id=f"thematic-list/{review.session}#{number}",
                licence=LICENCE,
                location=f"{review.thematic_list}#{number}",
            )
        )
    themes = list(entry.themes) if entry else []
    fields: dict[str, Any] = {
        "text": main.text,
        "language": "en",
        "title": f"Report of the Working Group on the Universal Periodic Review: {STATE} "
        f"({review.report_symbol})",
        "body": "UPR",
        "kind": "recommendation",
        "countries": [STATE],
        "symbol": review.report_symbol,
        "paragraph": number,
        "section": entry.section if entry else main.section,
        "upr": {
            "recommending_states": list(main.recommending_states),
            "session": review.session,
            "cycle": review.cycle,
            "response_raw": position if position not in (None, "pending") else None,
            "recommendation_number": number,
        },
        "themes": taxo.themes(themes),
        "affected_persons": taxo.affected_persons(list(entry.affected_persons) if entry else []),
        "sdgs": sdg_goals(list(entry.sdgs) if entry else []),
        "provenance": sources,
        **date_fields(year=year),
    }
    if position in (None, "pending"):
        fields["upr"]["response"] = "pending"
    identify(fields, source=SOURCE, document=review.report_symbol, pkey=number, language="en")
    return make_candidate(fields, location)


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", number))


def iter_items(root: Path) -> Iterator[Item]:
    if not root.is_dir():
        yield reject(SOURCE, str(root), "missing folder")
        return
    for review in REVIEWS:
        yield from review_items(root, review)
