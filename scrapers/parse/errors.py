"""Errors of the document parsers."""

from __future__ import annotations

from pathlib import Path

from scrapers.http.errors import MissingToolError, ScraperError

__all__ = ["DocumentError", "MissingToolError"]


class DocumentError(ScraperError):
    """A document cannot be read: corrupt, truncated, or not the format it claims.

    It names the file, so a batch can log it, move on, and leave a trail a person can follow.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"cannot read {path}: {reason}")
        self.path = Path(path)
        self.reason = reason
