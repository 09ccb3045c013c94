"""Query-side stop words. The index keeps every word (phrases need them); a query
drops these unless it consists of nothing else."""

from __future__ import annotations

from indexer.analysis.normalize import fold, fold_term

_EN = ["a", "an", "and", "are", "as", "at", "be", "been", "by", "for", "from", "has", "have", "in", "into", "is", "it", "its", "of", "on", "or", "that", "the", "their", "there", "these", "this", "those", "to", "was", "were", "will", "with", "which", "who", "whom", "whose", "what", "when", "where", "how", "all", "any", "also", "than", "then", "such", "shall", "should", "would", "could", "may", "might", "must", "not", "no", "nor", "so"]
_FR = ["au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux", "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais", "me", "meme", "mes", "moi", "mon", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "c", "d", "j", "l", "m", "n", "s", "t", "y", "ete", "etre", "est", "sont", "a"]
_ES = ["a", "al", "algo", "como", "con", "contra", "cual", "de", "del", "desde", "donde", "el", "ella", "ellas", "ellos", "en", "entre", "era", "es", "esa", "ese", "eso", "esta", "este", "esto", "estos", "fue", "ha", "han", "hasta", "la", "las", "le", "les", "lo", "los", "mas", "me", "mi", "muy", "no", "nos", "o", "para", "pero", "por", "que", "quien", "se", "ser", "si", "sin", "sobre", "su", "sus", "tambien", "te", "tu", "un", "una", "uno", "unos", "y", "ya"]
_AR = ["في", "من", "على", "الى", "إلى", "عن", "مع", "ان", "أن", "إن", "او", "أو", "ثم", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين", "هو", "هي", "هم", "كما", "قد", "لا", "ما", "لم", "لن", "كل", "بين", "عند", "حتى", "بعد", "قبل", "ضد", "دون", "غير", "و", "ف", "ب", "ل", "ك"]

STOPWORDS: frozenset[str] = frozenset(fold_term(fold(w)) for w in _EN + _FR + _ES + _AR)


def is_stopword(exact_term: str) -> bool:
    return exact_term in STOPWORDS
