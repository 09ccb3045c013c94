"""PDF to paragraphs.

Measured on the shared UN PDFs (see docs/parsers.md):

- English (OHCHR working-group reports 2009-2025): ``pdftotext -raw`` keeps reading order
  and words whole. pdftotext's default mode breaks fully justified lines into separate
  blocks ("adhere / to / the / American"); pypdf splits words ("recommenda tions",
  "Bra zil").
- Arabic: ``pdftotext`` default mode gives logical (reading) order with bidi embeddings
  around every direction change; ``-raw`` gives words in visual order (a line reads
  backwards) and pypdf reverses digit runs ("٢٥/٣٠" -> "٠٣٥٢"). pdfminer.six reverses
  Arabic; PyMuPDF is AGPL. So right-to-left documents use the default mode and we repair
  the embeddings (``textclean.repair_bidi_runs``).

pdftotext (poppler-utils) is therefore the default backend; pypdf remains as a fallback
for machines without poppler, with worse word splitting.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Literal

from scrapers.parse.errors import DocumentError, MissingToolError
from scrapers.parse.furniture import strip_page_furniture
from scrapers.parse.paragraph import Paragraph
from scrapers.parse.segment import Line, segment_lines
from scrapers.parse.textclean import is_only_marks, normalize_line, strip_trailing_footnote_ref

PdfBackend = Literal["pdftotext", "pypdf"]
PDFTOTEXT = "pdftotext"
PDFTOTEXT_HINT = "install poppler-utils (apt-get install poppler-utils) or use backend='pypdf'"
PDFTOTEXT_TIMEOUT_S = 180
EOF_WINDOW = 4096
HEADER_WINDOW = 1024
ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a]")
LATIN_LETTER_RE = re.compile(r"[A-Za-z]")


def check_pdf_file(path: Path) -> None:
    """Reject what is not a complete PDF before any extractor guesses at it.

    pdftotext reconstructs damaged cross-reference tables and can return part of a
    truncated file without complaint; a missing ``%%EOF`` is the reliable sign of a
    download cut short.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(HEADER_WINDOW)
            handle.seek(max(0, size - EOF_WINDOW))
            tail = handle.read()
    except OSError as exc:
        raise DocumentError(path, f"unreadable: {exc}") from exc
    if b"%PDF-" not in head:
        raise DocumentError(path, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in tail:
        raise DocumentError(path, "truncated PDF (no %%EOF marker at the end)")


def pdftotext_pages(path: Path, *, raw: bool) -> list[str]:
    """Text of each page from poppler's pdftotext (``-raw`` or its default reading order)."""
    exe = shutil.which(PDFTOTEXT)
    if exe is None:
        raise MissingToolError(PDFTOTEXT, PDFTOTEXT_HINT)
    args = [exe, "-enc", "UTF-8", *(["-raw"] if raw else []), str(path), "-"]
    try:
        proc = subprocess.run(args, capture_output=True, timeout=PDFTOTEXT_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise DocumentError(path, f"pdftotext took over {PDFTOTEXT_TIMEOUT_S}s") from exc
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DocumentError(
            path, f"pdftotext failed (exit {proc.returncode}): {detail[-1] if detail else ''}"
        )
    pages = proc.stdout.decode("utf-8", "replace").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def pypdf_pages(path: Path) -> list[str]:
    """Text of each page from pypdf (fallback; splits words, reverses Arabic digits)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path, strict=False)
        return [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(path, f"pypdf cannot read it: {exc}") from exc


def is_right_to_left(pages: list[str]) -> bool:
    """Mostly Arabic letters rather than Latin ones."""
    sample = "".join(pages[:6])
    return len(ARABIC_LETTER_RE.findall(sample)) > len(LATIN_LETTER_RE.findall(sample))


def extract_pdf_pages(path: Path | str, *, backend: PdfBackend = "pdftotext") -> list[list[str]]:
    """Cleaned lines of each page, furniture and footnotes removed, in reading order."""
    pdf = Path(path)
    check_pdf_file(pdf)
    if backend == "pypdf":
        pages = pypdf_pages(pdf)
    else:
        pages = pdftotext_pages(pdf, raw=True)
        if is_right_to_left(pages):
            pages = pdftotext_pages(pdf, raw=False)
    if not any(p.strip() for p in pages):
        raise DocumentError(pdf, "no text layer (scanned image?); OCR is not supported")
    cleaned_pages: list[list[str]] = []
    for page in pages:
        lines = [normalize_line(x) for x in page.splitlines()]
        lines = [strip_trailing_footnote_ref(x) for x in lines if x and not is_only_marks(x)]
        cleaned_pages.append(lines)
    return strip_page_furniture(cleaned_pages)


def pdf_lines(path: Path | str, *, backend: PdfBackend = "pdftotext") -> list[Line]:
    """The document's text lines with their page numbers."""
    return [
        Line(text, page_no)
        for page_no, lines in enumerate(extract_pdf_pages(path, backend=backend), start=1)
        for text in lines
    ]


def parse_pdf(path: Path | str, *, backend: PdfBackend = "pdftotext") -> list[Paragraph]:
    """Paragraphs of a PDF with their numbers, headings and pages."""
    return segment_lines(pdf_lines(path, backend=backend))
