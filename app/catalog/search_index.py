"""The search index: products' folded text, kept fresh on every flush, and its database side.

Product.search_text holds search_document(...) of the product; every word of it is also a row
of ``search_words`` (with its sound stem) so misspellings are corrected by an index look-up.
On SQLite an FTS5 table
(``product_search``) mirrors it through triggers; on PostgreSQL a trigram GIN index covers it
when the pg_trgm extension can be installed. Both live outside the model metadata (Alembic
cannot describe them), so migrations/env.py skips them by name with ``is_search_index_object``.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, event, inspect, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from app.catalog.models import Category, Product, SearchWord
from app.core.extensions import db
from app.core.text import search_document, sound_key, words

FTS_TABLE = "product_search"
TRIGRAM_INDEX = "ix_products_search_text_trgm"

SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(body, tokenize='unicode61', prefix='2 3')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON products BEGIN "  # nosec B608: constant names, no input
    f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (new.id, new.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE OF search_text ON products BEGIN "  # nosec B608: constant names, no input
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; "
    f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (new.id, new.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON products BEGIN "  # nosec B608: constant names, no input
    f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id; END",
    f"INSERT INTO {FTS_TABLE}(rowid, body) SELECT id, search_text FROM products "  # nosec B608: constant names, no input
    f"WHERE id NOT IN (SELECT rowid FROM {FTS_TABLE})",
)
SQLITE_DROP = (
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_ai",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_au",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_ad",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)
MAX_WORD_CHARS = 40  # as long as a query term may be
WORDS_PENDING = "search_words_pending"  # session.info key: words of the documents of this flush
_CHUNK = 400

POSTGRES_EXTENSION = "CREATE EXTENSION IF NOT EXISTS pg_trgm"
POSTGRES_INDEX = f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON products USING gin (search_text gin_trgm_ops)"


def is_search_index_object(name: str | None, type_: str, parent_names: dict | None = None) -> bool:
    """Whether a database object belongs to the search index (Alembic leaves those alone)."""
    return bool(name) and (name in (FTS_TABLE, TRIGRAM_INDEX) or name.startswith(FTS_TABLE + "_"))


def install(connection: Connection) -> None:
    """Create the search index for this database, tolerating a missing FTS5 or pg_trgm."""
    if connection.dialect.name == "sqlite":
        try:
            for statement in SQLITE_CREATE:
                connection.exec_driver_sql(statement)
        except Exception:  # a SQLite built without FTS5: search falls back to LIKE
            return
    elif connection.dialect.name == "postgresql":
        try:
            with connection.begin_nested():
                connection.exec_driver_sql(POSTGRES_EXTENSION)
                connection.exec_driver_sql(POSTGRES_INDEX)
        except Exception:  # no right to install extensions: search falls back to LIKE + edit distance
            return
    _forget(connection.engine)


def uninstall(connection: Connection) -> None:
    """Drop the search index (the products table and its search_text stay)."""
    if connection.dialect.name == "sqlite":
        for statement in SQLITE_DROP:
            connection.exec_driver_sql(statement)
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
    _forget(connection.engine)


@event.listens_for(db.metadata, "after_create")
def _install_after_create_all(target, connection: Connection, **kw) -> None:
    if inspect(connection).has_table("products"):
        install(connection)


@dataclass(frozen=True)
class Capabilities:
    """What the database offers the search: an FTS5 table (SQLite), pg_trgm (PostgreSQL)."""

    dialect: str
    fts5: bool = False
    trigram: bool = False


_capabilities: weakref.WeakKeyDictionary[Engine, Capabilities] = weakref.WeakKeyDictionary()


def _forget(engine: Engine) -> None:
    _capabilities.pop(engine, None)


def capabilities() -> Capabilities:
    """The search capabilities of the current database, looked up once per engine."""
    engine = db.engine
    known = _capabilities.get(engine)
    if known is None:
        dialect = engine.dialect.name
        if dialect == "sqlite":
            found = db.session.execute(text(f"SELECT 1 FROM sqlite_master WHERE name = '{FTS_TABLE}'")).first()  # nosec B608: constant table name, no input
            known = Capabilities(dialect, fts5=found is not None)
        elif dialect == "postgresql":
            found = db.session.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first()
            known = Capabilities(dialect, trigram=found is not None)
        else:
            known = Capabilities(dialect)
        _capabilities[engine] = known
    return known


def document_for(product: Product, session: Session) -> str:
    """The search document of a product: its name, then summary, description and categories."""
    category = product.category
    if category is None and product.category_id is not None:
        with session.no_autoflush:
            category = session.get(Category, product.category_id)
    names: list[str] = []
    while category is not None and len(names) < 8:
        names += [category.name_vi, category.name_en]
        category = category.parent
    return search_document(product.name or "", product.summary or "", product.description or "", *names)


@event.listens_for(Session, "before_flush")
def _refresh_search_text(session: Session, flush_context, instances) -> None:
    """Every product saved by anyone (pages, services, seed) gets a fresh search_text."""
    products = {obj for obj in session.new | session.dirty if isinstance(obj, Product)}
    renamed = [
        obj
        for obj in session.dirty
        if isinstance(obj, Category) and session.is_modified(obj, include_collections=False)
    ]
    if renamed:
        with session.no_autoflush:
            ids = [c.id for c in renamed]
            products.update(session.scalars(select(Product).where(Product.category_id.in_(ids))))
    pending = session.info.setdefault(WORDS_PENDING, set())
    for product in products:
        document = document_for(product, session)
        if product.search_text != document or product in session.new:
            product.search_text = document
            pending.update(index_words(document))


@event.listens_for(Session, "after_flush")
def _add_new_words(session: Session, flush_context) -> None:
    """The words of the documents just written join the vocabulary, in the same transaction."""
    pending = session.info.pop(WORDS_PENDING, None)
    if pending:
        add_words(session.connection(), pending)


def index_words(document: str) -> set[str]:
    """The distinct words of a search document that a query term can be corrected to."""
    return {word for word in words(document) if len(word) <= MAX_WORD_CHARS}


def add_words(connection: Connection, new_words: Iterable[str]) -> None:
    """Add words to the vocabulary; those already there are left alone (concurrent savers too).

    Rows go in sorted order, so two transactions adding the same words lock them in one order.
    """
    rows = [{"word": word, "stem": sound_key(word)[1][:MAX_WORD_CHARS]} for word in sorted(set(new_words))]
    dialect = connection.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for start in range(0, len(rows), _CHUNK):
        statement = insert(SearchWord).values(rows[start : start + _CHUNK])
        connection.execute(statement.on_conflict_do_nothing(index_elements=["word"]))


def rebuild_words(connection: Connection) -> tuple[int, int]:
    """Make the vocabulary exactly the words of today's documents: (added, removed)."""
    wanted: set[str] = set()
    for (document,) in connection.execute(select(Product.search_text)).yield_per(2000):
        wanted |= index_words(document or "")
    stored = set(connection.scalars(select(SearchWord.word)))
    stale = sorted(stored - wanted)
    for start in range(0, len(stale), _CHUNK):
        connection.execute(delete(SearchWord).where(SearchWord.word.in_(stale[start : start + _CHUNK])))
    add_words(connection, wanted - stored)
    return len(wanted - stored), len(stale)
