"""Document parsers: PDF, DOCX, HTML and text to numbered paragraphs, and on top of them
the structured parsers for UPR reports, thematic lists and matrices, concluding
observations and decisions on individual communications.

Every parser raises ``DocumentError`` (naming the file) for a document it cannot read, so
a batch can record the failure and go on.
"""

from scrapers.parse.communication_decision import (
    Decision,
    DecisionParagraph,
    parse_decision_text,
)
from scrapers.parse.concluding_observations import (
    CoParagraph,
    concluding_observations,
    parse_concluding_observations,
)
from scrapers.parse.documents import parse_document, sniff_format
from scrapers.parse.docx_text import docx_tables, parse_docx
from scrapers.parse.encoding_repair import repair_utf16_misdecoding
from scrapers.parse.errors import DocumentError, MissingToolError
from scrapers.parse.html_text import parse_html
from scrapers.parse.paragraph import Paragraph
from scrapers.parse.pdf_text import parse_pdf
from scrapers.parse.plain_text import parse_text
from scrapers.parse.upr_common import UprRecommendation
from scrapers.parse.upr_matrix import parse_upr_matrix
from scrapers.parse.upr_thematic_list import parse_upr_thematic_list
from scrapers.parse.upr_wg_report import WgReport, parse_upr_wg_report

__all__ = [
    "CoParagraph",
    "Decision",
    "DecisionParagraph",
    "DocumentError",
    "MissingToolError",
    "Paragraph",
    "UprRecommendation",
    "WgReport",
    "concluding_observations",
    "docx_tables",
    "parse_concluding_observations",
    "parse_decision_text",
    "parse_document",
    "parse_docx",
    "parse_html",
    "parse_pdf",
    "parse_text",
    "parse_upr_matrix",
    "parse_upr_thematic_list",
    "parse_upr_wg_report",
    "repair_utf16_misdecoding",
    "sniff_format",
]
