"""Text analysis: normalisation, tokenisation, stemming, language detection.

The same analysis feeds both backends, so these are tests of both.
"""

from __future__ import annotations

import pytest

from indexer.analysis import analyse, analyse_query_word, clean_text, detect_language, fold
from indexer.analysis.analyzer import strip_arabic_clitics, tokenize
from indexer.analysis.normalize import fold_term


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("أحمد", "احمد"),
        ("إنسان", "انسان"),
        ("آمنة", "امنة"),
        ("ٱلله", "الله"),
        ("على", "علي"),
        ("مسؤولية", "مسءولية"),
        ("مسئولية", "مسءولية"),
        ("العـــربية", "العربية"),  # tatweel
        ("التَّعْذِيبُ", "التعذيب"),  # tashkeel
        ("١٨/١٤", "18/14"),
        ("۲۰۲۳", "2023"),  # Persian digits
        ("Sécurité", "sécurité"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_taa_marbuta_and_accents_fold_after_stemming() -> None:
    assert fold_term("مدرسة") == "مدرسه"
    assert fold_term("détention") == "detention"


def test_clean_text_removes_bidi_controls_and_presentation_forms() -> None:
    text = "\u202bحقوق\u202c \u200fالإنسان\u200e\x00  ﻻ"
    assert clean_text(text) == "حقوق الإنسان لا"


def test_tokens_split_between_scripts_and_digits() -> None:
    surfaces = [s for _, _, s in tokenize("١٨/١٤قراره 2010سبتمبر abcعربي")]
    assert surfaces == ["١٨", "١٤", "قراره", "2010", "سبتمبر", "abc", "عربي"]


@pytest.mark.parametrize(
    ("word", "stripped"),
    [("والمؤسسات", "مؤسسات"), ("بالتعذيب", "تعذيب"), ("للتعذيب", "تعذيب"), ("وزارة", "وزارة")],
)
def test_arabic_clitics_with_article(word: str, stripped: str) -> None:
    assert strip_arabic_clitics(fold(word)) == fold(stripped)


def test_arabic_variants_share_stems() -> None:
    variants = ["المؤسسات", "والمؤسسات", "مؤسسات", "بالمؤسسات"]
    stems = {analyse(v, "ar").stems[0] for v in variants}
    assert len(stems) == 1
    assert analyse("الإنسان", "ar").stems == analyse("الانسان", "ar").stems
    assert analyse("مسؤولية", "ar").stems == analyse("مسئولية", "ar").stems


def test_exact_field_is_unstemmed_but_normalised() -> None:
    analysed = analyse("Les détenus", "fr")
    assert analysed.exact == ["les", "detenus"]
    assert analysed.stems[1] != analysed.exact[1] or analysed.stems[1] == "detenus"


def test_offsets_point_into_the_original_text() -> None:
    text = "La tortura, en detención."
    for token in analyse(text, "es").tokens:
        assert text[token.start : token.end].lower().startswith(token.exact[:2])


def test_query_words_are_stemmed_in_every_latin_language() -> None:
    exact, stems = analyse_query_word("detención")
    assert exact == "detencion"
    # Spanish stem plus the English/French treatment of the same word.
    assert "detencion" in stems
    _, en = analyse_query_word("detained")
    assert analyse("The author was detained", "en").stems[-1] in en


def test_documents_and_queries_meet_on_stems() -> None:
    doc = set(analyse("Les personnes détenues ont été torturées", "fr").stems)
    _, query = analyse_query_word("torturées")
    assert doc & query


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The Committee recommends that the State party ensure prompt investigations.", "en"),
        ("Le Comité recommande à l'État partie de garantir des enquêtes rapides.", "fr"),
        ("El Comité recomienda al Estado parte que garantice investigaciones prontas.", "es"),
        ("توصي اللجنة الدولة الطرف بضمان إجراء تحقيقات فورية.", "ar"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_language_detection_is_deterministic_and_restricted() -> None:
    text = "Der Ausschuss empfiehlt dem Vertragsstaat"  # German: not one of ours
    first = detect_language(text)
    assert first in {"en", "fr", "es", "ar", None}
    assert all(detect_language(text) == first for _ in range(5))
    assert detect_language("12345 ...") is None
