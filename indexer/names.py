"""Person names compared across scripts, transliterations and word orders.

The duplicate check has to see that محمد, Mohamed, Muhammad and Mohammed are one
name, that "Sivagnanaratnam, Mallikathevi" is "Mallikathevi Sivagnanaratnam", and
that the initials "R.D." may stand for "Rahim Dost". No transliteration scheme is
reversible, so names are compared through keys that erase what transliterations
disagree on:

- Arabic script is transliterated letter by letter to Latin (`latin`);
- a *skeleton* keeps the consonants only, folding the spellings that the usual
  romanisations (English, French, Spanish, Egyptian, Maghrebi) use for one Arabic
  letter: kh/ch, sh/ch/sch, q/k/c, j/g/dj, p/b, v/f, th/t, dh/d, doubled letters;
- names are sets of tokens: particles (al-, el-, bin, de, van...) are dropped,
  "Abd al-Rahman" becomes one token, initials are kept as initials.

Token pairs score 1.0 (same spelling), 0.9 (same skeleton), 0.7 (skeletons one
edit apart, both at least three consonants long), 0.5 (an initial and a name with
that first letter). A name's score is the best one-to-one pairing of its tokens,
divided by the number of tokens of the shorter name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

# Letter by letter; context (initial و/ي as consonants) is handled in `transliterate`.
_ARABIC_TO_LATIN: dict[str, str] = {
    "ا": "a",
    "أ": "a",
    "إ": "i",
    "آ": "a",
    "ٱ": "a",
    "ء": "",
    "ؤ": "",
    "ئ": "",
    "ب": "b",
    "ت": "t",
    "ث": "th",
    "ج": "j",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "a",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ك": "k",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ة": "a",
    "و": "u",
    "ي": "i",
    "ى": "a",
    "ی": "i",
    "ک": "k",
    "گ": "g",
    "پ": "p",
    "چ": "ch",
    "ژ": "j",
}
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)

PARTICLES = frozenset(
    {
        "al",
        "el",
        "ul",
        "bin",
        "ben",
        "ibn",
        "bint",
        "binti",
        "de",
        "da",
        "das",
        "do",
        "dos",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "la",
        "le",
        "du",
        "y",
        "e",
        "et",
        "and",
        "mr",
        "mrs",
        "ms",
        "dr",
        "mme",
        "m",
        "sr",
        "sra",
        "v",
        "vs",
        "family",
        "ep",
        "epouse",
        "née",
        "nee",
        "sheikh",
        "shaikh",
        "cheikh",
        "بن",
        "ابن",
        "بنت",
        "السيد",
        "السيدة",
    }
)
_ABU_FORMS = ("abu", "abou", "abo")
_ABD_PREFIXES = ("abdel", "abdal", "abdul", "abdol", "abdoul", "abdur", "abdel", "abdu", "abd")
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_INITIALS_RE = re.compile(r"^(?:[A-Za-z]\.\s*){1,4}$|^[A-Z]{1,3}$")


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


def transliterate(word: str) -> str:
    """An Arabic-script (or Cyrillic) word in Latin letters; Latin words lose accents."""
    word = unicodedata.normalize("NFKC", word)
    if _is_arabic(word):
        word = _ARABIC_MARKS.sub("", word)
        out: list[str] = []
        for i, ch in enumerate(word):
            if ch == "و":
                out.append("w" if i == 0 else "u")
            elif ch == "ي":
                out.append("y" if i == 0 else "i")
            else:
                out.append(_ARABIC_TO_LATIN.get(ch, ""))
        return "".join(out)
    lowered = word.lower()
    if any("\u0400" <= c <= "\u04ff" for c in lowered):
        lowered = "".join(_CYRILLIC.get(c, c) for c in lowered)
    decomposed = unicodedata.normalize("NFD", lowered)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("ł", "l")


_DIGRAPHS = [
    ("sch", "S"),
    ("tch", "S"),
    ("sh", "S"),
    ("ch", "S"),
    ("kh", "K"),
    ("gh", "j"),  # غ and ج are both used for a foreign "g": Sivagnanaratnam / سيفاغناناراتنام
    ("dj", "j"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("ck", "k"),
    ("ou", "u"),
    ("ee", "i"),
    ("oo", "u"),
    ("x", "ks"),
    ("q", "k"),
    ("c", "k"),
    ("v", "f"),
    ("p", "b"),
    ("g", "j"),
    ("'", ""),
    ("’", ""),
]
_VOWELS = set("aeiou")


@lru_cache(maxsize=200_000)
def latin(word: str) -> str:
    """The folded Latin form: lower case, no accents, letters only."""
    return re.sub(r"[^a-z]", "", transliterate(word).lower())


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """Consonant skeleton on which the usual romanisations of one name agree."""
    s = re.sub(r"[^a-z'’]", "", transliterate(word).lower())
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    out: list[str] = []
    for i, ch in enumerate(s):
        if ch in _VOWELS:
            continue
        if ch in "wy" and i > 0:
            continue  # medial w/y are long vowels in romanised Arabic names
        if out and out[-1] == ch:
            continue
        out.append(ch)
    if len(out) > 2 and out[-1] == "h" and s[-2:-1] in ("a", "e", "l"):
        out.pop()  # Fatimah / Fatima, Abdallah / عبدالله
    return "".join(out)


@dataclass(frozen=True, slots=True)
class NameToken:
    text: str
    latin: str
    skeleton: str
    initial: bool = False


def tokens(name: str) -> list[NameToken]:
    """The comparable tokens of a name: particles dropped, Abd-compounds joined,
    Arabic article stripped, initials marked."""
    name = unicodedata.normalize("NFKC", name).strip()
    if _INITIALS_RE.match(name.replace(" ", "")):
        letters = re.findall(r"[A-Za-z]", name)
        return [NameToken(c, c.lower(), c.lower(), True) for c in letters]
    raw: list[str] = []
    for part in re.split(r"[\s,;/]+", name):
        if not part:
            continue
        if re.fullmatch(r"(?:[A-Za-z]\.){1,4}", part) or re.fullmatch(r"[A-Z]\.?", part):
            raw.extend(f"{c}." for c in re.findall(r"[A-Za-z]", part))
            continue
        for word in _TOKEN_RE.findall(part.replace("-", " ")):
            raw.append(word)
    out: list[NameToken] = []
    i = 0
    while i < len(raw):
        word = raw[i]
        if word.endswith("."):
            letter = word[0].lower()
            out.append(NameToken(word, letter, letter, True))
            i += 1
            continue
        if _is_arabic(word):
            if word.startswith("ال") and len(word) > 3:
                word = word[2:]
            if word in ("عبد", "أبو", "ابو") and i + 1 < len(raw):
                nxt = raw[i + 1]
                word = word + (nxt[2:] if nxt.startswith("ال") else nxt)
                i += 1
        folded = latin(word)
        if folded in PARTICLES or word in PARTICLES:
            i += 1
            continue
        if folded in _ABU_FORMS and i + 1 < len(raw) and not raw[i + 1].endswith("."):
            # "Abou Fayed" / "Aboufaied" / "أبو فايد": one family name.
            folded = "abu" + latin(raw[i + 1])
            word = f"{word} {raw[i + 1]}"
            i += 1
        elif folded in _ABD_PREFIXES and i + 1 < len(raw):
            nxt = latin(raw[i + 1])
            if nxt in ("al", "el", "ul") and i + 2 < len(raw):
                nxt = latin(raw[i + 2])
                i += 1
            folded = "abd" + nxt
            word = f"{word} {raw[i + 1]}"
            i += 1
        elif folded.startswith(("abou", "abu")) and len(folded) > 5:
            folded = "abu" + folded[4 if folded.startswith("abou") else 3 :]
        else:
            for prefix in _ABD_PREFIXES:
                if folded.startswith(prefix) and len(folded) > len(prefix) + 2:
                    folded = "abd" + folded[len(prefix) :]
                    break
        if len(folded) >= 1:
            out.append(NameToken(word, folded, skeleton(folded), False))
        i += 1
    return out


def _distance_at_most_one(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


def token_score(a: NameToken, b: NameToken) -> tuple[float, str]:
    """How well two tokens match, and how ("spelling", "transliteration", ...)."""
    if a.initial or b.initial:
        if a.initial and b.initial:
            return (0.5, "initials") if a.latin == b.latin else (0.0, "")
        full = b if a.initial else a
        init = a if a.initial else b
        return (0.5, "initial") if full.latin[:1] == init.latin else (0.0, "")
    if a.latin == b.latin:
        return 1.0, "spelling"
    if a.skeleton and a.skeleton == b.skeleton:
        return (0.9, "transliteration") if len(a.skeleton) >= 2 else (0.6, "transliteration")
    if min(len(a.skeleton), len(b.skeleton)) >= 3 and _distance_at_most_one(a.skeleton, b.skeleton):
        return 0.7, "close spelling"
    return 0.0, ""


@dataclass(slots=True)
class NameMatch:
    score: float
    pairs: list[tuple[str, str, float, str]] = field(default_factory=list)
    """(query token, matched token, score, how)."""

    @property
    def matched(self) -> int:
        return sum(1 for p in self.pairs if p[2] >= 0.7)

    def to_json(self) -> dict[str, object]:
        return {
            "score": round(self.score, 3),
            "pairs": [
                {"query": q, "matched": m, "score": round(s, 2), "how": how}
                for q, m, s, how in self.pairs
            ],
        }


def _pair_up(left: Sequence[NameToken], right: Sequence[NameToken]) -> NameMatch:
    scored: list[tuple[float, int, int, str]] = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            s, how = token_score(a, b)
            if s > 0:
                scored.append((s, i, j, how))
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_l: set[int] = set()
    used_r: set[int] = set()
    pairs: list[tuple[str, str, float, str]] = []
    total = 0.0
    for s, i, j, how in scored:
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        total += s
        pairs.append((left[i].text, right[j].text, s, how))
    denominator = max(1, min(len(left), len(right)))
    return NameMatch(min(1.0, total / denominator), pairs)


def compare(a: str, b: str) -> NameMatch:
    """Similarity of two names in any script and order, 0..1, with the token pairs."""
    left, right = tokens(a), tokens(b)
    if not left or not right:
        return NameMatch(0.0)
    match = _pair_up(left, right)
    # One matching token of a many-token name is weak evidence: "Mohamed Ali" and
    # "Mohamed Hassan" share a common given name, not a person.
    if len(left) >= 2 and len(right) >= 2 and match.matched < 2:
        match.score = min(match.score, 0.5)
    return match


def best_match(name: str, candidates: Iterable[str]) -> tuple[str, NameMatch] | None:
    best: tuple[str, NameMatch] | None = None
    for candidate in candidates:
        m = compare(name, candidate)
        if m.score > 0 and (best is None or m.score > best[1].score):
            best = (candidate, m)
    return best


class TextNames:
    """The words of a text, indexed by skeleton, to find a person's name in it
    (a decision names its author in its opening paragraphs, not in a field)."""

    def __init__(self, text: str) -> None:
        self.by_skeleton: dict[str, set[str]] = {}
        self.by_latin: dict[str, set[str]] = {}
        for word in _TOKEN_RE.findall(text.replace("-", " ")):
            if len(word) < 2 or word.lower() in PARTICLES:
                continue
            if _is_arabic(word) and word.startswith("ال") and len(word) > 3:
                word = word[2:]
            folded = latin(word)
            if not folded:
                continue
            self.by_latin.setdefault(folded, set()).add(word)
            self.by_skeleton.setdefault(skeleton(folded), set()).add(word)

    def find(self, name: str) -> NameMatch:
        """How much of `name` the text contains: the share of its tokens found
        (initials excepted: one letter proves nothing in a long text)."""
        wanted = [t for t in tokens(name) if not t.initial]
        if not wanted:
            return NameMatch(0.0)
        pairs: list[tuple[str, str, float, str]] = []
        total = 0.0
        for tok in wanted:
            if tok.latin in self.by_latin:
                found, s, how = sorted(self.by_latin[tok.latin])[0], 1.0, "spelling"
            elif len(tok.skeleton) >= 3 and tok.skeleton in self.by_skeleton:
                found, s, how = sorted(self.by_skeleton[tok.skeleton])[0], 0.9, "transliteration"
            else:
                continue
            total += s
            pairs.append((tok.text, found, s, how))
        score = total / len(wanted)
        if len(wanted) >= 2 and len(pairs) < 2:
            score = min(score, 0.5)
        return NameMatch(score, pairs)
