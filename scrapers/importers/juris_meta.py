"""Case metadata read from a treaty-body decision's file name and text.

UNHRD's decisions carry no metadata of their own (the shard metadata covers a third of
them), so the rest is read where a secretariat writes it:

- the **file name** is the lower-cased symbol ("ccpr-c-80-d-917-2000"): body, session,
  communication number(s), "Rev.1"/"Corr.1"; two joined symbols or several numbers for
  joined communications ("ccpr-c-101-d-1642-1741-2007"); a name without "-d-" is a
  follow-up progress report ("cat-c-54-3"), not a decision;
- the **State party**: a cover-page "State party: X", "a violation by X of article ...",
  "X acceded to / ratified ...", "the Optional Protocol entered into force for X", or for
  removal cases "deportation from X" / "residing in X" (weaker); each phrase votes with a
  weight and names are checked against the taxonomy, so "by the Committee" never counts;
- the **date of adoption**: "Date of adoption of Views: ...", "Date of decision: ...",
  "Meeting on ...", "At its meeting on ..., the Committee" (the Committee's own date;
  "Views adopted on ..." is usually a citation of another case and is not used);
- the **author** and the date of the communication in paragraph 1 ("The author of the
  communication, dated 22 May 2017, is Stanislas Breleur, a French national ...");
- the **articles** claimed in paragraph 1 ("articles 9 (1) and (3), 14 (1) ... of the
  Covenant"), and the **outcome** from the operative paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from scrapers.importers.base import parse_date

BODY_OF_PREFIX = {
    "ccpr": "CCPR",
    "cat": "CAT",
    "cedaw": "CEDAW",
    "e": "CESCR",
    "crc": "CRC",
    "crpd": "CRPD",
    "cerd": "CERD",
    "ced": "CED",
}
SYMBOL_PREFIX = {
    "CCPR": "CCPR/C",
    "CAT": "CAT/C",
    "CEDAW": "CEDAW/C",
    "CESCR": "E/C.12",
    "CRC": "CRC/C",
    "CRPD": "CRPD/C",
    "CERD": "CERD/C",
    "CED": "CED/C",
}
FIRST_YEAR = 1976
_YEAR_RE = re.compile(r"^(19[7-9]\d|20[0-4]\d)$")


@dataclass(frozen=True)
class FileSymbol:
    body: str
    symbol: str
    session: int | None
    numbers: tuple[str, ...]
    """Communication numbers "917/2000" (joined communications: several)."""
    other_symbols: tuple[str, ...]
    is_decision: bool


def _split_joined(name: str, prefix: str) -> list[str]:
    """ "ccpr-c-117-d-2108-2011-ccpr-c-117-d-2109-2011" -> the two symbols' names."""
    head = f"{prefix}-c-" if prefix != "e" else "e-c-12-"
    parts = name.split(f"-{head}")
    return [parts[0], *[head + p for p in parts[1:]]]


def _tokens(name: str) -> list[str]:
    name = re.sub(r"\bc(\d)", r"c-\1", name)  # ccpr-c143 -> ccpr-c-143
    name = re.sub(r"(\d)d\b", r"\1-d", name)  # 134d -> 134-d
    name = re.sub(r"\bd(\d)", r"d-\1", name)  # d2435 -> d-2435
    return [t for t in name.split("-") if t]


def _classify(tokens: Sequence[str]) -> list[tuple[str, str]]:
    """("id"|"year"|"word", token) for the tokens after "d". A year-like number is a year
    only when an id is waiting for one: communication No. 1985/2010 is "1985-2010"."""
    out: list[tuple[str, str]] = []
    waiting = False
    for token in tokens:
        if not token.isdigit():
            out.append(("word", token))
        elif _YEAR_RE.match(token) and waiting:
            out.append(("year", token))
            waiting = False
        else:
            out.append(("id", token))
            waiting = True
    return out


def _numbers(tokens: Sequence[str]) -> list[str]:
    """Communication numbers from the tokens after "d": ids take the next year."""
    numbers: list[str] = []
    pending: list[str] = []
    for kind, token in _classify(tokens):
        if kind == "year":
            numbers.extend(f"{p}/{token}" for p in pending)
            pending = []
        elif kind == "id":
            pending.append(token)
    return numbers


def _one_symbol(name: str, body: str) -> tuple[str, int | None, list[str], bool]:
    tokens = _tokens(name)
    rest = tokens[3:] if body == "CESCR" else tokens[2:]  # after "e-c-12" / "ccpr-c"
    suffix = ""
    for marker, label in (("rev", "Rev"), ("corr", "Corr")):
        if marker in rest:
            at = rest.index(marker)
            number = rest[at + 1] if at + 1 < len(rest) else "1"
            suffix = f"/{label}.{number}"
            rest = rest[:at]
    session = int(rest[0]) if rest and rest[0].isdigit() else None
    is_decision = "d" in rest or "dr" in rest
    if is_decision:
        at = rest.index("d") if "d" in rest else rest.index("dr")
        numbers = _numbers(rest[at + 1 :])
        classified = _classify(rest[at + 1 :])
        ids = [t for kind, t in classified if kind == "id"]
        years = [t for kind, t in classified if kind == "year"]
        tail = "-".join(ids) + (f"/{years[-1]}" if years else "")
        words = [t.upper() for t in rest[at + 1 :] if not t.isdigit()]
        middle = "/".join([*rest[:at], rest[at].upper(), *words])
        symbol = (
            f"{SYMBOL_PREFIX[body]}/{middle}/{tail}" if tail else f"{SYMBOL_PREFIX[body]}/{middle}"
        )
    else:
        numbers = []
        symbol = f"{SYMBOL_PREFIX[body]}/{'/'.join(rest)}"
    symbol = re.sub(r"/{2,}", "/", symbol).rstrip("/") + suffix
    return symbol, session, numbers, is_decision


def parse_file_name(stem: str) -> FileSymbol | None:
    """The decision a UNHRD file name stands for, or None if the prefix is unknown."""
    prefix = stem.split("-", 1)[0]
    body = BODY_OF_PREFIX.get(prefix)
    if body is None:
        return None
    parts = _split_joined(stem, prefix)
    symbols = [_one_symbol(part, body) for part in parts]
    symbol, session, numbers, is_decision = symbols[0]
    for _, _, more, _ in symbols[1:]:
        numbers.extend(more)
    return FileSymbol(
        body=body,
        symbol=symbol,
        session=session,
        numbers=tuple(dict.fromkeys(numbers)),
        other_symbols=tuple(s for s, _, _, _ in symbols[1:]),
        is_decision=is_decision,
    )


# --- text ------------------------------------------------------------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
_DATE = rf"(\d{{1,2}}\s*{_MONTH},?\s+(?:19|20)\d\d|{_MONTH}\s+\d{{1,2}},\s+(?:19|20)\d\d)"
OWN_DATE_PATTERNS = (
    re.compile(rf"Date of adoption of (?:the )?(?:[Vv]iews|[Dd]ecisions?)\s*:?\s*{_DATE}"),
    re.compile(rf"Date of (?:the )?(?:present )?decision\s*:?\s*{_DATE}"),
    re.compile(rf"(?:^|\n)\s*Meeting on {_DATE}"),
    re.compile(
        rf"At its (?:\w+ )?meeting,? (?:held )?on {_DATE},? the (?:[\w\s]{{0,40}}?)"
        r"Committee"
    ),
)
_NAME = r"[A-Z][\w'’\- ]{1,60}"
AFTER, BEFORE, LAST = "after", "before", "last"
STATE_PATTERNS: tuple[tuple[re.Pattern[str], int, str], ...] = (
    (re.compile(rf"State party(?: concerned)?\s*:\s*(?:the\s+)?({_NAME})"), 5, AFTER),
    (
        re.compile(
            rf"\b(?:violat\w*|breach\w*|infring\w*|contravention)\s+by\s+(?:the\s+)?"
            rf"({_NAME})"
        ),
        4,
        AFTER,
    ),
    (
        re.compile(rf"Optional Protocol (?:entered|came) into force for (?:the\s+)?({_NAME})"),
        4,
        AFTER,
    ),
    (re.compile(rf"({_NAME})\s+(?:acceded|ratified|became a party)"), 3, BEFORE),
    (
        re.compile(
            rf"\b(?:deportation|deported|removal|removed|expulsion|expelled|extradition|"
            rf"extradited)\s+from\s+(?:the\s+)?({_NAME})"
        ),
        2,
        AFTER,
    ),
    (
        re.compile(
            rf"\b(?:residing|living|resident|present|detained|imprisoned)\s+in\s+"
            rf"(?:the\s+)?({_NAME})"
        ),
        1,
        AFTER,
    ),
    (re.compile(rf"\bagainst\s+(?:the\s+)?({_NAME})"), 1, AFTER),
    (re.compile(rf"\bnationals? of\s+(?:the\s+)?({_NAME})"), 1, AFTER),
    (re.compile(rf"\bcitizens? of\s+(?:the\s+)?({_NAME})"), 1, AFTER),
    (
        re.compile(r"\b(?:a )?(?:resident|residing|living) (?:of|in) ([^.;()]{0,80})"),
        1,
        LAST,
    ),
    (
        re.compile(
            rf"\b(?:deportation|deported|removal|removed|return|returned|expulsion|expelled|"
            rf"extradition|extradited|forcibly returned)\s+to\s+(?:the\s+)?({_NAME})"
        ),
        -3,
        AFTER,
    ),
)
"""(pattern, vote, where the name is: after or before the phrase, or the last of a list of
places): "State party: Spain" votes 5 for Spain; "removal
to Y" votes against Y, the country of return; a national of X counts for a little (in
CAT removal cases it is outweighed by "removal to X")."""
AUTHOR_RE = re.compile(
    r"\b(?:author|authors|complainant|complainants|petitioner|petitioners)"
    r"(?: of the (?:communication|complaint|petition))?"
    r"(?:,?\s*(?:which is |is )?dated [^,]{4,40},)?\s+(?:is|are)\s+"
    r"(?P<name>(?:Mr\.|Ms\.|Mrs\.|Dr\.)?\s*[A-Z][^,;()]{1,80}?)"
    r"(?=,|\s\(|\s+who\b|\s+born\b|\s+a\s+\w+\s+national|\.\s)"
)
DATED_RE = re.compile(rf"\bdated\s+{_DATE}")
CLAIM_ARTICLES_RE = re.compile(
    r"\barticles?\s+(?P<list>[\dA-Za-z ,()\-–]+?(?:\s+(?:and|read|in)\s+[\dA-Za-z ,()\-–]+?)*)"
    r"\s+of the (?:Covenant|Convention)"
)
OUTCOME_PATTERNS = (
    ("discontinued", re.compile(r"decide[sd]? to discontinue|discontinuance", re.I)),
    (
        "violation_found",
        re.compile(
            r"(?<!not )(?<!no )(?:disclose|reveal)s? (?:a )?violations? of"
            r"|(?<!not )constitutes? (?:a )?(?:violation|breach)"
            r"|(?<!not )(?<!would )amount(?:s|ed)? to (?:a )?violation"
            r"|(?<!not )would constitute a breach|(?<!not )violated (?:his|her|their|the author)",
            re.I,
        ),
    ),
    (
        "merits_no_violation",
        re.compile(
            r"(?:do(?:es)? not|did not|would not|cannot) (?:disclose|reveal|constitute|amount to|"
            r"conclude)\b[^.]{0,80}(?:violation|breach)|no violation of",
            re.I,
        ),
    ),
    (
        "inadmissible",
        re.compile(
            r"(?:communication|complaint) is inadmissible|"
            r"declares? the (?:communication|complaint) inadmissible",
            re.I,
        ),
    ),
)
"""Checked in order on the operative paragraphs: a decision that finds any violation is
"violation_found" even if it declares parts inadmissible or finds no violation of others."""


@dataclass
class CaseText:
    state_party: str | None = None
    date: str | None = None
    author: str | None = None
    submission_date: str | None = None
    articles: list[str] = field(default_factory=list)
    outcome: str | None = None


def _candidates(match_text: str, where: str) -> list[str]:
    """Word runs that may be the name, longest first: from the start of "Spain of article 14"
    (name after the keyword) or from the end of "Covenant The Netherlands" (before it)."""
    if where == LAST:  # "Oudjana, Jijel wilaya, Algeria": the last place named first
        parts = [p for p in match_text.split(",") if p.strip()][::-1]
        return [c for part in parts for c in _candidates(part, AFTER)]
    words = match_text.strip().split()
    if where == AFTER:
        words = words[:6]
        runs = [words[:n] for n in range(len(words), 0, -1)]
    else:
        words = words[-6:]
        runs = [words[-n:] for n in range(len(words), 0, -1)]
    out = []
    for run in runs:
        text = " ".join(run).strip(".,;:’' ")
        if text.lower().startswith("the "):
            text = text[4:]
        if text:
            out.append(text)
    return out


def state_party(texts: Sequence[str], resolve: Callable[[str], str | None]) -> str | None:
    """The State party named most strongly in ``texts`` (a name the taxonomy knows)."""
    votes: Counter[str] = Counter()
    names: dict[str, str] = {}
    for text in texts:
        for regex, weight, where in STATE_PATTERNS:
            for match in regex.finditer(text):
                for candidate in _candidates(match.group(1), where):
                    code = resolve(candidate)
                    if code:
                        votes[code] += weight
                        names.setdefault(code, candidate)
                        break
    if not votes:
        return None
    code, score = votes.most_common(1)[0]
    return names[code] if score > 0 else None


def own_date(text: str) -> str | None:
    """The Committee's own date: the latest one stated (a decision is adopted after every
    meeting it mentions, e.g. the one that granted interim measures)."""
    found: list[str] = []
    for regex in OWN_DATE_PATTERNS:
        for match in regex.finditer(text):
            date = parse_date(match.group(1))
            if date:
                found.append(date)
    return max(found) if found else None


def claimed_articles(text: str) -> list[str]:
    out: list[str] = []
    for match in CLAIM_ARTICLES_RE.finditer(text):
        listed = re.sub(r"\([^)]*\)|paragraphs?\s+\d+", " ", match.group("list"))
        out.extend(re.findall(r"\b(\d{1,2})\b", listed))
    return list(dict.fromkeys(out))


OPERATIVE_RE = re.compile(
    r"acting under article|\bdecides?\s*(?::|that\b)|therefore decides|is of the view"
    r"|concludes? that|decided to discontinue|finds that the facts",
    re.I,
)


def outcome(texts: Sequence[str]) -> str | None:
    """What the committee decided, read in its operative paragraphs (the last ones that
    say "decides", "is of the view", "acting under article ...")."""
    operative = [t for t in texts[-12:] if OPERATIVE_RE.search(t)][-3:]
    tail = " ".join(operative)
    for label, regex in OUTCOME_PATTERNS:
        if regex.search(tail):
            return label
    return None


def read_case(texts: Sequence[str], resolve: Callable[[str], str | None]) -> CaseText:
    """Metadata from a decision's paragraph texts, in document order."""
    head = list(texts[:8])
    first = next((t for t in texts if AUTHOR_RE.search(t)), texts[0] if texts else "")
    author = AUTHOR_RE.search(first)
    dated = DATED_RE.search(first[:300])
    whole = "\n".join(texts)
    return CaseText(
        state_party=state_party(head, resolve),
        date=own_date(whole),
        author=author.group("name").strip() if author else None,
        submission_date=parse_date(dated.group(1)) if dated else None,
        articles=claimed_articles(first),
        outcome=outcome(texts),
    )
