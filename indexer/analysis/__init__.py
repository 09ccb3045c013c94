"""Text analysis shared by every backend.

Both backends index the terms produced here, so a query ranks the same way on a
laptop and on a cluster, and a test of analysis is a test of both.
"""

from indexer.analysis.analyzer import (
    SUPPORTED_LANGUAGES,
    AnalysedText,
    Token,
    analyse,
    analyse_query_word,
    stem_term,
    token_terms,
)
from indexer.analysis.langid import detect_language
from indexer.analysis.normalize import clean_text, fold

__all__ = [
    "SUPPORTED_LANGUAGES",
    "AnalysedText",
    "Token",
    "analyse",
    "analyse_query_word",
    "clean_text",
    "detect_language",
    "fold",
    "stem_term",
    "token_terms",
]
