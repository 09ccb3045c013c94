"""`concordia ingest` on bad input: clear rejects, warnings, everything else in, exit 1."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.cli import main
from indexer.pipeline import Item
from indexer.store import RecordStore
from scrapers.importers import IMPORTERS, upr_info


def write_upr_csv(path: Path, rows: list[str]) -> None:
    text = "\r".join([",".join(upr_info.COLUMNS), *rows]) + "\r"
    path.write_bytes(gzip.compress(text.encode("mac_roman")))


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    folder = tmp_path / "root" / upr_info.DEFAULT_PATH / upr_info.CSV_DIR
    folder.mkdir(parents=True)
    rows = [
        "Egypt,Africa,AU,Abolish the death penalty,Norway,WEOG,,Noted,5,Death penalty,7",
        "Narnia,Africa,AU,Protect the rights of fauns,Chile,GRULAC,OAS,Accepted,5,General,7",
        "Egypt,Africa,AU,Too few fields",
        "Egypt,Africa,AU,,Chile,GRULAC,OAS,Accepted,5,General,7",
        "Egypt,Africa,AU,Ratify the Optional Protocol,Chile,GRULAC,OAS,Accepted,5,General,7",
    ]
    write_upr_csv(folder / "1-5.csv.gz", rows)
    for name in ("6-9", "10-13", "14-17", "17-20", "voluntary"):
        write_upr_csv(folder / f"{name}.csv.gz", [])
    return tmp_path / "root"


def test_bad_input_is_reported_and_the_rest_ingested(
    data_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    code = main([
        "ingest", "--dataset", "upr-info", "--data-root", str(data_root),
        "--data-dir", str(data_dir), "--embedder", "hashing-32",
    ])
    out = capsys.readouterr().out
    assert code == 1  # finished, but something was rejected
    assert "3 new" in out and "2 rejected" in out
    assert "unknown country name kept as raw: Narnia" in out
    rejects = [json.loads(line) for line in
               (data_dir / "rejects" / "rejects-latest.jsonl").read_text().splitlines()]
    reasons = sorted(r["reason"].split(":")[0] for r in rejects)
    assert reasons == ["invalid text", "malformed row"]
    assert all(r["location"] and r["source"] == "upr-info" for r in rejects)

    store = RecordStore(data_dir / "store.sqlite")
    try:
        narnia = [r for r in store.iter_records() if r.countries_raw]
        assert len(narnia) == 1
        assert narnia[0].countries == [] and narnia[0].countries_raw == ["Narnia"]
    finally:
        store.close()

    # A second run over unchanged files and code does not read the dataset again, and
    # says so (with the rejects of the run that read it).
    code = main([
        "ingest", "--dataset", "upr-info", "--data-root", str(data_root),
        "--data-dir", str(data_dir), "--embedder", "hashing-32",
    ])
    out = capsys.readouterr().out
    assert code == 0
    assert "0 new, 0 updated, 0 merged" in out
    assert "  upr-info (files and code as at" in out and "rejects report" in out

    # --force reads it again: nothing changes, the rejects are reported again.
    code = main([
        "ingest", "--dataset", "upr-info", "--data-root", str(data_root),
        "--data-dir", str(data_dir), "--embedder", "hashing-32", "--force",
    ])
    out = capsys.readouterr().out
    assert code == 1
    assert "0 new, 0 updated, 0 merged" in out and "3 unchanged" in out


def test_a_changed_file_or_an_interrupted_run_is_read_again(
    data_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir = tmp_path / "data"
    args = ["ingest", "--dataset", "upr-info", "--data-root", str(data_root),
            "--data-dir", str(data_dir), "--embedder", "hashing-32"]

    # Interrupted in the middle of the dataset: nothing recorded, the next run reads it.
    calls = {"n": 0}
    real_run = upr_info.iter_items

    def interrupted(root: Path) -> Iterator[Item]:
        for item in real_run(root):
            calls["n"] += 1
            if calls["n"] == 3:
                raise KeyboardInterrupt
            yield item

    monkeypatch.setitem(
        IMPORTERS, "upr-info", dataclasses.replace(IMPORTERS["upr-info"], iter_items=interrupted)
    )
    assert main(args) == 130
    monkeypatch.undo()
    capsys.readouterr()
    assert main(args) == 1
    assert "upr-info (files and code" not in capsys.readouterr().out
    main(args)
    assert "upr-info (files and code" in capsys.readouterr().out

    # A file changed (size or time): read again, and the new recommendation comes in.
    csv = data_root / upr_info.DEFAULT_PATH / upr_info.CSV_DIR / "6-9.csv.gz"
    row = "Egypt,Africa,AU,Release all journalists,Chile,GRULAC,OAS,Accepted,7,General,7"
    write_upr_csv(csv, [row])
    os.utime(csv, ns=(time.time_ns(), time.time_ns() + 10**9))
    main(args)
    out = capsys.readouterr().out
    assert "1 new" in out and "upr-info (files and code" not in out


def test_clean_input_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "root" / upr_info.DEFAULT_PATH / upr_info.CSV_DIR
    folder.mkdir(parents=True)
    write_upr_csv(folder / "1-5.csv.gz", [
        "Egypt,Africa,AU,Abolish the death penalty,Norway,WEOG,,Noted,5,Death penalty,7",
    ])
    for name in ("6-9", "10-13", "14-17", "17-20", "voluntary"):
        write_upr_csv(folder / f"{name}.csv.gz", [])
    code = main([
        "ingest", "--dataset", "upr-info", "--data-root", str(tmp_path / "root"),
        "--data-dir", str(tmp_path / "data"), "--embedder", "hashing-32",
    ])
    assert code == 0, capsys.readouterr().out


def test_unknown_dataset_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["ingest", "--dataset", "nope", "--data-dir", str(tmp_path)]) == 2
