"""What the UPR parsers share: the recommendation record, recommending States, positions.

A UPR recommendation is printed as "140.7 Ratify the Optional Protocol ... (Maldives)
(Portugal);". The recommending States are the parenthesised names at the end, written
"(Chile); (Estonia);", "(Chile, Estonia)", "(Mexico; Egypt)" or "(France) (Lithuania)"
depending on the year; early reports also put States inside the text of compound
recommendations: "Consider ratifying (Jordan)/ratify as soon as possible ICRPD (Chile,
China);". Names are kept as printed (raw); mapping them to ISO codes is the indexer's job.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

SUPPORTED = "supported"
NOTED = "noted"
SUPPORTED_NOTED = "supported/noted"
NOT_SUPPORTED = "not_supported"
PENDING = "pending"
"""The report defers the answer ("will be examined by ..."); see the addendum."""

POSITION_WORDS = {
    "supported": SUPPORTED,
    "accepted": SUPPORTED,
    "noted": NOTED,
    "supported/noted": SUPPORTED_NOTED,
    "partially supported": SUPPORTED_NOTED,
    "not supported": NOT_SUPPORTED,
    "rejected": NOT_SUPPORTED,
}

NON_STATE_WORDS = frozenset(
    {
        "act", "acts", "agenda", "agreement", "article", "articles", "assembly", "board",
        "centre", "charter", "code", "commission", "commissioner", "committee",
        "constitution", "convention", "council", "court", "covenant", "declaration", "decree",
        "fund", "guidelines", "law", "laws", "no", "office", "ombudsman", "plan", "platform",
        "principles", "programme", "protocol", "resolution", "rights", "rules", "statute",
        "strategy", "treaty", "union",
    }
)  # fmt: skip
"""Words that mark a parenthesis as an instrument or body, not a recommending State."""

STATE_NAME_RE = re.compile(
    r"^(?:the )?(?:former )?[A-Z][A-Za-zÀ-ÿ'’. -]*(?:\([A-Za-zÀ-ÿ'’. -]+\))?[A-Za-zÀ-ÿ)’'.]?$"
)
MAX_STATE_WORDS = 9
TRAILING_PUNCT = " ;,.:\u00a0\n"


@dataclass(frozen=True)
class UprRecommendation:
    """One UPR recommendation as a source document states it.

    ``number`` is the report's number ("140.7"); ``text`` is the recommendation without the
    trailing recommending-State parentheses, ``raw_text`` as printed. ``position`` is one of
    the module constants (None when the document does not say); ``position_raw`` is the
    document's own wording, ``position_source`` where the position comes from (e.g.
    "A/HRC/59/15/Add.1 - Para.3"). ``section`` is the theme or heading it is listed under;
    ``note`` an editor's comment printed with it.
    """

    number: str
    text: str
    recommending_states: tuple[str, ...]
    position: str | None
    raw_text: str = ""
    position_raw: str | None = None
    position_source: str | None = None
    note: str | None = None
    source_paragraph: str | None = None
    section: str | None = None
    themes: tuple[str, ...] = ()
    affected_persons: tuple[str, ...] = ()
    sdgs: tuple[str, ...] = ()
    page: int | None = None

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        for key in ("recommending_states", "themes", "affected_persons", "sdgs"):
            data[key] = list(data[key])
        return data


def normalize_position(raw: str | None) -> str | None:
    """ "Supported", "Noted", "Supported/Noted", "Accepted" ... as a module constant."""
    if raw is None:
        return None
    key = re.sub(r"\s+", " ", raw.strip().lower())
    key = re.sub(r"\s*/\s*", "/", key)
    return POSITION_WORDS.get(key)


def _looks_like_state(name: str) -> bool:
    if not name or not STATE_NAME_RE.match(name):
        return False
    words = name.replace("(", " ").replace(")", " ").split()
    if len(words) > MAX_STATE_WORDS:
        return False
    if any(w.lower().strip(".,'’") in NON_STATE_WORDS for w in words):
        return False
    # Acronyms such as "(ICCPR)" or "(OP-CAT)" name instruments.
    return not any(len(w) > 1 and w.isupper() for w in words)


def state_names(group: str) -> list[str] | None:
    """The names in one parenthesis if it is a list of States, else None."""
    parts = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"[;,]", group)]
    parts = [p for p in parts if p]
    if parts and all(_looks_like_state(p) for p in parts):
        return parts
    return None


def parenthesised_groups(text: str) -> list[tuple[int, int, str]]:
    """Top-level (start, end, inner) parentheses, nested ones included in their parent."""
    groups: list[tuple[int, int, str]] = []
    depth = 0
    start = -1
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                groups.append((start, i + 1, text[start + 1 : i]))
    return groups


def split_states(raw: str) -> tuple[str, list[str]]:
    """Recommendation text without its trailing State parentheses, and every State named.

    States come from the trailing parentheses and from State lists inside a compound
    recommendation, in order of appearance and without repeats.
    """
    text = raw.strip().rstrip(TRAILING_PUNCT)
    groups = parenthesised_groups(text)
    states: list[str] = []
    cut = len(text)
    for start, end, inner in reversed(groups):
        if text[end:cut].strip(TRAILING_PUNCT):
            break
        names = state_names(inner)
        if names is None:
            break
        cut = start
    trailing_start = cut
    for _start, _end, inner in groups:
        names = state_names(inner) or []
        for name in names:
            if name not in states:
                states.append(name)
    body = text[:trailing_start].rstrip(TRAILING_PUNCT)
    return body, states
