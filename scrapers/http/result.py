"""What a fetch hands back to a connector."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class FetchResult:
    """A response whose body lives in the cache.

    ``unchanged`` is the signal incremental crawls need: True when the server answered 304
    to our conditional request, or sent a body byte-identical to the one we already had.
    ``not_modified`` tells the two apart.
    """

    url: str
    final_url: str
    status: int
    headers: Mapping[str, str]
    body_path: Path
    sha256: str
    size: int
    unchanged: bool
    not_modified: bool
    fetched_at: float
    attempts: int

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    def read_bytes(self) -> bytes:
        return self.body_path.read_bytes()

    def text(self, encoding: str | None = None) -> str:
        """The body as text, in the declared charset unless told otherwise."""
        return self.read_bytes().decode(encoding or self._charset() or "utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.read_bytes())

    def _charset(self) -> str | None:
        ctype = self.content_type or ""
        for part in ctype.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip('"')
        return None
