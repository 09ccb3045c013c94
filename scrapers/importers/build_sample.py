"""Rebuild ``data/sample`` (the bundled real corpus) from the shared datasets.

    python -m scrapers.importers.build_sample [--data-root ../shared/data]

The sample is what `make run` and the tests ingest on a fresh clone: a few thousand
records across every mechanism and the four languages, chosen by rules written below so
that the build is deterministic (same input, byte-identical output). Material without a
non-commercial clause is preferred: everything comes from the UN/GANHRI seed documents,
the UPR Info export and legal-sources-samples, except one special rapporteur report from
UNHRD (CC BY-NC-SA 4.0), the only special-procedures text in the shared data, kept small
and attributed in the manifest.

Each output line is ``{"location", "fields"}`` as the dataset's importer produced them, so
sample records keep the ids, work keys and provenance of the full ingest.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.analysis import clean_text, detect_language
from indexer.pipeline import Candidate
from scrapers.importers import IMPORTERS
from scrapers.importers.base import REPOSITORY_ROOT
from scrapers.shared_data import SHARED_DATA

SAMPLE_DIR = REPOSITORY_ROOT / "data" / "sample"
DEFAULT_DATA_ROOT = SHARED_DATA
MANIFEST_JSON = "manifest.json"
MANIFEST_MD = "MANIFEST.md"

UPR_STATES = ("Egypt", "Colombia", "Norway", "Saudi Arabia")
"""UPR Info: every recommendation and pledge for these States under review (2008-2014);
the shared data also holds the OHCHR working-group reports of three of them."""

LEGAL_FILES: tuple[str, ...] = (
    # UN: UHRI annotations, CAT decisions (the three also in OHCHR-Juris first), a CCPR
    # and a CESCR decision, two general comments, a UPR stakeholder summary, GA resolutions
    "UN/UHRI/",
    "UN/TreatyBodyJuris/record_0000.json",
    "UN/TreatyBodyJuris/record_0003.json",
    "UN/TreatyBodyJuris/record_0008.json",
    "UN/TreatyBodyJuris/record_0011.json",
    "UN/OHCHR-Juris/case_1.json",
    "UN/OHCHR-Juris/case_5.json",
    "UN/OHCHR-Juris/case_10.json",
    "UN/OHCHR-Juris/case_1000.json",
    "UN/OHCHR-Juris/case_3000.json",
    "UN/TreatyBodyDB/record_0000.json",
    "UN/TreatyBodyDB/record_0004.json",
    "UN/UPRDocuments/record_0008.json",
    "UN/ODS/record_0004.json",
    "UN/ODS/record_0005.json",
    "UN/DigitalLibrary/record_0000.json",
    "UN/DigitalLibrary/record_0013.json",
    # Council of Europe: Lawless v. Ireland (No. 1) in English and French, two 2026
    # judgments (English, French), an early decision; ESC; all CM and CPT records
    "CoE/HUDOC/001-57516.json",
    "CoE/HUDOC/001-62074.json",
    "CoE/HUDOC/001-248845.json",
    "CoE/HUDOC/001-248849.json",
    "CoE/HUDOC/001-3194.json",
    "CoE/HUDOC-ESC/114324.json",
    "CoE/HUDOC-ESC/114546.json",
    "CoE/HUDOCExec/",
    "CoE/CPTReports/",
    # Africa and the Americas
    "INTL/AfCHPR/record_0002.json",
    "INTL/AfCHPR/record_0004.json",
    "INTL/IHRDA-AfricanCL/record_0000.json",
    "INTL/IHRDA-AfricanCL/record_0003.json",
    "INTL/IHRDA-AfricanCL/record_0004.json",
    "INTL/IHRDA-AfricanCL/record_0008.json",
    "INTL/IHRDA-AfricanCL/record_0012.json",
    "INTL/IHRDA-AfricanCL/record_0013.json",
    "INTL/IACHR-Commission/record_0007.json",
    "INTL/IACHR-Commission/record_0010.json",
    "INTL/IACHR-Commission/record_0013.json",
    "INTL/IACtHR/record_0001.json",
    "INTL/IACtHR/record_0003.json",
    "INTL/IACtHR/record_0013.json",
    "INTL/IACtHR/record_0014.json",
    "INTL/ECOWASCJ/ecowascj-2025-34.json",
    "INTL/ECOWASCJ/ecowascj-2025-42.json",
)
"""legal-sources-samples: files (or whole folders, ending in "/") taken whole."""

SP_REPORTS = ("SR_Torture_A_HRC_37_50.json",)
"""UNHRD special-procedures reports (CC BY-NC-SA 4.0): migration-related torture."""

LICENCE_NOTES = {
    "seeds": "UN / GANHRI public documents (UN terms of use).",
    "upr-info": "UPR Info database export via github.com/rochelleterman/uprs: no licence "
    "stated; the recommendations are UN UPR Working Group text.",
    "legal-samples": "Public documents of the UN, Council of Europe, OAS, African Union and "
    "ECOWAS bodies, as sampled by github.com/worldwidelaw/legal-sources (whose collection "
    "code is AGPL-3.0; nothing separate is stated for the samples).",
    "unhrd-special-procedures": "UN document; paragraph segmentation and concerned-group "
    "labels © Ł. Szoszkiewicz & Z. Kowalska (2026), UNHRD — UN Human Rights Database, "
    "https://lszoszk.github.io/generalcomments/, licensed CC BY-NC-SA 4.0 "
    "(NonCommercial, ShareAlike). Kept to one report; remove it for commercial use.",
}


@dataclass(frozen=True)
class Part:
    """One output file: a dataset and the rule that picks its candidates."""

    file: str
    dataset: str
    keep: Callable[[Candidate], bool]


def _legal(candidate: Candidate) -> bool:
    path = candidate.location.split("#")[0]
    return any(path == f or (f.endswith("/") and path.startswith(f)) for f in LEGAL_FILES)


def _upr(candidate: Candidate) -> bool:
    return bool(set(candidate.fields.get("countries", [])) & set(UPR_STATES))


def _sp(candidate: Candidate) -> bool:
    return any(f"/{name}#" in candidate.location for name in SP_REPORTS)


PARTS: tuple[Part, ...] = (
    Part("seeds.jsonl.gz", "seeds", lambda _: True),
    Part("upr-info.jsonl.gz", "upr-info", _upr),
    Part("legal-samples.jsonl.gz", "legal-samples", _legal),
    Part("unhrd-special-procedures.jsonl.gz", "unhrd-special-procedures", _sp),
)


@dataclass
class Stats:
    records: int = 0
    by_source: Counter[str] = field(default_factory=Counter)
    by_language: Counter[str] = field(default_factory=Counter)
    by_body: Counter[str] = field(default_factory=Counter)
    by_kind: Counter[str] = field(default_factory=Counter)

    def add(self, fields: dict[str, Any]) -> None:
        self.records += 1
        self.by_source[str(fields["provenance"][0]["source"])] += 1
        self.by_language[language_of(fields)] += 1
        self.by_body[str(fields.get("body"))] += 1
        self.by_kind[str(fields.get("kind"))] += 1

    def to_json(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "by_source": dict(sorted(self.by_source.items())),
            "by_language": dict(sorted(self.by_language.items())),
            "by_body": dict(sorted(self.by_body.items())),
            "by_kind": dict(sorted(self.by_kind.items())),
        }


def language_of(fields: dict[str, Any]) -> str:
    """The declared language, else the one ingest will detect (same function, same seed)."""
    declared = fields.get("language")
    if declared:
        return str(declared)
    return detect_language(clean_text(str(fields.get("text") or ""))) or "?"


def write_gzip_lines(path: Path, lines: Iterable[str]) -> None:
    """Gzip with no timestamp or file name inside, so that rebuilds are byte-identical."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        for line in lines:
            gz.write(line.encode("utf-8") + b"\n")
    path.write_bytes(buffer.getvalue())


def build(data_root: Path, out: Path = SAMPLE_DIR) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {"files": {}}
    for part in PARTS:
        stats = Stats()
        lines: list[str] = []
        for item in IMPORTERS[part.dataset].run(data_root):
            if not isinstance(item, Candidate) or not part.keep(item):
                continue
            stats.add(item.fields)
            row = {"location": item.location, "fields": item.fields}
            lines.append(json.dumps(row, ensure_ascii=False, sort_keys=True))
        write_gzip_lines(out / part.file, lines)
        manifest["files"][part.file] = {
            "dataset": part.dataset,
            "licence": LICENCE_NOTES[part.dataset],
            "bytes": (out / part.file).stat().st_size,
            **stats.to_json(),
        }
    totals = Stats()
    for info in manifest["files"].values():
        totals.records += info["records"]
        for name in ("by_source", "by_language", "by_body", "by_kind"):
            getattr(totals, name).update(info[name])
    manifest["total"] = totals.to_json()
    (out / MANIFEST_JSON).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    (out / MANIFEST_MD).write_text(render_markdown(manifest), encoding="utf-8")
    return manifest


def _table(counter: dict[str, int], label: str) -> list[str]:
    rows = [f"| {label} | records |", "|---|---:|"]
    rows += [f"| {k} | {v:,} |" for k, v in sorted(counter.items(), key=lambda kv: -kv[1])]
    return rows


def render_markdown(manifest: dict[str, Any]) -> str:
    total = manifest["total"]
    lines = [
        "# Bundled sample corpus",
        "",
        "Real records for `make run`, the tests and offline demos: "
        f"**{total['records']:,} records** in {len(manifest['files'])} files, built by "
        "`python -m scrapers.importers.build_sample` from `../shared/data` (deterministic: "
        "the selection rules are in that script). `concordia ingest --dataset sample` reads "
        "them; each line is the importer's Candidate (`location`, `fields`), so ids and "
        "provenance are those of a full ingest. Languages marked from the declared language "
        "or, where none is declared, the language ingest detects. Counts are lines (candidates): "
        "ingest merges a statement published by two sources into one record with two "
        "provenances (the three decisions in both TreatyBodyJuris and OHCHR-Juris, repeated "
        "boilerplate of one document), so the store holds somewhat fewer records.",
        "",
        "| file | dataset | records | size | licence |",
        "|---|---|---:|---:|---|",
    ]
    for name, info in manifest["files"].items():
        lines.append(
            f"| {name} | {info['dataset']} | {info['records']:,} | "
            f"{info['bytes'] / 1024:,.0f} KiB | {info['licence']} |"
        )
    lines += ["", "## By source (provenance)", "", *_table(total["by_source"], "source")]
    lines += ["", "## By language", "", *_table(total["by_language"], "language")]
    lines += ["", "## By body", "", *_table(total["by_body"], "body")]
    lines += ["", "## By kind", "", *_table(total["by_kind"], "kind")]
    lines += [
        "",
        "## What it lets tests show",
        "",
        "- Arabic seed paragraphs with «المؤسسات الوطنية لحقوق الإنسان», «والمؤسسات الوطنية» "
        "and «١٨/١٤» (seeds 000-004), English annexes detected as English.",
        "- English CAT decisions on torture in detention and removal (TreatyBodyJuris, "
        "OHCHR-Juris): the three decisions scraped by both sources "
        "(CAT/C/51/D/429/2010, CAT/C/51/D/441/2010, CAT/C/50/D/431/2010) become one record per "
        "paragraph with two provenances.",
        "- French (HUDOC Lawless v. Ireland and 2026 judgments, CPT, Committee of Ministers) "
        "and Spanish (Inter-American Court judgments, IACHR summaries).",
        "- UPR recommendations with responses (Accepted/Noted) and recommending States, and "
        "voluntary pledges, for Egypt, Colombia, Norway and Saudi Arabia, 2008-2014.",
        "",
        "## Attribution",
        "",
        "The special-procedures file carries the UNHRD curation: Szoszkiewicz, Ł. & Kowalska, "
        "Z. (2026). UNHRD — UN Human Rights Database. https://lszoszk.github.io/generalcomments/."
        " Licensed CC BY-NC-SA 4.0; the underlying report (A/HRC/37/50) is a UN document.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-root", type=Path, default=DEFAULT_DATA_ROOT)
    parser.add_argument("--out", type=Path, default=SAMPLE_DIR)
    args = parser.parse_args(argv)
    manifest = build(args.data_root, args.out)
    print(json.dumps(manifest["total"], ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
