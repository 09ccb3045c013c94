// The interface language: which one, its strings, and formatting of numbers and dates.
// Each language's strings are a module of their own (js/l10n/xx.js), so a page loads
// only the language it shows; the inline script in each page preloads that file.

export const LANGS = ["ar", "en", "fr", "es"];
const STORAGE_KEY = "concordia.lang";
const S = {};

/** Loads the strings of `lang` (once); the page waits for them before drawing. */
export async function loadStrings(lang) {
  if (!S[lang]) S[lang] = (await import(`./l10n/${lang}.js`)).default;
  return S[lang];
}

export function currentLang() {
  const l = document.documentElement.lang;
  return LANGS.includes(l) ? l : "en";
}

export function storedLang() {
  try {
    const l = localStorage.getItem(STORAGE_KEY);
    if (LANGS.includes(l)) return l;
  } catch (_) {
    /* storage may be disabled: fall through to the browser's languages */
  }
  for (const l of navigator.languages || [navigator.language || "en"]) {
    const short = String(l).slice(0, 2).toLowerCase();
    if (LANGS.includes(short)) return short;
  }
  return "en";
}

export function setLang(lang) {
  if (!LANGS.includes(lang)) lang = "en";
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch (_) {
    /* not remembered, but still applied */
  }
  const root = document.documentElement;
  root.lang = lang;
  root.dir = lang === "ar" ? "rtl" : "ltr";
  return lang;
}

function fill(text, vars) {
  return text.replace(/\{(\w+)\}/g, (m, k) => (vars && k in vars ? String(vars[k]) : m));
}

/** The string for `key` in the interface language, English when a translation is missing. */
export function t(key, vars) {
  const strings = S[currentLang()] || S.en || {};
  let s = strings[key];
  if (s === undefined) return key;
  if (typeof s === "object") s = s.other;
  return fill(s, vars);
}

/** `t` for a count: chooses the plural form (Arabic has six) with Intl.PluralRules. */
export function tn(key, n, vars) {
  const lang = currentLang();
  const forms = (S[lang] || S.en || {})[key];
  if (!forms || typeof forms !== "object") return t(key, { n: fmtNumber(n), ...vars });
  const cat = n === 0 && forms.zero ? "zero" : new Intl.PluralRules(lang).select(n);
  const s = forms[cat] || forms.other;
  return fill(s, { n: fmtNumber(n), ...vars });
}

export function has(key) {
  return key in (S[currentLang()] || S.en || {});
}

export function fmtNumber(n) {
  return new Intl.NumberFormat(currentLang()).format(n);
}

/** A date as the interface language writes it; year-only dates stay a year. */
export function fmtDate(iso) {
  if (!iso) return "";
  const m = /^(\d{4})(?:-(\d{2})-(\d{2}))?/.exec(String(iso));
  if (!m) return String(iso);
  if (!m[2]) return fmtYear(Number(m[1]));
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(currentLang(), {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  }).format(d);
}

export function fmtYear(y) {
  return new Intl.NumberFormat(currentLang(), { useGrouping: false }).format(y);
}

/** Translates every element marked with data-i18n (text) or data-i18n-<attr> (attribute). */
export function translatePage(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const attr of ["placeholder", "aria-label", "title"]) {
    const data = "i18n" + attr.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
    for (const el of root.querySelectorAll(`[data-i18n-${attr}]`)) {
      el.setAttribute(attr, t(el.dataset[data]));
    }
  }
}

// Modules that import this one start once the interface language's strings are here.
await loadStrings(currentLang());
