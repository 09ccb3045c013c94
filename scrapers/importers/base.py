"""What every importer shares: the registry entry, identity, provenance, dates.

Importers turn one dataset into `Candidate`s for `indexer.pipeline.ingest`. Identity is
decided here, once, so that every dataset follows the same rules:

- the record id is derived from source + document key + paragraph key + language, the
  work key from document key + paragraph key (so the English and French versions of one
  numbered paragraph of one judgment share a work);
- a paragraph key must be unique within its document, and stable between runs: the
  document's own number when it has one ("2.1"), made unique with a suffix where a
  document repeats a number (opinions, annexes), otherwise a position ("u12") that is
  qualified by the language so that unaligned chunks never pretend to be translations.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.pipeline import Candidate, Item, Reject
from indexer.record import make_record_id, make_work_key

EXCERPT_CHARS = 200
SOURCE_ID_MAX = 300
TITLE_MAX = 500


REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Importer:
    """A registry entry: how to read one dataset and where it usually lives."""

    name: str
    description: str
    default_path: str
    """Folder of the dataset, relative to the shared data root (``../shared/data``), or to
    the repository for a bundled dataset."""
    iter_items: Callable[[Path], Iterator[Item]]
    bundled: bool = False
    """True for data shipped in the repository (the sample), found without a data root."""

    def root(self, data_root: Path) -> Path:
        return (REPOSITORY_ROOT if self.bundled else data_root) / self.default_path

    def run(self, data_root: Path) -> Iterator[Item]:
        return self.iter_items(self.root(data_root))


# --- identity ------------------------------------------------------------------------


def unique_keys(numbers: Sequence[str | None], *, unnumbered_prefix: str = "u") -> list[str]:
    """One key per paragraph, unique in the document, in document order.

    A number seen before gets "~2", "~3" (a document that restarts its numbering in an
    annex or an individual opinion); an unnumbered paragraph gets its position.
    """
    seen: Counter[str] = Counter()
    keys: list[str] = []
    for index, number in enumerate(numbers):
        base = number if number else f"{unnumbered_prefix}{index}"
        seen[base] += 1
        keys.append(base if seen[base] == 1 else f"{base}~{seen[base]}")
    return keys


def text_key(*parts: str) -> str:
    """A short stable key from text, for rows that have no number of their own."""
    joined = "\x1f".join(normalise_space(p).casefold() for p in parts)
    return "h" + hashlib.sha256(joined.encode("utf-8")).hexdigest()[:12]


def identify(
    fields: dict[str, Any],
    *,
    source: str,
    document: str,
    pkey: str,
    language: str | None,
    id_document: str | None = None,
) -> dict[str, Any]:
    """Add ``id`` and ``work`` to ``fields`` (language "xx" stands for "detect later").

    When a source declares no language, the id still has to be stable before detection:
    the paragraph key already makes it unique in its document, so a placeholder is used.
    ``id_document`` keys the id when one source stores the same document twice under two
    names (the work key stays the document's, so the copies share their works).
    """
    fields["id"] = make_record_id(source, id_document or document, pkey, language or "xx")
    fields["work"] = make_work_key(document, pkey)
    return fields


def provenance(
    *,
    source: str,
    source_id: str,
    licence: str,
    location: str,
    url: str | None = None,
    fetched_at: str | None = None,
) -> dict[str, Any]:
    return {
        "source": source,
        "source_id": source_id[:SOURCE_ID_MAX],
        "url": url or None,
        "fetched_at": fetched_at or None,
        "licence": licence,
        "location": location,
    }


def reject(source: str, location: str, reason: str, excerpt: object = None) -> Reject:
    text = None if excerpt is None else str(excerpt)[:EXCERPT_CHARS]
    return Reject(source=source, location=location, reason=reason, excerpt=text)


def drop_empty(fields: dict[str, Any]) -> dict[str, Any]:
    """Leave out None, empty lists and empty dicts, so fingerprints do not depend on them."""
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if value is None or value == [] or value == {}:
            continue
        if isinstance(value, dict):
            value = drop_empty(value)
            if not value:
                continue
        out[key] = value
    return out


def make_candidate(fields: dict[str, Any], location: str) -> Candidate:
    return Candidate(fields=drop_empty(fields), location=location)


# --- text ------------------------------------------------------------------------------

_WS_RE = re.compile(r"\s+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_space(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


def clean_field(value: object) -> str:
    """A metadata value as one tidy line: entities decoded, controls and runs of space gone."""
    if value is None:
        return ""
    text = html.unescape(str(value))
    text = _CONTROL_RE.sub(" ", text)
    return normalise_space(unicodedata.normalize("NFC", text))


def short(text: str | None, limit: int = TITLE_MAX) -> str | None:
    if not text:
        return None
    text = normalise_space(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- dates -----------------------------------------------------------------------------

MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        "january janvier enero",
        "february fevrier février febrero",
        "march mars marzo",
        "april avril abril",
        "may mai mayo",
        "june juin junio",
        "july juillet julio",
        "august aout août agosto",
        "september septembre septiembre setiembre",
        "october octobre octubre",
        "november novembre noviembre",
        "december decembre décembre diciembre",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _i
        MONTHS[_name[:3]] = _i

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
DAY_MONTH_YEAR_RE = re.compile(
    rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th|er)?\s+(?:de\s+)?(?P<m>{_MONTH_ALT})\.?,?\s+(?:de\s+)?"
    rf"(?P<y>(?:19|20)\d\d)\b",
    re.I,
)
MONTH_DAY_YEAR_RE = re.compile(
    rf"\b(?P<m>{_MONTH_ALT})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,\s+(?P<y>(?:19|20)\d\d)\b", re.I
)
ISO_DATE_RE = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
SLASH_DATE_RE = re.compile(r"\b(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)\d\d)\b")


def _make_date(year: str, month: str | int, day: str) -> str | None:
    try:
        m = month if isinstance(month, int) else MONTHS.get(month.lower().rstrip("."))
        if m is None:
            m = int(month)
        return dt.date(int(year), int(m), int(day)).isoformat()
    except (ValueError, TypeError):
        return None


def parse_date(text: str | None) -> str | None:
    """The first date in ``text`` as ISO "YYYY-MM-DD" (English, French, Spanish, ISO, d/m/y)."""
    if not text:
        return None
    for regex in (ISO_DATE_RE, DAY_MONTH_YEAR_RE, MONTH_DAY_YEAR_RE, SLASH_DATE_RE):
        match = regex.search(text)
        if match:
            found = _make_date(match.group("y"), match.group("m"), match.group("d"))
            if found:
                return found
    return None


def iso_date(value: object) -> str | None:
    """A source's date field as ISO, or None when it is missing or not a real date."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ].*)?", text):
        try:
            return dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None
    return parse_date(text)


def iso_datetime(value: object) -> str | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None


def date_fields(date: str | None = None, year: int | None = None) -> dict[str, Any]:
    """``date`` when the day is known, else ``year`` alone (a Record derives year from date)."""
    if date:
        return {"date": date}
    if year:
        return {"year": year}
    return {}
