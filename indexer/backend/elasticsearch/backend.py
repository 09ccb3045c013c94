"""The Elasticsearch backend: the `SearchBackend` contract on a cluster.

Layout on the cluster:

    <alias>                      what every search and write goes through
      -> <alias>-<timestamp>     the live index (mappings/elasticsearch/records.json)
         _meta.concordia         {"watermark", "dim", "analysis_version", ...}

Records are analysed by `indexer.analysis` before they get here (the `stem`,
`exact` and `title` fields hold space-separated terms), so Elasticsearch only
splits on whitespace and ranks with BM25 exactly as the embedded backend does.
The full record is kept in `_source.record` and served by `get`.

Writes are bulk requests in bounded chunks; items refused with 429 are retried
with exponential backoff, and items that still fail are raised as
`BulkIndexingError` with every failed id and reason (the watermark is not
advanced, so a re-run retries them). A rebuild fills a new index while the
alias keeps serving the old one, then swaps the alias in one atomic request.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np
from elasticsearch import Elasticsearch, NotFoundError, helpers

from indexer.backend.elasticsearch.client import guarded, make_client
from indexer.backend.elasticsearch.config import ElasticsearchConfig
from indexer.backend.elasticsearch.translate import MATCH_ALL, filter_query, search_query
from indexer.backend.protocol import (
    NO_FILTERS,
    FacetCounts,
    Filters,
    Hit,
    HitPage,
    IndexDoc,
    SortOrder,
    Vector,
)
from indexer.document import ANALYSIS_VERSION
from indexer.errors import BackendUnavailable, ConcordiaError, ConfigError
from indexer.query import KeywordPlan
from indexer.record import FACETS, Record

if TYPE_CHECKING:
    from indexer.embed import Embedder
    from indexer.store import RecordStore
    from indexer.sync import ProgressFn, SyncReport

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
META_KEY = "concordia"
MAX_KNN = 10_000
SIZE_HINT_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class FailedItem:
    id: str
    op: str
    status: int
    reason: str


class BulkIndexingError(ConcordiaError):
    """Some documents were refused by Elasticsearch; none of them is silently lost."""

    def __init__(self, failed: Sequence[FailedItem], attempted: int) -> None:
        self.failed = list(failed)
        self.attempted = attempted
        sample = "; ".join(f"{f.id}: HTTP {f.status} {f.reason}" for f in self.failed[:5])
        more = f" (and {len(self.failed) - 5} more)" if len(self.failed) > 5 else ""
        super().__init__(
            f"Elasticsearch refused {len(self.failed)} of {attempted} documents: {sample}{more}"
        )


class ClusterOverloaded(BulkIndexingError, BackendUnavailable):
    """Every refused document was refused with 429 (too many requests), retries included."""


def load_template() -> dict[str, Any]:
    """mappings/elasticsearch/records.json (settings + mappings)."""
    text = resources.files("mappings").joinpath("elasticsearch/records.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(
        self,
        config: ElasticsearchConfig,
        dim: int,
        *,
        store: RecordStore | None = None,
        client: Elasticsearch | None = None,
    ) -> None:
        """`dim` is the embedder's; `store` (optional) resolves merged-record aliases in `get`."""
        self.config = config
        self.dim = dim
        self.store = store
        self.client = client or make_client(config)
        self.alias = config.index
        self._lock = threading.RLock()
        self._ready = False
        # During a rebuild, writes go to this new index while searches use the alias.
        self._building: str | None = None
        self.last_failures: list[FailedItem] = []
        self._size_hint: tuple[float, int] | None = None  # (when, documents behind the alias)

    # --- index management -------------------------------------------------
    def index_body(self) -> dict[str, Any]:
        template = load_template()
        settings = template["settings"]
        index_settings = settings.setdefault("index", {})
        index_settings.update(
            {
                "number_of_shards": self.config.shards,
                "number_of_replicas": self.config.replicas,
                "refresh_interval": self.config.refresh_interval,
            }
        )
        mappings = template["mappings"]
        vector = mappings["properties"]["vector"]
        vector["dims"] = self.dim
        vector["index_options"].update(
            {"m": self.config.hnsw_m, "ef_construction": self.config.hnsw_ef_construction}
        )
        mappings["_meta"] = {META_KEY: self._meta(watermark=0)}
        return {"settings": settings, "mappings": mappings}

    def _meta(self, watermark: int) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "analysis_version": ANALYSIS_VERSION,
            "dim": self.dim,
            "watermark": watermark,
        }

    def _new_index_name(self) -> str:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
        return f"{self.alias}-{stamp}-{secrets.token_hex(3)}"

    def _create_index(self, name: str, bulk_mode: bool = False) -> None:
        body = self.index_body()
        if bulk_mode:  # filled before anyone reads it: no refreshes, no replicas yet
            body["settings"]["index"].update({"refresh_interval": "-1", "number_of_replicas": 0})
        self.client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])

    def concrete_indices(self) -> list[str]:
        """The indices the alias points to (normally one)."""
        try:
            found = self.client.indices.get_alias(name=self.alias)
        except NotFoundError:
            return []
        return sorted(found.body)

    def _ensure(self) -> None:
        """Create the first index behind the alias, or check the existing one."""
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            indices = self.concrete_indices()
            if not indices:
                if self.client.indices.exists(index=self.alias):
                    raise ConfigError(
                        f"{self.alias!r} is an index, not an alias: choose another "
                        "CONCORDIA_ES_INDEX or delete it"
                    )
                name = self._new_index_name()
                self._create_index(name)
                try:
                    self.client.indices.update_aliases(
                        actions=[{"add": {"index": name, "alias": self.alias}}]
                    )
                except Exception:
                    self.client.options(ignore_status=404).indices.delete(index=name)
                    raise
                indices = self.concrete_indices()
                if len(indices) > 1:
                    # Another process created the first index at the same moment: the
                    # oldest name wins, ours steps back.
                    winner = min(indices)
                    if name != winner:
                        self.client.indices.update_aliases(
                            actions=[{"remove_index": {"index": name}}]
                        )
                        indices = [winner]
                log.info("created Elasticsearch index %s behind alias %s", indices[0], self.alias)
            self._check_meta(indices[0])
            self._ready = True

    def _check_meta(self, index: str) -> None:
        meta = self._read_meta(index)
        dim = int(meta.get("dim", self.dim))
        if dim != self.dim:
            raise ConfigError(
                f"{index}: vectors have {dim} dimensions, the embedder gives {self.dim}; "
                "rebuild the index (concordia index --backend elasticsearch --rebuild)"
            )
        version = int(meta.get("analysis_version", ANALYSIS_VERSION))
        if version != ANALYSIS_VERSION:
            log.warning(
                "%s was analysed with version %s, this code uses %s: rebuild it",
                index,
                version,
                ANALYSIS_VERSION,
            )

    def _read_meta(self, index: str) -> dict[str, Any]:
        mapping = self.client.indices.get_mapping(index=index)
        for body in mapping.body.values():
            meta: dict[str, Any] = body.get("mappings", {}).get("_meta", {}).get(META_KEY, {})
            return meta
        return {}

    @property
    def _write_target(self) -> str:
        return self._building or self.alias

    # --- writing ------------------------------------------------------------
    def _source(self, doc: IndexDoc) -> dict[str, Any]:
        record = json.loads(doc.record_json)
        source: dict[str, Any] = {
            "id": doc.id,
            "row": doc.row,
            "work": record.get("work"),
            "symbol": record.get("symbol"),
            "stem": doc.stem,
            "exact": doc.exact,
            "title": doc.title,
            "date": doc.date_ordinal or 0,
            "record": record,
        }
        if doc.year is not None:
            source["year"] = doc.year
        for name in FACETS:
            if name == "year":
                continue
            values = list(doc.facets.get(name, ()))
            if values:
                source[name] = values
        if doc.vector is not None:
            source["vector"] = [float(x) for x in np.asarray(doc.vector, dtype=np.float32)]
        return source

    @guarded
    def upsert(self, docs: Sequence[IndexDoc]) -> None:
        if not docs:
            return
        self._ensure()
        target = self._write_target
        actions = (
            {"_op_type": "index", "_index": target, "_id": d.id, "_source": self._source(d)}
            for d in docs
        )
        self._bulk(actions, len(docs), ignore_missing=False)

    @guarded
    def delete(self, ids: Sequence[str]) -> None:
        if not ids:
            return
        self._ensure()
        target = self._write_target
        actions = ({"_op_type": "delete", "_index": target, "_id": i} for i in ids)
        self._bulk(actions, len(ids), ignore_missing=True)

    def _bulk(
        self, actions: Iterable[dict[str, Any]], attempted: int, ignore_missing: bool
    ) -> None:
        failed: list[FailedItem] = []
        for ok, item in helpers.streaming_bulk(
            self.client,
            actions,
            chunk_size=self.config.bulk_docs,
            max_chunk_bytes=self.config.bulk_bytes,
            raise_on_error=False,
            raise_on_exception=True,
            max_retries=self.config.bulk_retries,
            initial_backoff=self.config.bulk_initial_backoff,
            max_backoff=self.config.bulk_max_backoff,
            yield_ok=False,
        ):
            if ok:
                continue
            op, result = next(iter(item.items()))
            status = int(result.get("status", 0))
            if ignore_missing and op == "delete" and status == 404:
                continue
            error = result.get("error")
            if isinstance(error, dict):
                reason = f"{error.get('type', 'error')}: {error.get('reason', '')}"
            else:
                reason = str(error or result.get("result", "refused"))
            failed.append(FailedItem(str(result.get("_id", "?")), op, status, reason))
        self.last_failures = failed
        if failed:
            # 429s that outlived every retry mean an overloaded cluster, not bad data.
            if all(f.status == 429 for f in failed):
                raise ClusterOverloaded(failed, attempted)
            raise BulkIndexingError(failed, attempted)

    @guarded
    def commit(self, watermark: int | None = None) -> None:
        self._ensure()
        target = self._write_target
        self.client.indices.refresh(index=target)
        self._size_hint = None
        if watermark is not None:
            for index in self._indices_of(target):
                meta = self._read_meta(index)
                meta.update(self._meta(watermark))
                self.client.indices.put_mapping(index=index, meta={META_KEY: meta})

    def _indices_of(self, target: str) -> list[str]:
        return [target] if target == self._building else self.concrete_indices()

    @guarded
    def watermark(self) -> int:
        self._ensure()
        indices = self._indices_of(self._write_target)
        marks = [int(self._read_meta(i).get("watermark", 0)) for i in indices]
        return min(marks) if marks else 0

    @guarded
    def clear(self) -> None:
        """Drop every document: a fresh empty index replaces the current one.

        Searches see an empty index until it is filled again; `rebuild` avoids that.
        """
        self._ensure()
        with self._lock:
            if self._building is not None:
                self.client.indices.delete(index=self._building)
                self._create_index(self._building, bulk_mode=True)
                return
            name = self._new_index_name()
            self._create_index(name)
            self._swap_alias(name)

    # --- zero-downtime rebuild ----------------------------------------------
    @guarded
    def begin_rebuild(self) -> str:
        """Create a new index and send writes there; searches keep using the alias."""
        self._ensure()
        with self._lock:
            if self._building is not None:
                raise ConcordiaError(f"a rebuild into {self._building} is already under way")
            self._drop_orphans()
            name = self._new_index_name()
            self._create_index(name, bulk_mode=True)
            self._building = name
            log.info("rebuilding %s into %s", self.alias, name)
            return name

    @guarded
    def finish_rebuild(self) -> None:
        """Make the new index searchable, swap the alias to it atomically, drop the old."""
        with self._lock:
            name = self._building
            if name is None:
                raise ConcordiaError("no rebuild is under way")
            self.client.indices.put_settings(
                index=name,
                settings={
                    "index": {
                        "refresh_interval": self.config.refresh_interval,
                        "number_of_replicas": self.config.replicas,
                    }
                },
            )
            self.client.indices.refresh(index=name)
            self.client.cluster.health(
                index=name, wait_for_status="yellow", timeout=f"{self.config.request_timeout:g}s"
            )
            self._swap_alias(name)
            self._building = None

    @guarded
    def abort_rebuild(self) -> None:
        """Forget a rebuild: drop the new index; the alias never moved."""
        with self._lock:
            name, self._building = self._building, None
            if name is not None:
                self.client.options(ignore_status=404).indices.delete(index=name)

    def _swap_alias(self, name: str) -> None:
        old = self.concrete_indices()
        actions: list[dict[str, Any]] = [
            {"remove": {"index": i, "alias": self.alias}} for i in old if i != name
        ]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        log.info("alias %s now points to %s (was %s)", self.alias, name, ", ".join(old) or "-")
        stale = [i for i in old if i != name]
        if stale:
            # Searches already routed to the old index finish before it goes.
            time.sleep(self.config.rebuild_drain_seconds)
            self.client.options(ignore_status=404).indices.delete(index=",".join(stale))

    def _drop_orphans(self) -> None:
        """Indices of an interrupted rebuild: ours by name, not behind the alias."""
        live = set(self.concrete_indices())
        found = self.client.options(ignore_status=404).indices.get(
            index=f"{self.alias}-*", expand_wildcards="open,closed"
        )
        if found.meta.status == 404:
            return
        orphans = [i for i in found.body if i not in live and _is_ours(i, self.alias)]
        for name in orphans:
            log.warning("dropping %s, left by an interrupted rebuild", name)
            self.client.options(ignore_status=404).indices.delete(index=name)

    def rebuild(
        self,
        store: RecordStore,
        embedder: Embedder,
        batch: int = 1000,
        progress: ProgressFn | None = None,
    ) -> SyncReport:
        """Fill a new index from the store and swap it in; searches never see it half-done."""
        from indexer.sync import sync

        self.begin_rebuild()
        try:
            report = sync(store, self, embedder, batch, progress)
        except BaseException:
            try:
                self.abort_rebuild()
            except ConcordiaError:  # the cluster is gone: the orphan is dropped next time
                log.warning("could not drop the half-built index %s", self._building)
                self._building = None
            raise
        self.finish_rebuild()
        return report

    def rebuild_from(
        self, store: RecordStore, embedder: Embedder, progress: ProgressFn | None = None
    ) -> SyncReport:
        """The hook `concordia index --rebuild` calls: a zero-downtime rebuild."""
        return self.rebuild(store, embedder, progress=progress)

    # --- reading ------------------------------------------------------------
    @guarded
    def count(self, filters: Filters = NO_FILTERS) -> int:
        self._ensure()
        query = filter_query(filters)
        result = self.client.count(index=self.alias, query=query or {"match_all": {}})
        return int(result["count"])

    @guarded
    def get(self, ids: Sequence[str]) -> list[Record]:
        if not ids:
            return []
        self._ensure()
        wanted = self._resolve(ids)
        unique = list(dict.fromkeys(wanted))
        found: dict[str, Record] = {}
        for start in range(0, len(unique), 1000):
            chunk = unique[start : start + 1000]
            result = self.client.mget(index=self.alias, ids=chunk, source_includes=["record"])
            for doc in result["docs"]:
                if doc.get("found"):
                    found[str(doc["_id"])] = Record.model_validate(doc["_source"]["record"])
        return [found[i] for i in wanted if i in found]

    def _resolve(self, ids: Sequence[str]) -> list[str]:
        if self.store is None:
            return list(ids)
        aliases = self.store.aliases() if len(ids) >= 50 else None
        if aliases is not None:
            return [aliases.get(i, i) for i in ids]
        return [self.store.resolve(i) for i in ids]

    @guarded
    def ids(self) -> Iterable[str]:
        self._ensure()
        return list(self._scan_ids())

    def _scan_ids(self) -> Iterator[str]:
        for hit in helpers.scan(
            self.client,
            index=self.alias,
            query={"query": {"match_all": {}}, "_source": False, "sort": [{"_doc": "asc"}]},
            size=2000,
            scroll="2m",
        ):
            yield str(hit["_id"])

    @guarded
    def keyword(
        self,
        plan: KeywordPlan | None,
        filters: Filters,
        offset: int,
        limit: int,
        sort: SortOrder = SortOrder.RELEVANCE,
    ) -> HitPage:
        self._ensure()
        by_relevance = sort is SortOrder.RELEVANCE and plan is not None and not plan.is_empty
        body: dict[str, Any] = {
            "query": search_query(plan, filters),
            "from": offset,
            "size": limit,
            "track_total_hits": True,
            "_source": False,
        }
        if not by_relevance:
            order = "asc" if sort is SortOrder.DATE_ASC else "desc"
            body["sort"] = [{"date": {"order": order}}]
        result = self.client.search(index=self.alias, **self._search_options(), **body)
        hits = result["hits"]
        out = [
            Hit(str(h["_id"]), float(h["_score"]) if by_relevance else 0.0) for h in hits["hits"]
        ]
        return HitPage(int(hits["total"]["value"]), out)

    def _search_options(self) -> dict[str, Any]:
        # With several shards, term statistics are per shard unless gathered first.
        return {"search_type": "dfs_query_then_fetch"} if self.config.shards > 1 else {}

    @guarded
    def vector(self, vector: Vector, filters: Filters, k: int) -> list[Hit]:
        if k <= 0:
            return []
        self._ensure()
        k = min(k, MAX_KNN)
        knn: dict[str, Any] = {
            "field": "vector",
            "query_vector": [float(x) for x in np.asarray(vector, dtype=np.float32)],
            "k": k,
            "num_candidates": self._num_candidates(k),
        }
        flt = filter_query(filters)
        if flt is not None:
            knn["filter"] = flt
        result = self.client.search(index=self.alias, knn=knn, size=k, source=False)
        # Elasticsearch scores cosine similarity as (1 + cos) / 2.
        return [Hit(str(h["_id"]), 2.0 * float(h["_score"]) - 1.0) for h in result["hits"]["hits"]]

    def _num_candidates(self, k: int) -> int:
        """HNSW candidates per shard: every document while the collection is small
        (exact results, as the embedded backend's exact scan), the setting above."""
        now = time.monotonic()
        if self._size_hint is None or now - self._size_hint[0] > SIZE_HINT_SECONDS:
            size = int(self.client.count(index=self.alias)["count"])
            self._size_hint = (now, size)
        size = self._size_hint[1]
        if size <= self.config.exact_max:
            return min(MAX_KNN, max(k, size, 1))
        return min(MAX_KNN, max(k, self.config.num_candidates))

    @guarded
    def facets(
        self,
        plan: KeywordPlan | None,
        filters: Filters,
        names: Sequence[str],
        size: int,
    ) -> FacetCounts:
        if not names:
            return {}
        self._ensure()
        aggs = {name: {"terms": {"field": name, "size": max(size, 1)}} for name in names}
        aggregations = self._aggregate(plan, filters, aggs)
        out: FacetCounts = {}
        for name in names:
            buckets = aggregations.get(name, {}).get("buckets", [])
            out[name] = [(str(b["key"]), int(b["doc_count"])) for b in buckets][:size]
        return out

    def _aggregate(
        self, plan: KeywordPlan | None, filters: Filters, aggs: dict[str, Any]
    ) -> dict[str, Any]:
        """The aggregations of a search that returns no hits."""
        result = self.client.search(
            index=self.alias,
            query=search_query(plan, filters),
            aggs=aggs,
            size=0,
            track_total_hits=False,
            **self._search_options(),
        )
        aggregations: dict[str, Any] = result.get("aggregations", {})
        return aggregations

    @guarded
    def disjunctive_facets(
        self,
        plan: KeywordPlan | None,
        filters: Filters,
        names: Sequence[str],
        size: int,
    ) -> FacetCounts:
        """Facet counts as the search service shows them (a selected facet counted
        without its own filter) in one request, as the embedded backend counts them:
        the query with the unselected filters, then a filter aggregation per selected
        facet applying the other selections (one round trip instead of one per
        selected facet)."""
        if not names:
            return {}
        self._ensure()
        selected = [n for n in names if filters.terms.get(n)]
        plain = [n for n in names if n not in selected]

        def terms(name: str) -> dict[str, Any]:
            return {"terms": {"field": name, "size": max(size, 1)}}

        def selections(keep: Iterable[str]) -> dict[str, Any]:
            return filter_query(Filters({k: filters.terms[k] for k in keep})) or MATCH_ALL

        aggs: dict[str, Any] = {}
        if plain:
            aggs["__all"] = {"filter": selections(selected), "aggs": {n: terms(n) for n in plain}}
        for name in selected:
            others = [n for n in selected if n != name]
            aggs[f"__{name}"] = {"filter": selections(others), "aggs": {name: terms(name)}}
        aggregations = self._aggregate(plan, filters.without(selected), aggs)
        out: FacetCounts = {}
        for name in names:
            node = aggregations.get("__all" if name in plain else f"__{name}", {})
            buckets = node.get(name, {}).get("buckets", [])
            out[name] = [(str(b["key"]), int(b["doc_count"])) for b in buckets][:size]
        return out

    @guarded
    def vectors_for(self, ids: Sequence[str]) -> dict[str, Vector]:
        if not ids:
            return {}
        self._ensure()
        out: dict[str, Vector] = {}
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            result = self.client.search(
                index=self.alias,
                query={"ids": {"values": chunk}},
                size=len(chunk),
                source=False,
                fields=[{"field": "vector"}],
            )
            for hit in result["hits"]["hits"]:
                values = hit.get("fields", {}).get("vector")
                if values:
                    out[str(hit["_id"])] = np.asarray(values, dtype=np.float32)
        return out

    def close(self) -> None:
        self.client.close()


def _is_ours(index: str, alias: str) -> bool:
    """`<alias>-YYYYmmddHHMMSS-xxxxxx`: an index this backend named."""
    rest = index[len(alias) + 1 :] if index.startswith(alias + "-") else ""
    stamp, _, tail = rest.partition("-")
    return len(stamp) == 14 and stamp.isdigit() and len(tail) == 6


def rebuild(
    store: RecordStore,
    backend: ElasticsearchBackend,
    embedder: Embedder,
    batch: int = 1000,
    progress: ProgressFn | None = None,
) -> SyncReport:
    """Zero-downtime rebuild (what `concordia index --backend elasticsearch --rebuild` runs)."""
    return backend.rebuild(store, embedder, batch, progress)
