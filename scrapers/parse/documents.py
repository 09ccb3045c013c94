"""One entry point for a user's own file: pick the parser by content, not just by name."""

from __future__ import annotations

from pathlib import Path

from scrapers.parse.docx_text import parse_docx
from scrapers.parse.errors import DocumentError
from scrapers.parse.html_text import parse_html
from scrapers.parse.paragraph import Paragraph
from scrapers.parse.pdf_text import PdfBackend, parse_pdf
from scrapers.parse.plain_text import parse_text

SNIFF_BYTES = 2048


def sniff_format(path: Path) -> str:
    """ "pdf", "docx", "html" or "text", from the first bytes, falling back to the suffix."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise DocumentError(path, f"unreadable: {exc}") from exc
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF-") or suffix == ".pdf":
        return "pdf"
    if head.startswith(b"PK\x03\x04") or suffix == ".docx":
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".doc":
        raise DocumentError(path, "legacy binary .doc is not supported; convert it to DOCX")
    lowered = head.lstrip().lower()
    if suffix in (".html", ".htm") or lowered.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def parse_document(path: Path | str, *, pdf_backend: PdfBackend = "pdftotext") -> list[Paragraph]:
    """Paragraphs of a PDF, DOCX, HTML or text file; ``DocumentError`` names a bad file."""
    source = Path(path)
    kind = sniff_format(source)
    if kind == "pdf":
        return parse_pdf(source, backend=pdf_backend)
    if kind == "docx":
        return parse_docx(source)
    if kind == "html":
        return parse_html(source)
    try:
        return parse_text(source)
    except UnicodeDecodeError as exc:
        raise DocumentError(source, f"not UTF-8 text: {exc}") from exc
