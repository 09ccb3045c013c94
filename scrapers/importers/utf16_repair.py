"""Repair of text that was UTF-16LE but was decoded one byte at a time.

The OHCHR-Juris sample records (juris.ohchr.org) hold ``text`` whose bytes were UTF-16LE
and were read as UTF-8: every ASCII character is followed by a NUL (its high byte), the
BOM became two U+FFFD, a typographic apostrophe U+2019 (bytes 19 20) became "\\x19 ",
"é" (E9 00) became "\\ufffd\\x00", and tags stripped from the byte stream left stray
NULs that shift the pairing. So the text is re-paired locally around the NULs rather
than re-decoded as a whole:

- ``c NUL``        -> ``c`` (U+0000-U+00FF; ``\\ufffd NUL`` is a lost Latin-1 letter);
- ``NUL`` alone    -> nothing (alignment debris);
- ``lo hi`` pair   -> ``chr(hi << 8 | lo)`` ("\\x19 " -> U+2019, "\\x1c " -> U+201C);
- ``\\ufffd`` + space -> "€" (the only common character U+2080-U+20FF in these texts).

A lost Latin-1 character between two words that the document also uses on their own
("Sri\\ufffdLanka", "No.\\ufffd2416") was a no-break space; elsewhere ("Rodr\\ufffdguez")
it was a letter that cannot be recovered and stays U+FFFD.
"""

from __future__ import annotations

import re

NUL = "\x00"
LOST = "\ufffd"
EURO = "\u20ac"
_LOST_LATIN1 = "\ue000"  # private-use placeholder while the whole text is repaired
_WORD_RE = re.compile(r"[^\W_]+")
_PLACEHOLDER_RE = re.compile(rf"(\S*?)({_LOST_LATIN1})(\S*)")


def looks_mis_decoded(text: str) -> bool:
    """More than one character in ten is NUL: the UTF-16LE-as-bytes defect."""
    return bool(text) and text.count(NUL) * 10 > len(text)


def _repair_pairs(text: str) -> str:
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        nxt = text[i + 1] if i + 1 < n else NUL
        if ch == NUL:
            i += 1
            continue
        if nxt == NUL:
            out.append(_LOST_LATIN1 if ch == LOST else ch)
            i += 2
            continue
        if ch == LOST and nxt == " ":
            out.append(EURO)
        elif ch == LOST and i < 2:
            pass  # the byte-order mark
        elif ch != LOST and nxt != LOST and ord(ch) < 256 and ord(nxt) < 256:
            code = (ord(nxt) << 8) | ord(ch)
            out.append(chr(code) if code < 0xD800 else LOST)
        else:
            out.append(LOST)
        i += 2
    return "".join(out)


def _resolve_lost(text: str) -> str:
    clean = re.sub(rf"\S*{_LOST_LATIN1}\S*", " ", text)
    vocabulary = {w.casefold() for w in _WORD_RE.findall(clean)}

    def known(word: str, *, min_len: int = 1) -> bool:
        return word.isdigit() or (len(word) >= min_len and word.casefold() in vocabulary)

    def fix(match: re.Match[str]) -> str:
        left, _, right = match.groups()
        lw = (_WORD_RE.findall(left) or [""])[-1] if left and left[-1].isalnum() else ""
        rw = (_WORD_RE.findall(right) or [""])[0] if right and right[0].isalnum() else ""
        left_ok = bool(left) and (not lw or known(lw))
        right_ok = bool(right) and (not rw or known(rw))
        # Both neighbours are words of the document, or one is a real (3+ letter) word.
        if (left_ok and right_ok) or (
            left and right and (known(lw, min_len=3) or known(rw, min_len=3))
        ):
            return f"{left} {right}"
        return f"{left}{LOST}{right}"

    previous = None
    while previous != text:
        previous = text
        text = _PLACEHOLDER_RE.sub(fix, text, count=0)
    return text


def repair(text: str) -> str:
    """The readable text of a UTF-16LE-as-bytes string; other text is returned unchanged."""
    if not looks_mis_decoded(text):
        return text
    return _resolve_lost(_repair_pairs(text))
