// The record page: one statement with its full text, provenance, language versions,
// what it cites and what cites it, and the related records of other mechanisms.

import {
  ApiError,
  api,
  bdi,
  clear,
  h,
  initChrome,
  label,
  paragraphs,
  prefetched,
  showError,
  textDir,
} from "./common.js";
import { currentLang, fmtDate, fmtNumber, fmtYear, t } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const id = new URLSearchParams(location.search).get("id");
let record = null;
let related = null; // {items: [...]} | {unavailable: true} | {error}
let citedBy = null;

function lastSearch() {
  try {
    return sessionStorage.getItem("concordia.lastSearch") || "";
  } catch (_) {
    return "";
  }
}

// --- shapes the cross-reference API may take -----------------------------------------

/** Related items as a list, whatever the envelope (`results`, `related`, `items`, or a list). */
function relatedItems(body) {
  if (Array.isArray(body)) return body;
  if (!body || typeof body !== "object") return [];
  return body.results || body.related || body.items || [];
}

/** An item's record fields, whether they sit at the top or under `record`. */
function itemRecord(item) {
  return item.record && typeof item.record === "object" ? { ...item, ...item.record } : item;
}

/** Reasons as `{key, detail, score}`, from strings or objects of several spellings. */
function reasons(item) {
  const raw = item.reasons || item.why || item.signals || [];
  const list = Array.isArray(raw) ? raw : Object.entries(raw).map(([k, v]) => ({ type: k, detail: v }));
  return list.map((r) => {
    if (typeof r === "string") return { key: r, detail: null, score: null };
    const key = r.type || r.kind || r.signal || r.reason || r.name || "";
    let detail = r.detail ?? r.details ?? r.evidence ?? r.shared ?? r.values ?? r.value ?? r.explanation ?? null;
    if (detail && typeof detail === "object" && !Array.isArray(detail)) detail = Object.values(detail).flat();
    const score = typeof r.score === "number" ? r.score : typeof r.weight === "number" ? r.weight : null;
    return { key, detail, score };
  });
}

function reasonText(r) {
  const name = t(`reason.${r.key}`) === `reason.${r.key}` ? String(r.key).replace(/_/g, " ") : t(`reason.${r.key}`);
  let detail = "";
  if (r.key === "keywords") return { name, detail }; // the rank is for the score, not for readers
  if (Array.isArray(r.detail) && r.key === "country") detail = r.detail.map((c) => label("country", c)).join(", ");
  else if (Array.isArray(r.detail) && r.key.startsWith("citation")) detail = r.detail.map(keyText).join(", ");
  else if (Array.isArray(r.detail)) detail = r.detail.map(String).join(", ");
  else if (typeof r.detail === "number") detail = fmtNumber(Math.round(r.detail * 100) / 100);
  else if (r.detail) detail = String(r.detail);
  if (!detail && r.score !== null) detail = fmtNumber(Math.round(r.score * 100) / 100);
  return { name, detail };
}

// --- drawing ----------------------------------------------------------------------

function render() {
  const box = $("record");
  const back = $("back");
  back.href = `./${lastSearch()}`;
  if (!record) return;
  clear(box);
  box.removeAttribute("aria-busy");
  const r = record;
  const title = r.title || r.symbol || label("body", r.body);
  document.title = `${title} · Concordia`;
  box.append(
    h("header", { class: "record-head" },
      h("p", { class: "kicker" }, bodyLine(r)),
      h("h1", { dir: "auto", lang: r.language }, title),
      h("p", { class: "meta" }, metaLine(r)),
    ),
    h("section", { "aria-labelledby": "s-text", class: "panel" },
      h("h2", { id: "s-text" }, t("record.text")),
      h("div", { class: "fulltext", lang: r.language, dir: textDir(r.language) }, paragraphs(r.text, r.language)),
      citeBox(r),
    ),
    details(r),
    provenance(r),
    versions(r),
    citations(r),
    relatedSection(),
  );
}

function bodyLine(r) {
  const name = label("body", r.body);
  return [
    name === r.body ? bdi(r.body) : h("span", {}, name, " (", bdi(r.body), ")"),
    " · ",
    label("kind", r.kind),
  ];
}

function metaLine(r) {
  const parts = [];
  for (const c of r.countries || []) parts.push(h("bdi", {}, label("country", c)));
  if (r.date) parts.push(h("time", { datetime: r.date }, fmtDate(r.date)));
  else if (r.year) parts.push(fmtYear(r.year));
  if (r.symbol) parts.push(bdi(r.symbol));
  if (r.paragraph) parts.push(h("span", {}, t("para", { p: "" }), bdi(r.paragraph)));
  const out = [];
  parts.forEach((p, i) => out.push(...(i ? [" · ", p] : [p])));
  return out;
}

/** The parts of a citation: body, document, symbol, paragraph, date, link. */
function citationParts(r) {
  const parts = [label("body", r.body)];
  if (r.title) parts.push(r.title);
  if (r.symbol) parts.push(r.symbol);
  if (r.paragraph) parts.push(`${t("para", { p: "" }).trim()} ${r.paragraph}`);
  if (r.date) parts.push(r.date);
  else if (r.year) parts.push(String(r.year));
  const url = r.url || (r.provenance || []).map((p) => p.url).find(Boolean);
  return { parts, url };
}

function citeBox(r) {
  const { parts, url } = citationParts(r);
  const sep = currentLang() === "ar" ? "، " : ", ";
  const text = parts.join(sep) + (url ? `. ${url}` : "");
  const status = h("span", { class: "copied", role: "status" });
  // Each part is its own bidi island, so Latin titles and symbols keep their order in Arabic.
  const shown = [];
  parts.forEach((p, i) => shown.push(...(i ? [sep] : []), h("bdi", {}, p)));
  if (url) shown.push(". ", h("bdi", { dir: "ltr" }, url));
  const quote = h("p", { class: "cite" }, shown);
  const button = h("button", {
    type: "button",
    class: "secondary",
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(text);
      } catch (_) {
        const range = document.createRange();
        range.selectNodeContents(quote);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        document.execCommand && document.execCommand("copy");
      }
      status.textContent = t("record.copied");
    },
  }, t("record.copy"));
  return h("div", { class: "citeas" }, h("h3", {}, t("record.citeas")), quote, h("p", {}, button, " ", status));
}

function dl(rows) {
  const items = rows.filter(([, v]) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && !v.length));
  if (!items.length) return null;
  return h("dl", { class: "facts" }, items.map(([k, v]) => [h("dt", {}, t(k)), h("dd", {}, v)]));
}

function list(values, kind) {
  if (!values || !values.length) return null;
  const out = [];
  values.forEach((v, i) => {
    if (i) out.push(", ");
    out.push(kind ? h("bdi", {}, label(kind, v)) : h("bdi", { dir: "auto" }, String(v)));
  });
  return out;
}

function details(r) {
  const upr = r.upr || {};
  const c = r.case || {};
  const body = dl([
    ["field.body", h("span", {}, label("body", r.body), " (", bdi(r.body), ")")],
    ["field.mechanism", label("mechanism", r.mechanism)],
    ["field.kind", label("kind", r.kind)],
    ["field.countries", list(r.countries, "country") || list(r.countries_raw)],
    ["field.regions", list(r.regions, "region")],
    ["field.date", r.date ? h("time", { datetime: r.date }, fmtDate(r.date)) : r.year ? fmtYear(r.year) : null],
    ["field.title", r.title ? h("span", { dir: "auto", lang: r.language }, r.title) : null],
    ["field.symbol", r.symbol ? bdi(r.symbol) : null],
    ["field.paragraph", r.paragraph ? bdi(r.paragraph) : null],
    ["field.section", r.section ? h("span", { dir: "auto", lang: r.language }, r.section) : null],
    ["field.language", label("language", r.language)],
    ["field.recommending", list(upr.recommending_states, "country") || list(upr.recommending_raw)],
    ["field.cycle", upr.cycle ? fmtNumber(upr.cycle) : null],
    ["field.session", upr.session ? fmtNumber(upr.session) : null],
    ["field.response", upr.response ? label("response", upr.response) : upr.response_raw],
    ["field.number", c.number ? bdi([c.number, ...(c.other_numbers || [])].join(", ")) : null],
    ["field.casetitle", c.title ? h("span", { dir: "auto" }, c.title) : null],
    ["field.authors", list(c.authors)],
    ["field.victims", list(c.victims)],
    ["field.respondent", c.respondent_state ? label("country", c.respondent_state) : null],
    ["field.articles", list(c.articles)],
    ["field.submission_date", c.submission_date ? fmtDate(c.submission_date) : null],
    ["field.decision_date", c.decision_date ? fmtDate(c.decision_date) : null],
    ["field.outcome", c.outcome ? h("span", { dir: "auto" }, c.outcome) : null],
    ["field.status", c.status ? h("span", { dir: "auto" }, c.status) : null],
    ["field.themes", list(r.themes, "theme")],
    ["field.rights", list(r.rights, "right")],
    ["field.sdgs", list((r.sdgs || []).map(String), "sdg")],
    ["field.persons", list(r.affected_persons, "affected")],
  ]);
  return h("section", { "aria-labelledby": "s-details", class: "panel" }, h("h2", { id: "s-details" }, t("record.details")), body);
}

function provenance(r) {
  const rows = (r.provenance || []).map((p) =>
    h("tr", {},
      h("td", {}, bdi(p.source)),
      h("td", {}, p.url ? h("a", { href: p.url, rel: "noopener noreferrer external", dir: "ltr" }, p.url) : bdi(p.source_id)),
      h("td", {}, p.fetched_at ? h("time", { datetime: p.fetched_at }, fmtDate(p.fetched_at)) : "–"),
      h("td", { dir: "auto" }, p.licence),
      h("td", {}, p.location ? bdi(p.location) : "–"),
    ),
  );
  const table = h("div", { class: "tablewrap" }, h("table", {},
    h("thead", {}, h("tr", {},
      h("th", { scope: "col" }, t("record.source")),
      h("th", { scope: "col" }, t("source")),
      h("th", { scope: "col" }, t("record.fetched")),
      h("th", { scope: "col" }, t("record.licence")),
      h("th", { scope: "col" }, t("record.location")),
    )),
    h("tbody", {}, rows),
  ));
  return h("section", { "aria-labelledby": "s-prov", class: "panel" }, h("h2", { id: "s-prov" }, t("record.provenance")), table);
}

function versions(r) {
  const vs = r.versions || [];
  const body = vs.length
    ? h("ul", { class: "plain" }, vs.map((v) =>
        h("li", {},
          h("a", { href: `record.html?id=${encodeURIComponent(v.id)}`, hreflang: v.language }, label("language", v.language)),
          ": ",
          h("span", { lang: v.language, dir: textDir(v.language) }, shorten(v.text, 160)),
        )))
    : h("p", {}, t("record.noversions"));
  return h("section", { "aria-labelledby": "s-versions", class: "panel" }, h("h2", { id: "s-versions" }, t("record.versions")), body);
}

function searchLink(text) {
  const p = new URLSearchParams({ q: `"${text}"`, mode: "keyword" });
  return `./?${p}`;
}

/** A citation key (`symbol:CCPR/C/GC/36`, `art:ICCPR:7`, ...) as a reader writes it. */
function keyText(key) {
  const [kind, ...rest] = String(key).split(":");
  const v = rest.join(":");
  switch (kind) {
    case "symbol": return v;
    case "comm": return v.replace(":", " ");
    case "echr-app": return `ECHR ${v}`;
    case "gc": return v.replace(":", " GC ");
    case "art": return v.replace(":", " art. ");
    default: return rest.length ? v : kind;
  }
}

/** A cited or citing document: a link to the record that stands for it. */
function linkedDoc(d) {
  const rid = d.record_id || d.id;
  const name = d.title || d.symbol || d.citation || rid;
  return h("li", {},
    rid ? h("a", { href: `record.html?id=${encodeURIComponent(rid)}`, dir: "auto" }, name) : h("bdi", {}, name),
    d.body ? [" · ", label("body", d.body)] : null,
    d.symbol && d.symbol !== name ? [" · ", bdi(d.symbol)] : null,
  );
}

function citations(r) {
  const linked = Array.isArray(r.cites) ? r.cites : [];
  const outside = Array.isArray(r.cites) ? r.cites_not_indexed || [] : r.citations || [];
  const items = [
    ...linked.map(linkedDoc),
    ...outside.map((k) => {
      const text = keyText(typeof k === "string" ? k : k.citation || k.key || "");
      return h("li", {}, h("a", { href: searchLink(text) }, bdi(text)));
    }),
  ];
  const citeList = items.length ? h("ul", { class: "plain", id: "cites" }, items) : h("p", {}, t("record.nocites"));
  let byBody;
  const by = r.cited_by || citedBy;
  if (Array.isArray(by) && by.length) {
    byBody = h("ul", { class: "plain", id: "cited-by" }, by.map((d) => linkedDoc(itemRecord(d))));
  } else if (r.symbol) {
    byBody = h("p", {}, Array.isArray(by) ? [t("record.nocitedby"), " "] : null,
      h("a", { href: searchLink(r.symbol) }, t("record.citedby.search", { x: "" }), bdi(r.symbol)));
  } else {
    byBody = h("p", {}, t("record.nocitedby"));
  }
  return h("section", { "aria-labelledby": "s-cites", class: "panel" },
    h("h2", { id: "s-cites" }, t("record.cites")), citeList,
    h("h2", { id: "s-citedby" }, t("record.citedby")), byBody,
  );
}

function relatedSection() {
  let body;
  if (related === null) body = h("p", { "aria-busy": "true" }, "…");
  else if (related.unavailable) body = h("p", { class: "notice" }, t("record.related.unavailable"));
  else if (related.error) body = h("p", { class: "error", role: "alert" }, t("error", { msg: related.error }));
  else if (!related.items.length) body = h("p", {}, t("record.norelated"));
  else body = h("ol", { class: "plain related", id: "related-list" }, related.items.map(relatedItem));
  return h("section", { "aria-labelledby": "s-related", class: "panel", id: "related" },
    h("h2", { id: "s-related" }, t("record.related")), body);
}

function relatedItem(item) {
  const x = itemRecord(item);
  const rs = reasons(item);
  const meta = [label("body", x.body), x.kind ? label("kind", x.kind) : null,
    ...(x.countries || []).map((c) => h("bdi", {}, label("country", c))),
    x.date ? fmtDate(x.date) : x.year ? fmtYear(x.year) : null, x.symbol ? bdi(x.symbol) : null].filter(Boolean);
  const metaNodes = [];
  meta.forEach((m, i) => metaNodes.push(...(i ? [" · ", m] : [m])));
  const rid = x.id || x.record_id;
  return h("li", { class: "hit", dataset: { id: rid, mechanism: x.mechanism || "", body: x.body || "" } },
    h("h3", { dir: "auto", lang: x.language }, h("a", { href: `record.html?id=${encodeURIComponent(rid)}` }, x.title || x.symbol || label("body", x.body))),
    h("p", { class: "meta" }, metaNodes),
    x.text ? h("p", { class: "snippet", lang: x.language, dir: textDir(x.language) }, shorten(x.text, 280)) : null,
    rs.length
      ? h("div", {}, h("span", { class: "visually-hidden" }, t("record.reasons")),
          h("ul", { class: "reasons", "aria-label": t("record.reasons") }, rs.map((r) => {
            const { name, detail } = reasonText(r);
            return h("li", { dataset: { reason: r.key } }, name, detail ? [": ", h("bdi", {}, detail)] : null);
          })))
      : null,
  );
}

function shorten(text, max) {
  const s = String(text || "");
  if (s.length <= max) return s;
  const cut = s.lastIndexOf(" ", max);
  return `${s.slice(0, cut > max - 40 ? cut : max)}…`;
}

// --- loading ----------------------------------------------------------------------

async function loadRelated() {
  try {
    const path = `api/records/${encodeURIComponent(id)}/related?size=10`;
    const body = await (prefetched("related", path) || api(path));
    related = { items: relatedItems(body) };
    if (body && Array.isArray(body.cited_by)) citedBy = body.cited_by;
  } catch (err) {
    related = err instanceof ApiError && (err.status === 404 || err.status === 405)
      ? { unavailable: true }
      : { error: err.message };
  }
  if (record) {
    const old = $("related");
    if (old) old.replaceWith(relatedSection());
  }
}

async function main() {
  const labels = initChrome(render);
  $("back").href = `./${lastSearch()}`;
  if (!id) {
    $("record").removeAttribute("aria-busy");
    $("record").append(h("p", { class: "notice" }, t("record.noid")));
    return;
  }
  const relatedDone = loadRelated();
  try {
    const path = `api/records/${encodeURIComponent(id)}`;
    const [body] = await Promise.all([prefetched("record", path) || api(path), labels]);
    record = body;
    render();
  } catch (err) {
    $("record").removeAttribute("aria-busy");
    if (err instanceof ApiError && err.status === 404) {
      clear($("record")).append(h("p", { class: "error", role: "alert" }, t("record.notfound")));
    } else showError($("record"), err);
  }
  await relatedDone;
}

main();
