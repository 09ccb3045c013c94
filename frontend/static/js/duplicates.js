// The duplicate check: a complaint in, candidate cases out, with the evidence for each
// signal side by side. The page shows evidence and the documented verdict; it never
// hides a candidate behind a bare score, because the bar is applied by people.

import { ApiError, api, bdi, clear, h, initChrome, label, loadLabels, textDir } from "./common.js";
import { fmtDate, fmtNumber, t, tn } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const SIGNALS = ["names", "state", "dates", "facts", "rights"];
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
  return { ...rec, ...c, case: { ...(rec.case || {}), ...(c.case || {}) } };
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

function show(value) {
  if (value === null || value === undefined || value === "") return "–";
  if (Array.isArray(value)) {
    if (!value.length) return "–";
    const out = [];
    value.forEach((v, i) => {
      if (i) out.push(", ");
      out.push(h("bdi", { dir: "auto" }, typeof v === "object" ? Object.values(v).filter((x) => typeof x !== "object").join(" ↔ ") : String(v)));
    });
    return out;
  }
  if (typeof value === "number") return fmtNumber(Math.round(value * 100) / 100);
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (typeof value === "object") return show(Object.entries(value).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : v}`));
  return h("bdi", { dir: "auto" }, String(value));
}

function matchCell(s) {
  const score = s.score;
  let cls = "match-no";
  if (s.match === true || s.match === "match" || s.match === "yes" || s.match === "same" || (score !== null && score >= 0.75)) cls = "match-yes";
  else if (s.match === "partial" || s.match === "possible" || (score !== null && score >= 0.4)) cls = "match-partial";
  const parts = [];
  if (typeof s.match === "string") parts.push(s.match);
  else if (typeof s.match === "boolean") parts.push(s.match ? "✓" : "✗");
  if (score !== null) parts.push(fmtNumber(Math.round(score * 100) / 100));
  return h("td", { class: cls }, parts.join(" · ") || "–");
}

function yoursFor(name, complaint) {
  switch (name) {
    case "names": return [...complaint.authors, ...complaint.victims];
    case "state": return complaint.respondent_state ? label("country", complaint.respondent_state) : null;
    case "dates": return complaint.dates;
    case "rights": return complaint.rights;
    case "facts": return complaint.text.length > 160 ? `${complaint.text.slice(0, 160)}…` : complaint.text;
    default: return null;
  }
}

function theirsFor(name, x) {
  const c = x.case || {};
  switch (name) {
    case "names": return [...(c.authors || []), ...(c.victims || [])];
    case "state": return c.respondent_state ? label("country", c.respondent_state) : (x.countries || []).map((k) => label("country", k));
    case "dates": return [...new Set([c.submission_date, c.decision_date, x.date].filter(Boolean))].map(fmtDate);
    case "rights": return c.articles || x.rights || [];
    case "facts": return x.text ? (x.text.length > 160 ? `${x.text.slice(0, 160)}…` : x.text) : null;
    default: return null;
  }
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
  const procedure = x.procedure || x.procedure_type || (x.judicial === true ? "judicial" : x.judicial === false ? "quasi_judicial" : null);
  const procKey = procedure ? `dup.${String(procedure).replace("-", "_")}` : null;
  const title = x.title || cs.title || x.symbol || label("body", x.body);
  const rid = x.id || x.record_id;
  const meta = [
    x.body ? h("span", {}, label("body", x.body), " (", bdi(x.body), ")") : null,
    procKey ? `${t("dup.procedure")}: ${t(procKey) === procKey ? procedure : t(procKey)}` : null,
    cs.number || x.number ? bdi(cs.number || x.number) : null,
    x.symbol ? bdi(x.symbol) : null,
    x.date ? fmtDate(x.date) : null,
    cs.outcome || x.outcome ? h("span", {}, `${t("field.outcome")}: `, h("bdi", { dir: "auto" }, cs.outcome || x.outcome)) : null,
    cs.status || x.status ? h("span", {}, `${t("field.status")}: `, h("bdi", { dir: "auto" }, cs.status || x.status)) : null,
  ].filter(Boolean);
  const metaNodes = [];
  meta.forEach((m, k) => metaNodes.push(...(k ? [" · ", m] : [m])));
  const rows = names.map((name) => {
    const s = sigs[name];
    const signalName = t(`dup.signal.${name}`) === `dup.signal.${name}` ? name : t(`dup.signal.${name}`);
    return h("tr", { dataset: { signal: name } },
      h("th", { scope: "row" }, signalName),
      h("td", {}, show(s.yours ?? yoursFor(name, complaint))),
      h("td", {}, show(s.theirs ?? theirsFor(name, x))),
      matchCell(s),
      h("td", {}, s.detail ? show(s.detail) : "–"),
    );
  });
  const hid = `cand-${i}`;
  return h("li", { class: "candidate", dataset: { id: rid || "", verdict: vkey || "" } },
    h("article", { "aria-labelledby": hid },
      h("h3", { id: hid },
        `${fmtNumber(i + 1)}. `,
        rid ? h("a", { href: `record.html?id=${encodeURIComponent(rid)}`, dir: "auto", lang: x.language }, title) : h("span", { dir: "auto" }, title),
      ),
      h("p", {},
        vkey ? h("span", { class: `verdict ${vkey}` }, t(`dup.verdict.${vkey}`)) : null,
        typeof c.score === "number" ? [" ", `${t("field.score")}: ${fmtNumber(Math.round(c.score * 100) / 100)}`] : null,
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
      x.text ? h("details", {}, h("summary", {}, t("dup.signal.facts")),
        h("p", { lang: x.language, dir: textDir(x.language) }, x.text)) : null,
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
    if (!complaint.text) {
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
