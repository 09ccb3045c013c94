"""The taxonomies in `mappings/`, loaded once and validated at start.

Plain data files are reviewed like code; this module refuses to start on a
file that is inconsistent (a body of an unknown type, a name missing in one of
the four languages, a membership code nobody defined) and names the file and
the entry. Resolution of names to codes is the hot path of ingest, so every
name, alias and spelling is folded once into dictionaries.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from indexer.analysis.normalize import fold

MAPPINGS_DIR = Path(__file__).resolve().parent.parent / "mappings"
LANGS = ("ar", "en", "fr", "es")
PROCEDURES = frozenset({"judicial", "quasi-judicial", "monitoring", "political", "advisory"})


class TaxonomyError(ValueError):
    """A mappings file is missing, malformed or inconsistent."""


class _Entry(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


def _four_languages(value: dict[str, str]) -> dict[str, str]:
    missing = [lang for lang in LANGS if not (value.get(lang) or "").strip()]
    if missing:
        raise ValueError(f"names missing in {', '.join(missing)}")
    return value


class MechanismType(_Entry):
    id: str
    names: dict[str, str]
    _langs = field_validator("names")(_four_languages)


class Body(_Entry):
    code: str
    type: str
    system: str
    procedure: str
    instruments: list[str] = []
    names: dict[str, str]
    short: dict[str, str] = {}
    aliases: list[str] = []
    url: str | None = None
    _langs = field_validator("names")(_four_languages)

    @field_validator("procedure")
    @classmethod
    def _known_procedure(cls, value: str) -> str:
        if value not in PROCEDURES:
            raise ValueError(f"procedure must be one of {sorted(PROCEDURES)}")
        return value

    @property
    def examines_cases(self) -> bool:
        return self.procedure in ("judicial", "quasi-judicial")


class Country(_Entry):
    iso3: str
    iso2: str | None = None
    status: str | None = None
    names: dict[str, str]
    official_names: dict[str, str] = {}
    aliases: list[str] = []
    former_names: list[str] = []
    un_regional_group: str | None = None
    memberships: list[str] = []
    regional_systems: list[str] = []
    _langs = field_validator("names")(_four_languages)


class Named(_Entry):
    id: str
    names: dict[str, str]
    aliases: list[str] = []
    _langs = field_validator("names")(_four_languages)


class Sdg(_Entry):
    number: int
    names: dict[str, str]
    aliases: list[str] = []
    _langs = field_validator("names")(_four_languages)


class UprSession(_Entry):
    session: int
    cycle: int
    year: int
    estimated: bool = False


_PUNCT_RE = re.compile(r"[\W_]+")
_PAREN_RE = re.compile(r"\s*\([^)]*\)\s*")
_LEADING_RE = re.compile(r"^(?:[-–—*•]\s*)+")
_ARTICLES = ("the ", "la ", "le ", "les ", "el ", "los ", "las ", "l'")
_SDG_NUMBER_RE = re.compile(r"^(?:sdg|goal|odd|ods|objectif|objetivo|الهدف|هدف)?\s*(\d{1,2})\b")


def name_key(name: str) -> str:
    """Fold a name for lookup: case, accents, Arabic letter forms, punctuation."""
    text = _LEADING_RE.sub("", name.strip())
    text = fold(unicodedata.normalize("NFKC", text))
    decomposed = unicodedata.normalize("NFD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = text.replace("ة", "ه")
    return _PUNCT_RE.sub(" ", text).strip()


def _variants(name: str) -> list[str]:
    keys = [name_key(name)]
    without = _PAREN_RE.sub(" ", name)
    if without != name:
        keys.append(name_key(without))
    lowered = name.strip().casefold()
    for article in _ARTICLES:
        if lowered.startswith(article):
            keys.append(name_key(name.strip()[len(article) :]))
    if name.strip().startswith("ال"):
        keys.append(name_key(name.strip()[2:]))
    return [k for k in keys if k]


def _read(name: str, required: bool = True) -> Any:
    path = MAPPINGS_DIR / name
    if not path.exists():
        if required:
            raise TaxonomyError(f"{path}: missing")
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise TaxonomyError(f"{path}: not valid JSON ({exc})") from exc


def _parse(model: type[_Entry], items: Iterable[Any], where: str, key: str) -> list[Any]:
    out: list[Any] = []
    for n, item in enumerate(items):
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            label = item.get(key, f"#{n}") if isinstance(item, dict) else f"#{n}"
            raise TaxonomyError(f"{where}: entry {label}: {exc.errors()[0]['msg']}") from exc
    seen: set[Any] = set()
    for entry in out:
        value = getattr(entry, key)
        if value in seen:
            raise TaxonomyError(f"{where}: duplicate {key} {value!r}")
        seen.add(value)
    return out


class Taxonomy:
    def __init__(self) -> None:
        mech = _read("mechanisms.json")
        self.mechanism_types: dict[str, MechanismType] = {
            m.id: m for m in _parse(MechanismType, mech["mechanism_types"], "mechanisms.json", "id")
        }
        self.bodies: dict[str, Body] = {
            b.code: b for b in _parse(Body, mech["bodies"], "mechanisms.json", "code")
        }
        for body in self.bodies.values():
            if body.type not in self.mechanism_types:
                raise TaxonomyError(f"mechanisms.json: body {body.code}: unknown type {body.type}")

        countries = _read("countries.json")
        self.countries: dict[str, Country] = {
            c.iso3: c for c in _parse(Country, countries["countries"], "countries.json", "iso3")
        }
        self.regional_groups: dict[str, Named] = {
            g.id: g
            for g in _parse(
                Named, countries.get("regional_groups", []), "countries.json regional_groups", "id"
            )
        }
        self.organisations: dict[str, Named] = {
            o.id: o
            for o in _parse(
                Named, countries.get("organisations", []), "countries.json organisations", "id"
            )
        }
        self.regional_systems: dict[str, Named] = {
            s.id: s
            for s in _parse(
                Named,
                countries.get("regional_systems", []),
                "countries.json regional_systems",
                "id",
            )
        }
        for country in self.countries.values():
            if not re.fullmatch(r"[A-Z]{3}", country.iso3):
                raise TaxonomyError(f"countries.json: bad ISO3 {country.iso3!r}")
            if country.un_regional_group and country.un_regional_group not in self.regional_groups:
                raise TaxonomyError(
                    f"countries.json: {country.iso3}: unknown group {country.un_regional_group}"
                )
            for org in country.memberships:
                if org not in self.organisations:
                    raise TaxonomyError(f"countries.json: {country.iso3}: unknown org {org}")

        sessions = _read("upr_sessions.json")
        self.sessions: dict[int, UprSession] = {
            s.session: s
            for s in _parse(UprSession, sessions["sessions"], "upr_sessions.json", "session")
        }
        numbers = sorted(self.sessions)
        if numbers != list(range(1, len(numbers) + 1)):
            raise TaxonomyError("upr_sessions.json: session numbers are not contiguous from 1")
        self.responses: dict[str, Named] = {
            r.id: r for r in _parse(Named, sessions["responses"], "upr_sessions.json", "id")
        }

        themes = _read("themes.json", required=False) or {"themes": []}
        self.themes: dict[str, Named] = {
            t.id: t for t in _parse(Named, themes["themes"], "themes.json", "id")
        }
        affected = _read("affected_persons.json", required=False) or {"groups": []}
        self.affected: dict[str, Named] = {
            a.id: a for a in _parse(Named, affected["groups"], "affected_persons.json", "id")
        }
        sdgs = _read("sdgs.json", required=False) or {"sdgs": []}
        self.sdgs: dict[int, Sdg] = {
            s.number: s for s in _parse(Sdg, sdgs["sdgs"], "sdgs.json", "number")
        }
        self._build_indexes()

    # --- lookup tables ---------------------------------------------------
    def _build_indexes(self) -> None:
        self._country_keys: dict[str, str] = {}
        for c in self.countries.values():
            names = [
                c.iso3,
                *([c.iso2] if c.iso2 else []),
                *c.names.values(),
                *c.official_names.values(),
                *c.aliases,
                *c.former_names,
            ]
            for name in names:
                for key in _variants(name):
                    self._country_keys.setdefault(key, c.iso3)
        self._body_keys: dict[str, str] = {}
        for b in self.bodies.values():
            for name in [b.code, *b.names.values(), *b.short.values(), *b.aliases]:
                for key in _variants(name):
                    self._body_keys.setdefault(key, b.code)
        self._response_keys = self._named_keys(self.responses.values())
        self._theme_keys = self._named_keys(self.themes.values())
        self._affected_keys = self._named_keys(self.affected.values())
        self._sdg_keys: dict[str, int] = {}
        for s in self.sdgs.values():
            for name in [*s.names.values(), *s.aliases]:
                for key in _variants(name):
                    self._sdg_keys.setdefault(key, s.number)

    @staticmethod
    def _named_keys(entries: Iterable[Named]) -> dict[str, str]:
        keys: dict[str, str] = {}
        for entry in entries:
            for name in [entry.id, *entry.names.values(), *entry.aliases]:
                for key in _variants(name):
                    keys.setdefault(key, entry.id)
        return keys

    # --- bodies ----------------------------------------------------------
    def body(self, code: str) -> Body:
        return self.bodies[code]

    @lru_cache(maxsize=4096)  # noqa: B019 - one Taxonomy per process
    def resolve_body(self, name_or_code: str) -> Body | None:
        if name_or_code in self.bodies:
            return self.bodies[name_or_code]
        for key in _variants(name_or_code):
            code = self._body_keys.get(key)
            if code:
                return self.bodies[code]
        return None

    # --- countries -------------------------------------------------------
    def country(self, iso3: str) -> Country:
        return self.countries[iso3]

    @lru_cache(maxsize=65536)  # noqa: B019 - one Taxonomy per process
    def resolve_country(self, name: str) -> str | None:
        if name in self.countries:
            return name
        for key in _variants(name):
            code = self._country_keys.get(key)
            if code:
                return code
        return None

    def regions_for(self, iso3: str) -> list[str]:
        """The UN regional group and the regional organisations a State belongs to."""
        country = self.countries.get(iso3)
        if country is None:
            return []
        out = [country.un_regional_group] if country.un_regional_group else []
        return out + list(country.memberships)

    # --- UPR -------------------------------------------------------------
    def upr_session(self, number: int) -> UprSession:
        if number not in self.sessions:
            raise KeyError(f"unknown UPR session {number}")
        return self.sessions[number]

    def upr_response(self, raw: str) -> str | None:
        for key in _variants(raw):
            found = self._response_keys.get(key)
            if found:
                return found
        return None

    # --- themes, persons, SDGs -------------------------------------------
    def resolve_theme(self, label: str) -> str | None:
        cleaned = re.sub(r"^\s*[\d.]+\s*", "", label)
        for key in (*_variants(label), *_variants(cleaned)):
            found = self._theme_keys.get(key)
            if found:
                return found
        return None

    def resolve_affected(self, label: str) -> str | None:
        for key in _variants(label):
            found = self._affected_keys.get(key)
            if found:
                return found
        return None

    def sdg(self, number: int) -> Sdg:
        return self.sdgs[number]

    def resolve_sdg(self, label: str) -> int | None:
        """Goal number of a label: '13 - CLIMATE ACTION', '5.1 - End discrimination...'
        (a target resolves to its goal), 'SDG 5', 'ODD 5', 'Gender equality', 'Hambre cero'."""
        key = name_key(label)
        match = _SDG_NUMBER_RE.match(key)
        if match and int(match.group(1)) in self.sdgs:
            return int(match.group(1))
        for key in _variants(label):
            found = self._sdg_keys.get(key)
            if found:
                return found
        return None

    # --- display ---------------------------------------------------------
    def label(self, kind: str, code: str, lang: str) -> str:
        """Display name of `code` in `lang` (falls back to English, then the code)."""
        names: dict[str, str] | None = None
        if kind == "body" and code in self.bodies:
            names = self.bodies[code].names
        elif kind == "body_short" and code in self.bodies:
            names = self.bodies[code].short or self.bodies[code].names
        elif kind in ("country", "recommending") and code in self.countries:
            names = self.countries[code].names
        elif kind == "mechanism" and code in self.mechanism_types:
            names = self.mechanism_types[code].names
        elif kind == "region":
            entry = self.regional_groups.get(code) or self.organisations.get(code)
            names = entry.names if entry else None
        elif kind == "theme" and code in self.themes:
            names = self.themes[code].names
        elif kind == "affected" and code in self.affected:
            names = self.affected[code].names
        elif kind == "response" and code in self.responses:
            names = self.responses[code].names
        elif kind == "sdg" and code.isdigit() and int(code) in self.sdgs:
            names = self.sdgs[int(code)].names
        if not names:
            return code
        return names.get(lang) or names.get("en") or code


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    return Taxonomy()
