// The search page. The URL is the state: every search, filter, sort and page is a URL
// that can be shared, bookmarked and reached again with the back button.

import {
  ApiError,
  api,
  bdi,
  clear,
  h,
  highlightNodes,
  initChrome,
  label,
  prefetched,
  showError,
  textDir,
} from "./common.js";
import { currentLang, fmtDate, fmtNumber, fmtYear, t, tn } from "./i18n.js";

// Facets in the order the sidebar shows them; `param` is the URL/API parameter.
const FACETS = [
  { name: "mechanism", param: "mechanism" },
  { name: "body", param: "body" },
  { name: "kind", param: "kind" },
  { name: "country", param: "country" },
  { name: "region", param: "region" },
  { name: "language", param: "lang" },
  { name: "response", param: "response" },
  { name: "recommending", param: "recommending" },
];
const YEAR_FACET = { name: "year", param: "year" };
const ALL_FACETS = [...FACETS, YEAR_FACET];
const DEFAULTS = { mode: "hybrid", sort: "relevance", page: 1, size: 10 };
const MAX_OFFSET = 10000;
const SHOWN = 6;

const $ = (id) => document.getElementById(id);
const expanded = new Set();
let state = readState();
let last = null; // the last response, to re-draw in another language without asking again
let inflight = null;
let exportCap = null;

// --- state <-> URL ------------------------------------------------------------

function readState(search = location.search) {
  const p = new URLSearchParams(search);
  const int = (v, d) => {
    const n = Number.parseInt(v, 10);
    return Number.isFinite(n) && n > 0 ? n : d;
  };
  const s = {
    q: p.get("q") || "",
    mode: p.get("mode") || DEFAULTS.mode,
    sort: p.get("sort") || DEFAULTS.sort,
    page: int(p.get("page"), DEFAULTS.page),
    size: Math.min(int(p.get("size"), DEFAULTS.size), 100),
    year_from: p.get("year_from") || "",
    year_to: p.get("year_to") || "",
    filters: {},
  };
  for (const f of ALL_FACETS) {
    const values = p.getAll(f.param).flatMap((v) => v.split(",")).map((v) => v.trim());
    s.filters[f.name] = [...new Set(values.filter(Boolean))];
  }
  return s;
}

/** The query string of a state; defaults are left out so shared URLs stay short. */
function toParams(s, { paging = true } = {}) {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  for (const f of ALL_FACETS) for (const v of s.filters[f.name] || []) p.append(f.param, v);
  if (s.year_from) p.set("year_from", s.year_from);
  if (s.year_to) p.set("year_to", s.year_to);
  if (s.sort !== DEFAULTS.sort) p.set("sort", s.sort);
  if (s.mode !== DEFAULTS.mode) p.set("mode", s.mode);
  if (paging && s.page !== DEFAULTS.page) p.set("page", String(s.page));
  if (paging && s.size !== DEFAULTS.size) p.set("size", String(s.size));
  return p;
}

function urlFor(s) {
  const qs = toParams(s).toString();
  return qs ? `?${qs}` : location.pathname;
}

function selectedCount(s) {
  let n = ALL_FACETS.reduce((acc, f) => acc + s.filters[f.name].length, 0);
  if (s.year_from) n += 1;
  if (s.year_to) n += 1;
  return n;
}

/** Moves to a new state: a new history entry, then the search. */
function go(next, { focusResults = false } = {}) {
  state = next;
  history.pushState(null, "", urlFor(state));
  remember();
  syncForm();
  search({ focusResults });
}

function withChange(change) {
  const next = structuredClone(state);
  change(next);
  if (!("pageKept" in next)) next.page = 1;
  delete next.pageKept;
  return next;
}

/** The record page's "back to search" link returns to this search. */
function remember() {
  try {
    sessionStorage.setItem("concordia.lastSearch", location.search);
  } catch (_) {
    /* storage disabled: the link goes to an empty search */
  }
}

// --- the search -----------------------------------------------------------------

async function search({ focusResults = false, first = false } = {}) {
  if (inflight) inflight.abort();
  const controller = new AbortController();
  inflight = controller;
  const results = $("results");
  results.setAttribute("aria-busy", "true");
  $("count").textContent = t("searching");
  try {
    const params = toParams(state);
    if (!params.has("size")) params.set("size", String(state.size));
    // The first search of a page load was started by the inline script, from the same URL.
    const early = first ? prefetched("search") : null;
    let body;
    try {
      body = early ? await early : null;
    } catch (_) {
      body = null; // asked again below, with the normalised parameters
    }
    if (!body) body = await api(`api/search?${params}`, { signal: controller.signal });
    if (controller !== inflight) return;
    last = body;
    render();
    markFirstResult();
    if (focusResults) $("results-h").focus();
  } catch (err) {
    if (err.name === "AbortError") return;
    last = null;
    $("count").textContent = "";
    $("count").dataset.total = "";
    clear($("hits"));
    clear($("pager"));
    $("export").hidden = true;
    showError($("notices"), err instanceof ApiError ? err : new ApiError(0, String(err)));
  } finally {
    if (controller === inflight) {
      inflight = null;
      results.removeAttribute("aria-busy");
    }
  }
}

/** A performance mark for measuring time to first result (docs/frontend.md). */
function markFirstResult() {
  if (last && last.results && last.results.length && !performance.getEntriesByName("concordia:first-result").length) {
    performance.mark("concordia:first-result");
  }
}

// --- drawing --------------------------------------------------------------------

function render() {
  syncForm();
  renderChosen();
  if (!last) return;
  renderCount(last);
  renderNotices(last);
  renderFacets(last.facets || {});
  renderHits(last);
  renderPager(last);
  renderExport(last);
}

function syncForm() {
  const q = $("q");
  if (document.activeElement !== q) q.value = state.q;
  $("sort").value = state.sort;
  $("mode").value = state.mode;
  const n = selectedCount(state);
  $("filter-count").textContent = n ? `(${fmtNumber(n)})` : "";
}

function renderCount(body) {
  const count = $("count");
  count.dataset.total = String(body.total);
  const took = typeof body.took_ms === "number" ? t("took", { s: fmtNumber(Math.round(body.took_ms) / 1000) }) : "";
  // In hybrid mode the total adds similar records without the words; say how many
  // contain them, the exact count a user tallying recommendations needs.
  const kw = body.keyword_total;
  const words = typeof kw === "number" && kw < body.total ? ` · ${t("count.words", { n: fmtNumber(kw) })}` : "";
  count.textContent = `${tn("count", body.total)}${words} ${took}`.trim();
}

function renderNotices(body) {
  const box = clear($("notices"));
  if (body.relaxed) box.append(h("p", { class: "notice" }, t("relaxed")));
  if (body.translated && body.translated.length) {
    box.append(h("p", { class: "notice" }, t("translated", { x: body.translated.join(", ") })));
  }
  if (body.total === 0) box.append(h("p", { class: "notice" }, t("noresults.hint")));
}

function facetLabel(name, value) {
  if (name === "year") return fmtYear(Number(value));
  return label(name, value);
}

/** A chip per selected value: what narrows the results is always visible and removable. */
function renderChosen() {
  const box = clear($("chosen"));
  const chips = [];
  for (const f of ALL_FACETS) {
    for (const value of state.filters[f.name]) {
      const text = `${t(`facet.${f.name}`)}: ${facetLabel(f.name, value)}`;
      chips.push(
        chip(text, `chip:${f.name}:${value}`, () =>
          go(withChange((s) => (s.filters[f.name] = s.filters[f.name].filter((v) => v !== value)))),
        ),
      );
    }
  }
  for (const key of ["year_from", "year_to"]) {
    if (!state[key]) continue;
    const text = `${t(key === "year_from" ? "years.from" : "years.to")}: ${fmtYear(Number(state[key]))}`;
    chips.push(chip(text, `chip:${key}`, () => go(withChange((s) => (s[key] = "")))));
  }
  if (!chips.length) return;
  const clearAll = h(
    "button",
    {
      type: "button",
      class: "linklike",
      dataset: { key: "clear-all" },
      onclick: () =>
        go(
          withChange((s) => {
            for (const f of ALL_FACETS) s.filters[f.name] = [];
            s.year_from = "";
            s.year_to = "";
          }),
        ),
    },
    t("filters.clear"),
  );
  box.append(
    h("h3", { class: "visually-hidden", id: "chosen-h" }, t("selected")),
    h("ul", { class: "chips", "aria-labelledby": "chosen-h" }, chips.map((c) => h("li", {}, c)), h("li", {}, clearAll)),
  );
}

function chip(text, key, onclick) {
  return h(
    "button",
    { type: "button", class: "chip", "aria-label": t("remove", { x: text }), dataset: { key }, onclick },
    h("bdi", {}, text),
    h("span", { "aria-hidden": "true", class: "x" }, "×"),
  );
}

function renderFacets(facets) {
  const focusedKey = document.activeElement && document.activeElement.dataset && document.activeElement.dataset.key;
  const box = clear($("facets"));
  for (const f of FACETS) {
    const selected = state.filters[f.name];
    const values = [...(facets[f.name] || [])];
    for (const v of selected) if (!values.some((x) => x.value === v)) values.push({ value: v, count: 0 });
    if (!values.length) continue;
    const open = expanded.has(f.name);
    const list = h("ul", { class: "facet-values" });
    values.forEach((item, i) => {
      const checked = selected.includes(item.value);
      const key = `facet:${f.name}:${item.value}`;
      const input = h("input", {
        type: "checkbox",
        name: f.param,
        value: item.value,
        checked,
        dataset: { key },
        onchange: (ev) =>
          go(
            withChange((s) => {
              const cur = s.filters[f.name];
              s.filters[f.name] = ev.target.checked ? [...cur, item.value] : cur.filter((v) => v !== item.value);
            }),
          ),
      });
      const li = h(
        "li",
        { class: checked ? "on" : null, hidden: !open && i >= SHOWN && !checked },
        h("label", {}, input, " ", h("bdi", { class: "fl" }, facetLabel(f.name, item.value)), " ", h("span", { class: "fc" }, fmtNumber(item.count))),
      );
      list.append(li);
    });
    const fieldset = h("fieldset", { class: "facet", dataset: { facet: f.name } }, h("legend", {}, t(`facet.${f.name}`)), list);
    const hiddenCount = values.filter((item, i) => i >= SHOWN && !selected.includes(item.value)).length;
    if (hiddenCount) {
      fieldset.append(
        h(
          "button",
          {
            type: "button",
            class: "linklike more",
            "aria-expanded": String(open),
            dataset: { key: `more:${f.name}` },
            onclick: () => {
              if (expanded.has(f.name)) expanded.delete(f.name);
              else expanded.add(f.name);
              renderFacets(last.facets || {});
            },
          },
          open ? t("less") : t("more", { n: fmtNumber(hiddenCount) }),
        ),
      );
    }
    box.append(fieldset);
  }
  box.append(yearRange(facets.year || []));
  if (focusedKey) {
    const again = box.querySelector(`[data-key="${CSS.escape(focusedKey)}"]`) || document.querySelector(`[data-key="${CSS.escape(focusedKey)}"]`);
    if (again) again.focus();
  }
}

function yearRange(years) {
  const known = years.map((y) => Number(y.value)).filter(Number.isFinite);
  const min = known.length ? Math.min(...known) : 1945;
  const max = known.length ? Math.max(...known) : new Date().getFullYear();
  const field = (key, text, placeholder) =>
    h("label", {}, h("span", {}, text), h("input", {
      type: "number", inputmode: "numeric", name: key, id: `f-${key}`, min: 1945, max: 2100,
      value: state[key] || null, placeholder: String(placeholder), dataset: { key: `year:${key}` },
    }));
  const form = h(
    "form",
    {
      class: "years",
      onsubmit: (ev) => {
        ev.preventDefault();
        const data = new FormData(ev.target);
        go(withChange((s) => {
          s.year_from = String(data.get("year_from") || "").trim();
          s.year_to = String(data.get("year_to") || "").trim();
        }));
      },
    },
    h("fieldset", { class: "facet" },
      h("legend", {}, t("years")),
      h("div", { class: "yrow" },
        field("year_from", t("years.from"), min),
        field("year_to", t("years.to"), max),
        h("button", { type: "submit", dataset: { key: "year:apply" } }, t("apply")),
      ),
    ),
  );
  return form;
}

function renderHits(body) {
  const list = clear($("hits"));
  list.start = (state.page - 1) * state.size + 1;
  for (const r of body.results || []) list.append(hit(r));
}

function hit(r) {
  const hid = `h-${r.id}`;
  const title = r.title || r.symbol || label("body", r.body);
  const meta = [
    bodyName(r.body),
    label("kind", r.kind),
    ...(r.countries || []).map((c) => h("bdi", {}, label("country", c))),
    r.date ? h("time", { datetime: r.date }, fmtDate(r.date)) : r.year ? fmtYear(r.year) : null,
  ].filter(Boolean);
  const snippet = r.highlight ? highlightNodes(r.highlight) : shorten(r.text);
  const prov = [
    r.symbol ? bdi(r.symbol) : null,
    r.paragraph ? h("span", {}, t("para", { p: "" }), bdi(r.paragraph)) : null,
    r.url ? h("a", { href: r.url, rel: "noopener noreferrer external" }, t("source")) : null,
    h("a", { href: `record.html?id=${encodeURIComponent(r.id)}` }, t("record.link")),
  ].filter(Boolean);
  return h(
    "li",
    { class: "hit", dataset: { id: r.id, mechanism: r.mechanism } },
    h(
      "article",
      { "aria-labelledby": hid },
      h("h3", { id: hid, dir: "auto", lang: r.language }, h("a", { href: `record.html?id=${encodeURIComponent(r.id)}` }, title)),
      h("p", { class: "meta" }, join(meta, " · ")),
      h("p", { class: "snippet", lang: r.language, dir: textDir(r.language) }, snippet),
      h("p", { class: "prov" }, join(prov, " · "), matched(r.matched_by)),
    ),
  );
}

function matched(by) {
  if (!by || !by.length) return null;
  return h("span", { class: "matched" }, ` · ${t("matched")}: ${by.map((m) => t(`matched.${m}`)).join(", ")}`);
}

export function bodyName(code) {
  const name = label("body", code);
  return name === code ? h("bdi", {}, code) : h("span", {}, name, " (", bdi(code), ")");
}

function join(items, sep) {
  const out = [];
  items.forEach((item, i) => {
    if (i) out.push(sep);
    out.push(item);
  });
  return out;
}

function shorten(text, max = 320) {
  const s = String(text || "");
  if (s.length <= max) return s;
  const cut = s.lastIndexOf(" ", max);
  return `${s.slice(0, cut > max - 40 ? cut : max)}…`;
}

function renderPager(body) {
  const nav = clear($("pager"));
  const reachable = Math.min(body.total, MAX_OFFSET);
  const pages = Math.max(1, Math.ceil(reachable / state.size));
  if (pages <= 1) return;
  const cur = Math.min(state.page, pages);
  const wanted = new Set([1, pages, cur - 2, cur - 1, cur, cur + 1, cur + 2].filter((p) => p >= 1 && p <= pages));
  const nums = [...wanted].sort((a, b) => a - b);
  const link = (p, text, extra = {}) => {
    const next = { ...structuredClone(state), page: p };
    return h("a", {
      href: urlFor(next),
      "aria-label": extra.label || t("page", { n: fmtNumber(p) }),
      "aria-current": p === cur && !extra.label ? "page" : null,
      rel: extra.rel,
      dataset: { key: `page:${extra.rel || p}` },
      onclick: (ev) => {
        if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
        ev.preventDefault();
        go(withChange((s) => {
          s.page = p;
          s.pageKept = true;
        }), { focusResults: true });
      },
    }, text);
  };
  const items = [];
  if (cur > 1) items.push(link(cur - 1, `‹ ${t("prev")}`, { rel: "prev", label: t("prev") }));
  let prev = 0;
  for (const p of nums) {
    if (p - prev > 1) items.push(h("span", { class: "gap", "aria-hidden": "true" }, "…"));
    items.push(link(p, fmtNumber(p)));
    prev = p;
  }
  if (cur < pages) items.push(link(cur + 1, `${t("next")} ›`, { rel: "next", label: t("next") }));
  nav.append(h("ul", {}, items.map((i) => h("li", {}, i))));
}

function renderExport(body) {
  const box = $("export");
  box.hidden = body.total === 0;
  if (body.total === 0) return;
  const base = toParams(state, { paging: false });
  base.set("hl", currentLang());
  const cap = exportCap;
  const note = $("export-note");
  if (cap !== null && body.total > cap) {
    note.className = "notice warn";
    note.textContent = t("export.capped", { total: fmtNumber(body.total), cap: fmtNumber(cap) });
  } else {
    note.className = "";
    note.textContent = t("export.note", { cap: fmtNumber(cap ?? 10000) });
  }
  for (const format of ["csv", "xlsx", "jsonl"]) {
    const a = $(`export-${format}`);
    const p = new URLSearchParams(base);
    p.set("format", format);
    a.href = `api/export?${p}`;
    a.textContent = t(`export.${format}`);
    a.setAttribute("aria-label", t("export.label", { f: t(`export.${format}`) }));
  }
}

// --- wiring ---------------------------------------------------------------------

function wire() {
  $("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = $("q").value.trim();
    go(withChange((s) => (s.q = q)), { focusResults: false });
  });
  $("sort").addEventListener("change", (ev) => go(withChange((s) => (s.sort = ev.target.value))));
  $("mode").addEventListener("change", (ev) => go(withChange((s) => (s.mode = ev.target.value))));
  window.addEventListener("popstate", () => {
    state = readState();
    remember();
    syncForm();
    search();
  });
  // Filters open beside the results on wide screens, folded above them on narrow ones.
  const wide = window.matchMedia("(min-width: 56rem)");
  const box = $("filters-box");
  box.open = wide.matches;
  wide.addEventListener("change", (e) => (box.open = e.matches));
}

async function main() {
  remember();
  wire();
  syncForm();
  const searched = search({ first: true });
  const labels = initChrome(render);
  api("api/export/limits")
    .then((b) => {
      exportCap = typeof b.max_rows === "number" ? b.max_rows : null;
      if (last) renderExport(last);
    })
    .catch(() => {});
  await labels;
  // Names may arrive after the results: draw again with them.
  if (last) render();
  await searched;
}

main();
