"""Ingest: candidates from importers -> validated, enriched Records in the store.

Importers (in `scrapers/`) yield `Candidate`s: plain dicts shaped like a Record,
where names may stand for codes (a country written "Iran (Islamic Republic of)",
a body written "Human Rights Committee"). They yield a `Reject` for input they
cannot read at all (a broken row, broken JSON). Here every candidate is:

1. fingerprinted: an unchanged candidate costs one dict lookup, nothing else;
2. resolved against the taxonomies (unknown countries warn and keep the raw
   name; an unknown body rejects);
3. enriched (detected language, regions, citations, rights) and validated;
4. written to the store in batches, one transaction each.

Nothing is dropped silently: every reject lands in the rejects report with its
source location and reason, and the summary says how many.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from indexer.analysis import clean_text, detect_language
from indexer.enrich import enrich
from indexer.record import Record
from indexer.store import Change, RecordStore
from indexer.taxonomy import Taxonomy, load_taxonomy

# Bump when resolution or enrichment changes: every record is then re-enriched.
ENRICH_VERSION = 2
BATCH_SIZE = 1000


@dataclass(slots=True)
class Candidate:
    """Record-shaped fields from an importer, plus where they were read."""

    fields: dict[str, Any]
    location: str


@dataclass(slots=True)
class Reject:
    source: str
    location: str
    reason: str
    excerpt: str | None = None

    def to_json(self) -> str:
        return json.dumps(
            {
                "source": self.source,
                "location": self.location,
                "reason": self.reason,
                "excerpt": self.excerpt,
            },
            ensure_ascii=False,
        )


Item = Candidate | Reject


@dataclass(slots=True)
class IngestReport:
    added: int = 0
    updated: int = 0
    merged: int = 0
    unchanged: int = 0
    rejects: list[Reject] = field(default_factory=list)
    warnings: Counter[str] = field(default_factory=Counter)
    by_source: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def rejected(self) -> int:
        return len(self.rejects)

    @property
    def seen(self) -> int:
        return self.added + self.updated + self.merged + self.unchanged + self.rejected

    def count(self, change: Change) -> None:
        if change is Change.ADDED:
            self.added += 1
        elif change is Change.UPDATED:
            self.updated += 1
        elif change is Change.MERGED:
            self.merged += 1
        else:
            self.unchanged += 1

    def reject_reasons(self) -> Counter[str]:
        return Counter(r.reason.split(":")[0] for r in self.rejects)

    def summary(self) -> str:
        lines = [
            f"ingested {self.added} new, {self.updated} updated, {self.merged} merged "
            f"(same text from another source), {self.unchanged} unchanged, "
            f"{self.rejected} rejected in {self.seconds:.1f}s",
        ]
        for reason, n in self.reject_reasons().most_common(10):
            lines.append(f"  rejected {n:>6}  {reason}")
        for warning, n in self.warnings.most_common(10):
            lines.append(f"  warning  {n:>6}  {warning}")
        return "\n".join(lines)


def candidate_fingerprint(fields: dict[str, Any]) -> str:
    """What decides "unchanged": every field but the fetch time (a re-fetch of the same
    text is not a change)."""
    provenance = fields.get("provenance")
    if isinstance(provenance, list) and any(
        isinstance(p, dict) and "fetched_at" in p for p in provenance
    ):
        fields = dict(fields)
        fields["provenance"] = [
            {k: v for k, v in p.items() if k != "fetched_at"} if isinstance(p, dict) else p
            for p in provenance
        ]
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(f"{ENRICH_VERSION}\x1f{payload}".encode())
    return digest.hexdigest()[:32]


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "record"
    return f"invalid {where}: {err.get('msg', 'invalid value')}"


class Resolver:
    """Names to codes, through the taxonomies, with warnings for what does not resolve."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy

    def countries(
        self, names: Iterable[str], warn: Callable[[str], None]
    ) -> tuple[list[str], list[str]]:
        codes: list[str] = []
        raw: list[str] = []
        for name in names:
            if not name or not str(name).strip():
                continue
            code = self.taxonomy.resolve_country(str(name))
            if code is None:
                raw.append(str(name).strip())
                warn(f"unknown country name kept as raw: {str(name).strip()[:60]}")
            else:
                codes.append(code)
        return list(dict.fromkeys(codes)), list(dict.fromkeys(raw))

    def apply(self, fields: dict[str, Any], warn: Callable[[str], None]) -> dict[str, Any]:
        out = dict(fields)
        body = self.taxonomy.resolve_body(str(out.get("body", "")))
        if body is None:
            raise ValueError(f"unknown body: {out.get('body')!r}")
        out["body"] = body.code
        out.setdefault("mechanism", body.type)
        codes, raw = self.countries(out.get("countries", []), warn)
        out["countries"] = codes
        out["countries_raw"] = list(dict.fromkeys([*out.get("countries_raw", []), *raw]))
        regions: list[str] = list(out.get("regions", []))
        for code in codes:
            regions.extend(self.taxonomy.regions_for(code))
        out["regions"] = list(dict.fromkeys(regions))
        upr = out.get("upr")
        if isinstance(upr, dict):
            upr = dict(upr)
            rec_codes, rec_raw = self.countries(upr.get("recommending_states", []), warn)
            upr["recommending_states"] = rec_codes
            upr["recommending_raw"] = list(
                dict.fromkeys([*upr.get("recommending_raw", []), *rec_raw])
            )
            if upr.get("response") is None and upr.get("response_raw"):
                upr["response"] = self.taxonomy.upr_response(str(upr["response_raw"]))
            session = upr.get("session")
            if session and not upr.get("cycle"):
                upr["cycle"] = self.taxonomy.upr_session(int(session)).cycle
            out["upr"] = upr
        case = out.get("case")
        if isinstance(case, dict) and case.get("respondent_state"):
            case = dict(case)
            state = str(case["respondent_state"])
            respondent = self.taxonomy.resolve_country(state)
            if respondent is None:
                warn(f"unknown respondent State kept as raw: {state[:60]}")
                case["respondent_state"] = None
                out["countries_raw"] = list(dict.fromkeys([*out["countries_raw"], state]))
            else:
                case["respondent_state"] = respondent
                if respondent not in out["countries"]:
                    out["countries"].append(respondent)
            out["case"] = case
        return out


def _prepare(fields: dict[str, Any], resolver: Resolver, warn: Callable[[str], None]) -> Record:
    out = resolver.apply(fields, warn)
    text = clean_text(str(out.get("text") or ""))
    out["text"] = text
    detected = detect_language(text) if text else None
    out["detected_language"] = detected
    if not out.get("language"):
        if detected is None:
            raise ValueError("no language: the source declares none and none can be detected")
        out["language"] = detected
    record = Record.model_validate(out)
    return enrich(record)


def batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    items: Iterable[Item],
    store: RecordStore,
    *,
    taxonomy: Taxonomy | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> IngestReport:
    """Validate, enrich and store `items`; idempotent, resumable, never silent."""
    started = time.perf_counter()
    resolver = Resolver(taxonomy or load_taxonomy())
    report = IngestReport()
    known = store.fingerprints()
    seen_in_run: set[str] = set()
    for batch in batched(items, batch_size):
        records: list[Record] = []
        prints: list[str] = []
        for item in batch:
            if isinstance(item, Reject):
                report.rejects.append(item)
                continue
            source = str(item.fields.get("provenance", [{}])[0].get("source", "?"))
            report.by_source[source] += 1
            rid = str(item.fields.get("id", ""))
            fp = candidate_fingerprint(item.fields)
            if known.get(rid) == fp or rid in seen_in_run:
                report.unchanged += 1
                continue
            try:
                record = _prepare(item.fields, resolver, lambda w: report.warnings.update([w]))
            except ValidationError as exc:
                report.rejects.append(
                    Reject(source, item.location, _first_error(exc), _excerpt(item.fields))
                )
                continue
            except (ValueError, TypeError, KeyError) as exc:
                report.rejects.append(
                    Reject(source, item.location, f"invalid record: {exc}", _excerpt(item.fields))
                )
                continue
            # An id in `aliases` is a second source of a known text: the store merges it.
            seen_in_run.add(rid)
            records.append(record)
            prints.append(fp)
        if records:
            for change in store.write_batch(records, prints):
                report.count(change)
            for record, fp in zip(records, prints, strict=True):
                known[record.id] = fp
        if progress:
            progress(len(batch))
    report.seconds = time.perf_counter() - started
    return report


def _excerpt(fields: dict[str, Any]) -> str | None:
    text = fields.get("text")
    return str(text)[:200] if text else None


def write_rejects(report: IngestReport, directory: Path) -> Path | None:
    """Write the rejects report (JSON lines) and return its path."""
    if not report.rejects:
        return None
    directory.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = directory / f"rejects-{stamp}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for reject in report.rejects:
            fh.write(reject.to_json() + "\n")
    latest = directory / "rejects-latest.jsonl"
    latest.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return path
