"""HTML to paragraphs with the standard library's parser.

Sources serve documents as HTML too (HUDOC's DOCX-to-HTML conversion, treaty-body
"English html" links, UHRI annotation text). The parser is forgiving by design: these
pages are machine-converted Word files with unclosed tags and inline styling, and a
strict parser would lose text. Headings come from h1-h6; everything else block-level
becomes a paragraph whose number is read from its start.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from scrapers.parse.paragraph import Paragraph
from scrapers.parse.segment import Block, segment_blocks
from scrapers.parse.textclean import normalize_line

BLOCK_TAGS = frozenset(
    {
        "p", "div", "li", "td", "th", "tr", "blockquote", "section", "article", "dt", "dd",
        "pre", "caption", "table", "ul", "ol", "dl", "header", "footer", "main", "aside",
        "address", "figure", "figcaption", "center", "body",
    }
)  # fmt: skip
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})
META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


class _BlockCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._buffer: list[str] = []
        self._skip_depth = 0
        self._heading_depth = 0

    def _flush(self) -> None:
        text = "".join(self._buffer)
        self._buffer = []
        lines = [normalize_line(x) for x in text.split("\n")]
        joined = "\n".join(x for x in lines if x)
        if joined:
            self.blocks.append(Block(joined, heading=True if self._heading_depth else None))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self._skip_depth += 1
        elif tag in HEADING_TAGS:
            self._flush()
            self._heading_depth += 1
        elif tag in BLOCK_TAGS:
            self._flush()
        elif tag == "br":
            self._buffer.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._buffer.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in HEADING_TAGS:
            self._flush()
            self._heading_depth = max(0, self._heading_depth - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._buffer.append(re.sub(r"[ \t\r\n]+", " ", data))

    def close(self) -> None:
        super().close()
        self._flush()


def decode_html(data: bytes) -> str:
    """Bytes to text: BOM, then a meta charset, then UTF-8, then Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    match = META_CHARSET_RE.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def html_blocks(html: str) -> list[Block]:
    collector = _BlockCollector()
    collector.feed(html)
    collector.close()
    return collector.blocks


def parse_html(source: str | bytes | Path) -> list[Paragraph]:
    """Paragraphs of an HTML document (markup string, raw bytes, or a file path)."""
    if isinstance(source, Path):
        source = source.read_bytes()
    text = decode_html(source) if isinstance(source, bytes) else source
    return segment_blocks(html_blocks(text))
