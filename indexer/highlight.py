"""Highlighting in our code, from our analysis, so both backends mark the same words.

A token is marked when its stem or its exact form is one of the query's terms;
the snippet is the window of the text with the most marked tokens.
"""

from __future__ import annotations

import html
from collections.abc import Set

from indexer.analysis import token_terms

SNIPPET_CHARS = 320
MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


def marked_spans(
    text: str, lang: str, terms: Set[str], phrases: Set[tuple[str, ...]] = frozenset()
) -> list[tuple[int, int]]:
    """Character spans of matched tokens: single terms, or whole phrase occurrences."""
    if not terms and not phrases:
        return []
    tokens = token_terms(text, lang)
    hit = [exact in terms or stem in terms for _, _, exact, stem in tokens]
    if phrases:
        # A phrase can only start where its first word is: check those positions only
        # (a query translated into four languages brings dozens of phrases, and a
        # decision's paragraph has hundreds of tokens).
        firsts = {phrase[0] for phrase in phrases if phrase}
        starts: dict[str, list[int]] = {}
        for i, (_, _, exact, stem) in enumerate(tokens):
            if stem in firsts:
                starts.setdefault(stem, []).append(i)
            if exact != stem and exact in firsts:
                starts.setdefault(exact, []).append(i)
        for phrase in phrases:
            n = len(phrase)
            if n == 0:
                continue
            for i in starts.get(phrase[0], ()):
                if i + n <= len(tokens) and all(
                    tokens[i + j][3] == p or tokens[i + j][2] == p for j, p in enumerate(phrase)
                ):
                    for j in range(n):
                        hit[i + j] = True
    return [(start, end) for (start, end, _, _), h in zip(tokens, hit, strict=True) if h]


def highlight(
    text: str,
    lang: str,
    terms: Set[str],
    phrases: Set[tuple[str, ...]] = frozenset(),
    max_chars: int = SNIPPET_CHARS,
) -> str:
    """An HTML-escaped snippet of `text` with matched words in <mark>."""
    spans = marked_spans(text, lang, terms, phrases)
    start, end = _best_window(text, spans, max_chars)
    out: list[str] = ["…" if start > 0 else ""]
    cursor = start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(html.escape(text[cursor:s]))
        out.append(MARK_OPEN + html.escape(text[s:e]) + MARK_CLOSE)
        cursor = e
    out.append(html.escape(text[cursor:end]))
    if end < len(text):
        out.append("…")
    return "".join(out)


def _best_window(text: str, spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    if len(text) <= width:
        return 0, len(text)
    if not spans:
        return 0, _cut_at_space(text, width)
    best_i, best_count, j = 0, 0, 0
    for i, (s, _) in enumerate(spans):
        while j < len(spans) and spans[j][1] - s <= width:
            j += 1
        if j - i > best_count:
            best_i, best_count = i, j - i
    first = spans[best_i][0]
    start = max(0, first - width // 6)
    if start > 0:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and start - space < 30 else start
    end = min(len(text), start + width)
    end = _cut_at_space(text, end) if end < len(text) else end
    return start, end


def _cut_at_space(text: str, end: int) -> int:
    space = text.rfind(" ", 0, end)
    return space if space > end - 30 and space > 0 else end
