// The duplicate check: a complaint in, candidate cases out, with the evidence for each
// signal side by side. The page shows evidence and the documented verdict; it never
// hides a candidate behind a bare score, because the bar is applied by people.

import { ApiError, api, bdi, clear, h, initChrome, label, loadLabels, textDir } from "./common.js";
import { fmtDate, fmtNumber, has, t, tn } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const SIGNALS = ["facts", "names", "state", "dates", "rights", "reference"];
const MIN_TEXT = 20; // the API's minimum: a complaint needs at least a sentence of facts
let last = null; // {complaint, body}: re-drawn when the language changes

function lines(value) {
  return String(value || "")
    .split(/[\n;؛]|[,،](?=\s*\D)/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A country typed as its name in the interface language becomes its ISO code. */
function stateCode(value, table) {
  const v = value.trim();
  if (!v) return null;
  if (/^[A-Za-z]{3}$/.test(v)) return v.toUpperCase();
  const countries = (table && table.country) || {};
  const folded = v.toLocaleLowerCase();
  for (const [code, name] of Object.entries(countries)) if (name.toLocaleLowerCase() === folded) return code;
  return v;
}

function complaintFrom(form, table) {
  const data = new FormData(form);
  const complaint = {
    text: String(data.get("text") || "").trim(),
    authors: lines(data.get("authors")),
    victims: lines(data.get("victims")),
    respondent_state: stateCode(String(data.get("state") || ""), table),
    dates: String(data.get("dates") || "").split(/[\s,;]+/).map((d) => d.trim()).filter(Boolean),
    rights: String(data.get("rights") || "").split(/[,;\n،]/).map((r) => r.trim()).filter(Boolean),
  };
  return complaint;
}

// --- the shapes the duplicates API may take ------------------------------------------

function candidatesOf(body) {
  if (Array.isArray(body)) return body;
  return (body && (body.candidates || body.results || body.items)) || [];
}

function caseOf(c) {
  const rec = c.record && typeof c.record === "object" ? c.record : {};
  const nested = (o) => (o && typeof o === "object" ? o : {});
  return { ...rec, ...c, case: { ...nested(rec.case), ...nested(c.case) } };
}

/** Signals as {name: {score, match, yours, theirs, detail}} from a dict or a list. */
function signalsOf(c) {
  const raw = c.signals || c.evidence || c.breakdown || {};
  const out = {};
  const entries = Array.isArray(raw) ? raw.map((s) => [s.signal || s.name || s.type, s]) : Object.entries(raw);
  for (const [name, s] of entries) {
    if (!name) continue;
    const v = s && typeof s === "object" ? s : { score: s };
    out[name] = {
      score: typeof v.score === "number" ? v.score : typeof v.similarity === "number" ? v.similarity : null,
      match: v.match ?? v.matched ?? v.verdict ?? v.status ?? null,
      yours: v.complaint ?? v.query ?? v.yours ?? v.input ?? null,
      theirs: v.candidate ?? v.case ?? v.theirs ?? v.found ?? null,
      detail: v.detail ?? v.details ?? v.evidence ?? v.explanation ?? v.pairs ?? v.matches ?? null,
    };
  }
  return out;
}

const num = (x) => fmtNumber(Math.round(x * 100) / 100);

function inline(values) {
  const out = [];
  values.forEach((v, i) => {
    if (i) out.push(", ");
    out.push(v instanceof Node ? v : h("bdi", { dir: "auto" }, String(v)));
  });
  return out.length ? out : "–";
}

function show(value) {
  if (value === null || value === undefined || value === "") return "–";
  if (value instanceof Node) return value;
  if (Array.isArray(value)) {
    return inline(value.map((v) => (v && typeof v === "object" ? Object.values(v).filter((x) => typeof x !== "object").join(" ↔ ") : v)));
  }
  if (typeof value === "number") return num(value);
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (typeof value === "object") return show(Object.entries(value).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : v}`));
  return h("bdi", { dir: "auto" }, String(value));
}

function clip(text, max = 300) {
  const s = String(text || "");
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** What each signal compared, in words a reader checks against the documents. */
function cells(name, s, complaint, x) {
  const d = s.detail;
  const list = Array.isArray(d) ? d.filter((e) => e && typeof e === "object") : [];
  switch (name) {
    case "facts": {
      const best = list[0];
      if (best) {
        return {
          yours: h("div", { dir: "auto" }, clip(best.complaint)),
          theirs: h("div", { lang: best.language, dir: textDir(best.language) },
            clip(best.text),
            best.record_id ? [" ", h("a", { href: `record.html?id=${encodeURIComponent(best.record_id)}` }, best.paragraph ? t("para", { p: best.paragraph }) : "↗")] : null),
          evidence: `${t("dup.similarity")}: ${list.map((e) => num(e.similarity ?? 0)).join(" · ")}`,
        };
      }
      return { yours: clip(complaint.text, 160), theirs: x.text ? clip(x.text, 160) : null, evidence: typeof d === "string" ? d : null };
    }
    case "names":
      return {
        yours: s.yours ?? [...complaint.authors, ...complaint.victims],
        theirs: s.theirs,
        evidence: list.length ? inline(list.map((e) => `${e.name} ↔ ${e.found ?? "–"} (${num(e.score ?? 0)})`)) : null,
      };
    case "state": {
      const mine = s.yours ?? complaint.respondent_state;
      const theirs = Array.isArray(s.theirs) ? s.theirs : s.theirs ? [s.theirs] : [];
      return {
        yours: mine ? label("country", mine) : null,
        theirs: theirs.length ? inline(theirs.map((c) => label("country", c))) : null,
        evidence: typeof d === "string" ? d : null,
      };
    }
    case "dates": {
      // Dates are digits and dashes: one left-to-right block reads right in every layout.
      const block = (v) => (Array.isArray(v) && v.length ? h("div", { dir: "ltr" }, v.join(", ")) : v);
      return {
        yours: block(s.yours ?? complaint.dates),
        theirs: block(s.theirs),
        evidence: list.length ? block(list.map((e) => `${e.complaint} ↔ ${e.case}`)) : null,
      };
    }
    case "rights": {
      const named = (v) => (Array.isArray(v) ? v.map((r) => label("right", r)) : v);
      return {
        yours: named(s.yours ?? complaint.rights),
        theirs: named(s.theirs),
        evidence: list.length
          ? h("div", { dir: "auto" }, inline(list.map((e) => {
              const prov = Object.entries(e.provisions || {}).slice(0, 6).map(([inst, arts]) => `${inst} ${[].concat(arts).join(", ")}`);
              const name = e.right ? label("right", e.right) : e.name;
              return `${name}${prov.length ? ` (${prov.join("; ")})` : ""}`;
            })))
          : null,
      };
    }
    case "reference":
      return { yours: null, theirs: Array.isArray(s.theirs) ? inline(s.theirs.map(keyText)) : s.theirs, evidence: typeof d === "string" ? d : null };
    default:
      return { yours: s.yours, theirs: s.theirs, evidence: d };
  }
}

function keyText(key) {
  const [, ...rest] = String(key).split(":");
  return rest.length ? rest.join(" ") : String(key);
}

function matchCell(s) {
  const score = s.score;
  const m = typeof s.match === "string" ? s.match : s.match === true ? "match" : s.match === false ? "no" : null;
  let cls = "match-no";
  if (m === "match" || (m === null && score !== null && score >= 0.75)) cls = "match-yes";
  else if (m === "partial" || (m === null && score !== null && score >= 0.4)) cls = "match-partial";
  const parts = [];
  if (m) parts.push(has(`dup.m.${m}`) ? t(`dup.m.${m}`) : m);
  if (score !== null) parts.push(num(score));
  return h("td", { class: cls }, parts.join(" · ") || "–");
}

function verdictKey(v) {
  const s = String(v || "").toLowerCase();
  if (s.startsWith("likely")) return "likely";
  if (s.startsWith("possib")) return "possible";
  if (s.startsWith("unlikely")) return "unlikely";
  return null;
}

function candidate(c, i, complaint) {
  const x = caseOf(c);
  const cs = x.case || {};
  const vkey = verdictKey(c.verdict);
  const sigs = signalsOf(c);
  const names = [...SIGNALS.filter((s) => s in sigs), ...Object.keys(sigs).filter((s) => !SIGNALS.includes(s))];
  const procedure = x.procedure || x.procedure_type || (x.judicial === true ? "judicial" : null);
  const procKey = procedure ? `dup.${String(procedure).replace(/-/g, "_")}` : null;
  const title = x.title || cs.title || x.symbol || label("body", x.body);
  const rid = x.id || x.record_id;
  const number = x.number || cs.number;
  const outcome = x.outcome || cs.outcome;
  const status = x.status || cs.status;
  const meta = [
    x.body ? h("span", {}, label("body", x.body), " (", bdi(x.body), ")") : null,
    procKey ? `${t("dup.procedure")}: ${has(procKey) ? t(procKey) : procedure}` : null,
    number ? bdi(number) : null,
    x.symbol && x.symbol !== number ? bdi(x.symbol) : null,
    x.respondent_state ? h("bdi", {}, label("country", x.respondent_state)) : null,
    x.date ? fmtDate(x.date) : null,
    outcome ? h("span", {}, `${t("field.outcome")}: `, h("bdi", { dir: "auto" }, outcome)) : null,
    status ? h("span", {}, `${t("field.status")}: `, h("bdi", { dir: "auto" }, status)) : null,
  ].filter(Boolean);
  const metaNodes = [];
  meta.forEach((m, k) => metaNodes.push(...(k ? [" · ", m] : [m])));
  const rows = names.map((name) => {
    const s = sigs[name];
    const key = `dup.signal.${name}`;
    const c2 = cells(name, s, complaint, x);
    return h("tr", { dataset: { signal: name } },
      h("th", { scope: "row" }, has(key) ? t(key) : name),
      h("td", {}, show(c2.yours)),
      h("td", {}, Array.isArray(c2.theirs) && c2.theirs.some((n) => n instanceof Node) ? c2.theirs : show(c2.theirs)),
      matchCell(s),
      h("td", {}, c2.evidence === null || c2.evidence === undefined ? "–" : typeof c2.evidence === "string" ? h("bdi", { dir: "auto" }, c2.evidence) : c2.evidence),
    );
  });
  const hid = `cand-${i}`;
  return h("li", { class: "candidate", dataset: { id: rid || "", verdict: vkey || "", body: x.body || "" } },
    h("article", { "aria-labelledby": hid },
      h("h3", { id: hid },
        `${fmtNumber(i + 1)}. `,
        rid ? h("a", { href: `record.html?id=${encodeURIComponent(rid)}`, dir: "auto", lang: x.language }, title) : h("span", { dir: "auto" }, title),
      ),
      h("p", {},
        vkey ? h("span", { class: `verdict ${vkey}` }, t(`dup.verdict.${vkey}`)) : null,
        typeof c.score === "number" ? [" ", `${t("field.score")}: ${num(c.score)}`] : null,
      ),
      h("p", { class: "meta" }, metaNodes),
      rows.length
        ? h("div", { class: "tablewrap" }, h("table", {},
            h("caption", { class: "visually-hidden" }, t("dup.verdict")),
            h("thead", {}, h("tr", {},
              h("th", { scope: "col" }, t("dup.signal")),
              h("th", { scope: "col" }, t("dup.yours")),
              h("th", { scope: "col" }, t("dup.theirs")),
              h("th", { scope: "col" }, t("dup.match")),
              h("th", { scope: "col" }, t("dup.evidence")),
            )),
            h("tbody", {}, rows)))
        : null,
      x.url ? h("p", {}, h("a", { href: x.url, rel: "noopener noreferrer external" }, t("source"))) : null,
    ),
  );
}

function renderResults() {
  if (!last) return;
  const { complaint, body } = last;
  const list = clear($("candidates"));
  const items = candidatesOf(body);
  items.forEach((c, i) => list.append(candidate(c, i, complaint)));
  $("dup-count").textContent = tn("dup.count", items.length);
  $("dup-count").dataset.count = String(items.length);
  $("dup-results").hidden = false;
}

function fillStates(table) {
  const list = clear($("d-states"));
  const countries = (table && table.country) || {};
  const names = Object.values(countries).sort((a, b) => a.localeCompare(b));
  for (const name of names) list.append(h("option", { value: name }));
}

async function main() {
  let table = {};
  const labels = initChrome(() => {
    loadLabels().then((tb) => {
      table = tb;
      fillStates(tb);
    });
    renderResults();
  });
  labels.then((tb) => {
    table = tb;
    fillStates(tb);
  });
  const form = $("dup-form");
  const error = $("d-error");
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    const complaint = complaintFrom(form, table);
    if (complaint.text.length < MIN_TEXT) {
      error.textContent = t("dup.required");
      error.hidden = false;
      $("d-text").setAttribute("aria-invalid", "true");
      $("d-text").focus();
      return;
    }
    $("d-text").removeAttribute("aria-invalid");
    const button = $("d-submit");
    button.disabled = true;
    button.textContent = t("dup.checking");
    $("dup-results").setAttribute("aria-busy", "true");
    try {
      const payload = { ...complaint };
      for (const k of Object.keys(payload)) {
        if (payload[k] === null || (Array.isArray(payload[k]) && !payload[k].length)) delete payload[k];
      }
      const body = await api("api/duplicates", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(payload),
      });
      last = { complaint, body };
      renderResults();
      $("dup-count").focus();
    } catch (err) {
      error.textContent = err instanceof ApiError && (err.status === 404 || err.status === 405)
        ? t("dup.unavailable")
        : t("error", { msg: err.message });
      error.hidden = false;
    } finally {
      button.disabled = false;
      button.textContent = t("dup.submit");
      $("dup-results").removeAttribute("aria-busy");
    }
  });
}

main();
