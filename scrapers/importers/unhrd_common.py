"""What the three UNHRD tarballs share: streaming JSON members out of a .tar.gz.

UNHRD (github.com/lszoszk/generalcomments, Ł. Szoszkiewicz & Z. Kowalska) is a curated,
paragraph-level corpus of treaty-body decisions, general comments and special
rapporteurs' thematic reports. The curation (segmentation, section and concerned-group
labels) is CC BY-NC-SA 4.0; the texts are UN documents. The tarballs are read in place,
member by member, and never unpacked into the repository.
"""

from __future__ import annotations

import json
import re
import tarfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from indexer.pipeline import Item
from scrapers.importers import taxo
from scrapers.importers.base import identify, make_candidate, provenance, reject, unique_keys
from scrapers.importers.segment import MAX_PARA_CHARS, chunk_text

DEFAULT_PATH = "unhrd-treatybody-jurisprudence-gc-sp"
LICENCE = (
    "UN document (UN terms of use); paragraph segmentation, sections and labels "
    "CC BY-NC-SA 4.0 (UNHRD, Szoszkiewicz & Kowalska 2026)"
)
UNHRD_URL = "https://lszoszk.github.io/generalcomments/"
UN_DOCUMENT_URL = "https://documents.un.org/api/symbol/access?s={symbol}&l=en&t=pdf"
_FOOTNOTE_MARK_RE = re.compile(r"\[\[fn:[^\]]*\]\]")


def json_members(
    tarball: Path, source: str, *, folder: str, suffix: str = ".json"
) -> Iterator[tuple[str, Any]]:
    """(member name, parsed JSON) of every ``folder/*suffix`` in the tarball, in archive order;
    a member that is not valid JSON yields ``(name, Reject)``."""
    rel_tar = tarball.name
    try:
        archive = tarfile.open(tarball, "r:gz")  # noqa: SIM115 - members are streamed below
    except (OSError, tarfile.TarError) as exc:
        yield rel_tar, reject(source, rel_tar, f"unreadable archive: {exc}")
        return
    with archive:
        try:
            for member in archive:
                path = PurePosixPath(member.name)
                if not member.isfile() or path.parent.name != folder or path.suffix != suffix:
                    continue
                if path.name.startswith("._"):
                    continue  # macOS resource forks
                handle = archive.extractfile(member)
                if handle is None:
                    continue
                yield path.name, _parse(handle.read(), source, f"{rel_tar}:{member.name}")
        except (OSError, EOFError, tarfile.TarError) as exc:
            yield rel_tar, reject(source, rel_tar, f"truncated or corrupt archive: {exc}")


def _parse(raw: bytes, source: str, location: str) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return reject(source, location, f"broken JSON: {exc}", raw[:200].decode("utf-8", "replace"))


def pieces(text: str, key: str) -> list[tuple[str, str]]:
    """(text, key) of a paragraph, cut at sentence ends when it is too long to be a Record
    (two special-rapporteur "paragraphs" hold a whole report: 220,000 characters); the
    chunks after the first get keys "999#2", "999#3", ...
    """
    if len(text) <= MAX_PARA_CHARS:
        return [(text, key)]
    chunks = chunk_text(text, MAX_PARA_CHARS // 2)
    return [(chunk, key if i == 0 else f"{key}#{i + 1}") for i, chunk in enumerate(chunks)]


def strip_footnote_marks(text: str) -> str:
    """ "privacy[[fn:22]], where" -> "privacy, where" (the curation's footnote anchors)."""
    return _FOOTNOTE_MARK_RE.sub("", text)


def labels_of(paragraph: dict[str, Any]) -> list[str]:
    labels = paragraph.get("Labels") or paragraph.get("labels") or []
    return [str(x) for x in labels if x] if isinstance(labels, list) else []


def paragraph_items(
    paragraphs: list[Any],
    *,
    base: dict[str, Any],
    source: str,
    location: str,
    stem: str,
    document: str,
    url: str | None,
) -> Iterator[Item]:
    """The Records of one document's paragraph list (general comments and special-procedure
    reports share the curation's shape: ``{"ID": "12.", "Text": ..., "Labels": [...]}``).

    ``location`` is the member's place in the tarball (``#index`` is appended); each
    paragraph is keyed by its own number, made unique within the document, so that a
    re-import finds the same Record again.
    """
    numbers = [
        str(p.get("ID") or "").strip().rstrip(".") or None if isinstance(p, dict) else None
        for p in paragraphs
    ]
    keys = unique_keys(numbers)
    for index, (para, number, key) in enumerate(zip(paragraphs, numbers, keys, strict=True)):
        where = f"{location}#{index}"
        if not isinstance(para, dict):
            yield reject(source, where, "broken JSON: paragraph is not an object", para)
            continue
        text = strip_footnote_marks(str(para.get("Text") or ""))
        for piece, piece_key in pieces(text, key):
            fields = {
                **base,
                "text": piece,
                "paragraph": number,
                "affected_persons": taxo.affected_persons(labels_of(para)),
                "provenance": [
                    provenance(
                        source=source,
                        source_id=f"{stem}#{piece_key}",
                        licence=LICENCE,
                        location=where,
                        url=url,
                    )
                ],
            }
            identify(fields, source=source, document=document, pkey=piece_key, language=None)
            yield make_candidate(fields, where)
