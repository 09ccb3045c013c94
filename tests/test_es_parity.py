"""Parity: the same corpus in both backends answers every query with the same top 10.

The corpus is real: UPR Info recommendations (Mac Roman CSV, CR line endings),
CAT decisions, CPT reports (English and French), Committee of Ministers
execution notes and an ECtHR judgment (French), Inter-American Court judgments
(Spanish) and the Arabic seed documents, cut into paragraphs. Where the
bundled sample corpus exists (`data/sample/*.jsonl.gz`) it is used
instead (read through its importer, as `concordia ingest --dataset sample` does).

Both backends are driven through `SearchService` with the same multilingual
embedder, for keyword, vector and hybrid modes, with and without filters.
"Ties aside": where the two top-10 lists differ, the difference must be
explained by documents with equal scores in the underlying rankings.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from indexer.backend.elasticsearch import ElasticsearchBackend
from indexer.backend.embedded import EmbeddedBackend
from indexer.backend.protocol import Filters, Hit, SortOrder
from indexer.embed import CachedEmbedder, Embedder, EmbeddingCache
from indexer.record import Record
from indexer.search import KEYWORD_FUSION_DEPTH, VECTOR_K, Mode, SearchRequest, SearchService
from indexer.store import RecordStore
from indexer.sync import sync
from indexer.terminology import load_terminology
from scrapers.shared_data import SHARED_DATA
from tests.es_fixtures import EsEndpoint, drop_indices

pytestmark = [pytest.mark.es, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
SHARED = SHARED_DATA
SAMPLE = ROOT / "data" / "sample"
EMBED_CACHE = ROOT / "var" / "test-cache" / "embeddings.sqlite"
LICENCE_UN = "UN document; public"

# --- a real corpus ---------------------------------------------------------------


def _rid(*parts: str) -> str:
    return "t-" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:20]


def _countries() -> dict[str, str]:
    data = json.loads((ROOT / "mappings" / "countries.json").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for entry in data["countries"]:
        names = [
            *entry["names"].values(),
            *entry.get("aliases", []),
            *entry.get("former_names", []),
        ]
        for name in names:
            out.setdefault(name.casefold(), entry["iso3"])
    return out


def _paragraphs(text: str, lo: int = 160, hi: int = 1400) -> list[str]:
    text = text.replace("\x00", "").replace("\r", "\n")
    blocks = re.split(r"\n\s*\n", text)
    if len(blocks) < 5:  # no blank lines: cut on sentence ends into ~600-character pieces
        sentences = re.split(r"(?<=[.!?؟])\s+", text)
        blocks, current = [], ""
        for s in sentences:
            current = f"{current} {s}".strip()
            if len(current) > 600:
                blocks.append(current)
                current = ""
    out = []
    for block in blocks:
        para = re.sub(r"\s+", " ", block).strip()
        if lo <= len(para) <= hi and sum(c.isalpha() for c in para) > 0.6 * len(para):
            out.append(para)
    return out


def _record(
    key: str,
    text: str,
    language: str,
    mechanism: str,
    body: str,
    kind: str,
    *,
    date: str | None,
    countries: Sequence[str] = (),
    title: str | None = None,
    symbol: str | None = None,
    source: str,
    upr: dict[str, object] | None = None,
) -> Record:
    data: dict[str, object] = {
        "id": _rid(key, language),
        "work": _rid(key),
        "text": text,
        "language": language,
        "mechanism": mechanism,
        "body": body,
        "kind": kind,
        "countries": list(countries),
        "date": date,
        "title": title,
        "symbol": symbol,
        "provenance": [{"source": source, "source_id": key, "licence": LICENCE_UN}],
    }
    if upr is not None:
        data["upr"] = upr
    return Record.model_validate(data)


def _upr(names: dict[str, str], limit: int) -> Iterator[Record]:
    path = SHARED / "upr-info-export-terman" / "upr-info-csv" / "6-9.csv.gz"
    raw = gzip.decompress(path.read_bytes()).decode("mac_roman").replace("\r", "\n")
    rows = list(csv.DictReader(io.StringIO(raw)))
    step = max(1, len(rows) // limit)
    for n, row in enumerate(rows[::step][:limit]):
        session = int(row["Session"])
        year = 2008 + (session - 1) // 3
        under = names.get(row["To"].strip().casefold())
        by = names.get(row["From"].strip().casefold())
        response = {"accepted": "supported", "noted": "noted"}.get(row["Response"].strip().lower())
        yield _record(
            f"upr-info:{n * step}",
            row["Text"].strip(),
            "en",
            "upr",
            "UPR",
            "recommendation",
            date=f"{year}-06-01",
            countries=[under] if under else [],
            source="upr-info",
            upr={
                "recommending_states": [by] if by else [],
                "session": session,
                "response": response,
            },
        )


def _legal(folder: str, files: Sequence[str], per_doc: int, **fixed: str) -> Iterator[Record]:
    base = SHARED / "legal-sources-samples" / folder
    for name in files:
        doc = json.loads((base / name).read_text(encoding="utf-8"))
        date = (doc.get("date") or "")[:10] or None
        state = doc.get("respondent_state") or doc.get("state")
        countries = [state] if isinstance(state, str) and re.fullmatch(r"[A-Z]{3}", state) else []
        for i, para in enumerate(_paragraphs(doc.get("text", ""))[:per_doc]):
            yield _record(
                f"{folder}/{name}#{i}",
                para,
                date=date,
                countries=countries,
                title=(doc.get("title") or "")[:200] or None,
                symbol=doc.get("symbol") or doc.get("reference"),
                source=folder,
                **fixed,  # type: ignore[arg-type]
            )


def _seeds(per_doc: int) -> Iterator[Record]:
    dates = ["2013-03-01", "2017-01-01", "2019-10-21", "2023-11-08", "2023-10-12"]
    for n, path in enumerate(sorted((SHARED / "seeds").glob("0*.txt"))):
        text = path.read_text(encoding="utf-8")
        arabic = [p for p in _paragraphs(text, lo=120) if re.search(r"[\u0600-\u06ff]{3}", p)]
        for i, para in enumerate(arabic[:per_doc]):
            yield _record(
                f"seed/{path.name}#{i}",
                para,
                "ar",
                "charter_body" if n != 3 else "nhri",
                "HRC" if n != 3 else "GANHRI",
                "report_paragraph" if n not in (4,) else "resolution",
                date=dates[n],
                source="seeds",
            )


CPT = "CoE/CPTReports"
LEGAL: list[tuple[str, list[str], int, str, str, str, str]] = [
    # folder, files, paragraphs per file, language, mechanism, body, kind
    ("UN/TreatyBodyJuris", [f"record_{i:04d}.json" for i in range(6)], 20,
     "en", "treaty_body", "CAT", "decision"),
    (CPT, ["CoE_CPT_p-alb-20230504-en.json", "CoE_CPT_p-grc-20231120-en.json",
           "CoE_CPT_p-aze-2024decl-en.json"], 30, "en", "regional", "CPT", "report_paragraph"),
    (CPT, ["CoE_CPT_p-aze-2024decl-fr.json", "CoE_CPT_p-standard-inf-2024-16-part-fr.json"], 40,
     "fr", "regional", "CPT", "report_paragraph"),
    ("CoE/HUDOCExec", ["93121.json", "93133.json", "93211.json"], 25,
     "fr", "regional", "CM", "decision"),
    ("CoE/HUDOC", ["001-62074.json"], 30, "fr", "regional", "ECtHR", "judgment"),
    ("INTL/IACtHR", [f"record_{i:04d}.json" for i in range(4)], 35,
     "es", "regional", "IACtHR", "judgment"),
]  # fmt: skip


def fill_store(store: RecordStore) -> str:
    """The bundled sample corpus through its importer when the project has it,
    else the corpus built here; returns its name."""
    if SAMPLE.is_dir() and any(SAMPLE.glob("*.jsonl.gz")):
        try:
            from scrapers.importers import IMPORTERS
        except ImportError:
            IMPORTERS = {}
        importer = IMPORTERS.get("sample")
        if importer is not None:
            from indexer.pipeline import ingest
            from indexer.taxonomy import load_taxonomy

            report = ingest(importer.iter_items(SAMPLE), store, taxonomy=load_taxonomy())
            return f"data/sample ({report.seen} items)"
    records = build_corpus()
    store.write_batch(records)
    return f"built from ../shared/data ({len(records)} records)"


def build_corpus() -> list[Record]:
    records: list[Record] = list(_upr(_countries(), 260))
    for folder, files, per_doc, language, mechanism, body, kind in LEGAL:
        records += _legal(
            folder, files, per_doc, language=language, mechanism=mechanism, body=body, kind=kind
        )
    records += _seeds(30)
    unique: dict[str, Record] = {}
    for r in records:
        unique.setdefault(r.id, r)
    return list(unique.values())


# --- the queries ------------------------------------------------------------------

QUERIES: list[tuple[str, str]] = [
    ("en", "torture"),
    ("en", "enforced disappearance"),
    ("en", "freedom of expression journalists"),
    ("en", "women's rights forced marriage"),
    ("en", "death penalty abolition moratorium"),
    ("en", "prison overcrowding conditions of detention"),
    ("en", "non-refoulement deportation risk"),
    ("en", "national human rights institution Paris Principles"),
    ("en", "police custody ill-treatment safeguards lawyer"),
    ("en", '"human rights defenders"'),
    ("en", "children education girls -marriage"),
    ("en", "CAT/C/51/D/429/2010"),
    ("en", "ratify the Optional Protocol to the Convention against Torture"),
    ("fr", "torture détention"),
    ("fr", "conditions de détention"),
    ("fr", "exécution des arrêts de la Cour"),
    ("fr", "droits de l'homme"),
    ("fr", "mauvais traitements par la police"),
    ("fr", "liberté d'expression"),
    ("fr", "détention administrative sans jugement"),
    ("fr", "Comité des Ministres mesures individuelles"),
    ("es", "desaparición forzada"),
    ("es", "derechos humanos"),
    ("es", "reparaciones a las víctimas"),
    ("es", "libertad de expresión periodistas"),
    ("es", "Corte Interamericana"),
    ("es", "tortura y malos tratos"),
    ("es", "pueblos indígenas territorio"),
    ("es", "garantías judiciales debido proceso"),
    ("ar", "حقوق الانسان"),
    ("ar", "المؤسسات الوطنية لحقوق الإنسان"),
    ("ar", "التعذيب وسوء المعاملة"),
    ("ar", "التمييز العنصري وكره الأجانب"),
    ("ar", "التعاون التقني وبناء القدرات"),
    ("ar", "الآليات الإقليمية"),
    ("ar", "الاستعراض الدوري الشامل"),
]

FILTER_SETS: list[tuple[str, Filters]] = [
    ("none", Filters()),
    ("regional", Filters({"mechanism": ("regional",)})),
    ("en+fr,2009-2024", Filters({"language": ("en", "fr")}, year_from=2009, year_to=2024)),
]


# --- comparing rankings, ties aside -------------------------------------------------


def _close(a: float, b: float, rel: float) -> bool:
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


def tie_equivalent(a: Sequence[Hit], b: Sequence[Hit], n: int, rel: float) -> bool:
    """Same scores rank by rank, and the same ids except inside groups of equal scores
    (the group cut by position `n` may hold different members)."""
    a, b = list(a[:n]), list(b[:n])
    if len(a) != len(b):
        return False
    if not all(_close(x.score, y.score, rel) for x, y in zip(a, b, strict=True)):
        return False
    i = 0
    while i < len(a):
        j = i
        while j + 1 < len(a) and _close(a[j + 1].score, a[i].score, rel):
            j += 1
        group_a = {h.id for h in a[i : j + 1]}
        group_b = {h.id for h in b[i : j + 1]}
        last_group = j == len(a) - 1
        if group_a != group_b and not last_group:
            return False
        i = j + 1
    return True


@dataclass
class Pair:
    embedded: SearchService
    elastic: SearchService
    store: RecordStore
    count: int


@pytest.fixture(scope="module")
def pair(
    tmp_path_factory: pytest.TempPathFactory, es_node: EsEndpoint, use_embedder: Embedder
) -> Iterator[Pair]:
    tmp = tmp_path_factory.mktemp("parity")
    store = RecordStore(tmp / "store.sqlite")
    corpus = fill_store(store)
    print(f"parity corpus: {corpus}, {store.count()} records")
    # Vectors are keyed by model and text hash: a cache kept between runs is always right.
    embedder = CachedEmbedder(use_embedder, EmbeddingCache(EMBED_CACHE))
    embedded = EmbeddedBackend(store, tmp / "index", use_embedder.dim)
    elastic = ElasticsearchBackend(es_node.config(), use_embedder.dim, store=store)
    sync(store, embedded, embedder)
    sync(store, elastic, embedder)
    terminology = load_terminology()
    yield Pair(
        SearchService(embedded, use_embedder, terminology),
        SearchService(elastic, use_embedder, terminology),
        store,
        store.count(),
    )
    drop_indices(elastic)
    elastic.close()
    embedded.close()
    store.close()


def test_corpus_is_real_and_multilingual(pair: Pair) -> None:
    assert pair.count >= 300
    langs: dict[str, int] = {}
    for record in pair.store.iter_records():
        langs[record.language] = langs.get(record.language, 0) + 1
    assert set(langs) >= {"ar", "en", "fr", "es"}, langs
    assert all(n >= 30 for n in langs.values()), langs
    live = pair.store.count()  # identical texts were merged into one record
    assert pair.embedded.backend.count() == pair.elastic.backend.count() == live
    assert set(pair.embedded.backend.ids()) == set(pair.elastic.backend.ids())


def _top(service: SearchService, query: str, mode: Mode, filters: Filters) -> list[str]:
    result = service.search(
        SearchRequest(query=query, mode=mode, filters=filters, size=10, highlight=False)
    )
    return [item.record.id for item in result.results]


def test_same_top10_keyword_vector_hybrid_with_filters(pair: Pair) -> None:
    langs = {lang for lang, _ in QUERIES}
    assert len(QUERIES) >= 30 and langs == {"ar", "en", "fr", "es"}
    emb, es = pair.embedded.backend, pair.elastic.backend
    stats = {"identical": 0, "ties": 0, "compared": 0, "nonempty": 0}
    problems: list[str] = []
    for lang, query in QUERIES:
        plan = pair.embedded.plan(query)
        vector = pair.embedded.embedder.embed([query])[0]
        for fname, filters in FILTER_SETS:
            # The rankings fusion starts from, compared ties aside.
            k_emb = emb.keyword(plan, filters, 0, KEYWORD_FUSION_DEPTH, SortOrder.RELEVANCE)
            k_es = es.keyword(plan, filters, 0, KEYWORD_FUSION_DEPTH, SortOrder.RELEVANCE)
            v_emb = emb.vector(vector, filters, VECTOR_K)
            v_es = es.vector(vector, filters, VECTOR_K)
            keyword_ok = k_emb.total == k_es.total and tie_equivalent(
                k_emb.hits, k_es.hits, KEYWORD_FUSION_DEPTH, 1e-4
            )
            vector_ok = tie_equivalent(v_emb, v_es, VECTOR_K, 2e-5)
            if not keyword_ok:
                problems.append(f"keyword ranking differs: {lang} {query!r} [{fname}]")
            if not vector_ok:
                problems.append(f"vector ranking differs: {lang} {query!r} [{fname}]")
            for mode in (Mode.KEYWORD, Mode.VECTOR, Mode.HYBRID):
                a = _top(pair.embedded, query, mode, filters)
                b = _top(pair.elastic, query, mode, filters)
                stats["compared"] += 1
                stats["nonempty"] += bool(a)
                if a == b:
                    stats["identical"] += 1
                elif keyword_ok and vector_ok:
                    stats["ties"] += 1  # same scores, equal-score members in another order
                else:
                    problems.append(f"{mode} top 10 differs: {lang} {query!r} [{fname}]: {a} {b}")
    print(f"parity over {len(QUERIES)} queries x {len(FILTER_SETS)} filter sets x 3 modes: {stats}")
    assert not problems, "\n".join(problems[:20])
    assert stats["nonempty"] >= 0.9 * stats["compared"]
    assert stats["identical"] >= 0.9 * stats["compared"], stats


def test_same_facets_and_date_order(pair: Pair) -> None:
    for _, query in QUERIES[::4]:
        for _, filters in FILTER_SETS:
            request = SearchRequest(query=query, mode=Mode.KEYWORD, filters=filters, facet_size=50)
            a = pair.embedded.search(request)
            b = pair.elastic.search(request)
            assert a.total == b.total, query
            for name in a.facets:
                assert dict(a.facets[name]) == dict(b.facets[name]), (query, name)
    # Filters only, newest first: same dates in the same order.
    for sort in (SortOrder.DATE_DESC, SortOrder.DATE_ASC):
        request = SearchRequest(query="", filters=Filters({"language": ("fr",)}), sort=sort)
        a = pair.embedded.search(request).results
        b = pair.elastic.search(request).results
        assert [r.record.date for r in a] == [r.record.date for r in b]
