"""Query translation through the multilingual human-rights terminology.

`mappings/terminology.json` lists concepts with their usual terms in Arabic,
English, French and Spanish. Each term is analysed once with its own language's
pipeline; a query word sequence whose stems match a term is then also searched
as every other term of the concept, so "disparition forcée" finds
"enforced disappearance" and "الاختفاء القسري".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from indexer.analysis.analyzer import SUPPORTED_LANGUAGES, analyse

MAPPINGS = Path(__file__).resolve().parent.parent / "mappings"
TERMINOLOGY_FILE = MAPPINGS / "terminology.json"
COUNTRIES_FILE = MAPPINGS / "countries.json"
MAX_SPAN = 8


class QueryWord(Protocol):
    @property
    def exact(self) -> str: ...

    @property
    def stems(self) -> frozenset[str]: ...


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    variants: tuple[tuple[str, tuple[str, ...]], ...]


class Terminology:
    def __init__(self, concepts: Sequence[Concept]) -> None:
        self.concepts = list(concepts)
        self._by_first: dict[str, list[tuple[tuple[str, ...], Concept]]] = {}
        for concept in self.concepts:
            for _, stems in concept.variants:
                self._by_first.setdefault(stems[0], []).append((stems, concept))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e[0]))

    def __len__(self) -> int:
        return len(self.concepts)

    def match(self, words: Sequence[QueryWord], start: int) -> tuple[int, Concept] | None:
        """Longest concept term starting at `words[start]`, as (span, concept)."""
        first = words[start]
        best: tuple[int, Concept] | None = None
        for key in first.stems | {first.exact}:
            for stems, concept in self._by_first.get(key, ()):
                span = len(stems)
                if best is not None and span <= best[0]:
                    continue
                if start + span > len(words):
                    continue
                if all(
                    s in words[start + j].stems or s == words[start + j].exact
                    for j, s in enumerate(stems)
                ):
                    best = (span, concept)
        return best

    @classmethod
    def from_data(cls, data: Any) -> Terminology:
        entries = data.get("concepts", []) if isinstance(data, dict) else data
        concepts: list[Concept] = []
        for entry in entries:
            variants: dict[tuple[str, ...], str] = {}
            for lang, terms in entry.get("terms", {}).items():
                if lang not in SUPPORTED_LANGUAGES:
                    continue
                for term in terms:
                    stems = tuple(analyse(term, lang).stems)
                    if stems and len(stems) <= MAX_SPAN:
                        variants.setdefault(stems, lang)
            if variants:
                concepts.append(
                    Concept(str(entry["id"]), tuple((lang, s) for s, lang in variants.items()))
                )
        return cls(concepts)

    @classmethod
    def empty(cls) -> Terminology:
        return cls([])


def country_concepts(path: Path = COUNTRIES_FILE) -> list[dict[str, Any]]:
    """Country names in the four languages as concepts: "Mexique" also finds "Mexico"."""
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    out: list[dict[str, Any]] = []
    for country in data.get("countries", []):
        terms: dict[str, list[str]] = {}
        for source in ("names",):
            for lang, name in (country.get(source) or {}).items():
                if name:
                    terms.setdefault(lang, []).append(str(name))
        if terms:
            out.append({"id": f"country:{country['iso3']}", "terms": terms})
    return out


@lru_cache(maxsize=4)
def load_terminology(
    path: Path = TERMINOLOGY_FILE, countries: Path | None = COUNTRIES_FILE
) -> Terminology:
    entries: list[Any] = []
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        entries.extend(data.get("concepts", []) if isinstance(data, dict) else data)
    if countries is not None:
        entries.extend(country_concepts(countries))
    return Terminology.from_data(entries)
