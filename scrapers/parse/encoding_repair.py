"""Repair of text that was UTF-16LE but got decoded as a single-byte/UTF-8 stream.

OHCHR-Juris records (legal-sources-samples/UN/OHCHR-Juris) hold such text: a replacement
character for the byte-order mark, then every character followed by a NUL, with a few
stray NULs that shift the alignment, and non-ASCII characters split into their two bytes
("’" U+2019 arrives as "\\x19" + " "). Re-pairing the bytes, resynchronising on stray NULs,
gives the original text back; bytes that the first decoder already replaced (U+FFFD) are
lost and stay U+FFFD.
"""

from __future__ import annotations

NUL = "\x00"
REPLACEMENT = "\ufffd"
MIN_NUL_SHARE = 0.3


def looks_utf16_misdecoded(text: str) -> bool:
    """Many NULs: a sign that UTF-16 bytes were read as 8-bit text."""
    return len(text) > 8 and text.count(NUL) >= MIN_NUL_SHARE * len(text)


def repair_utf16_misdecoding(text: str) -> str:
    """Re-pair the low/high bytes of each UTF-16LE code unit; leave clean text unchanged."""
    if not looks_utf16_misdecoded(text):
        return text
    i = 0
    while i < len(text) and text[i] in (REPLACEMENT, "\ufeff", "\xff", "\xfe"):
        i += 1
    out: list[str] = []
    n = len(text)
    while i < n:
        low = text[i]
        high = text[i + 1] if i + 1 < n else NUL
        if high == NUL:
            if low != NUL:
                out.append(low)
            i += 2
        elif low == NUL:
            i += 1  # a stray NUL: resynchronise on the next character
        elif ord(low) < 0x100 and ord(high) < 0x100:
            out.append(chr(ord(high) << 8 | ord(low)))
            i += 2
        else:
            out.append(low)
            i += 1
    return "".join(out)
