"""Search: accent-insensitive matching that forgives Vietnamese spelling, and its ranking.

Every query is folded by the same fold() that built Product.search_text, so "YẾN SÀO",
"yen sao" and "yến" meet the same words (tone marks typed wrong do not matter). Each term then
gets its alternatives from the vocabulary of indexed words (``search_words``), looked up by
sound stem through an index, never by reading the products:

- words that sound the same (s/x, ch/tr, d/gi/r, c/k/q, i/y, n/ng/nh, t/c/ch: "xao" → "sao");
- when no indexed word starts with the term: words whose last consonant differs or is missing
  ("sat" → "sap"), words one or two typos away ("trumg" → "trung"), two words typed together.

A product must match every term as typed (word prefix) or as one of its alternatives (whole
word), with FTS5 on SQLite and LIKE on a trigram-indexed column on PostgreSQL. Products that
match more terms as typed come first; then a name word beats a description word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, exists, false, literal, literal_column, or_, select, text, union_all

from app.catalog.models import Product, SearchWord
from app.catalog.search_index import FTS_TABLE, capabilities
from app.core.extensions import db
from app.core.text import fold, sound_key, words

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
MAX_TERM_CHARS = 40
MAX_ALTERNATIVES = 6
MAX_TYPO_CANDIDATES = 2000
_LAST = chr(0x10FFFF)  # sorts after every character (SQLite compares UTF-8 bytes)


@dataclass(frozen=True)
class Term:
    """One folded query word: whether indexed words start with it, and what else it may mean."""

    typed: str
    known: bool
    alternatives: tuple[str, ...] = ()

    @property
    def usable(self) -> bool:
        return self.known or bool(self.alternatives)


@dataclass(frozen=True)
class Plan:
    """How to find and order the products of one query."""

    condition: ColumnElement[bool]
    exact: ColumnElement[bool]
    scores: tuple[ColumnElement, ...]  # higher first: terms matched as typed, then relevance()
    terms: tuple[Term, ...]

    @property
    def order(self) -> tuple[ColumnElement, ...]:
        return tuple(score.desc() for score in self.scores)

    @property
    def forgiving(self) -> bool:
        """Whether the plan can find more than the words as typed."""
        return any(t.alternatives or not t.known for t in self.terms)


def query_terms(query: str) -> list[str]:
    """The folded, distinct words of a shopper's query (at most 8, each at most 40 letters)."""
    terms: list[str] = []
    for word in words((query or "")[:MAX_QUERY_CHARS]):
        word = word[:MAX_TERM_CHARS]
        if word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


# --- correcting terms against the vocabulary -------------------------------------------------


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


def sound_alikes(term: str, candidates: Iterable[str], *, known: bool) -> list[str]:
    """Words of the same sound stem: same key always; another last consonant only for unknown terms."""
    key = sound_key(term)[0]
    nearest = sorted({w for w in candidates if w != term}, key=lambda w: (edit_distance(term, w, 9), w))
    same = [w for w in nearest if sound_key(w)[0] == key]
    return same if known else same + [w for w in nearest if w not in same]


def closest(term: str, candidates: Iterable[str]) -> list[str]:
    """The words within the allowed typos, nearest first (all those at the smallest distance)."""
    limit = allowed_typos(term)
    if not limit:
        return []
    scored = sorted((edit_distance(term, w, limit), w) for w in candidates)
    best = scored[0][0] if scored else limit + 1
    return [w for d, w in scored if d == best and d <= limit]


def split_word(term: str, vocabulary: set[str]) -> list[str] | None:
    """Two words typed together ("dongtrung") when both halves are words of the catalog."""
    for cut in range(2, len(term) - 1):
        if term[:cut] in vocabulary and term[cut:] in vocabulary:
            return [term[:cut], term[cut:]]
    return None


def correct(terms: list[str], vocabulary: Iterable[str]) -> list[str]:
    """Each term as a catalog word: kept when a word starts with it, else its best correction;
    terms beyond repair are dropped. (A pure helper: the shop itself asks the index.)"""
    known = set(vocabulary)
    fixed: list[str] = []
    for term in terms:
        stem = sound_key(term)[1]
        if any(word.startswith(term) for word in known):
            fixed.append(term)
        elif alikes := sound_alikes(term, [w for w in known if sound_key(w)[1] == stem], known=False):
            fixed.append(alikes[0])
        elif (parts := split_word(term, known)) is not None:
            fixed.extend(parts)
        elif near := closest(term, [w for w in known if w[:1] == term[:1]]):
            fixed.append(near[0])
    return fixed


def _starting_with(prefix: str) -> ColumnElement[bool]:
    """Vocabulary words beginning with ``prefix``: an index range on SQLite, LIKE elsewhere."""
    if db.engine.dialect.name == "sqlite":
        return and_(SearchWord.word >= prefix, SearchWord.word < prefix + _LAST)
    return SearchWord.word.startswith(prefix, autoescape=True)


def _halves(term: str) -> list[str]:
    return [term[:cut] for cut in range(2, len(term) - 1)] + [term[cut:] for cut in range(2, len(term) - 1)]


def _vocabulary_statement(terms: list[str], stems: dict[str, str]):
    """Everything ``understand`` needs from the vocabulary, as one UNION ALL of indexed look-ups:
    the words of the terms' sound stems; for each term, one word starting with it (is it known?);
    and, only for a term that is neither known nor sounds like any word (the guard is evaluated
    once, before any row is read), the words its halves would be and its typo candidates."""
    branches = [
        select(SearchWord.word, SearchWord.stem, literal("stem").label("kind"), literal("").label("term")).where(
            SearchWord.stem.in_(set(stems.values()))
        )
    ]
    for term in terms:
        first = select(SearchWord.word).where(_starting_with(term)).limit(1).subquery()
        branches.append(select(first.c.word, literal(""), literal("prefix"), literal(term)))
        lost = ~exists().where(_starting_with(term)) & ~exists().where(SearchWord.stem == stems[term])
        if halves := _halves(term):
            branches.append(
                select(SearchWord.word, literal(""), literal("half"), literal(term)).where(
                    SearchWord.word.in_(halves), lost
                )
            )
        if allowed_typos(term):
            near = select(SearchWord.word).where(_starting_with(term[:2]), lost).limit(MAX_TYPO_CANDIDATES).subquery()
            branches.append(select(near.c.word, literal(""), literal("typo"), literal(term)))
    return union_all(*branches)


def understand(terms: list[str]) -> tuple[Term, ...]:
    """Each term with whether it is known and its alternatives, from one statement of indexed look-ups."""
    stems = {t: sound_key(t)[1] for t in terms}
    by_stem: dict[str, list[str]] = {}
    found: dict[tuple[str, str], list[str]] = {}
    for word, stem, kind, term in db.session.execute(_vocabulary_statement(terms, stems)):
        if kind == "stem":
            by_stem.setdefault(stem, []).append(word)
        else:
            found.setdefault((kind, term), []).append(word)
    result: list[Term] = []
    for term in terms:
        known = bool(found.get(("prefix", term)))
        alternatives = sound_alikes(term, by_stem.get(stems[term], []), known=known)
        if not known and not alternatives:
            parts = split_word(term, set(found.get(("half", term), [])))
            if parts is not None:
                result.extend(Term(part, True) for part in parts)
                continue
            candidates = [w for w in found.get(("typo", term), []) if abs(len(w) - len(term)) <= allowed_typos(term)]
            alternatives = closest(term, candidates)
        result.append(Term(term, known, tuple(alternatives[:MAX_ALTERNATIVES])))
    return tuple(result)


# --- the SQL of a query ----------------------------------------------------------------------


def _doc():
    return Product.search_text


def _fts_group(term: Term) -> str:
    options = ([f'"{term.typed}"*'] if term.known else []) + [f'"{word}"' for word in term.alternatives]
    return "(" + " OR ".join(options) + ")"


def _matching(terms: list[Term]) -> ColumnElement[bool]:
    """Every term matches, as typed (a word starts with it) or as an alternative (a whole word)."""
    if not terms:
        return false()
    if capabilities().fts5:
        expression = " AND ".join(_fts_group(term) for term in terms)
        rowids = select(literal_column("rowid")).select_from(text(FTS_TABLE))
        rowids = rowids.where(text(f"{FTS_TABLE} MATCH :fts").bindparams(fts=expression))
        return Product.id.in_(rowids)
    doc = _doc()
    groups = []
    for term in terms:
        options = ([doc.like(f"% {term.typed}%")] if term.known else []) + [
            doc.like(f"% {word} %") for word in term.alternatives
        ]
        groups.append(or_(*options))
    return and_(*groups)


def _exact_hits(terms: list[Term]) -> ColumnElement:
    """How many terms the product holds as typed (the first sort key)."""
    doc = _doc()
    parts = [case((doc.like(f"% {t.typed}%"), 1), else_=0) for t in terms if t.known]
    return sum(parts[1:], parts[0]) if parts else literal(0)


def relevance(terms: list[Term]) -> ColumnElement:
    """A score: a term as typed scores 8 as a whole word of the name, 4 as a prefix of the name,
    2 as a whole word elsewhere, 1 as a prefix elsewhere; a sound-alike 3 in the name, another
    alternative 2 in the name, 1 elsewhere."""
    doc = _doc()
    parts = []
    for t in terms:
        whens = []
        if t.known:
            whens += [
                (doc.like(f"% {t.typed} %|%"), 8),
                (doc.like(f"% {t.typed}%|%"), 4),
                (doc.like(f"% {t.typed} %"), 2),
            ]
        key = sound_key(t.typed)[0]
        whens += [(doc.like(f"% {w} %|%"), 3 if sound_key(w)[0] == key else 2) for w in t.alternatives]
        parts.append(case(*whens, else_=1) if whens else literal_column("1"))
    typed = [t.typed for t in terms if t.known]
    if len(typed) > 1:
        parts.append(case((doc.like(f"% {' '.join(typed)}%|%"), 6), else_=0))
    return sum(parts[1:], parts[0])


def plan_for(query: str) -> Plan | None:
    """The plan of a shopper's query, or None when it has no words."""
    typed = query_terms(query)
    if not typed:
        return None
    terms = understand(typed)
    usable = [t for t in terms if t.usable]
    exact = _matching([Term(t.typed, True) for t in terms]) if all(t.known for t in terms) else false()
    scores = (_exact_hits(usable), relevance(usable)) if usable else ()
    return Plan(condition=_matching(usable), exact=exact, scores=scores, terms=terms)


# --- what the shopper is told ----------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")


def corrected_words(plan: Plan, product: Product) -> str:
    """The query as the top product reads it ("yen xao" → "yến sào"), to say what was shown."""
    written = {}
    for text_ in (product.name or "", product.summary or "", product.description or ""):
        for word in _WORD.findall(text_.lower()):
            written.setdefault(fold(word), word)
    document = product.search_text or ""
    name_part = document.split("|", 1)[0]
    shown: list[str] = []
    for term in plan.terms:
        if term.known and f" {term.typed}" in document:
            shown.append(written.get(term.typed, term.typed))
            continue
        found = [word for word in term.alternatives if f" {word} " in document]
        used = next((word for word in found if f" {word} " in name_part), found[0] if found else None)
        if used is not None:
            shown.append(written.get(used, used))
    return " ".join(shown)
