"""A user's own documents (PDF, DOCX, HTML, plain text) as Candidates, with the metadata
the user gives on the command line (`concordia ingest FILE... --body ... --country ...`).

A file is parsed by `scrapers.parse.parse_document` (format from its bytes, not its
name); a file that cannot be read — corrupt, truncated, a legacy .doc, a scan with no
text — becomes one `Reject` naming the file and the reason, and the next file goes on.

Identity: the document key is the symbol when the user gives one with a single file (so
a user's copy of A/HRC/59/15 lines up, paragraph by paragraph, with the crawled one),
otherwise a digest of the file's bytes (the same file ingested twice is the same
records). The provenance source is "user-file"; no fetch time is recorded, so
re-ingesting an unchanged file changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.pipeline import Item
from scrapers.http import ScraperError
from scrapers.importers.base import (
    date_fields,
    identify,
    iso_date,
    make_candidate,
    provenance,
    reject,
    short,
)
from scrapers.importers.legal_common import is_fragment
from scrapers.importers.segment import paragraph_keys
from scrapers.parse import parse_document
from scrapers.sources.base import paras_of, tidy_symbol

SOURCE = "user-file"
LICENCE = "user-supplied document (licence as declared by the user)"


@dataclass(frozen=True)
class FileMetadata:
    """What the user says about the files (the same for every file of one command)."""

    body: str
    kind: str = "report_paragraph"
    countries: tuple[str, ...] = ()
    symbol: str | None = None
    date: str | None = None
    language: str | None = None
    title: str | None = None
    url: str | None = None


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def iter_file_items(paths: Sequence[Path], metadata: FileMetadata) -> Iterator[Item]:
    """Candidates for every paragraph of every file; one Reject per unreadable file."""
    for path in paths:
        location = str(path)
        try:
            paragraphs = parse_document(path)
            digest = file_digest(path)
        except ScraperError as exc:
            # DocumentError names the file and what is wrong with it (MissingToolError
            # says which tool to install); either way the batch goes on.
            yield reject(SOURCE, location, f"unreadable document: {exc}")
            continue
        except OSError as exc:
            yield reject(SOURCE, location, f"unreadable document: cannot read {path}: {exc}")
            continue
        paras = [p for p in paras_of(paragraphs) if not is_fragment(p.text)]
        if not paras:
            yield reject(SOURCE, location, f"no text: {path} has no paragraphs to index")
            continue
        symbol = tidy_symbol(metadata.symbol) if metadata.symbol else None
        document = f"{SOURCE}/{digest[:24]}"
        if symbol:
            # Several files under one symbol (language versions, say) must not collide.
            document = symbol if len(paths) == 1 else f"{symbol}#{digest[:12]}"
        keys = paragraph_keys(paras, language=metadata.language)
        date = iso_date(metadata.date)
        for index, (para, key) in enumerate(zip(paras, keys, strict=True)):
            where = f"{location}#p{index}"
            fields: dict[str, Any] = {
                "text": para.text,
                "language": metadata.language,
                "title": metadata.title or symbol or path.name,
                "body": metadata.body,
                "kind": metadata.kind,
                "countries": list(metadata.countries),
                "symbol": symbol,
                "paragraph": para.number,
                "section": short(para.heading, 300),
                "provenance": [
                    provenance(
                        source=SOURCE,
                        source_id=f"{path.name}#{key}",
                        licence=LICENCE,
                        location=where,
                        url=metadata.url,
                    )
                ],
                **date_fields(date),
            }
            identify(fields, source=SOURCE, document=document, pkey=key, language=metadata.language)
            yield make_candidate(fields, where)
