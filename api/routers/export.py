"""GET /api/export: the whole result set of a search as CSV, XLSX or JSON Lines.

Users export to cite and to track (NHRIs keep recommendation matrices in
spreadsheets), so every row carries its citation: symbol, paragraph, link, body,
country, date and the record id to come back to it. Rows are the search's own rows,
in its order: the export pages through the same `SearchService.search` the page
uses, with the same filters, mode and sort, rather than running a second query
that could disagree with what the user saw.

The export is capped by `settings.export_max_rows` (and by how deep search can
page). A capped export says so before a byte of it is read: in headers, in the file
name and, for XLSX, on an "About" sheet; the web page says it above the buttons.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from api.deps import SearchDep, ServicesDep
from api.params import SearchRequestDep
from api.routers.labels import Namer
from indexer.record import Record
from indexer.search import MAX_OFFSET, MAX_PAGE_SIZE, SearchRequest, SearchService

router = APIRouter(tags=["export"])

PAGE = MAX_PAGE_SIZE
CSV_FLUSH_ROWS = 200
XLSX_MAX_CELL = 32_767
CHUNK = 64 * 1024
# A spreadsheet treats a cell starting with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

COLUMNS: tuple[str, ...] = (
    "id",
    "symbol",
    "paragraph",
    "url",
    "body",
    "body_name",
    "mechanism",
    "kind",
    "countries",
    "country_names",
    "date",
    "year",
    "language",
    "title",
    "response",
    "recommending",
    "case_number",
    "themes",
    "text",
    "citation",
)
_LIST_COLUMNS = frozenset({"countries", "country_names", "recommending", "themes"})
_PARA = {"ar": "الفقرة", "en": "para.", "fr": "par.", "es": "párr."}


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSONL = "jsonl"


MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.JSONL: "application/x-ndjson; charset=utf-8",
}


def effective_cap(max_rows: int) -> int:
    """Search cannot page beyond MAX_OFFSET results, so neither can an export."""
    return min(max_rows, MAX_OFFSET)


@router.get("/api/export/limits")
def export_limits(services: ServicesDep) -> dict[str, Any]:
    """What the page needs to warn before a download is cut short."""
    return {
        "max_rows": effective_cap(services.settings.export_max_rows),
        "formats": [f.value for f in ExportFormat],
        "columns": list(COLUMNS),
    }


@dataclass(slots=True)
class _Plan:
    total: int
    limit: int
    first: list[Record]

    @property
    def capped(self) -> bool:
        return self.total > self.limit


def _page(service: SearchService, request: SearchRequest, page: int) -> tuple[int, list[Record]]:
    # No facets and no highlights: an export needs the rows, not the page furniture.
    paged = replace(request, page=page, size=PAGE, facets=(), highlight=False)
    result = service.search(paged)
    return result.total, [item.record for item in result.results]


def _records(service: SearchService, request: SearchRequest, plan: _Plan) -> Iterator[Record]:
    emitted, page, batch = 0, 1, plan.first
    seen: set[str] = set()
    while True:
        for record in batch:
            if emitted >= plan.limit:
                return
            if record.id in seen:
                continue
            seen.add(record.id)
            emitted += 1
            yield record
        if emitted >= plan.limit or len(batch) < PAGE or page * PAGE >= MAX_OFFSET:
            return
        page += 1
        _, batch = _page(service, request, page)


def _row(record: Record, namer: Namer, hl: str) -> dict[str, Any]:
    body_name = namer.label("body", record.body, hl)
    country_names = [namer.label("country", c, hl) for c in record.countries]
    date = record.date.isoformat() if record.date else (str(record.year) if record.year else "")
    where = ", ".join(
        part
        for part in (
            body_name,
            record.title or "",
            record.symbol or "",
            f"{_PARA.get(hl, 'para.')} {record.paragraph}" if record.paragraph else "",
            date,
        )
        if part
    )
    return {
        "id": record.id,
        "symbol": record.symbol or "",
        "paragraph": record.paragraph or "",
        "url": record.url or "",
        "body": record.body,
        "body_name": body_name,
        "mechanism": record.mechanism.value,
        "kind": record.kind.value,
        "countries": list(record.countries),
        "country_names": country_names,
        "date": date,
        "year": record.year,
        "language": record.language,
        "title": record.title or "",
        "response": record.response or "",
        "recommending": record.recommending_states,
        "case_number": record.case.number if record.case and record.case.number else "",
        "themes": list(record.themes),
        "text": record.text,
        "citation": f"{where}. {record.url}" if record.url else where,
    }


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _defuse(text: str) -> str:
    """Keeps spreadsheet programs from running a cell as a formula (CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    # The BOM makes Excel read the file as UTF-8 (Arabic, accents) when opened directly.
    buffer.write("\ufeff")
    writer.writerow(COLUMNS)
    for n, row in enumerate(rows, start=1):
        writer.writerow([_defuse(_flat(row[c])) for c in COLUMNS])
        if n % CSV_FLUSH_ROWS == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def _jsonl(rows: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    for row in rows:
        yield (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")


def _xlsx_text(value: Any) -> Any:
    if isinstance(value, int):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", _flat(value))
    if len(text) > XLSX_MAX_CELL:
        text = text[: XLSX_MAX_CELL - 1] + "…"
    return text


def _xlsx(rows: Iterator[dict[str, Any]], about: list[tuple[str, str]]) -> Iterator[bytes]:
    """Rows are written in write-only mode (constant memory), then the file is streamed."""
    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("Results")
    bold = Font(bold=True)

    def cell(value: Any, header: bool = False) -> WriteOnlyCell:
        c = WriteOnlyCell(sheet, value=_xlsx_text(value))
        if isinstance(c.value, str):
            c.data_type = "s"  # never a formula, whatever the text starts with
        if header:
            c.font = bold
        return c

    sheet.freeze_panes = "A2"
    sheet.append([cell(c, header=True) for c in COLUMNS])
    for row in rows:
        sheet.append([cell(row[c]) for c in COLUMNS])
    info = wb.create_sheet("About")
    for key, value in about:
        info.append([cell(key, header=True), cell(value)])
    with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as out:
        wb.save(out)
        out.seek(0)
        while chunk := out.read(CHUNK):
            yield chunk


def _filename(fmt: ExportFormat, plan: _Plan, now: dt.datetime) -> str:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    capped = f"-first-{plan.limit}-of-{plan.total}" if plan.capped else ""
    return f"concordia-export-{stamp}{capped}.{fmt.value}"


def _describe(request: SearchRequest) -> str:
    parts = [f'q="{request.query}"'] if request.query else []
    for name, values in sorted(request.filters.terms.items()):
        parts.append(f"{name}={'|'.join(values)}")
    if request.filters.year_from is not None:
        parts.append(f"year_from={request.filters.year_from}")
    if request.filters.year_to is not None:
        parts.append(f"year_to={request.filters.year_to}")
    parts.append(f"mode={request.mode.value}")
    parts.append(f"sort={request.sort.value}")
    return ", ".join(parts)


_HL_RE = re.compile(r"^(ar|en|fr|es)$")


@router.get("/api/export")
def export(
    request: SearchRequestDep,
    service: SearchDep,
    services: ServicesDep,
    format: Annotated[ExportFormat, Query(description="csv, xlsx or jsonl")] = ExportFormat.CSV,
    hl: Annotated[
        str, Query(pattern=_HL_RE.pattern, description="language of body and country names")
    ] = "en",
) -> StreamingResponse:
    """Every row of the search (all pages, `page` and `size` are ignored) up to the cap."""
    cap = effective_cap(services.settings.export_max_rows)
    total, first = _page(service, request, 1)
    plan = _Plan(total=total, limit=min(total, cap), first=first)
    namer = Namer(services.taxonomy)
    rows = (_row(r, namer, hl) for r in _records(service, request, plan))
    now = dt.datetime.now(dt.UTC)
    notice = (
        f"capped: the first {plan.limit} of {plan.total} results "
        f"(limit {cap} rows); add filters to export the rest"
        if plan.capped
        else f"complete: all {plan.total} results"
    )
    body: Iterator[bytes]
    if format is ExportFormat.CSV:
        body = _csv(rows)
    elif format is ExportFormat.JSONL:
        body = _jsonl(rows)
    else:
        about = [
            ("Search", _describe(request)),
            ("Results", str(plan.total)),
            ("Exported rows", str(plan.limit)),
            ("Notice", notice),
            ("Generated (UTC)", now.strftime("%Y-%m-%d %H:%M:%S")),
            ("Source", "Concordia; cite each row by its symbol, paragraph and URL"),
        ]
        body = _xlsx(rows, about)
    headers = {
        "Content-Disposition": f'attachment; filename="{_filename(format, plan, now)}"',
        "X-Concordia-Total": str(plan.total),
        "X-Concordia-Exported": str(plan.limit),
        "X-Concordia-Capped": "true" if plan.capped else "false",
        "X-Concordia-Notice": notice,
        "Cache-Control": "no-store",
    }
    return StreamingResponse(body, media_type=MEDIA_TYPES[format], headers=headers)
