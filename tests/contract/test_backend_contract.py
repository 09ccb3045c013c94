"""The SearchBackend contract, run unchanged against every backend.

Expectations are computed by brute force from the records themselves (their
analysed terms, their facet values, their vectors), never hard-coded from one
backend's output.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from indexer.analysis import analyse
from indexer.backend.protocol import Filters, SortOrder
from indexer.document import analysis_language
from indexer.query import parse_query
from indexer.record import FACETS, Record
from indexer.search import Mode, SearchRequest
from indexer.store import RecordStore
from indexer.sync import sync
from tests.contract.conftest import Loaded


def stems(record: Record) -> set[str]:
    return set(analyse(record.text, analysis_language(record)).stems)


def passes(record: Record, filters: Filters) -> bool:
    values = record.facet_values()
    for name, wanted in filters.terms.items():
        if wanted and not set(values[name]) & set(wanted):
            return False
    if filters.year_from is not None and (record.year is None or record.year < filters.year_from):
        return False
    if filters.year_to is not None and (record.year is None or record.year > filters.year_to):
        return False
    if filters.include_ids is not None and record.id not in filters.include_ids:
        return False
    return record.id not in filters.exclude_ids


def all_ids(loaded: Loaded, plan_query: str = "", filters: Filters | None = None) -> set[str]:
    plan = parse_query(plan_query) if plan_query else None
    page = loaded.backend.keyword(plan, filters or Filters(), 0, 1000)
    assert page.total == len(page.hits)
    return {h.id for h in page.hits}


# --- writing and reading ------------------------------------------------------


def test_count_and_get(loaded: Loaded) -> None:
    assert loaded.backend.count() == len(loaded.records)
    wanted = [loaded.records[3].id, "r-doesnotexist0000", loaded.records[0].id]
    got = loaded.backend.get(wanted)
    assert [r.id for r in got] == [loaded.records[3].id, loaded.records[0].id]
    assert got[0].text == loaded.records[3].text
    assert set(loaded.backend.ids()) == {r.id for r in loaded.records}


def test_replace_changes_text_but_not_count(loaded: Loaded) -> None:
    target = loaded.records[0]
    changed = target.model_copy(update={"text": "Abolish the zyxwv penalty entirely."})
    loaded.store.write_batch([changed])
    sync(loaded.store, loaded.backend, loaded.embedder)
    assert loaded.backend.count() == len(loaded.records)
    assert all_ids(loaded, "zyxwv") == {target.id}
    old_word = next(w for w in target.text.split() if len(w) > 8).strip(".,;")
    assert target.id not in all_ids(loaded, f'"{old_word}"')


def test_delete(loaded: Loaded) -> None:
    gone = loaded.records[5]
    loaded.store.delete([gone.id])
    sync(loaded.store, loaded.backend, loaded.embedder)
    assert loaded.backend.count() == len(loaded.records) - 1
    assert loaded.backend.get([gone.id]) == []
    assert gone.id not in all_ids(loaded)
    vec = loaded.embedder.embed([gone.text])[0]
    assert gone.id not in {h.id for h in loaded.backend.vector(vec, Filters(), 50)}


def test_watermark_and_idempotent_replay(loaded: Loaded) -> None:
    assert loaded.backend.watermark() == loaded.store.seq
    before = loaded.backend.count()
    # Replaying everything from zero must not duplicate anything.
    for chunk in loaded.store.changes_since(0):
        from indexer.document import build_index_doc

        vectors = loaded.embedder.embed([s.record.text for s in chunk])
        loaded.backend.upsert(
            [build_index_doc(s.record, s.row, vectors[i]) for i, s in enumerate(chunk)]
        )
    loaded.backend.commit(loaded.store.seq)
    assert loaded.backend.count() == before


def test_clear(loaded: Loaded) -> None:
    loaded.backend.clear()
    assert loaded.backend.count() == 0
    assert loaded.backend.watermark() == 0


# --- keyword matching ---------------------------------------------------------


@pytest.mark.parametrize("word", ["prison", "complainant", "tortura", "Azerbaïdjan", "detained"])
def test_single_word_matches_brute_force(loaded: Loaded, word: str) -> None:
    plan = parse_query(word)
    assert plan is not None
    wanted: set[str] = set()
    from indexer.analysis import analyse_query_word

    exact, word_stems = analyse_query_word(word)
    for record in loaded.records:
        analysed = analyse(record.text, analysis_language(record))
        title = analyse(record.title or "", analysis_language(record)).stems
        if word_stems & set(analysed.stems) or exact in analysed.exact or word_stems & set(title):
            wanted.add(record.id)
    assert wanted, f"fixture has no record for {word!r}"
    assert all_ids(loaded, word) == wanted


def test_all_words_required_for_short_queries(loaded: Loaded) -> None:
    both = all_ids(loaded, "complainant Ethiopia")
    assert both
    assert both == all_ids(loaded, "complainant") & all_ids(loaded, "Ethiopia")


def test_phrase_and_exclusion(loaded: Loaded) -> None:
    phrase = all_ids(loaded, '"human rights defenders"')
    assert phrase
    for record in loaded.backend.get(sorted(phrase)):
        assert "human rights defenders" in record.text.lower()
    assert all_ids(loaded, "prison -brazil") == all_ids(loaded, "prison") - all_ids(
        loaded, "brazil"
    )


def test_bm25_ranks_denser_match_first(loaded: Loaded) -> None:
    page = loaded.backend.keyword(parse_query("complainant"), Filters(), 0, 5)
    scores = [h.score for h in page.hits]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > 0


# --- filters and facets -------------------------------------------------------

FILTER_CASES = [
    Filters({"body": ("CAT",)}),
    Filters({"body": ("CAT", "CPT")}),
    Filters({"language": ("fr", "es")}),
    Filters({"country": ("BRA",), "kind": ("recommendation",)}),
    Filters({"response": ("noted",)}),
    Filters(year_from=2010, year_to=2014),
    Filters({"mechanism": ("regional",)}, year_from=2024),
    Filters({"body": ("UPR",)}, exclude_ids=()),
]


@pytest.mark.parametrize("filters", FILTER_CASES, ids=lambda f: repr(f)[:60])
def test_filters_match_brute_force(loaded: Loaded, filters: Filters) -> None:
    wanted = {r.id for r in loaded.records if passes(r, filters)}
    assert all_ids(loaded, "", filters) == wanted
    assert loaded.backend.count(filters) == len(wanted)


def test_include_and_exclude_ids(loaded: Loaded) -> None:
    some = tuple(r.id for r in loaded.records[:5])
    assert all_ids(loaded, "", Filters(include_ids=some)) == set(some)
    rest = all_ids(loaded, "", Filters(exclude_ids=some))
    assert rest == {r.id for r in loaded.records} - set(some)


@pytest.mark.parametrize("filters", [Filters(), Filters({"language": ("en",)})], ids=["all", "en"])
def test_facet_counts_match_brute_force(loaded: Loaded, filters: Filters) -> None:
    got = loaded.backend.facets(None, filters, list(FACETS), 100)
    for name in FACETS:
        expected: Counter[str] = Counter()
        for record in loaded.records:
            if passes(record, filters):
                expected.update(record.facet_values()[name])
        assert dict(got[name]) == dict(expected), name


def test_facets_follow_the_query(loaded: Loaded) -> None:
    plan = parse_query("complainant")
    got = dict(loaded.backend.facets(plan, Filters(), ["body"], 10)["body"])
    assert got == {"CAT": len(all_ids(loaded, "complainant"))}


# --- ordering and pages -------------------------------------------------------


def test_pages_are_disjoint_and_complete(loaded: Loaded) -> None:
    plan = parse_query("the")
    full = loaded.backend.keyword(plan, Filters(), 0, 100)
    pages = [loaded.backend.keyword(plan, Filters(), o, 5).hits for o in range(0, full.total, 5)]
    flat = [h.id for page in pages for h in page]
    assert len(flat) == len(set(flat)) == full.total
    assert {h.id for h in full.hits} == set(flat)


@pytest.mark.parametrize("order", [SortOrder.DATE_DESC, SortOrder.DATE_ASC])
def test_sort_by_date(loaded: Loaded, order: SortOrder) -> None:
    page = loaded.backend.keyword(None, Filters({"kind": ("decision", "judgment")}), 0, 100, order)
    dates = [
        r.date.toordinal() if r.date else 0 for r in loaded.backend.get([h.id for h in page.hits])
    ]
    assert dates == sorted(dates, reverse=order is SortOrder.DATE_DESC)


# --- vectors ------------------------------------------------------------------


def brute_force_vector(loaded: Loaded, query: str, filters: Filters, k: int) -> list[str]:
    q = loaded.embedder.embed([query])[0]
    pool = [r for r in loaded.records if passes(r, filters)]
    stored = loaded.backend.vectors_for([r.id for r in pool])
    scores = np.stack([stored[r.id] for r in pool]) @ q
    order = np.argsort(-scores, kind="stable")[:k]
    return [pool[i].id for i in order]


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("asylum seeker deported and at risk of torture", Filters()),
        ("conditions de détention dans les prisons", Filters({"language": ("fr", "en")})),
        ("derecho a la libertad de expresión", Filters({"mechanism": ("regional", "upr")})),
    ],
)
def test_vector_search_is_exact_on_small_sets(loaded: Loaded, query: str, filters: Filters) -> None:
    q = loaded.embedder.embed([query])[0]
    hits = loaded.backend.vector(q, filters, 5)
    assert [h.id for h in hits] == brute_force_vector(loaded, query, filters, 5)
    assert all(-1.0 <= h.score <= 1.0 + 1e-5 for h in hits)


def test_vectors_for(loaded: Loaded) -> None:
    ids = [loaded.records[0].id, loaded.records[1].id]
    got = loaded.backend.vectors_for(ids)
    for rid, record in zip(ids, loaded.records[:2], strict=True):
        fresh = loaded.embedder.embed([record.text])[0]
        assert abs(float(np.linalg.norm(got[rid])) - 1.0) < 1e-4
        assert float(got[rid] @ fresh) > 0.99


# --- the search service on top of the backend ---------------------------------


def test_arabic_without_hamza_finds_seed_paragraphs(loaded: Loaded) -> None:
    result = loaded.service.search(
        SearchRequest("المؤسسات الوطنية لحقوق الانسان", Mode.KEYWORD, size=20)
    )
    texts = [item.record.text for item in result.results]
    assert any("المؤسسات الوطنية لحقوق الإنسان" in t for t in texts)
    assert any("والمؤسسات الوطنية" in t for t in texts)


def test_eastern_arabic_digits_match_ascii(loaded: Loaded) -> None:
    result = loaded.service.search(SearchRequest("18/14", Mode.KEYWORD))
    assert any("١٨/١٤" in item.record.text for item in result.results)


def test_tashkeel_in_query_is_ignored(loaded: Loaded) -> None:
    plain = loaded.service.search(SearchRequest("التعذيب", Mode.KEYWORD))
    voweled = loaded.service.search(SearchRequest("التَّعْذِيب", Mode.KEYWORD))
    assert plain.total > 0
    assert [i.record.id for i in plain.results] == [i.record.id for i in voweled.results]


def test_hybrid_fuses_both_lists(loaded: Loaded) -> None:
    result = loaded.service.search(SearchRequest("prison conditions", Mode.HYBRID, size=10))
    assert result.results
    assert any("keyword" in item.matched_by for item in result.results)
    assert any("vector" in item.matched_by for item in result.results)
    assert (
        result.total
        >= loaded.service.search(SearchRequest("prison conditions", Mode.KEYWORD)).total
    )


def test_highlight_marks_matched_words(loaded: Loaded) -> None:
    result = loaded.service.search(SearchRequest("complainant", Mode.KEYWORD, size=3))
    assert all("<mark>complainant</mark>" in i.highlight.lower() for i in result.results)


def test_selected_facet_keeps_its_alternatives(loaded: Loaded) -> None:
    request = SearchRequest("", Mode.KEYWORD, Filters({"body": ("CAT",)}))
    result = loaded.service.search(request)
    bodies = dict(result.facets["body"])
    assert bodies["CAT"] == result.total
    assert "UPR" in bodies
    assert dict(result.facets["language"]) == {"en": result.total}


@pytest.mark.parametrize("query", ["", "the"])
def test_facets_with_several_selections_match_brute_force(loaded: Loaded, query: str) -> None:
    """Each selected facet (two here, and a year range) counted under the other
    selections only, every other facet under all of them: what the interface shows
    beside a result list."""
    matched = all_ids(loaded, query) if query else {r.id for r in loaded.records}
    # The language and body of a matching record that shares its language with a
    # matching record of another body: the body facet must show that other body.
    pool = [
        {n: tuple(r.facet_values()[n][:1]) for n in ("language", "body")}
        for r in loaded.records
        if r.id in matched and (r.year or 0) >= 2000
    ]
    selections, other = next(
        (a, b) for a in pool for b in pool if a["language"] == b["language"] and a != b
    )
    filters = Filters(selections, year_from=2000)
    result = loaded.service.search(SearchRequest(query, Mode.KEYWORD, filters, facet_size=100))
    for name in FACETS:
        loosened = Filters({k: v for k, v in selections.items() if k != name}, year_from=2000)
        expected: Counter[str] = Counter()
        for record in loaded.records:
            if record.id in matched and passes(record, loosened):
                expected.update(record.facet_values()[name])
        assert dict(result.facets[name]) == dict(expected), name
    assert other["body"][0] in dict(result.facets["body"])  # beside the selected body


def test_store_is_reusable_after_reopen(loaded: Loaded) -> None:
    path = loaded.tmp / "store.sqlite"
    again = RecordStore(path)
    try:
        assert again.count() == len(loaded.records)
    finally:
        again.close()
