"""Treaty-body decisions and Views on individual communications (symbols like
CCPR/C/134/D/2836/2016, CAT/C/51/D/429/2010, E/C.12/71/D/176/2020).

Layout, common to all committees since the early 2000s:

- a cover block of labelled fields ("Submitted by:", "Alleged victim:", "State party:",
  "Date of complaint:", "Date of decision:", "Subject matter:", "Procedural issues:",
  "Substantive issues:", "Articles of the Convention/Covenant:", "Articles of the Optional
  Protocol:"), repeated in the annex;
- a preamble ("The Committee ..., Meeting on ..., Adopts the following:");
- numbered paragraphs "1.1", "2.1", ... under headings that vary in wording: "The facts as
  presented by the author/complainant", "The complaint" (or "The claim"), "State party's
  observations on admissibility (and the merits)", "Author's/Complainant's comments on the
  State party's observations", "State party's further observations", "Issues and
  proceedings before the Committee", "Consideration of admissibility", "Consideration of
  the merits";
- the operative conclusion ("The Committee, acting under article 5 (4) ..., is of the view
  that ...", "The Committee therefore decides: (a) That the communication is
  inadmissible ...") and the follow-up request; sometimes individual opinions in an
  appendix.

Older CAT decisions glue the number to the text ("1.1The complainant ..."); OHCHR-Juris
records store the text as mis-decoded UTF-16 (repaired here). Headings are mapped to a
small set of sections so that facts, claims and the Committee's reasoning can be told
apart whatever the committee's wording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from scrapers.parse.encoding_repair import repair_utf16_misdecoding
from scrapers.parse.paragraph import Paragraph
from scrapers.parse.plain_text import parse_text

FACTS = "facts"
COMPLAINT = "complaint"
STATE_OBSERVATIONS = "state_observations"
AUTHOR_COMMENTS = "author_comments"
ADMISSIBILITY = "admissibility"
MERITS = "merits"
DECISION = "decision"
OPINION = "opinion"
OTHER = "other"
REASONING = "reasoning"
"""Internal: "Issues and proceedings before the Committee", split per paragraph."""

_PARTY = r"(?:authors?|complainants?|petitioners?|applicants?|counsel|victims?|petitioner)"
_SUBMISSION = r"(?:observations|submissions?|comments|response|reply|information|request|claims)"
SECTION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        OPINION,
        re.compile(r"\b(?:individual|dissenting|concurring|separate|joint)\b.*opinion", re.I),
    ),
    # Who speaks comes first in the heading: "Complainant's comments on the State party's
    # observations" are the complainant's.
    (
        AUTHOR_COMMENTS,
        re.compile(rf"^(?:the\s+)?{_PARTY}.{{0,3}}s?\s+(?:\w+\s+){{0,3}}?{_SUBMISSION}", re.I),
    ),
    (
        STATE_OBSERVATIONS,
        re.compile(rf"^(?:the\s+)?state\s+party.{{0,3}}s?\s+(?:\w+\s+){{0,3}}?{_SUBMISSION}", re.I),
    ),
    (
        AUTHOR_COMMENTS,
        re.compile(
            rf"^{_SUBMISSION}\s+(?:\w+\s+){{0,3}}?(?:of|by|from)\s+(?:the\s+)?{_PARTY}", re.I
        ),
    ),
    (
        STATE_OBSERVATIONS,
        re.compile(
            rf"^{_SUBMISSION}\s+(?:\w+\s+){{0,3}}?(?:of|by|from)\s+the\s+state\s+party", re.I
        ),
    ),
    (FACTS, re.compile(r"\bfacts\b|factual background", re.I)),
    (COMPLAINT, re.compile(r"^(?:the\s+)?(?:complaint|claims?)\b", re.I)),
    (REASONING, re.compile(r"issues\s+and\s+proceedings", re.I)),
    (ADMISSIBILITY, re.compile(r"admissibility", re.I)),
    (MERITS, re.compile(r"\bmerits\b", re.I)),
)
ADMISSIBILITY_CUES_RE = re.compile(
    r"admissib|exhaust(?:ed|ion)? (?:of )?(?:all )?(?:available )?domestic remedies"
    r"|same matter|article 22,? paragraph 5|article 5,? paragraph 2|rule 113",
    re.I,
)
"""In a section headed "Issues and proceedings before the Committee" (older decisions),
paragraphs that talk about these are about admissibility; the rest are the merits."""
CONCLUSION_RE = re.compile(
    r"^(?:The\s+(?:Human\s+Rights\s+)?Committee[\w\s,]{0,80}?,?\s+acting\s+under\s+article"
    r"|The\s+Committee\s+(?:therefore\s+)?decides\b"
    r"|(?:Accordingly|Consequently|In\s+the\s+light\s+of\s+the\s+above|In\s+view\s+of\s+the"
    r"\s+above),?\s+the\s+Committee\s+(?:\w+\s+){0,4}?(?:decides|is\s+of\s+the\s+view|finds|concludes)"
    r")",
    re.I,
)
SYMBOL_RE = re.compile(
    r"\b(?P<symbol>(?:CCPR|CAT|CEDAW|CERD|CRC|CRPD|CED|CMW|E\s*/\s*C\.12)"
    r"(?:\s*/\s*[A-Z0-9.()]+)*?\s*/\s*D\s*/\s*\d+\s*/\s*\d{4})"
)
METADATA_LABELS = {
    "submitted by": "submitted_by",
    "alleged victim": "alleged_victim",
    "alleged victims": "alleged_victim",
    "state party": "state_party",
    "date of complaint": "date_of_complaint",
    "date of the complaint": "date_of_complaint",
    "date of communication": "date_of_complaint",
    "date of the communication": "date_of_complaint",
    "date of decision": "date_of_decision",
    "date of present decision": "date_of_decision",
    "date of the present decision": "date_of_decision",
    "date of adoption of views": "date_of_decision",
    "date of adoption of decision": "date_of_decision",
    "date of adoption of the decision": "date_of_decision",
    "date of adoption of the views": "date_of_decision",
    "subject matter": "subject_matter",
    "procedural issue": "procedural_issues",
    "procedural issues": "procedural_issues",
    "substantive issue": "substantive_issues",
    "substantive issues": "substantive_issues",
    "articles of the convention": "articles",
    "article of the convention": "articles",
    "articles of the covenant": "articles",
    "article of the covenant": "articles",
    "articles of the optional protocol": "optional_protocol_articles",
    "article of the optional protocol": "optional_protocol_articles",
}
LABEL_LINE_RE = re.compile(r"^(?P<label>[A-Z][A-Za-z’' ]{3,50}?)\s*:\s*(?P<value>.*)$")


@dataclass(frozen=True)
class DecisionParagraph:
    """A paragraph of a decision with the section it belongs to (module constants)."""

    number: str | None
    text: str
    heading: str | None
    section: str
    page: int | None
    index: int

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Decision:
    """A decision on an individual communication: symbol, cover fields and paragraphs."""

    symbol: str | None
    metadata: dict[str, str] = field(default_factory=dict)
    paragraphs: tuple[DecisionParagraph, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "symbol": self.symbol,
            "metadata": dict(self.metadata),
            "paragraphs": [p.to_dict() for p in self.paragraphs],
        }

    def section(self, name: str) -> list[DecisionParagraph]:
        return [p for p in self.paragraphs if p.section == name]


def section_of(heading: str | None) -> str:
    """The section a heading opens ("Consideration of the merits" -> ``MERITS``)."""
    if not heading:
        return OTHER
    for name, pattern in SECTION_PATTERNS:
        if pattern.search(heading):
            return name
    return OTHER


def cover_metadata(text: str) -> dict[str, str]:
    """The labelled cover fields; a value may sit on the label's line or the next one."""
    lines = [ln.strip() for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    found: dict[str, str] = {}
    for i, line in enumerate(lines):
        match = LABEL_LINE_RE.match(line)
        if not match:
            continue
        label = re.sub(r"\s+", " ", match.group("label")).strip().lower()
        key = METADATA_LABELS.get(label)
        if key is None or key in found:
            continue
        value = match.group("value").strip()
        if not value and i + 1 < len(lines) and not LABEL_LINE_RE.match(lines[i + 1]):
            value = lines[i + 1]
        if value:
            found[key] = re.sub(r"\s+", " ", value)
    return found


def find_symbol(text: str) -> str | None:
    match = SYMBOL_RE.search(text[:3000])
    return re.sub(r"\s+", "", match.group("symbol")) if match else None


def decision_paragraphs(paragraphs: Sequence[Paragraph]) -> list[DecisionParagraph]:
    """Paragraphs from the first numbered one on, each with its section."""
    start = next((i for i, p in enumerate(paragraphs) if p.number is not None), len(paragraphs))
    out: list[DecisionParagraph] = []
    concluded = False
    last_heading: str | None = None
    for p in paragraphs[start:]:
        section = section_of(p.heading)
        if section == REASONING:
            section = ADMISSIBILITY if ADMISSIBILITY_CUES_RE.search(p.text) else MERITS
        if p.heading != last_heading:
            last_heading = p.heading
            if section == OPINION:
                concluded = False
        if section != OPINION and (concluded or CONCLUSION_RE.match(p.text)):
            concluded = True
            section = DECISION
        out.append(
            DecisionParagraph(
                number=p.number,
                text=p.text,
                heading=p.heading,
                section=section,
                page=p.page,
                index=p.index,
            )
        )
    return out


def parse_decision_text(text: str) -> Decision:
    """A decision from its full text (as in the sources' JSON ``text`` fields)."""
    text = repair_utf16_misdecoding(text)
    paragraphs = parse_text(text)
    first_numbered = next((p.index for p in paragraphs if p.number is not None), None)
    cover = "\n".join(p.text for p in paragraphs[:first_numbered]) if first_numbered else text
    return Decision(
        symbol=find_symbol(text),
        metadata=cover_metadata(_cover_lines(text, cover)),
        paragraphs=tuple(decision_paragraphs(paragraphs)),
    )


def _cover_lines(text: str, cover: str) -> str:
    """The raw lines before the first numbered paragraph (labels and values on their lines)."""
    match = re.search(r"^\s*1\.\s*1\s*\S|^\s*1\.\s+[A-Z]", text, re.M)
    return text[: match.start()] if match else cover
