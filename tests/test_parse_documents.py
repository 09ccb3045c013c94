"""PDF, DOCX and dispatch on real documents: reading order, furniture, Arabic, and clear
errors for damaged files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from scrapers.parse import (
    DocumentError,
    MissingToolError,
    parse_document,
    parse_docx,
    parse_pdf,
)
from scrapers.parse.pdf_text import pdftotext_pages, pypdf_pages
from scrapers.parse.textclean import BIDI_CONTROLS, normalize_line
from tests.fixtures.support.golden import check_golden
from tests.fixtures.support.shared_data import FIXTURES, shared

WG_REPORTS = "upr-info-export-terman/ohchr-upr-wg-reports-2008-2014"
SLOVENIA = "slovenia-upr-un-documents"
ARABIC_PDF = FIXTURES / "arabic" / "seed001_ar.pdf"
SEED_001 = "seeds/001_4fdd1fae3bf9ca6c.txt"
FURNITURE_RE = re.compile(r"GE\.\d{2}-\d{5}|A/HRC/59/15(?!/Add)|Please recycle")


def test_english_report_paragraphs_in_order_without_page_furniture() -> None:
    paragraphs = parse_pdf(shared(f"{SLOVENIA}/4thcycleunoriginal/g2502644.pdf"))
    numbers = [p.number for p in paragraphs if p.number and "." not in p.number]
    assert numbers == [str(n) for n in range(1, 142)]
    assert not [p.text for p in paragraphs if FURNITURE_RE.search(p.text)]
    recs = [p for p in paragraphs if p.number and p.number.startswith("140.")]
    assert [p.number for p in recs] == [f"140.{n}" for n in range(1, 255)]
    # 140.9 ends a page; 140.10 starts the next one after the running header.
    by_number = {p.number: p for p in paragraphs}
    assert by_number["140.9"].page == 11 and by_number["140.10"].page == 12
    assert by_number["140.9"].text.endswith("(Rwanda);")
    # Footnote markers glued to the text are gone ("paragraph 15 (a);1").
    assert by_number["3"].text.count("(a);") == 1 and ";1" not in by_number["3"].text
    check_golden(
        "pdf_a_hrc_59_15_pages_1_3",
        [p.to_dict() for p in paragraphs if p.page is not None and p.page <= 3],
    )


def test_compound_recommendation_reads_in_order_across_a_page_break() -> None:
    paragraphs = parse_pdf(shared(f"{WG_REPORTS}/canada2009.pdf"))
    item = next(p for p in paragraphs if p.text.startswith("Recognize the justiciability"))
    assert item.number == "10"
    assert "in domestic courts (Pakistan); grant the same importance" in item.text
    item8 = next(p for p in paragraphs if p.text.startswith("Consider positively ratifying"))
    assert item8.text == (
        "Consider positively ratifying (Mexico)/adhere to the American Convention on Human "
        "Rights (Mexico, Brazil);"
    )


def test_arabic_pdf_reading_order_numbers_and_headings() -> None:
    paragraphs = parse_pdf(ARABIC_PDF)
    assert not any(c in p.text for p in paragraphs for c in BIDI_CONTROLS)
    numbered = [p for p in paragraphs if p.number]
    assert [p.number for p in numbered] == [str(n) for n in range(1, len(numbered) + 1)]
    assert len(numbered) >= 9
    assert numbered[0].heading == "أولاً - مقدمة"
    assert any(p.heading == "ثانيا - البيان الافتتاحي" for p in numbered)
    seed = shared(SEED_001).read_text(encoding="utf-8")
    seed_para_1 = seed[seed.index("١ - طلب") + len("١ - ") :].split("\n")[0]
    # The first 90 characters match the seed text exactly: words, digits and commas in
    # logical order ("في قراره ٢٥/٣٠، إلى").
    assert numbered[0].text[:90] == seed_para_1[:90]
    assert not any("GE.16-22402" in p.text or "A/HRC/34/5" in p.text for p in paragraphs)
    check_golden("pdf_arabic_seed001", [p.to_dict() for p in paragraphs])


def test_pypdf_backend_works_without_poppler() -> None:
    paragraphs = parse_pdf(shared(f"{SLOVENIA}/4thcycleunoriginal/g2502644.pdf"), backend="pypdf")
    numbers = {p.number for p in paragraphs}
    assert {"1", "140", "140.254", "141"} <= numbers


def test_missing_pdftotext_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(MissingToolError, match="poppler-utils"):
        parse_pdf(shared(f"{WG_REPORTS}/fiji2010.pdf"))


def test_truncated_pdf_names_the_file(tmp_path: Path) -> None:
    original = shared(f"{WG_REPORTS}/fiji2010.pdf").read_bytes()
    for share in (0.05, 0.5, 0.97):
        broken = tmp_path / f"fiji2010-cut-{share}.pdf"
        broken.write_bytes(original[: int(len(original) * share)])
        with pytest.raises(DocumentError) as err:
            parse_pdf(broken)
        assert broken.name in str(err.value)
        assert "truncated" in str(err.value)
        with pytest.raises(DocumentError):
            parse_pdf(broken, backend="pypdf")


def test_garbage_pdf_and_real_damaged_pdfs(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100 + b"\n%%EOF\n")
    with pytest.raises(DocumentError, match=re.escape("garbage.pdf")):
        parse_pdf(garbage)
    # Shipped in the shared data: g0917123.pdf has no page tree; the High Commissioner's
    # letter is a scan without a text layer.
    with pytest.raises(DocumentError, match=re.escape("g0917123.pdf")):
        parse_pdf(shared(f"{SLOVENIA}/1stcyycleunoriginal/g0917123.pdf"))
    with pytest.raises(DocumentError, match="no text layer"):
        parse_pdf(shared(f"{SLOVENIA}/3rdcycleunoriginal/Letter-OHCHR-HC-Slovenia.pdf"))


def test_garbage_and_truncated_docx_name_the_file(tmp_path: Path) -> None:
    garbage = tmp_path / "matrix.docx"
    garbage.write_bytes(b"this is not a zip archive at all")
    with pytest.raises(DocumentError, match=re.escape("matrix.docx")):
        parse_docx(garbage)
    original = shared("cehdi-upr-misc/EgyptMatriceRecommendations.docx").read_bytes()
    truncated = tmp_path / "EgyptMatrice-cut.docx"
    truncated.write_bytes(original[: len(original) // 2])
    with pytest.raises(DocumentError, match=re.escape("EgyptMatrice-cut.docx")):
        parse_docx(truncated)
    with pytest.raises(DocumentError, match=re.escape("legacy binary .doc")):
        parse_document(shared("cehdi-upr-misc/EgyptMatriceRecommendations.doc"))


def test_a_batch_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    batch = [
        shared(f"{WG_REPORTS}/fiji2010.pdf"),
        bad,
        FIXTURES / "co" / "E_C.12_AUS_CO_6_paras_3-17.txt",
    ]
    parsed: dict[str, int] = {}
    failed: dict[str, str] = {}
    for path in batch:
        try:
            parsed[path.name] = len(parse_document(path))
        except DocumentError as exc:
            failed[path.name] = str(exc)
    assert set(parsed) == {"fiji2010.pdf", "E_C.12_AUS_CO_6_paras_3-17.txt"}
    assert list(failed) == ["bad.docx"] and "bad.docx" in failed["bad.docx"]


def test_docx_tables_become_paragraph_rows() -> None:
    paragraphs = parse_docx(
        shared(f"{SLOVENIA}/4thcycleunoriginal/upr48-slovenia-thematic-list-of-recommendatio.docx")
    )
    rows = [p for p in paragraphs if p.text.startswith("Ratify the Optional Protocol")]
    first = next(p for p in paragraphs if p.number == "140.7")
    assert first.text.startswith("Ratify the Optional Protocol to the International Covenant")
    assert " | Supported | " in first.text
    assert rows


def test_backend_measurements_behind_the_choice_of_extractor() -> None:
    """The evidence for pdf_text's choice, kept executable: -raw for English, the default
    (bidi-aware) mode for Arabic, pypdf only as a fallback."""
    canada = shared(f"{WG_REPORTS}/canada2009.pdf")
    raw = " ".join(normalize_line(x) for x in pdftotext_pages(canada, raw=True)[15].splitlines())
    default = pdftotext_pages(canada, raw=False)[15]
    with_pypdf = pypdf_pages(canada)[15]
    assert "adhere to the American" in raw
    assert "adhere to the American" not in default  # justified line broken into blocks
    assert "recommendations were made" in raw
    assert "recommenda tions" in with_pypdf  # words split

    arabic_default = " ".join(
        normalize_line(x) for x in pdftotext_pages(ARABIC_PDF, raw=False)[0].splitlines()
    )
    arabic_raw = " ".join(
        normalize_line(x) for x in pdftotext_pages(ARABIC_PDF, raw=True)[0].splitlines()
    )
    arabic_pypdf = pypdf_pages(ARABIC_PDF)[0]
    assert "طلب مجلس حقوق الإنسان" in arabic_default
    assert "طلب مجلس حقوق" not in arabic_raw  # visual order: the line reads backwards
    assert "في قراره ٢٥/٣٠" in arabic_default
    assert "٢٥/٣٠" not in arabic_pypdf  # digit runs reversed
