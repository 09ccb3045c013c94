"""Shared reading and emitting for the 16 folders of ``legal-sources-samples``.

Every record in that dataset is one JSON object per document with the keys ``_id,
_source, _type, _fetched_at, title, text, date, url`` plus source-specific metadata
(see the dataset's SOURCE.md). An adapter per folder maps the metadata and chooses how
the full text is segmented; this module holds what they have in common: reading a file
into a dict or a Reject, and turning a document's paragraphs into Candidates that carry
the document's metadata and one provenance each.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.pipeline import Item
from indexer.record import normalise_for_hash
from scrapers.importers.base import (
    clean_field,
    identify,
    iso_datetime,
    make_candidate,
    provenance,
    reject,
    short,
)
from scrapers.importers.segment import Para, paragraph_keys

DEFAULT_PATH = "legal-sources-samples"
MIN_WORDS = 3
"""Fragments shorter than this (a stray "V.", an OCR'd page header) are not paragraphs."""
LICENCE_NOTE = "sample via github.com/worldwidelaw/legal-sources (AGPL-3.0 collection code)"

TREATY_OF_BODY = {
    "CCPR": "ICCPR",
    "CESCR": "ICESCR",
    "CAT": "CAT",
    "CEDAW": "CEDAW",
    "CRC": "CRC",
    "CERD": "ICERD",
    "CRPD": "CRPD",
    "CED": "ICPPED",
    "CMW": "ICRMW",
}
"""How a treaty body's article numbers are written in ``case.articles`` ("ICCPR 7")."""

_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_SPACE_RE = re.compile(r"\s+")
LOST = "\ufffd"


class SharedTexts:
    """Paragraph texts of one document as a first source wrote them, for a second source.

    Two scrapers of the same decision (TreatyBodyJuris and OHCHR-Juris) agree on the
    words but not on the spaces around punctuation ("a. v. the Netherlands , where" /
    "a. v.the Netherlands, where"), because each flattened the HTML differently. Where
    the texts agree but for spaces, the second copy takes the first one's text, so the
    store sees one text (one record, two provenances); where they differ in a letter,
    both stay.
    """

    def __init__(self) -> None:
        self._texts: dict[tuple[str, str], str] = {}
        self._by_document: dict[str, list[tuple[str, str]]] = {}

    @staticmethod
    def _key(document: str, text: str) -> tuple[str, str]:
        return document, _SPACE_RE.sub("", normalise_for_hash(text))

    def remember(self, document: str, paras: Sequence[Para]) -> None:
        for para in paras:
            key = self._key(document, para.text)
            if key not in self._texts:
                self._texts[key] = para.text
                self._by_document.setdefault(document, []).append((key[1], para.text))

    def _lost_characters(self, document: str, loose: str) -> str | None:
        """The first copy's text where this one has U+FFFD (a character lost in decoding)."""
        pattern = re.compile("".join(".?" if c == LOST else re.escape(c) for c in loose), re.S)
        return next(
            (text for key, text in self._by_document.get(document, []) if pattern.fullmatch(key)),
            None,
        )

    def align(self, document: str, paras: Sequence[Para]) -> list[Para]:
        out = []
        for para in paras:
            key = self._key(document, para.text)
            known = self._texts.get(key)
            if known is None and LOST in key[1]:
                known = self._lost_characters(document, key[1])
            out.append(Para(para.number, known, para.heading) if known else para)
        return out


@dataclass
class Doc:
    """One record of the dataset, read and located."""

    data: dict[str, Any]
    rel: str
    """Path relative to the dataset root, for provenance and rejects."""

    @property
    def text(self) -> str:
        return str(self.data.get("text") or "")

    def get(self, key: str) -> str:
        return clean_field(self.data.get(key))


def load_docs(root: Path, folder: str, source: str) -> Iterator[Doc | Item]:
    """Every ``*.json`` of a folder, in name order, as a Doc or a Reject."""
    directory = root / folder
    if not directory.is_dir():
        yield reject(source, folder, "missing folder")
        return
    for path in sorted(directory.glob("*.json")):
        rel = f"{folder}/{path.name}"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield reject(source, rel, f"broken JSON: {exc}")
            continue
        if not isinstance(data, dict):
            yield reject(source, rel, f"broken JSON: expected an object, got {type(data).__name__}")
            continue
        yield Doc(data, rel)


def is_fragment(text: str) -> bool:
    return len(_WORD_RE.findall(text)) < MIN_WORDS


@dataclass
class Emit:
    """What every paragraph of one document shares."""

    source: str
    document: str
    """Document key: shared by the language versions of the document."""
    licence: str
    doc: Doc
    language: str | None
    fields: dict[str, Any] = field(default_factory=dict)
    url: str | None = None
    source_id: str | None = None

    def items(self, paras: Sequence[Para], *, keys: Sequence[str] | None = None) -> Iterator[Item]:
        if keys is None:
            keys = paragraph_keys(paras, language=self.language)
        fetched = iso_datetime(self.doc.data.get("_fetched_at"))
        source_id = self.source_id or self.doc.get("_id") or self.doc.rel
        kept = [
            (index, para, key)
            for index, (para, key) in enumerate(zip(paras, keys, strict=True))
            if not is_fragment(para.text)
        ]
        if not kept:
            # Nothing to segment: the whole (empty) text goes on, so the pipeline rejects
            # it with its own reason and the rejects report names the document.
            kept = [(0, Para(None, self.doc.text.strip()), "u0")]
        for index, para, key in kept:
            location = f"{self.doc.rel}#p{index}"
            fields: dict[str, Any] = {
                **self.fields,
                "text": para.text,
                "language": self.language,
                "paragraph": para.number,
                "section": short(para.heading, 300),
                "provenance": [
                    provenance(
                        source=self.source,
                        source_id=f"{source_id}#{key}",
                        licence=self.licence,
                        location=location,
                        url=self.url or self.doc.get("url") or None,
                        fetched_at=fetched,
                    )
                ],
            }
            identify(
                fields,
                source=self.source,
                document=self.document,
                pkey=key,
                language=self.language,
            )
            yield make_candidate(fields, location)
