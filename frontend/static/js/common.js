// What every page shares: the API client, names of codes in the interface language,
// the header (language choice), and safe DOM building. No framework: the pages are
// small, and a framework would weigh more than all of them together.

import { LANGS, currentLang, has, loadStrings, setLang, t, translatePage } from "./i18n.js";

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** JSON from the API; errors carry the server's own message, which says what to change. */
export async function api(path, options = {}) {
  return parse(fetch(path, { headers: { Accept: "application/json" }, ...options }));
}

/**
 * The answer to a request the page's inline script started before the modules loaded
 * (`window.__cp`), if it asked for `path`; each is used once, then normal requests follow.
 */
export function prefetched(key, path) {
  const all = window.__cp || {};
  const entry = all[key];
  delete all[key];
  if (!entry || (path !== undefined && entry.url !== path)) return null;
  return parse(entry.res);
}

async function parse(pending) {
  let response;
  try {
    response = await pending;
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(0, t("error.network"));
  }
  let body = null;
  try {
    body = await response.json();
  } catch (_) {
    /* not JSON: handled below */
  }
  if (!response.ok) {
    const detail = body && (body.error?.message || body.detail);
    throw new ApiError(
      response.status,
      typeof detail === "string" ? detail : `HTTP ${response.status}`,
    );
  }
  return body;
}

// --- names of codes --------------------------------------------------------

let labelTable = {};
let labelsFor = null;
let labelsPromise = null;

/** Loads /api/labels for the interface language (cached by the browser between pages). */
export function loadLabels(lang = currentLang()) {
  if (labelsFor === lang && labelsPromise) return labelsPromise;
  labelsFor = lang;
  // Each page names the kinds of labels it shows on its <html data-labels>.
  const kinds = document.documentElement.dataset.labels;
  const path = `api/labels?lang=${lang}${kinds ? `&kinds=${kinds}` : ""}`;
  labelsPromise = (prefetched("labels", path) || api(path))
    .then((body) => {
      if (labelsFor === lang) labelTable = (body && body.labels) || {};
      return labelTable;
    })
    .catch(() => {
      // Without names the interface still works: it shows codes.
      if (labelsFor === lang) labelTable = {};
      return labelTable;
    });
  return labelsPromise;
}

const LABEL_KIND = { recommending: "country", countries: "country", regions: "region" };

/** The name of a code (body, country, region, mechanism, kind, ...) in the interface language. */
export function label(kind, code) {
  if (code === null || code === undefined || code === "") return "";
  const k = LABEL_KIND[kind] || kind;
  const found = labelTable[k] && labelTable[k][code];
  if (found) return found;
  if (has(`${k}.${code}`)) return t(`${k}.${code}`);
  return String(code);
}

// --- DOM -------------------------------------------------------------------

/** Builds an element; strings become text nodes, so record text can never become markup. */
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : String(child));
  }
}

/** A code or symbol isolated from the surrounding direction (CAT/C/EGY/CO/5 inside Arabic). */
export function bdi(text, dir = "ltr") {
  return h("bdi", { dir }, text);
}

/** Direction of a record's text: Arabic script is right to left whatever the interface. */
export function textDir(language) {
  return language === "ar" ? "rtl" : "ltr";
}

/**
 * The server's highlight, an escaped snippet with <mark> around matched words, turned
 * into nodes keeping only text and <mark>: nothing else from a record can become markup.
 */
export function highlightNodes(html) {
  const doc = new DOMParser().parseFromString(`<body>${html || ""}</body>`, "text/html");
  const out = document.createDocumentFragment();
  const walk = (from, to) => {
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) to.append(node.data);
      else if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        walk(node, mark);
        to.append(mark);
      } else walk(node, to);
    }
  };
  walk(doc.body, out);
  return out;
}

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

/** Text split into paragraphs on blank lines, each keeping the record's language and direction. */
export function paragraphs(text, language) {
  const parts = String(text || "").split(/\n\s*\n/).filter((p) => p.trim());
  return parts.map((p) => h("p", { lang: language, dir: textDir(language) }, p.trim()));
}

// --- the header, shared by every page ----------------------------------------

/**
 * Applies the remembered language, fills the language chooser and calls `render` again
 * whenever the user picks another language, so each page re-draws in place.
 */
export function initChrome(render) {
  translatePage();
  const select = document.getElementById("ui-lang");
  if (select) {
    select.value = currentLang();
    select.addEventListener("change", async () => {
      await loadStrings(select.value);
      setLang(select.value);
      translatePage();
      updateTitle();
      await loadLabels();
      render();
    });
  }
  updateTitle();
  return loadLabels();
}

function updateTitle() {
  const key = document.body.dataset.title;
  if (key) document.title = `${t(key)} · Concordia`;
}

export function showError(container, err) {
  clear(container);
  container.append(h("p", { class: "error", role: "alert" }, t("error", { msg: err.message })));
}

export { LANGS };
