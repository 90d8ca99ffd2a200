"""Search: accent-insensitive matching, ranking and the misspelling fallback.

Every query is folded by the same fold() that built Product.search_text, so "YẾN SÀO",
"yen sao" and "yến" meet the same words. Matching is word-prefix and in any order (FTS5 on
SQLite, LIKE on a trigram-indexed column on PostgreSQL); ranking is one portable SQL score:
a whole word of the name beats a prefix of the name, which beats the description.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, func, literal, literal_column, or_, select, text

from app.catalog.models import Product
from app.catalog.search_index import FTS_TABLE, capabilities
from app.core.extensions import db
from app.core.text import words

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
MAX_TERM_CHARS = 40
TRIGRAM_THRESHOLD = 0.45


@dataclass(frozen=True)
class Plan:
    """How to find and order the products of one query."""

    condition: ColumnElement[bool]
    score: ColumnElement
    approximate: bool = False
    corrected: str | None = None


def query_terms(query: str) -> list[str]:
    """The folded, distinct words of a shopper's query (at most 8, each at most 40 letters)."""
    terms: list[str] = []
    for word in words((query or "")[:MAX_QUERY_CHARS]):
        word = word[:MAX_TERM_CHARS]
        if word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def _doc():
    return Product.search_text


def exact_plan(terms: list[str], *, corrected: str | None = None) -> Plan:
    """Every term must start a word of the product's text."""
    if capabilities().fts5:
        expression = " ".join(f'"{term}"*' for term in terms)
        rowids = select(literal_column("rowid")).select_from(text(FTS_TABLE))
        rowids = rowids.where(text(f"{FTS_TABLE} MATCH :fts").bindparams(fts=expression))
        condition = Product.id.in_(rowids)
    else:
        condition = and_(*(_doc().like(f"% {term}%") for term in terms))
    return Plan(condition, relevance(terms), approximate=corrected is not None, corrected=corrected)


def relevance(terms: list[str]) -> ColumnElement:
    """A score: whole word of the name 8, prefix of the name 4, whole word elsewhere 2, else 1."""
    doc = _doc()
    parts = [
        case((doc.like(f"% {t} %|%"), 8), (doc.like(f"% {t}%|%"), 4), (doc.like(f"% {t} %"), 2), else_=1) for t in terms
    ]
    if len(terms) > 1:
        parts.append(case((doc.like(f"% {' '.join(terms)}%|%"), 6), else_=0))
    return sum(parts[1:], parts[0])


def trigram_plan(terms: list[str]) -> Plan:
    """PostgreSQL with pg_trgm: each term starts a word or is similar enough to one."""
    doc = _doc()
    similarity = [func.word_similarity(literal(t), doc) for t in terms]
    pairs = zip(terms, similarity, strict=True)
    condition = and_(*(or_(doc.like(f"% {t}%"), s >= TRIGRAM_THRESHOLD) for t, s in pairs))
    return Plan(condition, sum(similarity[1:], similarity[0]), approximate=True)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance between a and b, or limit + 1 when it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(term: str) -> int:
    """How many typos a word may hold and still be corrected: one from 3 letters, two from 7."""
    return 0 if len(term) < 3 else 1 if len(term) < 7 else 2


def _closest(term: str, vocabulary: list[str]) -> str | None:
    """The nearest word within the allowed typos (short words must keep their first letter)."""
    limit = allowed_typos(term)
    candidates = [w for w in vocabulary if len(term) > 3 or w[:1] == term[:1]] if limit else []
    distance, word = min(((edit_distance(term, w, limit), w) for w in candidates), default=(limit + 1, ""))
    return word if distance <= limit else None


def _split(term: str, vocabulary: set[str]) -> list[str] | None:
    """Two words typed together ("dongtrung") when both halves are words of the catalog."""
    for cut in range(2, len(term) - 1):
        if term[:cut] in vocabulary and term[cut:] in vocabulary:
            return [term[:cut], term[cut:]]
    return None


def correct(terms: list[str], vocabulary: Iterable[str]) -> list[str]:
    """Replace each term no word starts with by the closest word; drop terms beyond repair."""
    known = set(vocabulary)
    ordered = sorted(known)
    fixed: list[str] = []
    for term in terms:
        if any(word.startswith(term) for word in ordered):
            fixed.append(term)
        elif (parts := _split(term, known)) is not None:
            fixed.extend(parts)
        elif (word := _closest(term, ordered)) is not None:
            fixed.append(word)
    return fixed


def name_vocabulary(visible) -> set[str]:
    """The folded words of the names of the products a shopper may see (one query)."""
    names = db.session.scalars(visible.with_only_columns(Product.name))
    return {word for name in names for word in words(name)}


def fallback_plan(terms: list[str], visible) -> Plan | None:
    """A second chance for a query that found nothing: trigram similarity or corrected words."""
    if capabilities().trigram:
        return trigram_plan(terms)
    fixed = correct(terms, name_vocabulary(visible))
    if not fixed or fixed == terms:
        return None
    return exact_plan(fixed, corrected=" ".join(fixed))
