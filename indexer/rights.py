"""The rights concordance (`mappings/rights.json`): which provisions of which
instruments protect the same right, and the mapping of invoked articles to rights.

Why a concordance: a complaint to the Human Rights Committee invokes "article 7 of
the Covenant", the same matter before the European Court invokes "Article 3", and
before the African Commission "Article 5". Comparing rights, not article numbers,
is what lets the duplicate check and related records see that these are the same.

Articles are read in every form the project meets: citation keys (`art:ICCPR:7`),
case fields (`ICCPR 7`, `ECHR P1-1`, `ACHR 8.1`, `CAT 22(5)(a)`) and what a person
types ("article 14, para. 3 (d), ICCPR"). Free-text rights ("torture", "التعذيب",
"vida privada") resolve through each right's names and aliases.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from indexer.analysis.normalize import fold
from indexer.record import Record

RIGHTS_FILE = Path(__file__).resolve().parent.parent / "mappings" / "rights.json"
LANGS = ("ar", "en", "fr", "es")

_PROVISION_RE = re.compile(
    r"^(?P<article>\d{1,3}|E)(?:-(?P<to>\d{1,3}))?(?P<path>(?:\([0-9a-z]{1,4}\))*)$"
)


class RightsError(ValueError):
    """mappings/rights.json is malformed or inconsistent."""


class _Instrument(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    system: str
    body: str | None = None
    names: dict[str, str]

    @field_validator("names")
    @classmethod
    def _four(cls, value: dict[str, str]) -> dict[str, str]:
        missing = [lang for lang in LANGS if not value.get(lang, "").strip()]
        if missing:
            raise ValueError(f"names missing in {', '.join(missing)}")
        return value


class _Right(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    names: dict[str, str]
    aliases: list[str] = []
    provisions: dict[str, list[str]]
    related: dict[str, list[str]] = {}

    @field_validator("names")
    @classmethod
    def _four(cls, value: dict[str, str]) -> dict[str, str]:
        return _Instrument._four(value)


@dataclass(frozen=True, slots=True)
class Provision:
    """One article of one instrument, possibly narrowed to a paragraph: ICERD 5(e)(iii)."""

    instrument: str
    article: str
    path: tuple[str, ...] = ()
    broad: bool = False
    """Listed through a range ("CRC 1-41"): the whole treaty protects the right."""

    def __str__(self) -> str:
        return f"{self.instrument} {self.article}" + "".join(f"({p})" for p in self.path)


@dataclass(frozen=True, slots=True)
class Right:
    id: str
    names: dict[str, str]
    aliases: tuple[str, ...]
    provisions: tuple[Provision, ...]
    related: tuple[Provision, ...]

    def name(self, lang: str = "en") -> str:
        return self.names.get(lang) or self.names["en"]

    def provisions_by_instrument(self, related: bool = False) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for p in self.related if related else self.provisions:
            out.setdefault(p.instrument, []).append(str(p).split(" ", 1)[1])
        return out


# Instrument spellings in case fields and user input -> our codes.
_INSTRUMENT_ALIASES: dict[str, str] = {
    "ICCPR": "ICCPR",
    "CCPR": "ICCPR",
    "PIDCP": "ICCPR",
    "PIDCP.": "ICCPR",
    "ICESCR": "ICESCR",
    "CESCR": "ICESCR",
    "PIDESC": "ICESCR",
    "CAT": "CAT",
    "UNCAT": "CAT",
    "CEDAW": "CEDAW",
    "CRC": "CRC",
    "UNCRC": "CRC",
    "CRPD": "CRPD",
    "ICERD": "ICERD",
    "CERD": "ICERD",
    "ICMW": "ICMW",
    "CMW": "ICMW",
    "ICRMW": "ICMW",
    "ICPPED": "ICPPED",
    "CED": "ICPPED",
    "UDHR": "UDHR",
    "DUDH": "UDHR",
    "ECHR": "ECHR",
    "CEDH": "ECHR",
    "ECTHR": "ECHR",
    "ESC": "ESC",
    "RESC": "ESC",
    "CSE": "ESC",
    "ACHR": "ACHR",
    "CADH": "ACHR",
    "IACHR": "ACHR",
    "ACHPR": "ACHPR",
    "CADHP": "ACHPR",
    "AFCHPR": "ACHPR",
    "ARABCHARTER": "ArabCharter",
    "ACHRLAS": "ArabCharter",
    "AHRC": "ArabCharter",
}
for _p in (1, 4, 6, 7, 12, 13):
    _INSTRUMENT_ALIASES[f"ECHRP{_p}"] = f"ECHR-P{_p}"

_ARTICLE_RE = re.compile(
    r"(?:^|[\s:,;])(?:art(?:icles?|ículos?|\.)?\s*)?"
    r"(?:(?P<proto>P\d{1,2})\s*-\s*)?(?P<article>\d{1,3}|E)(?![\d/])"
    r"(?P<rest>(?:\s*(?:\.\s*\d{1,2}(?!\d)|\(\s*[0-9a-z]{1,4}\s*\)"
    r"|,?\s*(?:para(?:graph)?s?\.?|§)\s*\d{1,2}|\s+[a-z]\)))*)",
    re.IGNORECASE,
)
_PATH_PART_RE = re.compile(
    r"\.\s*(\d{1,2})|\(\s*([0-9a-z]{1,4})\s*\)|(?:para(?:graph)?s?\.?|§)\s*(\d{1,2})|\b([a-z])\)",
    re.IGNORECASE,
)
_INSTRUMENT_TOKEN_RE = re.compile(
    r"\b(?:art:)?(?P<inst>ICCPR|CCPR|PIDCP|ICESCR|CESCR|PIDESC|UNCAT|CAT|CEDAW|UNCRC|CRC|CRPD"
    r"|ICERD|CERD|ICRMW|ICMW|CMW|ICPPED|CED|UDHR|DUDH|ECHR(?:-?P\d{1,2})?|CEDH|ECTHR|RESC|ESC"
    r"|ACHR|CADH|IACHR|ACHPR|CADHP|AFCHPR|ArabCharter|ARABCHARTER)\b",
    re.IGNORECASE,
)


def _parse_provision(instrument: str, text: str) -> list[Provision]:
    m = _PROVISION_RE.match(text.replace(" ", ""))
    if not m:
        raise RightsError(f"bad provision {instrument} {text!r}")
    path = tuple(re.findall(r"\(([0-9a-z]{1,4})\)", m.group("path")))
    if m.group("to"):
        lo, hi = int(m.group("article")), int(m.group("to"))
        if hi < lo:
            raise RightsError(f"bad range {instrument} {text!r}")
        return [Provision(instrument, str(n), path, broad=True) for n in range(lo, hi + 1)]
    return [Provision(instrument, m.group("article"), path)]


def _fold(text: str) -> str:
    text = fold(unicodedata.normalize("NFKC", text))
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", text).strip()


@dataclass
class Concordance:
    """The loaded concordance, with the lookups ingest and the duplicate check use."""

    instruments: dict[str, dict[str, Any]]
    rights: dict[str, Right]
    _by_article: dict[tuple[str, str], list[tuple[str, tuple[str, ...], bool]]] = field(
        default_factory=dict
    )
    _by_name: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for right in self.rights.values():
            for p in right.provisions:
                self._by_article.setdefault((p.instrument, p.article), []).append(
                    (right.id, p.path, p.broad)
                )
            for name in [*right.names.values(), *right.aliases, right.id]:
                self._by_name.setdefault(_fold(name), right.id)

    # --- provisions ----------------------------------------------------------------
    def rights_for(self, provision: Provision) -> list[str]:
        """Rights protected by an invoked provision.

        With a paragraph ("CRC 37(a)") the rights listed for that paragraph or for the
        whole article; without one ("CRC 37") those listed for the whole article, or,
        when only paragraphs are listed (besides a treaty-wide range), all of them.
        """
        entries = self._by_article.get((provision.instrument, provision.article), [])
        if provision.path:
            chosen = [r for r, path, _ in entries if provision.path[: len(path)] == path]
        else:
            whole = [r for r, path, broad in entries if not path and not broad]
            broad_ones = [r for r, path, broad in entries if broad]
            chosen = [*whole, *broad_ones] if whole else [r for r, _, _ in entries]
        return list(dict.fromkeys(chosen))

    def parse_articles(self, text: str, default_instrument: str | None = None) -> list[Provision]:
        """Provisions named in `text`: "ICCPR 7", "art:ECHR:3", "ECHR P1-1",
        "ACHR 8.1 and 25", "article 14, para. 3 (d), ICCPR"."""
        if text.startswith("art:"):
            parts = text.split(":")
            if len(parts) == 3:
                return [Provision(parts[1], parts[2])]
        instrument = default_instrument
        inst = _INSTRUMENT_TOKEN_RE.search(text)
        rest = text
        if inst:
            key = re.sub(r"[^A-Z0-9]", "", inst.group("inst").upper())
            instrument = _INSTRUMENT_ALIASES.get(key, instrument)
            rest = text[: inst.start()] + " " + text[inst.end() :]
        if instrument is None:
            return []
        out: list[Provision] = []
        for m in _ARTICLE_RE.finditer(rest):
            code = instrument
            if m.group("proto"):
                code = f"ECHR-{m.group('proto').upper()}"
            elif instrument.startswith("ECHR-P") and inst and "-" not in inst.group("inst"):
                code = instrument
            path: list[str] = []
            for part in _PATH_PART_RE.finditer(m.group("rest") or ""):
                path.append(next(g for g in part.groups() if g).lower())
            out.append(Provision(code, m.group("article").upper(), tuple(path)))
        return out

    def rights_for_articles(self, articles: Iterable[str]) -> list[str]:
        out: list[str] = []
        for text in articles:
            for provision in self.parse_articles(text):
                out.extend(self.rights_for(provision))
        return list(dict.fromkeys(out))

    # --- free text -------------------------------------------------------------------
    def resolve(self, text: str) -> list[str]:
        """Rights meant by what a person typed: an id, a name or alias in any of the
        four languages, or articles ("ICCPR 7")."""
        key = _fold(text)
        if key in self._by_name:
            return [self._by_name[key]]
        found = self.rights_for_articles([text])
        if found:
            return found
        padded = f" {key} "
        hits = [
            rid for name, rid in self._by_name.items() if len(name) > 3 and f" {name} " in padded
        ]
        return list(dict.fromkeys(hits))

    def right(self, right_id: str) -> Right:
        return self.rights[right_id]

    def equivalents(self, right_id: str) -> dict[str, list[str]]:
        """The right's provisions per instrument (for display)."""
        return self.rights[right_id].provisions_by_instrument()


def load_concordance(path: Path = RIGHTS_FILE) -> Concordance:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RightsError(f"{path}: {exc}") from exc
    try:
        instruments = {
            code: _Instrument.model_validate(raw).model_dump()
            for code, raw in data["instruments"].items()
        }
        parsed = [_Right.model_validate(raw) for raw in data["rights"]]
    except (KeyError, ValidationError) as exc:
        raise RightsError(f"{path}: {exc}") from exc
    rights: dict[str, Right] = {}
    for raw in parsed:
        if raw.id in rights:
            raise RightsError(f"{path}: right {raw.id!r} listed twice")

        def provisions(table: dict[str, list[str]], rid: str = raw.id) -> tuple[Provision, ...]:
            out: list[Provision] = []
            for code, items in table.items():
                if code not in instruments:
                    raise RightsError(f"{path}: right {rid!r} names unknown instrument {code!r}")
                for item in items:
                    out.extend(_parse_provision(code, item))
            return tuple(out)

        rights[raw.id] = Right(
            raw.id,
            dict(raw.names),
            tuple(raw.aliases),
            provisions(raw.provisions),
            provisions(raw.related),
        )
    return Concordance(instruments, rights)


@lru_cache(maxsize=1)
def concordance() -> Concordance:
    return load_concordance()


def enrich_rights(record: Record) -> Record:
    """Enricher: the rights protected by the articles the record invokes or cites.

    Runs after citation extraction, so `art:` citations found in the text count as
    well as the articles a source lists for a case.
    """
    from indexer.citations import case_law_instrument

    c = concordance()
    found = c.rights_for_articles(k for k in record.citations if k.startswith("art:"))
    if record.case is not None:
        home = case_law_instrument(record.body)
        for text in record.case.articles:
            for provision in c.parse_articles(text, home):
                found.extend(c.rights_for(provision))
    merged = list(dict.fromkeys([*record.rights, *found]))
    if merged == record.rights:
        return record
    return record.model_copy(update={"rights": merged})
