"""UNHRD general comments and recommendations: 180 documents, 6,536 paragraphs.

Dataset: ``json_data_general_comments.tar.gz`` (``json_data/Annotated_<...>.json``, one
JSON array of ``{ID, Labels, Text}`` per document) and ``GC-info.json`` (per file: Name,
Simplified Name, Signature = symbol, Adoption Date/Year, Committee, Link).

Quirks:

- ``GC-info.json`` lists 181 files; ``Annotated_CRC-GC18-Harmful.json`` is not in the
  tarball (only its revised joint version is);
- ``json_data/json_new`` is not JSON but a nested tar.gz of an older copy of the same
  documents and is skipped;
- joint general comments name two committees ("CRC, CEDAW"): the first is the body;
- several old general recommendations share a "symbol" that is really the annual report
  they were published in ("A/44/38"), so the document key is the file's name unless the
  signature is a general-comment symbol ("CRC/C/GC/19");
- ``Adoption Year`` is sometimes a string; three paragraphs have no ID.

Licence: UN documents; the curation is CC BY-NC-SA 4.0 (attribution in `unhrd_common`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from indexer.pipeline import Item
from scrapers.importers.base import (
    clean_field,
    date_fields,
    iso_date,
    reject,
)
from scrapers.importers.unhrd_common import (
    DEFAULT_PATH,
    json_members,
    paragraph_items,
)

__all__ = ["DEFAULT_PATH", "iter_items"]

SOURCE = "unhrd-general-comments"
TARBALL = "json_data_general_comments.tar.gz"
FOLDER = "json_data"
INFO_FILE = "GC-info.json"
GC_SYMBOL_RE = re.compile(r"/G[CR]/\d+|/GEC/", re.I)
COMMITTEE_CODES = {"ESCR": "CESCR"}


def load_info(root: Path) -> tuple[dict[str, dict[str, Any]], Item | None]:
    """File name -> its GC-info entry; a Reject if GC-info.json is unreadable."""
    try:
        entries = json.loads((root / INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, reject(SOURCE, INFO_FILE, f"broken JSON: {exc}")
    info: dict[str, dict[str, Any]] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("File PATH"):
            info[Path(str(entry["File PATH"])).name] = entry
    return info, None


def iter_items(root: Path) -> Iterator[Item]:
    info, problem = load_info(root)
    if problem is not None:
        yield problem
    for name, data in json_members(root / TARBALL, SOURCE, folder=FOLDER):
        if not isinstance(data, list):
            yield data  # a Reject
            continue
        yield from document_items(name, data, info.get(name, {}))


def document_items(name: str, paragraphs: list[Any], entry: dict[str, Any]) -> Iterator[Item]:
    stem = name[: -len(".json")]
    symbol = clean_field(entry.get("Signature"))
    committee = clean_field(entry.get("Committee")).split(",")[0].strip()
    if not committee:
        committee = stem.removeprefix("Annotated_").split("_")[0].split("-")[0]
    body = COMMITTEE_CODES.get(committee, committee)
    document = symbol if GC_SYMBOL_RE.search(symbol) else f"UNHRD/{stem}"
    date = iso_date(entry.get("Adoption Date"))
    year_raw = str(entry.get("Adoption Year") or "")
    year = int(year_raw) if year_raw.isdigit() else None
    base: dict[str, Any] = {
        "title": clean_field(entry.get("Name")) or stem,
        "body": body,
        "kind": "general_comment",
        "symbol": symbol or None,
        **date_fields(date, year),
    }
    yield from paragraph_items(
        paragraphs,
        base=base,
        source=SOURCE,
        location=f"{TARBALL}:{FOLDER}/{name}",
        stem=stem,
        document=document,
        url=clean_field(entry.get("Link")) or None,
    )
