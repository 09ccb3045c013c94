"""Read the elements of a huge JSON array one at a time, from a file on disk.

UHRI's bulk export is one JSON array of 360-400 MB. ``json.load`` would hold all of it,
and its Python objects several times over, in memory; this reader keeps one buffer of
about ``chunk_size`` bytes plus the element being decoded. It needs no dependency: each
element is decoded by the standard library's ``JSONDecoder.raw_decode`` from a sliding
text window, and the window grows only while an element is longer than it.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHUNK_SIZE = 1 << 20
_WHITESPACE = " \t\r\n"


class JsonStreamError(ValueError):
    """The file is not a JSON array, or an element is broken."""


def iter_json_array(path: Path, *, chunk_size: int = CHUNK_SIZE) -> Iterator[Any]:
    """Yield each element of the JSON array in ``path`` (UTF-8, BOM allowed)."""
    decoder = json.JSONDecoder()
    reader = codecs.getincrementaldecoder("utf-8-sig")()
    with path.open("rb") as handle:
        buffer = ""
        eof = False

        def more() -> bool:
            nonlocal buffer, eof
            if eof:
                return False
            raw = handle.read(chunk_size)
            if not raw:
                eof = True
                buffer += reader.decode(b"", final=True)
                return False
            buffer += reader.decode(raw)
            return True

        pos = 0
        # The opening bracket.
        while True:
            while pos < len(buffer) and buffer[pos] in _WHITESPACE:
                pos += 1
            if pos < len(buffer):
                break
            if not more():
                raise JsonStreamError(f"{path}: empty file, expected a JSON array")
        if buffer[pos] != "[":
            raise JsonStreamError(f"{path}: expected a JSON array, found {buffer[pos]!r}")
        pos += 1
        expect_comma = False
        while True:
            while True:
                while pos < len(buffer) and buffer[pos] in _WHITESPACE:
                    pos += 1
                if pos < len(buffer) or not more():
                    break
            if pos >= len(buffer):
                raise JsonStreamError(f"{path}: the array is not closed (truncated file?)")
            char = buffer[pos]
            if char == "]":
                return
            if expect_comma:
                if char != ",":
                    raise JsonStreamError(f"{path}: expected ',' between elements, got {char!r}")
                pos += 1
                expect_comma = False
                continue
            while True:
                try:
                    value, end = decoder.raw_decode(buffer, pos)
                except json.JSONDecodeError as exc:
                    if more():
                        continue
                    raise JsonStreamError(f"{path}: broken element: {exc}") from exc
                # A number at the very end of the buffer may go on in the next chunk.
                if end >= len(buffer) and not eof and more():
                    continue
                break
            yield value
            expect_comma = True
            pos = end
            if pos > chunk_size:
                # Drop what has been decoded, so the buffer stays about one chunk long.
                buffer = buffer[pos:]
                pos = 0
