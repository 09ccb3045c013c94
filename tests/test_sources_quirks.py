"""The quirks each source's module docstring promises to handle, checked on its recording."""

from __future__ import annotations

import json
import tracemalloc
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from indexer.pipeline import Candidate, Item, Reject, ingest
from indexer.record import make_work_key
from indexer.store import RecordStore
from scrapers.importers.base import text_key
from scrapers.sources.base import DocumentRef, SourceInfo, rebase_url, tidy_symbol
from scrapers.sources.jsonstream import JsonStreamError, iter_json_array
from scrapers.sources.sequential import MAX_MISSES, SequentialIds
from tests.fixtures.sources.harness import connector_for, parse_all
from tests.fixtures.sources.replay import ReplayServer, replaying


def run(source: str, tmp_path: Path) -> tuple[list[Item], ReplayServer]:
    with replaying(source) as server:
        connector = connector_for(source, server, tmp_path / "cache")
        try:
            return parse_all(connector), server
        finally:
            connector.client.close()


def candidates(items: list[Item]) -> list[dict[str, Any]]:
    return [i.fields for i in items if isinstance(i, Candidate)]


# --- UHRI -------------------------------------------------------------------------------


def test_uhri_language_versions_share_one_work_key_per_annotation(tmp_path: Path) -> None:
    items, server = run("uhri", tmp_path)
    by_work: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fields in candidates(items):
        by_work[fields["work"]].append(fields)
    assert len(by_work) == 15  # one work per annotation
    versions = {w: sorted(f["language"] for f in fs) for w, fs in by_work.items()}
    assert sorted(map(tuple, versions.values())).count(("ar", "en", "es", "fr")) == 2
    seven = next(fs for fs in by_work.values() if len(fs) == 4 and fs[0]["paragraph"] == "7")
    assert {f["language"]: f["paragraph"] for f in seven} == dict.fromkeys(
        ("en", "fr", "es", "ar"), "7"
    )
    assert len({f["id"] for f in seven}) == 4
    # One search request per culture for the document, not one per annotation.
    posts = [s for s in server.served() if s.method == "POST"]
    assert len(posts) == 3
    assert all(s.headers.get("x-uhri-api-public-token") for s in posts)
    assert {json.loads(s.body)["documentCodes"][0] for s in posts} == {"E/C.12/AUS/CO/6"}


def test_uhri_without_a_token_reads_the_export_only(tmp_path: Path) -> None:
    from scrapers.sources.uhri import Uhri

    with replaying("uhri") as server:
        connector = connector_for("uhri", server, tmp_path / "cache")
        connector = Uhri(connector.client, base_url=server.base)
        items = parse_all(connector)
        connector.client.close()
        assert not [s for s in server.served() if s.method == "POST"]
    assert {f["language"] for f in candidates(items)} == {"en"}


def test_json_stream_reads_an_array_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    text = "x" * 2000
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[\n")
        for i in range(10_000):
            handle.write(("," if i else "") + json.dumps({"AnnotationId": str(i), "Text": text}))
        handle.write("]")
    assert path.stat().st_size > 20_000_000
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_json_array(path, chunk_size=1 << 16))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 10_000
    assert peak < 2_000_000, peak  # the file is 20 MB; the reader holds about a chunk


@pytest.mark.parametrize("chunk", [1, 3, 17, 4096])
def test_json_stream_is_exact_across_chunk_boundaries(tmp_path: Path, chunk: int) -> None:
    values = [{"a": "é" * i, "b": [1.5, None, True]} for i in range(40)] + [12345, "z", []]
    path = tmp_path / "a.json"
    path.write_text("\ufeff" + json.dumps(values, ensure_ascii=False, indent=1), "utf-8")
    assert list(iter_json_array(path, chunk_size=chunk)) == values


def test_json_stream_refuses_a_truncated_or_foreign_file(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[{"a": 1}, {"b"')
    with pytest.raises(JsonStreamError, match=r"broken element|not closed"):
        list(iter_json_array(path))
    path.write_text('{"not": "an array"}')
    with pytest.raises(JsonStreamError, match="expected a JSON array"):
        list(iter_json_array(path))


# --- UN documents ------------------------------------------------------------------------


def test_un_documents_missing_symbol_200_html_is_a_reject(tmp_path: Path) -> None:
    items, _ = run("un-documents", tmp_path)
    rejects = [i for i in items if isinstance(i, Reject)]
    assert len(rejects) == 1
    assert rejects[0].reason.startswith("symbol not found")
    assert "A/HRC/59/999" in rejects[0].reason
    found = candidates(items)
    assert {f["symbol"] for f in found} == {"A/HRC/59/15/Add.1"}
    assert all(f["body"] == "UPR" and f["language"] == "en" for f in found)


def test_symbols_keep_their_case() -> None:
    assert tidy_symbol(" A/HRC/59/15/ Add.1 ") == "A/HRC/59/15/Add.1"
    assert tidy_symbol("CAT /C/GC/4") == "CAT/C/GC/4"


# --- parallel language versions -----------------------------------------------------------


def test_iacthr_spanish_and_english_share_work_keys_by_paragraph(tmp_path: Path) -> None:
    items, server = run("iacthr", tmp_path)
    found = candidates(items)
    works: dict[str, set[str]] = defaultdict(set)
    for f in found:
        if f.get("paragraph"):
            works[f["paragraph"]].add(f"{f['language']}:{f['work']}")
    for number in ("1", "3"):
        languages = {x.split(":")[0] for x in works[number]}
        assert languages == {"es", "en"}
        assert len({x.split(":")[1] for x in works[number]}) == 1
    listing = next(s for s in server.served() if s.method == "POST")
    assert listing.headers["referer"] == "https://corteidh.or.cr/casos_sentencias.cfm?lang=en"
    assert b"nId_Tipo_Jurisprudencia=CC" in listing.body


def test_hudoc_exec_english_and_french_decision_share_work_keys(tmp_path: Path) -> None:
    items, _ = run("hudoc-exec", tmp_path)
    decision = [f for f in candidates(items) if f.get("symbol") == "CM/Del/Dec(2026)1553/H46-31"]
    en = {
        f["paragraph"]: f["work"] for f in decision if f["language"] == "en" and f.get("paragraph")
    }
    fr = {
        f["paragraph"]: f["work"] for f in decision if f["language"] == "fr" and f.get("paragraph")
    }
    shared = set(en) & set(fr)
    assert len(shared) >= 3
    assert all(en[n] == fr[n] for n in shared)


def test_hudoc_cpt_sends_the_referer_it_expects(tmp_path: Path) -> None:
    _, server = run("hudoc-cpt", tmp_path)
    assert all(s.headers.get("referer") == "https://hudoc.cpt.coe.int/eng" for s in server.served())


def test_hudoc_esc_same_decision_under_two_ids_is_one_record_two_provenances(
    tmp_path: Path,
) -> None:
    items, _ = run("hudoc-esc", tmp_path)
    store = RecordStore(tmp_path / "store.sqlite")
    try:
        report = ingest(items, store)
        assert report.merged > 0
        merged = [r for r in store.iter_records() if len(r.provenance) == 2]
        assert merged
        assert {p.source_id.split("#")[0] for p in merged[0].provenance} == {"114353", "114380"}
    finally:
        store.close()


# --- treaty bodies ------------------------------------------------------------------------


def test_ohchr_juris_decodes_utf16_docstore_files(tmp_path: Path) -> None:
    items, _ = run("ohchr-juris", tmp_path)
    found = candidates(items)
    assert found and not any("\x00" in f["text"] for f in found)
    assert {f["symbol"] for f in found} == {"CAT/C/45/D/339/2008"}
    assert found[0]["case"]["respondent_state"] == "Denmark"
    assert {f["paragraph"] for f in found} >= {"1.1", "1.2", "2.1"}


def test_tb_documents_reads_search_then_download_page_then_docstore(tmp_path: Path) -> None:
    items, server = run("tb-documents", tmp_path)
    assert {f["symbol"] for f in candidates(items)} == {"CAT/C/GC/4", "CAT/C/GC/3"}
    assert [s.path.rsplit("/", 1)[-1] for s in server.served()] == [
        "TBSearch.aspx",
        "Download.aspx",
        "FilesHandler.ashx",
        "Download.aspx",
        "FilesHandler.ashx",
    ]


# --- UPR Info database ---------------------------------------------------------------------


def test_upr_info_db_responses_and_identity_match_the_csv_importer(tmp_path: Path) -> None:
    items, _ = run("upr-info-db", tmp_path)
    found = candidates(items)
    assert {f["upr"]["response_raw"] for f in found} <= {"Supported", "Noted", "Not Supported"}
    first = found[0]
    # The UPR Info CSV importer keys a row on its review and a hash of text and State.
    assert first["work"] == make_work_key("UPR/S07/Slovenia", text_key(first["text"], "Malaysia"))


# --- special procedures, sequential ids ------------------------------------------------------


def test_sp_communication_letter_metadata(tmp_path: Path) -> None:
    items, server = run("sp-communications", tmp_path)
    found = candidates(items)
    assert {f["symbol"] for f in found} == {"OL TUN 4/2026"}
    assert found[0]["countries"] == ["TUN"]
    assert found[0]["body"] == "SR-ASSEMBLY"
    assert found[0]["date"] == "2026-03-12"
    assert len(server.served()) == 2  # gId 1 (the letter) and gId 2 (an error page)


def test_sequential_walk_stops_after_a_run_of_missing_ids(tmp_path: Path) -> None:
    from scrapers.http import ClientConfig, FakeClock, PoliteClient
    from scrapers.sources.state import CrawlState

    class Probe(SequentialIds):
        info = SourceInfo("probe", "test", ("SP",), "ids", ("127.0.0.1",), "test")

    client = PoliteClient(
        ClientConfig(allowed_hosts=frozenset(), cache_dir=tmp_path), clock=FakeClock()
    )
    probe = Probe(client)
    probe.state = CrawlState(tmp_path / "state.sqlite")
    seen = []
    for n in probe.ids():
        seen.append(n)
        if n in (3, 7):
            probe.found(n)
        else:
            probe.missing()
    assert seen == list(range(1, 8 + MAX_MISSES))
    assert probe.state.get_meta("highest_id") == "7"
    assert next(iter(probe.ids())) == 8  # the next crawl starts after the highest found
    probe.state.close()
    client.close()


def test_rebase_keeps_path_and_query() -> None:
    url = "https://hudoc.echr.coe.int/app/query/results?start=0&length=50"
    assert rebase_url(url, "http://127.0.0.1:9000") == (
        "http://127.0.0.1:9000/app/query/results?start=0&length=50"
    )
    assert rebase_url(url, None) == url
    assert DocumentRef("k", url).version is None
