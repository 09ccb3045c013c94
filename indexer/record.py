"""The Record: one paragraph-level statement of one mechanism in one language.

Identity is derived, never assigned: `id` from source + document + paragraph +
language, `work` from document + paragraph (shared by the language versions of
the same paragraph), `content_hash` from the normalised text (the same text
scraped by two sources is one record with two provenances).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

ISO3 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
_SHORT = 300

MIN_TEXT_CHARS = 3
MAX_TEXT_CHARS = 100_000
EARLIEST_DATE = dt.date(1945, 1, 1)


class MechanismType(StrEnum):
    TREATY_BODY = "treaty_body"
    UPR = "upr"
    SPECIAL_PROCEDURE = "special_procedure"
    CHARTER_BODY = "charter_body"
    REGIONAL = "regional"
    NHRI = "nhri"
    OTHER = "other"


class Kind(StrEnum):
    RECOMMENDATION = "recommendation"
    OBSERVATION = "observation"
    DECISION = "decision"
    VIEW = "view"
    JUDGMENT = "judgment"
    RESOLUTION = "resolution"
    GENERAL_COMMENT = "general_comment"
    REPORT_PARAGRAPH = "report_paragraph"
    PLEDGE = "pledge"
    COMMUNICATION = "communication"


class UprResponse(StrEnum):
    SUPPORTED = "supported"
    NOTED = "noted"
    PARTIALLY_SUPPORTED = "partially_supported"
    PLEDGE = "pledge"
    PENDING = "pending"


CASE_KINDS = frozenset({Kind.DECISION, Kind.VIEW, Kind.JUDGMENT, Kind.COMMUNICATION})


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)


class Provenance(_Model):
    """Where one copy of the record came from; a record keeps one per source."""

    source: Annotated[str, StringConstraints(min_length=1, max_length=80)]
    source_id: Annotated[str, StringConstraints(min_length=1, max_length=_SHORT)]
    url: str | None = None
    fetched_at: dt.datetime | None = None
    licence: Annotated[str, StringConstraints(min_length=1, max_length=_SHORT)]
    location: str | None = Field(
        default=None, description="file and row/paragraph the record was read from"
    )


class UprDetails(_Model):
    recommending_states: list[ISO3] = Field(default_factory=list)
    recommending_raw: list[str] = Field(default_factory=list)
    cycle: Annotated[int, Field(ge=1, le=10)] | None = None
    session: Annotated[int, Field(ge=1, le=200)] | None = None
    response: UprResponse | None = None
    response_raw: str | None = None
    action_category: Annotated[int, Field(ge=1, le=5)] | None = None
    recommendation_number: str | None = None


class CaseDetails(_Model):
    """What the duplicate-complaint check compares: parties, State, dates, rights."""

    number: str | None = Field(default=None, description="communication/application number")
    other_numbers: list[str] = Field(default_factory=list)
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    victims: list[str] = Field(default_factory=list)
    respondent_state: ISO3 | None = None
    articles: list[str] = Field(default_factory=list, description="e.g. 'ICCPR 7', 'ECHR 3'")
    decision_date: dt.date | None = None
    submission_date: dt.date | None = None
    outcome: str | None = None
    status: str | None = None


class Record(_Model):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]{8,64}$")]
    work: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]{8,64}$")]
    content_hash: str = ""

    text: str
    language: LangCode
    detected_language: LangCode | None = None
    title: str | None = None

    mechanism: MechanismType
    body: Annotated[str, StringConstraints(min_length=2, max_length=40)]
    kind: Kind

    countries: list[ISO3] = Field(default_factory=list)
    countries_raw: list[str] = Field(
        default_factory=list, description="country names that did not resolve to ISO codes"
    )
    regions: list[str] = Field(default_factory=list)
    upr: UprDetails | None = None
    case: CaseDetails | None = None

    date: dt.date | None = None
    year: Annotated[int, Field(ge=1945, le=2100)] | None = Field(
        default=None, description="set alone when a source gives the year but not the day"
    )
    symbol: str | None = None
    paragraph: Annotated[str, StringConstraints(max_length=40)] | None = None
    section: str | None = None
    provenance: list[Provenance] = Field(min_length=1)

    themes: list[str] = Field(default_factory=list)
    sdgs: list[Annotated[int, Field(ge=1, le=17)]] = Field(default_factory=list)
    affected_persons: list[str] = Field(default_factory=list)
    rights: list[str] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)

    @field_validator("text")
    @classmethod
    def _text_is_meaningful(cls, value: str) -> str:
        if len(value) < MIN_TEXT_CHARS or not any(c.isalnum() for c in value):
            raise ValueError("text is empty or has no letters or digits")
        if len(value) > MAX_TEXT_CHARS:
            raise ValueError(f"text longer than {MAX_TEXT_CHARS} characters")
        return value

    @field_validator("date")
    @classmethod
    def _date_is_plausible(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not (
            EARLIEST_DATE <= value <= dt.date.today() + dt.timedelta(days=366)
        ):
            raise ValueError(f"implausible date {value.isoformat()}")
        return value

    @field_validator("countries", "regions", "themes", "affected_persons", "rights", "citations")
    @classmethod
    def _dedupe(cls, values: list[str]) -> list[str]:
        return list(dict.fromkeys(values))

    @model_validator(mode="after")
    def _fill_derived(self) -> Self:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)
        if self.date is not None:
            if self.year is not None and self.year != self.date.year:
                raise ValueError(f"year {self.year} contradicts date {self.date.isoformat()}")
            self.year = self.date.year
        return self

    @property
    def url(self) -> str | None:
        return next((p.url for p in self.provenance if p.url), None)

    @property
    def fetched_at(self) -> dt.datetime | None:
        return next((p.fetched_at for p in self.provenance if p.fetched_at), None)

    @property
    def licence(self) -> str:
        return self.provenance[0].licence

    @property
    def response(self) -> str | None:
        return self.upr.response.value if self.upr and self.upr.response else None

    @property
    def recommending_states(self) -> list[str]:
        return list(self.upr.recommending_states) if self.upr else []

    def facet_values(self) -> dict[str, list[str]]:
        """Values of every facet, in the form both backends index."""
        return {
            "mechanism": [self.mechanism.value],
            "body": [self.body],
            "kind": [self.kind.value],
            "country": list(self.countries),
            "region": list(self.regions),
            "year": [str(self.year)] if self.year else [],
            "language": [self.language],
            "response": [self.response] if self.response else [],
            "recommending": self.recommending_states,
        }

    def to_json(self) -> str:
        return self.model_dump_json(exclude_defaults=True)

    @classmethod
    def from_json(cls, data: str | bytes) -> Record:
        return cls.model_validate_json(data)


FACETS: tuple[str, ...] = (
    "mechanism",
    "body",
    "kind",
    "country",
    "region",
    "year",
    "language",
    "response",
    "recommending",
)

_WS_RE = re.compile(r"\s+")


def normalise_for_hash(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return _WS_RE.sub(" ", text).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()[:32]


def _digest(*parts: str | None) -> str:
    joined = "\x1f".join((p or "").strip().casefold() for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:20]


def make_work_key(document: str, paragraph: str | None) -> str:
    """Key shared by the language versions of one paragraph of one document."""
    return "w-" + _digest(document, paragraph)


def make_record_id(source: str, document: str, paragraph: str | None, language: str) -> str:
    return "r-" + _digest(source, document, paragraph, language)


def record_summary(record: Record) -> dict[str, Any]:
    """The fields every API answer shows for a hit (the search contract)."""
    return {
        "id": record.id,
        "text": record.text,
        "language": record.language,
        "mechanism": record.mechanism.value,
        "body": record.body,
        "kind": record.kind.value,
        "countries": list(record.countries),
        "symbol": record.symbol,
        "paragraph": record.paragraph,
        "date": record.date.isoformat() if record.date else None,
        "url": record.url,
    }
