"""Character repair, paragraph numbers, headings and line joining, on snippets of real
documents (quoted from the shared PDFs, seeds and JSON records)."""

from __future__ import annotations

import pytest

from scrapers.parse import parse_html, parse_text, repair_utf16_misdecoding
from scrapers.parse.segment import Line, build_vocabulary, join_lines, segment_lines, split_number
from scrapers.parse.textclean import (
    BIDI_CONTROLS,
    ascii_digits,
    normalize_line,
    strip_bidi,
    strip_trailing_footnote_ref,
)

# pdftotext (default mode) on the Arabic fixture: RLE/LRE/PDF around every direction change.
ARABIC_RAW = (
    "\u202b\u202a - ١\u202cطلب مجلس حقوق الإنسان\u202a ،\u202c في قراره \u202a ،٢٥/٣٠\u202cإلى"
)


def test_bidi_controls_are_stripped_and_neutral_runs_put_back_in_reading_order() -> None:
    line = normalize_line(ARABIC_RAW)
    assert not any(c in line for c in BIDI_CONTROLS)
    assert line.startswith("١ - طلب مجلس حقوق الإنسان")
    assert "في قراره ٢٥/٣٠، إلى" in line
    assert strip_bidi("\u200eA/HRC/34/5\u200f\u2066x\u2069") == "A/HRC/34/5x"


def test_latin_runs_inside_arabic_are_kept_as_they_are() -> None:
    assert normalize_line("\u202b\u202aA/HRC/34/5\u202c\u202c") == "A/HRC/34/5"


def test_presentation_forms_ligatures_and_spaces() -> None:
    assert normalize_line("\ufefb") == "لا"  # lam-alef presentation form
    assert normalize_line("e\ufb03cient\u00a0measures") == "efficient measures"
    assert normalize_line("أيضا ً إلى") == "أيضاً إلى"  # detached tanween
    assert normalize_line("the Committee ’ s general comment") == "the Committee’s general comment"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("(Chile);2", "(Chile);"),
        ("Commissioner for Human Rights (OHCHR) in accordance with paragraph 15 (b);2",
         "Commissioner for Human Rights (OHCHR) in accordance with paragraph 15 (b);"),
        ("(c) A summary prepared by OHCHR in accordance with paragraph 15 (c).3",
         "(c) A summary prepared by OHCHR in accordance with paragraph 15 (c)."),
        ("see paragraph 5.1", "see paragraph 5.1"),
        ("held on 28 January 2025.", "held on 28 January 2025."),
    ],
)  # fmt: skip
def test_footnote_references_glued_to_line_ends(line: str, expected: str) -> None:
    assert strip_trailing_footnote_ref(line) == expected


@pytest.mark.parametrize(
    ("text", "number", "rest"),
    [
        ("140.7 Ratify the Optional Protocol", "140.7", "Ratify the Optional Protocol"),
        ("96.1. Sign the Optional Protocol", "96.1", "Sign the Optional Protocol"),
        ("12. The Committee recommends", "12", "The Committee recommends"),
        ("1.1The complainant is", "1.1", "The complainant is"),
        ("3.The Committee welcomes", "3", "The Committee welcomes"),
        ("١ - طلب مجلس حقوق الإنسان", "1", "طلب مجلس حقوق الإنسان"),
        ("٢٥ - يطلب إلى المفوضية", "25", "يطلب إلى المفوضية"),
        ("24 March 2025", None, "24 March 2025"),
        ("3 February 2009. The delegation", None, "3 February 2009. The delegation"),
        ("3.5 per cent of the budget", None, "3.5 per cent of the budget"),
        ("2009. The review", None, "2009. The review"),
    ],
)
def test_paragraph_numbers(text: str, number: str | None, rest: str) -> None:
    assert split_number(text) == (number, rest)


def test_arabic_indic_digits_become_ascii() -> None:
    assert ascii_digits("١٤٠٫٧ و۱۲") == "140٫7 و12"


def test_line_end_hyphens_are_kept_for_compounds_and_dropped_for_split_words() -> None:
    vocab = build_vocabulary(["the recommendations", "non-refoulement", "awareness-raising"])
    assert join_lines(["principle of non-", "refoulement (Czech Republic);"], vocab) == (
        "principle of non-refoulement (Czech Republic);"
    )
    assert join_lines(["follow-up to the recommen-", "dations"], vocab) == (
        "follow-up to the recommendations"
    )
    assert join_lines(["a soft\u00ad", "hyphen"], vocab) == "a softhyphen"
    joined = join_lines(["States:", "(a) A national report"], vocab)
    assert joined == "States:\n(a) A national report"


def test_paragraphs_join_across_lines_and_pages_under_their_heading() -> None:
    # Lines as they come out of A/HRC/11/17 (Canada), pages 16-17, furniture removed.
    lines = [
        Line("II. Conclusions and/or recommendations", 16),
        Line("86. In the course of the discussion, the following recommendations were made to", 16),
        Line("Canada:", 16),
        Line("10. Recognize the justiciability of social, economic and cultural rights, in", 16),
        Line("enforcement of economic, social and cultural rights in domestic courts", 16),
        Line("(Pakistan); grant the same importance to and treat equally civil,", 17),
        Line("levels (Mexico);", 17),
        Line("88. All conclusions and/or recommendations contained in the present report", 22),
        Line("should not be construed as endorsed by the Working Group as a whole.", 22),
        Line("Composition of the delegation", 23),
        Line("The delegation of Canada was headed by Mr. John Sims.", 23),
    ]
    paragraphs = segment_lines(lines)
    assert [(p.number, p.page, p.heading) for p in paragraphs] == [
        ("86", 16, "II. Conclusions and/or recommendations"),
        ("10", 16, "II. Conclusions and/or recommendations"),
        ("88", 22, "II. Conclusions and/or recommendations"),
        (None, 23, "Composition of the delegation"),
    ]
    assert paragraphs[1].text.endswith("domestic courts (Pakistan); grant the same importance to "
                                       "and treat equally civil, levels (Mexico);")  # fmt: skip
    assert [p.index for p in paragraphs] == [0, 1, 2, 3]


def test_wrapped_lines_are_not_mistaken_for_titles() -> None:
    # From A/HRC/WG.6/7/SVN/3: pdftotext breaks lines at footnote superscripts.
    lines = [
        Line("Same-Sex Partnership in the Parliament.", 3),
        Line("In 2006, the European Commission against Racism", 3),
        Line("and Intolerance (CoE-ECRI) strongly recommended that Slovenia introduce", 3),
        Line("In 2005, the", 4),
        Line("CoE-Commissioner welcomed the reforms made so far.", 4),
    ]
    assert all(p.heading is None for p in segment_lines(lines))


def test_plain_text_with_blank_lines_and_glued_numbers() -> None:
    text = (
        "The facts as presented by the complainant\n\n"
        "2.1The complainant submits that if returned to Sri Lanka she will be subjected to\n"
        "torture.\n\n"
        "The complaint\n\n"
        "3. The complainant contends that if deported she would face detention.\n"
    )
    paragraphs = parse_text(text)
    assert [(p.number, p.heading) for p in paragraphs] == [
        ("2.1", "The facts as presented by the complainant"),
        ("3", "The complaint"),
    ]
    assert paragraphs[0].text.endswith("subjected to torture.")


def test_html_blocks_headings_and_entities() -> None:
    html = (
        "<html><head><style>p{}</style><script>x()</script></head><body>"
        "<h2>Climate change</h2><p>10.&nbsp;The Committee welcomes the adoption of the"
        " Climate Change Act 2022.</p><p>11. The Committee recommends that the State Party:"
        "<br>(a) Take all measures necessary;</p></body></html>"
    )
    paragraphs = parse_html(html)
    assert [(p.number, p.heading) for p in paragraphs] == [
        ("10", "Climate change"),
        ("11", "Climate change"),
    ]
    assert paragraphs[1].text == (
        "The Committee recommends that the State Party:\n(a) Take all measures necessary;"
    )
    assert parse_html(html.encode("utf-8")) == paragraphs


def test_utf16_misdecoded_text_is_repaired() -> None:
    original = "Committee\u2019s \u201cview\u201d\r\n1.1The complainant"
    broken = "\ufffd\ufffd" + "".join(chr(b) for b in original.encode("utf-16-le")).replace(
        "\x00\r", "\x00\x00\r"
    )  # a stray NUL, as in the real records
    assert repair_utf16_misdecoding(broken) == original
    assert repair_utf16_misdecoding("plain text") == "plain text"
