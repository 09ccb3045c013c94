"""References a record makes to other documents, extracted from its text, normalised.

A citation is a key that the same document gets wherever, and in whatever
language, it is cited, so that "cites" and "cited by" can be followed both ways:

    symbol:CCPR/C/GC/36        a UN document symbol (spaces and line breaks removed,
                               case normalised: "Add.1", "Rev.1" keep their case)
    comm:CAT:429/2010          an individual communication to a committee
                               (also derived from a decision's symbol .../D/429/2010)
    echr-app:34932/04          a European Court (or Commission) application
    gc:CCPR:36                 a general comment or general recommendation
    art:ICCPR:7                an article of a treaty (instrument codes below)

Resolutions cited by number ("Human Rights Council resolution 18/14", Arabic
"القرار ١٨/١٤") become the symbol of that resolution (`symbol:A/HRC/RES/18/14`).

Generic words ("the Covenant", "la Convención", "الميثاق") and bare article
numbers are resolved through the body that wrote the text (a CAT decision's
"the Convention" is CAT); a reference whose instrument or committee cannot be
told is left out rather than guessed. The rules, and how they were measured,
are in docs/citations.md.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from indexer.record import CASE_KINDS, Kind, Record
from indexer.store import RecordStore

# Highest article number of each instrument: a number above it is not an article
# of that instrument (it is a domestic code, a rule of procedure, a misreading).
MAX_ARTICLE: dict[str, int] = {
    "ICCPR": 53,
    "ICESCR": 31,
    "CAT": 33,
    "CEDAW": 30,
    "CRC": 54,
    "CRPD": 50,
    "ICERD": 25,
    "ICMW": 93,
    "ICPPED": 45,
    "ECHR": 59,
    "ECHR-P1": 6,
    "ECHR-P4": 7,
    "ECHR-P6": 9,
    "ECHR-P7": 10,
    "ECHR-P12": 6,
    "ECHR-P13": 8,
    "ESC": 38,
    "ACHR": 82,
    "ACHPR": 68,
    "ArabCharter": 53,
    "UDHR": 30,
    "OP-ICCPR": 14,
    "OP-ICESCR": 22,
    "OP-CAT": 37,
    "OP-CEDAW": 21,
    "OP-CRPD": 18,
    "OP3-CRC": 24,
}

INSTRUMENTS: tuple[str, ...] = tuple(MAX_ARTICLE)

# The committee that supervises each UN treaty (for "comm:" and "gc:" keys).
TREATY_COMMITTEE: dict[str, str] = {
    "ICCPR": "CCPR",
    "OP-ICCPR": "CCPR",
    "ICESCR": "CESCR",
    "OP-ICESCR": "CESCR",
    "CAT": "CAT",
    "OP-CAT": "SPT",
    "CEDAW": "CEDAW",
    "OP-CEDAW": "CEDAW",
    "CRC": "CRC",
    "OP3-CRC": "CRC",
    "CRPD": "CRPD",
    "OP-CRPD": "CRPD",
    "ICERD": "CERD",
    "ICMW": "CMW",
    "ICPPED": "CED",
}

# Bodies (taxonomy codes, compared without case and punctuation) -> the instrument
# their generic words mean, and the optional protocol they apply.
_HOME: dict[str, tuple[str | None, str | None, str | None, str | None]] = {
    # body: (covenant, convention, charter, optional protocol)
    "CCPR": ("ICCPR", None, None, "OP-ICCPR"),
    "HRCTEE": ("ICCPR", None, None, "OP-ICCPR"),
    "CESCR": ("ICESCR", None, None, "OP-ICESCR"),
    "CAT": (None, "CAT", None, None),
    "SPT": (None, "CAT", None, "OP-CAT"),
    "CEDAW": (None, "CEDAW", None, "OP-CEDAW"),
    "CRC": (None, "CRC", None, "OP3-CRC"),
    "CRPD": (None, "CRPD", None, "OP-CRPD"),
    "CERD": (None, "ICERD", None, None),
    "CMW": (None, "ICMW", None, None),
    "CED": (None, "ICPPED", None, None),
    "ECTHR": (None, "ECHR", None, None),
    "ECHR": (None, "ECHR", None, None),
    "ECOMHR": (None, "ECHR", None, None),
    "CM": (None, "ECHR", None, None),
    "CMCOE": (None, "ECHR", None, None),
    "COECM": (None, "ECHR", None, None),
    "ECSR": (None, None, "ESC", None),
    "IACTHR": (None, "ACHR", None, None),
    "IACHR": (None, "ACHR", None, None),
    "ACHPR": (None, None, "ACHPR", None),
    "AFCHPR": (None, None, "ACHPR", None),
    "ACOMHPR": (None, None, "ACHPR", None),
    "ECOWAS": (None, None, "ACHPR", None),
    "ECOWASCJ": (None, None, "ACHPR", None),
    "ECOWASCCJ": (None, None, "ACHPR", None),
    "AHRC": (None, None, "ArabCharter", None),
    "ARABHRC": (None, None, "ArabCharter", None),
    "LASAHRC": (None, None, "ArabCharter", None),
}

# The treaty that bare "article N" in a body's own case law refers to.
_CASE_LAW_HOME: dict[str, str] = {
    "CCPR": "ICCPR",
    "HRCTEE": "ICCPR",
    "CESCR": "ICESCR",
    "CAT": "CAT",
    "CEDAW": "CEDAW",
    "CRC": "CRC",
    "CRPD": "CRPD",
    "CERD": "ICERD",
    "CMW": "ICMW",
    "CED": "ICPPED",
    "ECTHR": "ECHR",
    "ECHR": "ECHR",
    "ECOMHR": "ECHR",
    "CM": "ECHR",
    "CMCOE": "ECHR",
    "COECM": "ECHR",
    "ECSR": "ESC",
    "IACTHR": "ACHR",
    "IACHR": "ACHR",
    "ACHPR": "ACHPR",
    "AFCHPR": "ACHPR",
    "ACOMHPR": "ACHPR",
    "AHRC": "ArabCharter",
    "ARABHRC": "ArabCharter",
}


def body_key(body: str | None) -> str:
    return re.sub(r"[^A-Z0-9]", "", (body or "").upper())


def home_instrument(body: str | None, generic: str) -> str | None:
    """What a generic word ('covenant', 'convention', 'charter', 'protocol') means here."""
    home = _HOME.get(body_key(body))
    if home is None:
        return None
    index = {"covenant": 0, "convention": 1, "charter": 2, "protocol": 3}[generic]
    return home[index]


def case_law_instrument(body: str | None) -> str | None:
    return _CASE_LAW_HOME.get(body_key(body))


def committee_of(body: str | None) -> str | None:
    """A UN treaty body's committee code, or None for other bodies."""
    key = body_key(body)
    if key == "HRCTEE":
        return "CCPR"
    return key if key in set(TREATY_COMMITTEE.values()) else None


# --- names of instruments ---------------------------------------------------------
# (pattern, code). Order matters: longer, more specific names first. Patterns are
# matched case-insensitively on text whose accents are kept.
_INSTRUMENT_NAMES: list[tuple[str, str]] = [
    # optional protocols named in full
    (
        r"(?:first\s+)?optional\s+protocol\s+to\s+the\s+international\s+covenant\s+on\s+civil",
        "OP-ICCPR",
    ),
    (r"optional\s+protocol\s+to\s+the\s+international\s+covenant\s+on\s+economic", "OP-ICESCR"),
    (r"optional\s+protocol\s+to\s+the\s+convention\s+against\s+torture", "OP-CAT"),
    (r"optional\s+protocol\s+to\s+the\s+convention\s+on\s+the\s+elimination", "OP-CEDAW"),
    (r"optional\s+protocol\s+to\s+the\s+convention\s+on\s+the\s+rights\s+of\s+persons", "OP-CRPD"),
    (
        r"optional\s+protocol\s+to\s+the\s+convention\s+on\s+the\s+rights\s+of\s+the\s+child"
        r"\s+on\s+a\s+communications",
        "OP3-CRC",
    ),
    (
        r"protocole\s+facultatif\s+(?:se\s+rapportant\s+au|au)\s+pacte\s+international\s+relatif"
        r"\s+aux\s+droits\s+civils",
        "OP-ICCPR",
    ),
    (
        r"protocole\s+facultatif\s+(?:se\s+rapportant\s+à\s+la|à\s+la)\s+convention\s+contre\s+la"
        r"\s+torture",
        "OP-CAT",
    ),
    (
        r"protocolo\s+facultativo\s+del\s+pacto\s+internacional\s+de\s+derechos\s+civiles",
        "OP-ICCPR",
    ),
    (r"protocolo\s+facultativo\s+de\s+la\s+convención\s+contra\s+la\s+tortura", "OP-CAT"),
    (
        r"البروتوكول\s+الاختياري\s+(?:الأول\s+)?(?:الملحق\s+)?(?:ب|ل)العهد\s+الدولي\s+الخاص"
        r"\s+بالحقوق\s+المدنية",
        "OP-ICCPR",
    ),
    (r"البروتوكول\s+الاختياري\s+(?:الملحق\s+)?(?:ب|ل)اتفاقية\s+مناهضة\s+التعذيب", "OP-CAT"),
    # European Convention protocols
    (
        r"protocol\s+no\.?\s*(?P<p>1|4|6|7|12|13)\b(?:\s+to\s+the\s+(?:european\s+)?convention)?",
        "ECHR-P",
    ),
    (r"protocole\s+(?:additionnel\s+)?(?:n\s*[°ºo]\.?\s*)?(?P<p>1|4|6|7|12|13)\b", "ECHR-P"),
    (r"protocolo\s+(?:adicional\s+)?(?:n\s*[°ºo]\.?\s*|núm\.\s*)?(?P<p>1|4|6|7|12|13)\b", "ECHR-P"),
    (r"البروتوكول\s+(?:الإضافي\s+)?رقم\s*(?P<p>1|4|6|7|12|13)\b", "ECHR-P"),
    # UN treaties, full names
    (r"international\s+covenant\s+on\s+civil\s+and\s+political\s+rights", "ICCPR"),
    (r"international\s+covenant\s+on\s+economic,?\s+social\s+and\s+cultural\s+rights", "ICESCR"),
    (r"pacte\s+international\s+relatif\s+aux\s+droits\s+civils\s+et\s+politiques", "ICCPR"),
    (
        r"pacte\s+international\s+relatif\s+aux\s+droits\s+économiques,?\s+sociaux\s+et\s+culturels",
        "ICESCR",
    ),
    (r"pacto\s+internacional\s+de\s+(?:los\s+)?derechos\s+civiles\s+y\s+políticos", "ICCPR"),
    (
        r"pacto\s+internacional\s+de\s+(?:los\s+)?derechos\s+económicos,?\s+sociales\s+y\s+culturales",
        "ICESCR",
    ),
    (r"(?:ال)?عهد\s+الدولي\s+الخاص\s+بالحقوق\s+المدنية\s+والسياسية", "ICCPR"),
    (r"(?:ال)?عهد\s+الدولي\s+الخاص\s+بالحقوق\s+الاقتصادية\s+والاجتماعية\s+والثقافية", "ICESCR"),
    (r"convention\s+against\s+torture", "CAT"),
    (r"convention\s+contre\s+la\s+torture", "CAT"),
    (r"convención\s+contra\s+la\s+tortura", "CAT"),
    (r"(?:ا|لا)تفاقية\s+(?:الأمم\s+المتحدة\s+)?(?:ل)?مناهضة\s+التعذيب", "CAT"),
    (
        r"convention\s+on\s+the\s+elimination\s+of\s+all\s+forms\s+of\s+discrimination\s+against"
        r"\s+women",
        "CEDAW",
    ),
    (
        r"convention\s+sur\s+l[’']élimination\s+de\s+toutes\s+les\s+formes\s+de\s+discrimination"
        r"\s+à\s+l[’']égard\s+des\s+femmes",
        "CEDAW",
    ),
    (
        r"convención\s+sobre\s+la\s+eliminación\s+de\s+todas\s+las\s+formas\s+de\s+discriminación"
        r"\s+contra\s+la\s+mujer",
        "CEDAW",
    ),
    (r"(?:ا|لا)تفاقية\s+القضاء\s+على\s+جميع\s+أشكال\s+التمييز\s+ضد\s+المرأة", "CEDAW"),
    (
        r"international\s+convention\s+on\s+the\s+elimination\s+of\s+all\s+forms\s+of\s+racial"
        r"\s+discrimination",
        "ICERD",
    ),
    (
        r"convention\s+internationale\s+sur\s+l[’']élimination\s+de\s+toutes\s+les\s+formes\s+de"
        r"\s+discrimination\s+raciale",
        "ICERD",
    ),
    (
        r"convención\s+internacional\s+sobre\s+la\s+eliminación\s+de\s+todas\s+las\s+formas\s+de"
        r"\s+discriminación\s+racial",
        "ICERD",
    ),
    (
        r"(?:ال|لل)?اتفاقية\s+الدولية\s+للقضاء\s+على\s+(?:جميع\s+أشكال\s+)?التمييز\s+العنصري",
        "ICERD",
    ),
    (r"convention\s+on\s+the\s+rights\s+of\s+persons\s+with\s+disabilities", "CRPD"),
    (r"convention\s+relative\s+aux\s+droits\s+des\s+personnes\s+handicapées", "CRPD"),
    (r"convención\s+sobre\s+los\s+derechos\s+de\s+las\s+personas\s+con\s+discapacidad", "CRPD"),
    (r"(?:ا|لا)تفاقية\s+حقوق\s+الأشخاص\s+ذوي\s+الإعاقة", "CRPD"),
    (r"convention\s+on\s+the\s+rights\s+of\s+the\s+child", "CRC"),
    (r"convention\s+relative\s+aux\s+droits\s+de\s+l[’']enfant", "CRC"),
    (r"convención\s+sobre\s+los\s+derechos\s+del\s+niño", "CRC"),
    (r"(?:ا|لا)تفاقية\s+حقوق\s+الطفل", "CRC"),
    (
        r"international\s+convention\s+on\s+the\s+protection\s+of\s+the\s+rights\s+of\s+all\s+migrant",
        "ICMW",
    ),
    (
        r"convention\s+internationale\s+sur\s+la\s+protection\s+des\s+droits\s+de\s+tous\s+les"
        r"\s+travailleurs\s+migrants",
        "ICMW",
    ),
    (
        r"convención\s+internacional\s+sobre\s+la\s+protección\s+de\s+los\s+derechos\s+de\s+todos"
        r"\s+los\s+trabajadores\s+migratorios",
        "ICMW",
    ),
    (r"(?:ال)?اتفاقية\s+الدولية\s+لحماية\s+حقوق\s+جميع\s+العمال\s+المهاجرين", "ICMW"),
    (
        r"international\s+convention\s+for\s+the\s+protection\s+of\s+all\s+persons\s+from\s+enforced",
        "ICPPED",
    ),
    (
        r"convention\s+internationale\s+pour\s+la\s+protection\s+de\s+toutes\s+les\s+personnes"
        r"\s+contre\s+les\s+disparitions\s+forcées",
        "ICPPED",
    ),
    (
        r"convención\s+internacional\s+para\s+la\s+protección\s+de\s+todas\s+las\s+personas\s+contra"
        r"\s+las\s+desapariciones\s+forzadas",
        "ICPPED",
    ),
    (r"(?:ال)?اتفاقية\s+الدولية\s+لحماية\s+جميع\s+الأشخاص\s+من\s+الاختفاء\s+القسري", "ICPPED"),
    (r"universal\s+declaration\s+of\s+human\s+rights", "UDHR"),
    (r"déclaration\s+universelle\s+des\s+droits\s+de\s+l[’']homme", "UDHR"),
    (r"declaración\s+universal\s+de\s+(?:los\s+)?derechos\s+humanos", "UDHR"),
    (r"(?:ال)?إعلان\s+العالمي\s+لحقوق\s+الإنسان", "UDHR"),
    # regional
    (r"european\s+social\s+charter", "ESC"),
    (r"charte\s+sociale\s+européenne", "ESC"),
    (r"carta\s+social\s+europea", "ESC"),
    (r"(?:ال)?ميثاق\s+الاجتماعي\s+الأوروبي", "ESC"),
    (
        r"(?:european\s+)?convention\s+for\s+the\s+protection\s+of\s+human\s+rights\s+and"
        r"\s+fundamental\s+freedoms",
        "ECHR",
    ),
    (r"convention\s+(?:européenne\s+)?de\s+sauvegarde\s+des\s+droits\s+de\s+l[’']homme", "ECHR"),
    (r"european\s+convention(?:\s+on\s+human\s+rights)?", "ECHR"),
    (r"convention\s+européenne\s+des\s+droits\s+de\s+l[’']homme", "ECHR"),
    (r"convenio\s+europeo\s+(?:de|para\s+la\s+protección\s+de\s+los)\s+derechos\s+humanos", "ECHR"),
    (r"convención\s+europea\s+(?:de|sobre)\s+derechos\s+humanos", "ECHR"),
    (r"(?:ال)?اتفاقية\s+الأوروبية\s+لحقوق\s+الإنسان", "ECHR"),
    (r"american\s+convention(?:\s+on\s+human\s+rights)?", "ACHR"),
    (r"convention\s+américaine(?:\s+relative\s+aux\s+droits\s+de\s+l[’']homme)?", "ACHR"),
    (r"convención\s+americana(?:\s+sobre\s+derechos\s+humanos)?", "ACHR"),
    (r"pacto\s+de\s+san\s+josé", "ACHR"),
    (r"(?:ال)?اتفاقية\s+الأمريكية\s+لحقوق\s+الإنسان", "ACHR"),
    (r"african\s+charter(?:\s+on\s+human\s+and\s+peoples['’]?\s+rights)?", "ACHPR"),
    (r"charte\s+africaine(?:\s+des\s+droits\s+de\s+l[’']homme\s+et\s+des\s+peuples)?", "ACHPR"),
    (
        r"carta\s+africana(?:\s+(?:sobre|de)\s+(?:los\s+)?derechos\s+humanos\s+y\s+de\s+los\s+pueblos)?",
        "ACHPR",
    ),
    (r"(?:ال)?ميثاق\s+الأفريقي\s+لحقوق\s+الإنسان\s+والشعوب", "ACHPR"),
    (r"arab\s+charter(?:\s+on\s+human\s+rights)?", "ArabCharter"),
    (r"charte\s+arabe(?:\s+des\s+droits\s+de\s+l[’']homme)?", "ArabCharter"),
    (r"carta\s+árabe(?:\s+de\s+derechos\s+humanos)?", "ArabCharter"),
    (r"(?:ال)?ميثاق\s+العربي\s+لحقوق\s+الإنسان", "ArabCharter"),
    # abbreviations (case-sensitive, handled separately below)
]

_ABBREVIATIONS: dict[str, str] = {
    "ICCPR": "ICCPR",
    "ICESCR": "ICESCR",
    "CEDAW": "CEDAW",
    "CRC": "CRC",
    "CRPD": "CRPD",
    "ICERD": "ICERD",
    "CERD": "ICERD",
    "ICMW": "ICMW",
    "ICPPED": "ICPPED",
    "ECHR": "ECHR",
    "CEDH": "ECHR",
    "CESDH": "ECHR",
    "CEDU": "ECHR",
    "ACHR": "ACHR",
    "CADH": "ACHR",
    "ACHPR": "ACHPR",
    "UDHR": "UDHR",
    "DUDH": "UDHR",
    "ESC": "ESC",
}

# Generic words: resolved through the writing body.
_GENERIC: list[tuple[str, str]] = [
    (
        r"optional\s+protocol|protocole\s+facultatif|protocolo\s+facultativo"
        r"|(?:ال)?بروتوكول\s+الاختياري",
        "protocol",
    ),
    (r"covenant|pacte|pacto|(?:ال)?عهد", "covenant"),
    (r"convention|convención|convenio|(?:ال)?اتفاقية", "convention"),
    (r"charter|charte|carta|(?:ال)?ميثاق", "charter"),
]

# A generic word followed by more of a name is some other instrument ("la Convención
# de Belém do Pará", "the Convention relating to the Status of Refugees").
_QUALIFIED = re.compile(
    r"\s+(?:de|of|on|for|relating|relative|sur|pour|para|sobre|contra|against|inter-?american[ao]?"
    r"|interamericana|européenne|europea|americana|internationale|internacional|do|no\.?\s*\d)\b",
    re.IGNORECASE,
)
_NAMES_RE = re.compile(
    "|".join(
        f"(?P<n{i}>{pattern.replace('(?P<p>', f'(?P<p{i}>')})"
        for i, (pattern, _) in enumerate(_INSTRUMENT_NAMES)
    ),
    re.IGNORECASE,
)
_NAME_STARTS = re.compile(
    r"(?<![\w])(?:first|optional|protocol|protocole|protocolo|international|pacte|pacto|convention"
    r"|convención|convenio|universal|déclaration|declaración|european|charte|carta|american"
    r"|african|arab)(?![\w])"
    r"|(?<![\u0600-\u06ff])(?:ال|لل|ل)?(?:بروتوكول|عهد|اتفاقية|تفاقية|إعلان|ميثاق)",
    re.IGNORECASE,
)
_ABBR_RE = re.compile(r"\b(?P<abbr>" + "|".join(_ABBREVIATIONS) + r")\b")
_GENERIC_RE = re.compile(
    "|".join(f"(?P<g{i}>{pattern})" for i, (pattern, _) in enumerate(_GENERIC)), re.IGNORECASE
)
# Finding generic words: one fast scan for where they may start, then the full match.
_GENERIC_STARTS = re.compile(
    r"(?i:optional|protocol|covenant|pacte|pacto|conven|charte|carta|charter)"
    r"|(?:ال)?(?:بروتوكول|عهد|اتفاقية|ميثاق)"
)


@dataclass(frozen=True, slots=True)
class InstrumentMention:
    code: str | None
    """None: the text names something the writing body gives no meaning to."""
    start: int
    end: int
    generic: bool


def _named(match: re.Match[str]) -> str:
    for name, value in match.groupdict().items():
        if value is not None and name.startswith("n") and name[1:].isdigit():
            code = _INSTRUMENT_NAMES[int(name[1:])][1]
            if code == "ECHR-P":
                return f"ECHR-P{match.group('p' + name[1:])}"
            return code
    raise AssertionError("no named group matched")


def _generic(match: re.Match[str]) -> str:
    for name, value in match.groupdict().items():
        if value is not None and name.startswith("g"):
            return _GENERIC[int(name[1:])][1]
    raise AssertionError("no generic group matched")


def instrument_at(text: str, pos: int, body: str | None) -> InstrumentMention | None:
    """The instrument named exactly at `pos` (after 'of the', 'de la', 'من'), if any."""
    m = _NAMES_RE.match(text, pos)
    if m:
        return InstrumentMention(_named(m), m.start(), m.end(), False)
    m = _ABBR_RE.match(text, pos)
    if m:
        return InstrumentMention(_ABBREVIATIONS[m.group("abbr")], m.start(), m.end(), False)
    m = _GENERIC_RE.match(text, pos)
    if m:
        generic = _generic(m)
        end = m.end()
        code = home_instrument(body, generic)
        if generic == "protocol":
            # "Optional Protocol to the Covenant" names its treaty.
            tail = re.match(
                r"\s+(?:to\s+the|au|à\s+la|del|de\s+la|(?:الملحق\s+)?(?:ب|ل))\s*", text[end:]
            )
            if tail:
                inner = instrument_at(text, end + tail.end(), body)
                if inner is not None and inner.code is not None:
                    op = {
                        "ICCPR": "OP-ICCPR",
                        "ICESCR": "OP-ICESCR",
                        "CAT": "OP-CAT",
                        "CEDAW": "OP-CEDAW",
                        "CRPD": "OP-CRPD",
                        "CRC": "OP3-CRC",
                    }.get(inner.code)
                    return InstrumentMention(op, m.start(), inner.end, False)
        if _QUALIFIED.match(text, end):
            code = None
        return InstrumentMention(code, m.start(), end, True)
    return None


def find_instruments(text: str, body: str | None) -> list[InstrumentMention]:
    """Every instrument mention in `text`, named or generic, left to right."""
    found: list[InstrumentMention] = []
    taken: list[tuple[int, int]] = []
    # The full alternation of names is slow to scan with; try it only where a name can
    # start (every name begins with one of these words).
    for start in _NAME_STARTS.finditer(text):
        if taken and start.start() < taken[-1][1]:
            continue
        m = _NAMES_RE.match(text, start.start())
        if m:
            found.append(InstrumentMention(_named(m), m.start(), m.end(), False))
            taken.append((m.start(), m.end()))
    for m in _ABBR_RE.finditer(text):
        if not any(a <= m.start() < b for a, b in taken):
            found.append(
                InstrumentMention(_ABBREVIATIONS[m.group("abbr")], m.start(), m.end(), False)
            )
            taken.append((m.start(), m.end()))
    for start in _GENERIC_STARTS.finditer(text):
        m = _GENERIC_RE.match(text, start.start())
        if m is None or any(a <= m.start() < b for a, b in taken):
            continue
        taken.append((m.start(), m.end()))
        before = text[max(0, m.start() - 1) : m.start()]
        if before and before.isalpha() and not _is_arabic_char(before):
            continue
        generic = _generic(m)
        code = None if _QUALIFIED.match(text, m.end()) else home_instrument(body, generic)
        found.append(InstrumentMention(code, m.start(), m.end(), True))
    found.sort(key=lambda x: x.start)
    return found


def _is_arabic_char(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff"


# --- committees ---------------------------------------------------------------------
_COMMITTEE_NAMES: list[tuple[str, str]] = [
    (r"committee\s+on\s+economic,?\s+social\s+and\s+cultural\s+rights", "CESCR"),
    (r"comité\s+des\s+droits\s+économiques,?\s+sociaux\s+et\s+culturels", "CESCR"),
    (r"comité\s+de\s+derechos\s+económicos,?\s+sociales\s+y\s+culturales", "CESCR"),
    (r"اللجنة\s+المعنية\s+بالحقوق\s+الاقتصادية\s+والاجتماعية\s+والثقافية", "CESCR"),
    (r"human\s+rights\s+committee", "CCPR"),
    (r"comité\s+des\s+droits\s+de\s+l[’']homme", "CCPR"),
    (r"comité\s+de\s+derechos\s+humanos", "CCPR"),
    (r"اللجنة\s+المعنية\s+بحقوق\s+الإنسان", "CCPR"),
    (r"committee\s+against\s+torture", "CAT"),
    (r"comité\s+contre\s+la\s+torture", "CAT"),
    (r"comité\s+contra\s+la\s+tortura", "CAT"),
    (r"لجنة\s+مناهضة\s+التعذيب", "CAT"),
    (r"committee\s+on\s+the\s+elimination\s+of\s+discrimination\s+against\s+women", "CEDAW"),
    (
        r"comité\s+pour\s+l[’']élimination\s+de\s+la\s+discrimination\s+à\s+l[’']égard\s+des\s+femmes",
        "CEDAW",
    ),
    (r"comité\s+para\s+la\s+eliminación\s+de\s+la\s+discriminación\s+contra\s+la\s+mujer", "CEDAW"),
    (r"اللجنة\s+المعنية\s+بالقضاء\s+على\s+التمييز\s+ضد\s+المرأة", "CEDAW"),
    (r"committee\s+on\s+the\s+elimination\s+of\s+racial\s+discrimination", "CERD"),
    (r"comité\s+pour\s+l[’']élimination\s+de\s+la\s+discrimination\s+raciale", "CERD"),
    (r"comité\s+para\s+la\s+eliminación\s+de\s+la\s+discriminación\s+racial", "CERD"),
    (r"لجنة\s+القضاء\s+على\s+التمييز\s+العنصري", "CERD"),
    (r"committee\s+on\s+the\s+rights\s+of\s+the\s+child", "CRC"),
    (r"comité\s+des\s+droits\s+de\s+l[’']enfant", "CRC"),
    (r"comité\s+de\s+los\s+derechos\s+del\s+niño", "CRC"),
    (r"لجنة\s+حقوق\s+الطفل", "CRC"),
    (r"committee\s+on\s+the\s+rights\s+of\s+persons\s+with\s+disabilities", "CRPD"),
    (r"comité\s+des\s+droits\s+des\s+personnes\s+handicapées", "CRPD"),
    (r"comité\s+sobre\s+los\s+derechos\s+de\s+las\s+personas\s+con\s+discapacidad", "CRPD"),
    (r"اللجنة\s+المعنية\s+بحقوق\s+الأشخاص\s+ذوي\s+الإعاقة", "CRPD"),
    (
        r"committee\s+on\s+(?:the\s+protection\s+of\s+the\s+rights\s+of\s+all\s+)?migrant\s+workers",
        "CMW",
    ),
    (
        r"comité\s+(?:pour\s+la\s+protection\s+des\s+droits\s+de\s+tous\s+les\s+|des\s+)"
        r"travailleurs\s+migrants",
        "CMW",
    ),
    (
        r"comité\s+de\s+protección\s+de\s+los\s+derechos\s+de\s+todos\s+los\s+trabajadores"
        r"\s+migratorios",
        "CMW",
    ),
    (r"اللجنة\s+المعنية\s+(?:بحماية\s+حقوق\s+جميع\s+)?(?:ب)?العمال\s+المهاجرين", "CMW"),
    (r"committee\s+on\s+enforced\s+disappearances", "CED"),
    (r"comité\s+des\s+disparitions\s+forcées", "CED"),
    (r"comité\s+contra\s+la\s+desaparición\s+forzada", "CED"),
    (r"اللجنة\s+المعنية\s+بحالات\s+الاختفاء\s+القسري", "CED"),
    (r"comité\s+desc", "CESCR"),
    (r"african\s+commission(?:\s+on\s+human\s+and\s+peoples['’]?\s+rights)?", "ACHPR"),
    (r"commission\s+africaine(?:\s+des\s+droits\s+de\s+l[’']homme\s+et\s+des\s+peuples)?", "ACHPR"),
    (r"comisión\s+africana(?:\s+de\s+derechos\s+humanos\s+y\s+de\s+los\s+pueblos)?", "ACHPR"),
    (r"اللجنة\s+الأفريقية\s+لحقوق\s+الإنسان\s+والشعوب", "ACHPR"),
    (r"\b(?P<abbr>CCPR|CESCR|CAT|CEDAW|CERD|CRC|CRPD|CMW|CED)\b", "ABBR"),
]
_COMMITTEE_RE = re.compile(
    "|".join(f"(?P<c{i}>{pattern})" for i, (pattern, _) in enumerate(_COMMITTEE_NAMES)),
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class CommitteeMention:
    code: str
    start: int
    end: int


def find_committees(text: str) -> list[CommitteeMention]:
    out: list[CommitteeMention] = []
    for m in _COMMITTEE_RE.finditer(text):
        for name, value in m.groupdict().items():
            if value is None or not name.startswith("c"):
                continue
            code = _COMMITTEE_NAMES[int(name[1:])][1]
            if code == "ABBR":
                abbr = m.group("abbr")
                if abbr != abbr.upper() or not m.group(0).isupper():
                    break
                code = abbr
            out.append(CommitteeMention(code, m.start(), m.end()))
            break
    return out


# --- text preparation ----------------------------------------------------------------
# One character for one character, so that spans found in the prepared text are
# spans of the original.
_PREP = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_PREP.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})
_PREP.update({ord("،"): ",", ord("؛"): ";", ord("\u00a0"): " ", ord("\u202f"): " "})
_PREP.update({ord(c): " " for c in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068"})
_PREP.update({ord("\u2069"): " ", ord("\u00ba"): "°", ord("\u2116"): "N"})


_PREP_NEEDED = re.compile("[" + "".join(chr(c) for c in _PREP) + "]")


def prepare(text: str) -> str:
    """Arabic-Indic digits, Arabic punctuation and odd spaces to their plain forms."""
    if _PREP_NEEDED.search(text) is None:
        return text
    return text.translate(_PREP)


def _arabic_near(text: str, start: int, end: int, width: int = 25) -> bool:
    window = text[max(0, start - width) : end + width]
    return any("\u0600" <= c <= "\u06ff" for c in window)


# --- sentences -------------------------------------------------------------------------
_ABBREV = {
    "no",
    "nos",
    "art",
    "arts",
    "para",
    "paras",
    "par",
    "v",
    "vs",
    "mr",
    "ms",
    "mrs",
    "dr",
    "p",
    "pp",
    "e.g",
    "i.e",
    "cf",
    "al",
    "add",
    "rev",
    "corr",
    "op",
    "cit",
    "n",
    "núm",
    "núms",
    "sr",
    "sra",
    "st",
    "fig",
    "ibid",
    "id",
    "c",
    "cm",
    "inc",
    "ltd",
    "co",
    "sect",
    "vol",
    "ch",
    "etc",
    "nr",
    "approx",
    "doc",
    "res",
    "gen",
    "m",
    "mme",
    "mm",
    "me",
    "eds",
    "ed",
    "ss",
    "sub",
    "ref",
    "pág",
    "párr",
    "párrs",
    "inf",
    "cons",
    "prot",
}
_BREAK_RE = re.compile(r"[.;!?؟](?=\s+[\"“(\[]?[A-ZÀ-ÖØ-Þ\u0600-\u06ff0-9])|\n\s*\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; periods after abbreviations, initials and numbers do not end one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BREAK_RE.finditer(text):
        if m.group(0) == ".":
            word = re.search(r"([\w.]+)$", text[max(0, m.start() - 12) : m.start()])
            token = (word.group(1) if word else "").lower().rstrip(".")
            if token in _ABBREV or (len(token) == 1 and token.isalpha()) or token.isdigit():
                continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _sentence_of(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return spans[-1]


# --- the result ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Citation:
    key: str
    start: int
    end: int

    @property
    def kind(self) -> str:
        return self.key.split(":", 1)[0]


# --- UN document symbols -------------------------------------------------------------
_SYMBOL_RE = re.compile(
    r"(?<![A-Za-z0-9/\-])"
    r"(?P<sym>(?:A|E|S|CCPR|CAT|CEDAW|CERD|CRC|CRPD|CMW|CED|HRI|ST|HRC|SPT)"
    r"(?:[ \t]*\n?[ \t]*/[ \t]*\n?[ \t]*(?:[A-Z0-9][A-Za-z0-9.\-]*|\d{1,4}))+)"
)
_MIXED_CASE = re.compile(r"^(add|rev|corr|amend|sub|inf|misc)\.?(\d*)$", re.IGNORECASE)
_COMM_FROM_SYMBOL = re.compile(
    r"^(?P<pre>CCPR|CAT|CEDAW|CERD|CRC|CRPD|CMW|CED|E/C\.12)/(?:C/)?(?:[\dA-Z.]+/)?D/"
    r"(?:R\.?/?)?(?P<n>\d{1,5})/(?P<y>\d{4})(?:/|$)"
)
_GC_FROM_SYMBOL = re.compile(
    r"^(?P<pre>CCPR|CAT|CEDAW|CERD|CRC|CRPD|CMW|CED|E/C\.12)/(?:C/)?GC/(?P<n>\d{1,3})(?:/|$)"
)
_SYMBOL_COMMITTEE = {"E/C.12": "CESCR"}
_JOINT_SPLIT = re.compile(r"-(?=(?:CCPR|CAT|CEDAW|CERD|CRC|CRPD|CMW|CED|E/C\.12)/)")


def normalise_symbol(raw: str) -> str | None:
    """The canonical form of a UN symbol, or None when `raw` is not one."""
    compact = re.sub(r"\s+", "", raw).strip(".-,;")
    pieces = _JOINT_SPLIT.split(compact)
    if len(pieces) > 1:
        normalised = [_normalise_one(p) for p in pieces]
        if any(n is None for n in normalised):
            return None
        return "-".join(n for n in normalised if n)
    return _normalise_one(compact)


def _normalise_one(compact: str) -> str | None:
    compact = re.sub(r"\.(?=/|$)", "", compact)
    parts = [p for p in compact.split("/") if p]
    if len(parts) < 2:
        return None
    out: list[str] = []
    for part in parts:
        m = _MIXED_CASE.match(part)
        if m and (m.group(2) or m.group(1).lower() in ("misc", "sub", "inf")):
            word = m.group(1).capitalize()
            out.append(f"{word}.{m.group(2)}" if m.group(2) else word)
        else:
            out.append(part.upper())
    if out[0] == "HRC":
        out.insert(0, "A")
    symbol = "/".join(out)
    if not re.search(r"\d", symbol):
        return None
    head = out[0]
    second = out[1]
    if head == "S" and not (second == "RES" or re.fullmatch(r"\d{4}", second)):
        return None
    if head == "E" and not (
        second in ("C.12", "CN.4", "RES", "DEC", "CN.6", "C.12.1") or re.fullmatch(r"\d{4}", second)
    ):
        return None
    if head == "A" and not (
        second in ("HRC", "RES", "INF", "DEC")
        or re.fullmatch(r"(?:C\.\d|\d{1,2}|ES-\d+|AC\.\d+|CONF\.\d+)", second)
    ):
        return None
    if head in ("ST", "HRI") and len(out) < 3:
        return None
    if (
        head in ("CCPR", "CAT", "CEDAW", "CERD", "CRC", "CRPD", "CMW", "CED", "SPT")
        and second
        not in (
            "C",
            "OP",
            "GC",
            "CO",
            "D",
            "SP",
            "CCPR",
            "OP/C",
        )
        and not re.fullmatch(r"\d+", second)
    ):
        return None
    return symbol


def symbol_keys(symbol: str) -> list[str]:
    """The keys a symbol stands for: itself, and the communication or general comment."""
    keys = [f"symbol:{symbol}"]
    for one in _JOINT_SPLIT.split(symbol):
        m = _COMM_FROM_SYMBOL.match(one)
        if m:
            committee = _SYMBOL_COMMITTEE.get(m.group("pre"), m.group("pre"))
            keys.append(f"comm:{committee}:{int(m.group('n'))}/{m.group('y')}")
        g = _GC_FROM_SYMBOL.match(one)
        if g:
            committee = _SYMBOL_COMMITTEE.get(g.group("pre"), g.group("pre"))
            keys.append(f"gc:{committee}:{int(g.group('n'))}")
    return keys


def _symbols(text: str, out: list[Citation], taken: list[tuple[int, int]]) -> None:
    for m in _SYMBOL_RE.finditer(text):
        raw = m.group("sym")
        symbol = normalise_symbol(raw)
        if symbol is None:
            continue
        end = m.start("sym") + len(raw.rstrip(".-,;"))
        # "S/RES/2334 (2016)": the year in brackets belongs to the symbol.
        if symbol.startswith("S/RES/"):
            year = re.match(r"\s*\((\d{4})\)", text[end:])
            if year:
                symbol += f"({year.group(1)})"
                end += year.end()
        for key in symbol_keys(symbol):
            out.append(Citation(key, m.start("sym"), end))
        taken.append((m.start("sym"), end))


# --- resolutions cited by number --------------------------------------------------------
_RES_WORD = re.compile(
    r"(?<![\w])(?:resolutions?|résolutions?|resoluci(?:ón|ones)|res\.)"
    r"|(?<![\u0600-\u06ff])(?:[وفبل]{1,2})?(?:ال)?قرار(?:ات|اتها|اته|يه|يها|ها|ه|ين|ان)?"
    r"(?![\u0600-\u06ff])",
    re.IGNORECASE,
)
_NUMBER_PAIR = re.compile(r"(?<![\d/.\-])(?P<a>\d{1,4})\s*/\s*(?P<b>\d{1,4})(?![\d/])")
_RES_LIST = re.compile(
    r"\s*(?:No\.?|n[°o]\.?|núm\.?|رقم)?\s*"
    r"(?P<first>\d{1,4}\s*/\s*\d{1,4})(?![\d/])"
    r"(?P<rest>(?:\s*(?:,|and|et|y|و|&)\s*(?:resolutions?\s+)?\d{1,4}\s*/\s*\d{1,4}(?![\d/]))*)",
    re.IGNORECASE,
)
_WHO = [
    (
        re.compile(
            r"security\s+council|conseil\s+de\s+sécurité|consejo\s+de\s+seguridad|مجلس\s+الأمن",
            re.I,
        ),
        "SC",
    ),
    (
        re.compile(
            r"general\s+assembly|\bassembly\b|\bGA\b|assemblée\s+générale|asamblea\s+general"
            r"|الجمعية\s+العامة",
            re.I,
        ),
        "GA",
    ),
    (re.compile(r"sub-?commission|sous-commission|subcomisión|اللجنة\s+الفرعية", re.I), "SUB"),
    (
        re.compile(
            r"commission\s+on\s+human\s+rights|commission\s+des\s+droits\s+de\s+l.homme"
            r"|comisión\s+de\s+derechos\s+humanos|لجنة\s+حقوق\s+الإنسان",
            re.I,
        ),
        "CHR",
    ),
    (
        re.compile(
            r"human\s+rights\s+council|\bcouncil\b|\bHRC\b|conseil\s+des\s+droits\s+de\s+l.homme"
            r"|\bconseil\b|consejo\s+de\s+derechos\s+humanos|\bconsejo\b|مجلس\s+حقوق\s+الإنسان"
            r"|المجلس|مجلس",
            re.I,
        ),
        "HRC",
    ),
]
_WHO_AFTER = re.compile(
    r"\s*(?:\(\d{4}\)\s*)?,?\s*(?:of\s+the|adopted\s+by\s+the|by\s+the|du|de\s+la|de\s+l['’]|del|de)\s+",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"(?<!\d)(19[4-9]\d|20[0-4]\d)(?!\d)")


def _hrc_year(session: int) -> int:
    return 2006 if session <= 3 else 2007 + (session - 4) // 3


def _who(text: str, start: int, end: int, arabic: bool) -> str | None:
    """The body that adopted a resolution: the nearest one named before the number,
    or just after it ("resolution 60/251 of the General Assembly"; in Arabic text,
    whose word order PDF extraction scrambles, a little further)."""
    before = text[max(0, start - 90) : start]
    best: tuple[int, str] | None = None
    taken: list[tuple[int, int]] = []
    for pattern, who in _WHO:
        for m in pattern.finditer(before):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            distance = len(before) - m.end()
            if best is None or distance < best[0]:
                best = (distance, who)
    after = text[end : end + (60 if arabic else 50)]
    if not arabic:
        connector = _WHO_AFTER.match(after)
        after = after[connector.end() :] if connector else ""
    taken = []
    for pattern, who in _WHO:
        found = pattern.search(after)
        if found is None or (not arabic and found.start() > 0):
            continue
        if not any(a <= found.start() < b for a, b in taken):
            taken.append((found.start(), found.end()))
            if best is None or found.start() < best[0]:
                best = (found.start(), who)
    return best[1] if best else None


def _resolution_symbol(
    a: int, b: int, who: str | None, text: str, end: int, arabic: bool
) -> str | None:
    if who == "SC":
        return None
    if 1946 <= a <= 2006 and who in ("CHR", "SUB", None):
        if who is None:
            return None
        prefix = "E/CN.4/Sub.2/RES" if who == "SUB" else "E/CN.4/RES"
        return f"{prefix}/{a}/{b}"
    if arabic:
        # PDF extraction of right-to-left text often swaps the two numbers: prefer the
        # order that fits the numbering (sessions are small) and a nearby date.
        tail = text[end : end + 70]
        following = _RES_WORD.search(tail)
        tail = _NUMBER_PAIR.sub(lambda m: " " * len(m.group(0)), tail)
        year = _YEAR_RE.search(tail[: following.start()] if following else tail)
        if who == "GA" or (who is None and (a > 60 or b > 60)):
            fits_ab = 1 <= a <= 80
            fits_ba = 1 <= b <= 80
            if year:
                y = int(year.group(1))
                fits_ab = fits_ab and 0 <= y - (1945 + a) <= 1
                fits_ba = fits_ba and 0 <= y - (1945 + b) <= 1
            if fits_ba and not fits_ab:
                a, b = b, a
        else:
            fits_ab = 1 <= a <= 60
            fits_ba = 1 <= b <= 60
            if year:
                y = int(year.group(1))
                fits_ab = fits_ab and _hrc_year(a) == y
                fits_ba = fits_ba and _hrc_year(b) == y
            if fits_ba and not fits_ab:
                a, b = b, a
    if who is None:
        who = "HRC" if a <= 60 and b <= 60 else "GA" if a <= 80 else None
    if who == "HRC" and 1 <= a <= 60 and b <= 99:
        return f"A/HRC/RES/{a}/{b}"
    if who == "GA" and 1 <= a <= 80:
        return f"A/RES/{a}/{b}"
    return None


_SC_RESOLUTION = re.compile(
    r"(?:security\s+council|conseil\s+de\s+sécurité|consejo\s+de\s+seguridad)\s+"
    r"(?:resolutions?|résolutions?|resoluci(?:ón|ones))\s*(?:No\.?\s*)?(?P<n>\d{1,4})\s*\((?P<y>\d{4})\)",
    re.IGNORECASE,
)


def _resolutions(text: str, out: list[Citation], taken: list[tuple[int, int]]) -> None:
    for m in _SC_RESOLUTION.finditer(text):
        out.append(
            Citation(
                f"symbol:S/RES/{int(m.group('n'))}({m.group('y')})", m.start("n"), m.end("y") + 1
            )
        )
        taken.append((m.start("n"), m.end("y") + 1))
    seen: set[int] = set()
    for word in _RES_WORD.finditer(text):
        arabic = "\u0600" <= word.group(0)[-1] <= "\u06ff"
        pairs: list[re.Match[str]] = []
        lst = _RES_LIST.match(text, word.end())
        if lst:
            pairs = list(_NUMBER_PAIR.finditer(text, lst.start("first"), lst.end()))
        elif arabic:
            # The number may stand on either side of the word (visual order).
            window_start = max(0, word.start() - 40)
            pairs = [
                p
                for p in _NUMBER_PAIR.finditer(text, window_start, word.end() + 40)
                if p.end() <= word.start() or p.start() >= word.end()
            ]
        for p in pairs:
            if p.start() in seen or any(a <= p.start() < b for a, b in taken):
                continue
            ar = arabic or _arabic_near(text, p.start(), p.end())
            who = _who(text, p.start(), p.end(), ar)
            symbol = _resolution_symbol(
                int(p.group("a")), int(p.group("b")), who, text, p.end(), ar
            )
            if symbol is None:
                continue
            seen.add(p.start())
            out.append(Citation(f"symbol:{symbol}", p.start(), p.end()))
            taken.append((p.start(), p.end()))


# --- communications and applications ---------------------------------------------------
_NO = r"(?:No\.?|Nos\.?|no\.?|nos\.?|n\s?[°o]s?\.?|N\s?[°o]s?\.?|núm\.?|núms\.?|nr\.?|رقم|المرقم)"
_COMM_WORD = re.compile(
    r"(?<![\w])(?:communications?|complaints?|plaintes?|réclamations?|comunicaci(?:ón|ones)"
    r"|denuncias?|quejas?)"
    r"|(?<![\u0600-\u06ff])(?:[وفبل]{1,2})?(?:ال)?بلاغ(?:ين|ان|ات|ها|ه)?(?![\u0600-\u06ff])",
    re.IGNORECASE,
)
_COMM_LIST = re.compile(
    r"\s*(?:\([^()]{0,20}\)\s*)?" + _NO + r"?\s*:?\s*"
    r"(?P<list>\d{1,5}\s*/\s*(?:\d{4}|\d{2})(?![\d/])"
    r"(?:\s*(?:,|and|et|y|و|&|-)\s*(?:" + _NO + r"\s*)?\d{1,5}\s*/\s*(?:\d{4}|\d{2})(?![\d/]))*)"
)
_CASE_NUMBER = re.compile(r"(?P<n>\d{1,5})\s*/\s*(?P<y>\d{4}|\d{2})(?![\d/])")

_APP_WORD = re.compile(
    r"(?<![\w])(?:applications?|requêtes?|demandas?|solicitudes?|app\.)"
    r"|(?<![\u0600-\u06ff])(?:ال)?(?:طلب|دعوى)(?![\u0600-\u06ff])",
    re.IGNORECASE,
)
_APP_LIST = re.compile(
    r"\s*" + _NO + r"?\s*:?\s*"
    r"(?P<list>\d{1,6}\s*/\s*\d{2}(?![\d/])"
    r"(?:\s*(?:,|and|et|y|و|&)\s*(?:" + _NO + r"\s*)?\d{1,6}\s*/\s*\d{2}(?![\d/]))*)"
)
_BARE_APP = re.compile(
    r"(?<![\w])" + _NO + r"\s*(?P<list>\d{1,6}\s*/\s*\d{2}(?![\d/])"
    r"(?:\s*(?:,|and|et|y|&)\s*\d{1,6}\s*/\s*\d{2}(?![\d/]))*)"
)
_EUROPEAN_BARE_APP = re.compile(r"(?<![\d/.\-()])(?P<list>\d{3,6}\s*/\s*\d{2})(?![\d/])")
_APP_NUMBER = re.compile(r"(?P<n>\d{1,6})\s*/\s*(?P<y>\d{2})(?![\d/])")
_STRASBOURG = re.compile(
    r"european\s+court|cour\s+européenne|tribunal\s+europeo|ecthr|\bECHR\b|\bCEDH\b|strasbourg"
    r"|european\s+commission\s+of\s+human|commission\s+européenne\s+des\s+droits"
    r"|\bv\.\s|\bc\.\s|المحكمة\s+الأوروبية",
    re.IGNORECASE,
)
_EUROPEAN_BODIES = {"ECTHR", "ECHR", "ECOMHR", "CM", "CMCOE", "COECM", "CPT", "ECSR"}
_AFRICAN_COMMISSION = {"ACHPR", "ACOMHPR"}


def _year4(y: str) -> str:
    if len(y) == 4:
        return y
    return ("19" if int(y) >= 50 else "20") + y


def _committee_near(
    text: str,
    start: int,
    end: int,
    sentence: tuple[int, int],
    body: str | None,
    fallback_instruments: bool = True,
) -> str | None:
    """The committee a communication or general comment belongs to: the nearest one
    named in the same sentence, else the writing committee."""
    a, b = sentence
    lo, hi = max(0, start - 160), min(len(text), end + 160)
    best: tuple[int, str] | None = None
    for mention in find_committees(text[lo:hi]):
        m_start, m_end = lo + mention.start, lo + mention.end
        distance = start - m_end if m_end <= start else m_start - end
        if distance < 0:
            continue
        if not (a <= m_start < b):
            distance += 1000  # another sentence: only when this one names none
        if best is None or distance < best[0]:
            best = (distance, mention.code)
    if best is not None:
        return best[1]
    if fallback_instruments:
        for inst in find_instruments(text[lo:hi], None):
            if inst.code and not inst.generic and inst.code in TREATY_COMMITTEE:
                return TREATY_COMMITTEE[inst.code]
    return committee_of(body)


def _communications(
    text: str,
    spans: Sequence[tuple[int, int]],
    body: str | None,
    out: list[Citation],
    taken: list[tuple[int, int]],
) -> None:
    bkey = body_key(body)
    for word in _COMM_WORD.finditer(text):
        lst = _COMM_LIST.match(text, word.end())
        if not lst:
            continue
        sentence = _sentence_of(spans, word.start())
        committee: str | None
        if bkey == "ECSR" or (bkey in _EUROPEAN_BODIES and "laint" in word.group(0).lower()):
            committee = "ECSR"
        elif bkey in _AFRICAN_COMMISSION:
            committee = "ACHPR"
        else:
            committee = _committee_near(text, word.start(), lst.end(), sentence, body)
        if committee is None:
            continue
        for n in _CASE_NUMBER.finditer(text, lst.start("list"), lst.end("list")):
            if any(a <= n.start() < b for a, b in taken):
                continue
            year = n.group("y")
            if len(year) == 2 and committee not in ("ACHPR", "ECSR"):
                continue
            out.append(
                Citation(f"comm:{committee}:{int(n.group('n'))}/{_year4(year)}", n.start(), n.end())
            )
            taken.append((n.start(), n.end()))


def _applications(
    text: str, body: str | None, out: list[Citation], taken: list[tuple[int, int]]
) -> None:
    european = body_key(body) in _EUROPEAN_BODIES
    found: list[tuple[int, int]] = []
    for word in _APP_WORD.finditer(text):
        lst = _APP_LIST.match(text, word.end())
        if lst:
            found.append((lst.start("list"), lst.end("list")))
    for m in _BARE_APP.finditer(text):
        if european or _STRASBOURG.search(text[max(0, m.start() - 200) : m.end() + 80]):
            found.append((m.start("list"), m.end("list")))
    if european:
        # Tables of cases in Committee of Ministers and Court documents list bare numbers.
        found.extend((m.start("list"), m.end("list")) for m in _EUROPEAN_BARE_APP.finditer(text))
    for start, end in found:
        for n in _APP_NUMBER.finditer(text, start, end):
            if any(a <= n.start() < b for a, b in taken):
                continue
            out.append(Citation(f"echr-app:{int(n.group('n'))}/{n.group('y')}", n.start(), n.end()))
            taken.append((n.start(), n.end()))


# --- general comments and recommendations -----------------------------------------------
_GC_RE = re.compile(
    r"(?<![\w])(?P<kind>general\s+(?:comments?|recommendations?)"
    r"|(?:observations?|recommandations?)\s+générales?"
    r"|(?:observaci(?:ón|ones)|recomendaci(?:ón|ones)|comentarios?)\s+general(?:es)?)"
    r"(?:\s+(?:conjointe|conjunta|joint))?"
    r"\s*(?:" + _NO + r"|number|numéro|número)?\s*"
    r"(?P<list>\d{1,2}(?![\d/])(?:\s*(?:,|and|et|y|&)\s*(?:" + _NO + r"\s*)?\d{1,2}(?![\d/]))*)"
    r"|(?<![\u0600-\u06ff])(?P<akind>(?:[وفبل]{1,2})?(?:ال)?(?:تعليق|تعليقات|توصية|توصيات)(?:ها|ه)?"
    r"\s+(?:ال)?عام(?:ة|ين|تين)?)\s*(?:رقم|رقمي)?\s*"
    r"(?P<alist>\d{1,2}(?![\d/])(?:\s*(?:,|و)\s*\d{1,2}(?![\d/]))*)",
    re.IGNORECASE,
)


_GC_MORE = re.compile(
    r"(?:\s*\(\d{4}\))?[^.;()]{0,100}?\s(?:and|et|y)\s+" + _NO + r"\s*(?P<n>\d{1,2})(?![\d/])"
)


def _general_comments(
    text: str,
    spans: Sequence[tuple[int, int]],
    body: str | None,
    out: list[Citation],
    taken: list[tuple[int, int]],
) -> None:
    for m in _GC_RE.finditer(text):
        kind = (m.group("kind") or m.group("akind") or "").lower()
        list_group = "list" if m.group("list") else "alist"
        recommendation = any(w in kind for w in ("recommend", "recomend", "توصي"))
        sentence = _sentence_of(spans, m.start())
        committee = _committee_near(text, m.start(), m.end(), sentence, body)
        if recommendation and committee not in ("CEDAW", "CERD"):
            committee = (
                "CERD"
                if re.search(r"racial|raciale|العنصري", text[sentence[0] : sentence[1]], re.I)
                else "CEDAW"
            )
        if committee is None:
            continue
        numbers = [
            (m.start(list_group) + n.start(), n.group(0))
            for n in re.finditer(r"\d{1,2}", text[m.start(list_group) : m.end(list_group)])
        ]
        # "general comments No. 13 (2011) on violence and No. 18 (2014) on harmful practices"
        more = _GC_MORE.match(text, m.end(list_group))
        if more and kind.split()[-1].endswith("s"):
            numbers.append((more.start("n"), more.group("n")))
        for start, number in numbers:
            if any(a <= start < b for a, b in taken):
                continue
            out.append(Citation(f"gc:{committee}:{int(number)}", start, start + len(number)))


# --- treaty articles ----------------------------------------------------------------------
_ART_ANCHOR = re.compile(
    r"(?<![\w])(?:l['’]\s*)?(?:articles?|art[ií]culos?|arts?\.|art(?=\s*\d)|آرت)\s*"
    r"|(?<![\u0600-\u06ff])(?:[وفبل]{1,2})?(?:ال)?(?:مادة|مادتين|مادتان|مواد|مادته|مادتها)\s*",
    re.IGNORECASE,
)
_ART_NUMBER = re.compile(
    r"\(?(?:(?P<pn>P\d{1,2})-(?P<pa>\d{1,2})|(?P<num>\d{1,3})|(?P<letter>E)(?![\w]))"
    r"(?:er|re|º|°)?(?:\.\d{1,2}(?![\d/]))?\)?"
)
_ART_QUALIFIER = re.compile(
    r"\s*(?:"
    r"(?:,|and|et|y|or|ou|o|و)?\s*\((?:[a-z]{1,4}|[ivx]{1,5}|\d{1,2}|[a-z]\)\s*\([ivx]+)\)"
    r"|,?\s*(?:paragraphs|paras\.?|paragraphes|alinéas|párrafos|incisos|الفقرتين|الفقرتان|الفقرات)"
    r"\s*\d{1,2}(?:\s*\([a-z0-9]{1,4}\))*(?:\s*(?:,|and|et|y|و)\s*\d{1,2}(?![\d/])"
    r"(?:\s*\([a-z0-9]{1,4}\))*)+"
    r"|,?\s*(?:paragraphs?|paras?\.?|par\.|paragraphes?|alinéas?|al\.|párrafos?|incisos?|literal|litera"
    r"|apartados?|numeral|§+|الفقرت(?:ين|ان)|الفقرات|الفقرة|فقرة|البند)\s*\d{1,2}"
    r"(?:\s*(?:\([a-z0-9]{1,4}\)|[a-z]\)))*"
    r"(?:\s*(?:,|and|et|y|و)\s*\d{1,2}(?![\d/])(?=\s*(?:\(|,\s*(?:of|de|del|du)\b)))?"
    r"|\s*§\s*\d{1,2}"
    r"|,?\s*(?:litera|literal|inciso|apartado|letter|lettre|let\.)\s*\(?[a-z]\)"
    r"|\s+[a-z]\)"
    r"|\s+(?:in\s+fine|bis|ter|first\s+sentence|second\s+sentence)"
    r"|\s*\((?:art\.?\s*[\dP][\d\-]*(?:,\s*art\.?\s*[\dP][\d\-]*)*"
    r"|(?:paras?\.|paragraphs?|párrs?\.|párrafos?|paragraphes?|al\.|§)[^()]{0,30}"
    r"|[^()\d]{2,40})\)"
    r")",
    re.IGNORECASE,
)
_ART_SEP = re.compile(
    r"\s*(?P<sep>,\s*(?:and|et|y|e|or|ou|o)?|and|et|y|e|or|ou|o|&|و|to|à|a|al|through|-|–)\s*"
    r"(?:(?:the\s+)?(?:articles?|arts?\.?|art[ií]culos?|l['’]article|المادة|المواد)\s*)?"
    r"(?=\(?(?:\d|P\d))",
    re.IGNORECASE,
)
_ART_RANGE = {"to", "à", "a", "al", "through", "-", "–"}
_ART_CONNECTOR = re.compile(
    r"\s*(?:\((?:art\.?\s*[\dP][^()]{0,30}|[^()]{0,60})\)\s*)?,?\s*"
    r"(?P<conn>(?:of\s+the|of|under\s+the|under|in\s+the|to\s+the|de\s+la|de\s+los|del|des|du|de"
    r"|da)(?![\w])|de\s+l['’]|من|في|ب)\s*",
    re.IGNORECASE,
)
_SAME_INSTRUMENT = re.compile(
    r"(?:same|said|that)\s+(?:instrument|treaty|convention|covenant)"
    r"|(?:mismo|dicho)\s+(?:instrumento|tratado)|(?:la\s+)?misma\b|(?:el\s+)?mismo\b"
    r"|(?:même|ce(?:t|tte)?)\s+(?:instrument|traité)",
    re.IGNORECASE,
)


# Instruments whose articles are not treaty articles: a bare "article 46" nearest to one
# of these belongs to it ("el Reglamento ... conforme a los artículos 46, 48").
_NON_TREATY = re.compile(
    r"\b(?:Rules?\s+of\s+(?:Procedure|Court)|rules\s+of\s+procedure|Règlement|règlement"
    r"|Reglamento|reglamento|Statutes?|Estatuto|Code|code\s+(?:pénal|civil|de)|Código|código"
    r"|Constitution|Constitución|Constitucion|Law|Ley|Loi|Act|Decree|Decreto|Décret|Directive"
    r"|Directiva|Regulation|Declaration|Declaración|Déclaration|Agreement|Acuerdo|Principles"
    r"|Principios|Guidelines|Directrices|Convenio\s+169|Convention\s+No\.?\s*\d+)\b"
    r"|(?:ال)?(?:نظام|دستور|قانون|مرسوم|إعلان)(?![\u0600-\u06ff])"
)
_UNKNOWN_ABBR = re.compile(r"\s*(?P<abbr>[A-Z]{3,})\b")
# "article 5 (2) (a)" in a committee's own decisions is the same-matter clause of its
# optional protocol, not an article of the treaty.
_PROTOCOL_CLAUSE: dict[str, tuple[str, str, str]] = {
    "CCPR": ("5", "2", "OP-ICCPR"),
    "HRCTEE": ("5", "2", "OP-ICCPR"),
    "CEDAW": ("4", "2", "OP-CEDAW"),
    "CESCR": ("3", "2", "OP-ICESCR"),
}


@dataclass(slots=True)
class _ArticleList:
    start: int
    end: int
    numbers: list[tuple[str, int, int]]
    """(article, start, end); article is "7", "E" or "P1-1"."""


def _scan_articles(text: str, pos: int) -> tuple[list[tuple[str, int, int, str]], int]:
    numbers: list[tuple[str, int, int, str]] = []
    pending_range: str | None = None
    while True:
        m = _ART_NUMBER.match(text, pos)
        if not m:
            break
        article = (
            f"{m.group('pn')}-{int(m.group('pa'))}"
            if m.group("pn")
            else m.group("letter") or str(int(m.group("num")))
        )
        if pending_range is not None and article.isdigit() and pending_range.isdigit():
            lo, hi = int(pending_range), int(article)
            if lo < hi <= lo + 40:
                numbers.extend((str(n), m.start(), m.end(), "") for n in range(lo + 1, hi))
        qualifier_start = pos = m.end()
        while True:
            q = _ART_QUALIFIER.match(text, pos)
            if not q or q.end() == pos:
                break
            pos = q.end()
        numbers.append((article, m.start(), m.end(), text[qualifier_start:pos]))
        sep = _ART_SEP.match(text, pos)
        if not sep:
            break
        pending_range = article if sep.group("sep").strip().lower() in _ART_RANGE else None
        pos = sep.end()
    return numbers, pos


def _articles(
    text: str,
    spans: Sequence[tuple[int, int]],
    body: str | None,
    out: list[Citation],
    taken: list[tuple[int, int]],
) -> None:
    mentions = find_instruments(text, body)
    named = [(i.start, i.end) for i in mentions]
    for m in _NON_TREATY.finditer(text):
        if not any(a <= m.start() < b for a, b in named):
            mentions.append(InstrumentMention(None, m.start(), m.end(), False))
    for cited in out:  # a UN document cited by symbol: "A/RES/53/144 ..., artículo 8"
        if cited.kind == "symbol":
            mentions.append(InstrumentMention(None, cited.start, cited.end, False))
    default = case_law_instrument(body)
    clause = _PROTOCOL_CLAUSE.get(body_key(body))
    for anchor in _ART_ANCHOR.finditer(text):
        if any(a <= anchor.start() < b for a, b in taken):
            continue
        numbers, end = _scan_articles(text, anchor.end())
        if not numbers:
            continue
        instrument: str | None = None
        decided = False
        conn = _ART_CONNECTOR.match(text, end)
        if conn and conn.end() > end:
            target = instrument_at(text, conn.end(), body)
            if target is not None:
                instrument, decided = target.code, True
                if target.code is None:
                    continue
            elif _SAME_INSTRUMENT.match(text, conn.end()):
                decided = False
            elif conn.group("conn").strip().lower() in (
                "of the",
                "of",
                "de la",
                "du",
                "del",
                "de",
                "des",
                "de l'",
                "de l’",
                "de los",
                "من",
            ):
                # "article 228 of the Criminal Code", "artículo 36.3 de su Reglamento"
                continue
        if not decided:
            direct = instrument_at(text, end + (len(text[end:]) - len(text[end:].lstrip())), body)
            if direct is not None and not direct.generic and direct.code:
                instrument, decided = direct.code, True
            elif _UNKNOWN_ABBR.match(text, end):
                continue  # "artículo 7 CIPDHPM": an instrument we do not know
        bare = not decided
        if not decided:
            a, b = _sentence_of(spans, anchor.start())
            near = [
                i for i in mentions if a <= i.start < b and not i.start <= anchor.start() < i.end
            ]
            before = [i for i in mentions if a - 300 <= i.start < a]
            if near:
                instrument = min(near, key=lambda i: abs(i.start - anchor.start())).code
            elif before:
                # "... article 39 of the Directive. Article 39 deals with ...": the subject
                # carries over from the sentence before.
                instrument = max(before, key=lambda i: i.start).code
            else:
                instrument = default
        if instrument is None:
            continue
        for article, start, stop, qualifier in numbers:
            code = instrument
            if (
                bare
                and clause is not None
                and article == clause[0]
                and re.match(
                    rf"\s*(?:\({clause[1]}\)|,?\s*(?:paragraph|para\.)\s*{clause[1]})", qualifier
                )
            ):
                code = clause[2]
            if article.startswith("P"):
                protocol, number = article.split("-")
                code, article = f"ECHR-{protocol}", number
            if article == "E":
                if code != "ESC":
                    continue
            elif not 1 <= int(article) <= MAX_ARTICLE.get(code, 0):
                continue
            out.append(Citation(f"art:{code}:{article}", start, stop))
        taken.append((anchor.start(), end))


# --- entry points -------------------------------------------------------------------------
_GC_WORDS = ("general", "générale", "عام")
_ARTICLE_WORDS = ("articl", "artícul", "articul", "art.", "art ", "ماد", "مواد")


def extract(text: str, body: str | None = None) -> list[Citation]:
    """Every reference in `text`, in order of appearance; `body` is the writer's code."""
    prepared = prepare(text)
    low = prepared.lower()
    spans = sentences(prepared)
    out: list[Citation] = []
    taken: list[tuple[int, int]] = []
    # Cheap tests first: most paragraphs cite nothing, and the patterns are slow to
    # scan with, so each family runs only where its tell-tale characters occur.
    if "/" in prepared:
        _symbols(prepared, out, taken)
        _communications(prepared, spans, body, out, taken)
        _applications(prepared, body, out, taken)
    if "/" in prepared or "(" in prepared:
        _resolutions(prepared, out, taken)
    if any(w in low for w in _GC_WORDS):
        _general_comments(prepared, spans, body, out, taken)
    if any(w in low for w in _ARTICLE_WORDS):
        _articles(prepared, spans, body, out, taken)
    out.sort(key=lambda c: (c.start, c.key))
    return out


def citation_keys(text: str, body: str | None = None) -> list[str]:
    """The distinct keys of `extract`, in order of first appearance."""
    return list(dict.fromkeys(c.key for c in extract(text, body)))


# --- what a record is cited as ------------------------------------------------------------
# Execution documents of the Committee of Ministers are about the Court's applications:
# they belong to the same case.
_EUROPEAN_COURT = {"ECTHR", "ECHR", "ECOMHR", "CM", "CMCOE", "COECM"}
_ECLI_ECHR = re.compile(r"^ECLI:CE:ECHR:\d{4}:\d{4}(?:JUD|DEC)(?P<n>\d{7})(?P<y>\d{2})$")
_CASE_NUMBERS = re.compile(r"(?P<n>\d{1,6})\s*/\s*(?P<y>\d{4}|\d{2})(?![\d/])")


def cited_as(record: Record) -> list[str]:
    """The keys under which other records cite this record's document or case."""
    keys: list[str] = []
    bkey = body_key(record.body)
    if record.symbol:
        ecli = _ECLI_ECHR.match(record.symbol.strip())
        if ecli and bkey in _EUROPEAN_COURT:
            # ECLI:CE:ECHR:1960:1114JUD000033257 is the judgment on application 332/57.
            keys.append(f"echr-app:{int(ecli.group('n'))}/{ecli.group('y')}")
        symbol = normalise_symbol(record.symbol)
        if symbol:
            keys.extend(symbol_keys(symbol))
    if record.case is not None and record.kind in CASE_KINDS:
        for raw in [record.case.number or "", *record.case.other_numbers]:
            for m in _CASE_NUMBERS.finditer(prepare(raw)):
                number, year = int(m.group("n")), m.group("y")
                if bkey in _EUROPEAN_COURT and len(year) == 2:
                    keys.append(f"echr-app:{number}/{year}")
                elif bkey == "ECSR":
                    keys.append(f"comm:ECSR:{number}/{_year4(year)}")
                elif bkey in _AFRICAN_COMMISSION:
                    keys.append(f"comm:ACHPR:{number}/{_year4(year)}")
                elif committee_of(record.body) and len(year) == 4:
                    keys.append(f"comm:{committee_of(record.body)}:{number}/{year}")
    if (
        record.kind is Kind.GENERAL_COMMENT
        and record.title
        and not any(k.startswith("gc:") for k in keys)
    ):
        keys.extend(c.key for c in extract(record.title, record.body) if c.kind == "gc")
    return list(dict.fromkeys(keys))


def case_key(record: Record) -> str:
    """One key per case (or, failing a case number, per document): the unit in which
    duplicate candidates and related records are grouped."""
    keys = cited_as(record)
    for key in keys:
        if key.startswith(("comm:", "echr-app:")):
            return key
    if record.case is not None and record.case.number and record.kind in CASE_KINDS:
        number = " ".join(record.case.number.split()).upper()
        return f"case:{body_key(record.body)}:{number}"
    for key in keys:
        if key.startswith("symbol:"):
            return key
    if record.title:
        return f"title:{body_key(record.body)}:{' '.join(record.title.casefold().split())[:200]}"
    source = record.provenance[0]
    return f"doc:{source.source}:{source.source_id.rsplit('#', 1)[0]}"


def enrich_citations(record: Record) -> Record:
    """Enricher: the record's citations, less those naming its own document."""
    own = set(cited_as(record))
    found = [k for k in citation_keys(record.text, record.body) if k not in own]
    merged = list(dict.fromkeys([*record.citations, *found]))
    if merged == record.citations:
        return record
    return record.model_copy(update={"citations": merged})


# --- the link table ----------------------------------------------------------------------
_LINK_SCHEMA = """
CREATE TABLE IF NOT EXISTS refs (id TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS refs_key ON refs(key);
CREATE INDEX IF NOT EXISTS refs_id ON refs(id);
CREATE TABLE IF NOT EXISTS idents (key TEXT NOT NULL, id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS idents_key ON idents(key);
CREATE INDEX IF NOT EXISTS idents_id ON idents(id);
CREATE TABLE IF NOT EXISTS docs (
    id TEXT PRIMARY KEY,
    case_key TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL,
    language TEXT NOT NULL,
    paragraph TEXT,
    symbol TEXT,
    title TEXT
);
CREATE INDEX IF NOT EXISTS docs_case ON docs(case_key);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
LINKS_VERSION = "1"


@dataclass(frozen=True, slots=True)
class LinkedDocument:
    """A cited or citing document, represented by one of its records."""

    case_key: str
    record_id: str
    body: str
    kind: str
    symbol: str | None
    title: str | None
    records: int
    keys: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "citation": self.symbol or (self.keys[0].split(":", 1)[-1] if self.keys else None),
            "document": self.case_key,
            "record_id": self.record_id,
            "body": self.body,
            "kind": self.kind,
            "symbol": self.symbol,
            "title": self.title,
            "records": self.records,
            "keys": list(self.keys),
        }


class CitationIndex:
    """Who cites what, derived from the store and kept beside it (`links.sqlite`).

    Like the search indices it remembers the store sequence it holds and catches up
    from it, so it can be deleted and rebuilt at any time. It also records each
    record's case key, which the duplicate check and related records group by.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(_LINK_SCHEMA)
        if self._meta("version") != LINKS_VERSION:
            self._conn.executescript("DELETE FROM refs; DELETE FROM idents; DELETE FROM docs;")
            self._set_meta("version", LINKS_VERSION)
            self._set_meta("watermark", "0")

    @classmethod
    def beside(cls, store: RecordStore) -> CitationIndex:
        return cls(store.path.parent / "links.sqlite")

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return str(row[0]) if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._conn.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, value),
        )

    @property
    def watermark(self) -> int:
        with self._lock:
            return int(self._meta("watermark") or 0)

    def refresh(self, store: RecordStore) -> int:
        """Catch up with the store; returns how many records were (re)linked."""
        with self._lock:
            mark = int(self._meta("watermark") or 0)
            if store.seq <= mark:
                return 0
            n = 0
            for chunk in store.changes_since(mark):
                cur = self._conn.cursor()
                cur.execute("BEGIN")
                try:
                    for stored in chunk:
                        self._forget(cur, stored.record.id)
                        if not stored.deleted:
                            self._remember(cur, stored.record)
                            n += 1
                    cur.execute(
                        "INSERT INTO meta(key, value) VALUES('watermark', ?) "
                        "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                        (str(chunk[-1].seq),),
                    )
                    cur.execute("COMMIT")
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
            return n

    @staticmethod
    def _forget(cur: sqlite3.Cursor, record_id: str) -> None:
        cur.execute("DELETE FROM refs WHERE id=?", (record_id,))
        cur.execute("DELETE FROM idents WHERE id=?", (record_id,))
        cur.execute("DELETE FROM docs WHERE id=?", (record_id,))

    @staticmethod
    def _remember(cur: sqlite3.Cursor, record: Record) -> None:
        cur.executemany(
            "INSERT INTO refs(id, key) VALUES(?, ?)",
            [(record.id, k) for k in record.citations if not k.startswith("art:")],
        )
        cur.executemany(
            "INSERT INTO idents(key, id) VALUES(?, ?)", [(k, record.id) for k in cited_as(record)]
        )
        cur.execute(
            "INSERT INTO docs(id, case_key, body, kind, language, paragraph, symbol, title) "
            "VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.id,
                case_key(record),
                record.body,
                record.kind.value,
                record.language,
                record.paragraph,
                record.symbol,
                record.title,
            ),
        )

    # --- lookups ------------------------------------------------------------------------
    def case_of(self, record_id: str) -> str | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT case_key FROM docs WHERE id=?", (record_id,)
            ).fetchone()
        return str(row[0]) if row else None

    def case_records(self, key: str) -> list[str]:
        """Every record of one case or document, in a stable order."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT id FROM docs WHERE case_key=? ORDER BY rowid", (key,)
            ).fetchall()
        return [str(r[0]) for r in rows]

    def case_members(self, key: str) -> list[tuple[str, str, str | None]]:
        """(id, kind, symbol) of every record of one case, without decoding records."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, kind, symbol FROM docs WHERE case_key=? ORDER BY rowid", (key,)
            ).fetchall()
        return [(str(i), str(k), s) for i, k, s in rows]

    def kinds_of(self, record_ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        with self._lock:
            for start in range(0, len(record_ids), 500):
                chunk = list(record_ids[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for rid, kind in self._conn.execute(
                    f"SELECT id, kind FROM docs WHERE id IN ({marks})", chunk
                ):
                    out[str(rid)] = str(kind)
        return out

    def cases_of(self, record_ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        with self._lock:
            for start in range(0, len(record_ids), 500):
                chunk = list(record_ids[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for rid, key in self._conn.execute(
                    f"SELECT id, case_key FROM docs WHERE id IN ({marks})", chunk
                ):
                    out[str(rid)] = str(key)
        return out

    def records_cited_as(self, keys: Iterable[str]) -> dict[str, list[str]]:
        """key -> ids of the records whose document is cited by that key."""
        out: dict[str, list[str]] = {}
        with self._lock:
            for key in keys:
                rows = self._conn.execute(
                    "SELECT id FROM idents WHERE key=? ORDER BY rowid", (key,)
                ).fetchall()
                if rows:
                    out[key] = [str(r[0]) for r in rows]
        return out

    def records_citing(self, keys: Iterable[str]) -> dict[str, list[str]]:
        """key -> ids of the records that cite it."""
        out: dict[str, list[str]] = {}
        with self._lock:
            for key in keys:
                rows = self._conn.execute(
                    "SELECT id FROM refs WHERE key=? ORDER BY rowid", (key,)
                ).fetchall()
                if rows:
                    out[key] = [str(r[0]) for r in rows]
        return out

    def _describe(
        self, ids_by_key: dict[str, list[str]], exclude_case: str | None, limit: int
    ) -> list[LinkedDocument]:
        by_case: dict[str, tuple[list[str], set[str]]] = {}
        all_ids = list(dict.fromkeys(i for ids in ids_by_key.values() for i in ids))
        cases = self.cases_of(all_ids)
        for key, ids in ids_by_key.items():
            for rid in ids:
                case = cases.get(rid)
                if case is None or case == exclude_case:
                    continue
                records, keys = by_case.setdefault(case, ([], set()))
                if rid not in records:
                    records.append(rid)
                keys.add(key)
        ranked = sorted(by_case.items(), key=lambda kv: (-len(kv[1][1]), -len(kv[1][0]), kv[0]))
        out: list[LinkedDocument] = []
        with self._lock:
            for case, (records, keys) in ranked[:limit]:
                row = self._conn.execute(
                    "SELECT body, kind, symbol, title FROM docs WHERE id=?", (records[0],)
                ).fetchone()
                out.append(
                    LinkedDocument(
                        case,
                        records[0],
                        str(row[0]),
                        str(row[1]),
                        row[2],
                        row[3],
                        len(records),
                        tuple(sorted(keys)),
                    )
                )
        return out

    def cites(self, record: Record, limit: int = 50) -> tuple[list[LinkedDocument], list[str]]:
        """Documents in the index that `record` cites, and the cited keys not in it."""
        keys = [k for k in record.citations if not k.startswith("art:")]
        found = self.records_cited_as(keys)
        documents = self._describe(found, self.case_of(record.id), limit)
        return documents, [k for k in keys if k not in found]

    def cited_by(self, record: Record, limit: int = 50) -> list[LinkedDocument]:
        """Documents whose records cite `record`'s document or case."""
        return self._describe(self.records_citing(cited_as(record)), self.case_of(record.id), limit)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


_OPEN: dict[Path, CitationIndex] = {}
_OPEN_LOCK = threading.Lock()


def citation_index(store: RecordStore, refresh: bool = True) -> CitationIndex:
    """The link table beside `store`, opened once per process and brought up to date."""
    path = (store.path.parent / "links.sqlite").resolve()
    with _OPEN_LOCK:
        index = _OPEN.get(path)
        if index is None:
            index = _OPEN[path] = CitationIndex(path)
    if refresh:
        index.refresh(store)
    return index


def citation_links(store: RecordStore, record: Record) -> dict[str, object]:
    """The "cites" and "cited_by" fields of a record's API payload."""
    index = citation_index(store)
    cites, outside = index.cites(record)
    return {
        "cites": [d.to_json() for d in cites],
        "cites_not_indexed": outside,
        "cited_by": [d.to_json() for d in index.cited_by(record)],
    }
