"""The unit every parser produces: one paragraph with its number, heading and page."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a document, in reading order.

    ``number`` is the document's own paragraph number as printed ("12", "140.7", "2.1"),
    with Arabic-Indic digits written as ASCII so language versions line up; None for an
    unnumbered paragraph. ``heading`` is the nearest section heading above it. ``page`` is
    1-based where the format has pages (PDF, text with form feeds), else None. ``index`` is
    the position in the document, from 0.
    """

    number: str | None
    text: str
    heading: str | None
    page: int | None
    index: int

    def to_dict(self) -> dict[str, object]:
        return asdict(self)
