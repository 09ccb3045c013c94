"""`concordia ingest FILE...`: a user's own documents, with metadata from the command line.

A batch with a truncated PDF and a corrupt DOCX in it: both are named in a clear error and
in the rejects report, every other file is ingested and indexed, and the exit status is 1.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import docx
import pytest

from api.cli import main
from indexer.record import Record
from indexer.store import RecordStore
from scrapers.sources.user_files import FileMetadata, iter_file_items
from tests.fixtures.support.shared_data import shared

REAL_PDF = "slovenia-upr-un-documents/4thcycleunoriginal/g2511026.pdf"  # A/HRC/DEC/59/112
EMBEDDER = "hashing-64"


def make_batch(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / "decision.pdf"
    shutil.copyfile(shared(REAL_PDF), pdf)
    truncated = folder / "truncated.pdf"
    truncated.write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 3])
    word = folder / "observations.docx"
    document = docx.Document()
    document.add_heading("Concluding observations", level=1)
    document.add_paragraph(
        "1. The Committee welcomes the submission of the report and the dialogue held with "
        "the delegation of the State party."
    )
    document.add_paragraph(
        "2. The Committee recommends that the State party establish an independent "
        "mechanism to monitor places of detention."
    )
    document.save(str(word))
    corrupt = folder / "broken.docx"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00garbage, not a zip archive" * 20)
    page = folder / "statement.html"
    page.write_text(
        "<html><body><h2>Statement</h2><p>1. The Rapporteur urges the authorities to "
        "release all persons detained for exercising their right to peaceful "
        "assembly.</p></body></html>",
        encoding="utf-8",
    )
    text = folder / "notes.txt"
    text.write_text(
        "1. The State should guarantee access to a lawyer from the outset of deprivation "
        "of liberty.\n\n2. The State should record every interrogation.\n",
        encoding="utf-8",
    )
    return {
        "pdf": pdf,
        "truncated": truncated,
        "docx": word,
        "corrupt": corrupt,
        "html": page,
        "text": text,
    }


def ingest_files(data_dir: Path, files: list[Path], *extra: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["ingest", *map(str, files), "--data-dir", str(data_dir), "--embedder", EMBEDDER, *extra]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def records(data_dir: Path) -> list[Record]:
    store = RecordStore(data_dir / "store.sqlite")
    try:
        return list(store.iter_records())
    finally:
        store.close()


def test_a_bad_file_is_named_and_the_rest_of_the_batch_goes_on(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in")
    data_dir = tmp_path / "data"
    files = [batch[k] for k in ("truncated", "docx", "corrupt", "html", "text", "pdf")]
    code, out, err = ingest_files(
        data_dir,
        files,
        "--body",
        "Committee against Torture",
        "--country",
        "Slovenia",
        "--date",
        "2025-06-30",
        "--language",
        "en",
        "--kind",
        "recommendation",
        "--url",
        "https://example.org/upload",
    )
    assert code == 1
    # A clear error naming each bad file ...
    assert str(batch["truncated"]) in err and str(batch["corrupt"]) in err
    assert "unreadable document" in err
    # ... the same in the rejects report ...
    rejects = [
        json.loads(line)
        for line in (data_dir / "rejects" / "rejects-latest.jsonl").read_text().splitlines()
    ]
    assert sorted(r["location"] for r in rejects) == sorted(
        [str(batch["truncated"]), str(batch["corrupt"])]
    )
    assert all(r["source"] == "user-file" for r in rejects)
    assert "2 rejected" in out
    # ... and every other file ingested and indexed, with the metadata given.
    found = records(data_dir)
    by_file: dict[str, list[Record]] = {}
    for record in found:
        assert record.provenance[0].source == "user-file"
        by_file.setdefault(record.provenance[0].source_id.split("#")[0], []).append(record)
    assert set(by_file) == {"observations.docx", "statement.html", "notes.txt", "decision.pdf"}
    assert len(by_file["observations.docx"]) == 2
    sample = by_file["notes.txt"][0]
    assert sample.body == "CAT" and sample.kind.value == "recommendation"
    assert sample.countries == ["SVN"] and sample.language == "en"
    assert sample.date is not None and sample.date.isoformat() == "2025-06-30"
    assert sample.url == "https://example.org/upload"
    assert sample.paragraph == "1"
    assert "indexed" in out and f"{len(found)} searchable" in out


def test_re_ingesting_the_same_files_changes_nothing(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in")
    data_dir = tmp_path / "data"
    files = [batch["docx"], batch["text"]]
    assert ingest_files(data_dir, files, "--body", "CAT", "--no-index")[0] == 0
    before = {r.id: r.content_hash for r in records(data_dir)}
    code, out, _ = ingest_files(data_dir, files, "--body", "CAT", "--no-index")
    assert code == 0 and "0 new, 0 updated" in out
    assert {r.id: r.content_hash for r in records(data_dir)} == before


def test_a_symbol_makes_the_document_key_so_versions_line_up() -> None:
    # With a symbol, paragraph n of the user's file shares the work key of paragraph n of
    # the same document crawled from documents.un.org in any language.
    from indexer.record import make_work_key

    folder = Path(__file__).parent / "fixtures" / "co"
    text = next(folder.glob("*.txt"))
    items = list(
        iter_file_items([text], FileMetadata(body="CESCR", symbol="E/C.12/AUS/CO/6", language="en"))
    )
    numbered = [i.fields for i in items if hasattr(i, "fields") and i.fields.get("paragraph")]
    assert numbered
    first = numbered[0]
    assert first["work"] == make_work_key("E/C.12/AUS/CO/6", first["paragraph"])
    assert first["symbol"] == "E/C.12/AUS/CO/6"


def test_files_need_a_body_and_datasets_still_work(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in")
    code, out, _ = ingest_files(tmp_path / "data", [batch["text"]])
    assert code == 2 and "--body" in out
    listing = io.StringIO()
    with contextlib.redirect_stdout(listing):
        assert main(["ingest", "--list"]) == 0
    assert "upr-info" in listing.getvalue()


@pytest.mark.parametrize("name", ["missing.pdf"])
def test_a_missing_file_is_a_reject_not_a_crash(tmp_path: Path, name: str) -> None:
    items = list(iter_file_items([tmp_path / name], FileMetadata(body="CAT")))
    assert len(items) == 1
    assert getattr(items[0], "reason", "").startswith("unreadable document")
    assert name in getattr(items[0], "reason", "")
