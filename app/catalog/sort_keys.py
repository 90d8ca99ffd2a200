"""Products' sort keys, kept in step with what they are made of on every flush.

``Product.min_price_vnd`` is the lowest price of the product's items on sale and
``Product.rating_rank`` its buyers' average rating scaled to a whole number. Listings sort and
filter on them through an index (app/catalog/models.py, _listing_indexes) instead of working
them out for every visible product. Whoever saves through the ORM keeps them right: the
seller's product form, the back office, the reviews, the seed and the tests' factories. Bulk
inserts that bypass the ORM (bench/generate.py, the migration that added them) fill them themselves.
"""

from __future__ import annotations

from sqlalchemy import event, func, inspect, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from app.catalog.models import RATING_RANK_SCALE, Product, Variant

PRODUCTS_PENDING = "sort_keys_products"  # session.info key: (new items, ids of products whose items changed)


def rating_rank(rating_sum: int, rating_count: int) -> int:
    """The average of the ratings × RATING_RANK_SCALE, rounded down; 0 before the first rating.

    rating_rank >= n × RATING_RANK_SCALE exactly when the average is at least n stars.
    """
    return rating_sum * RATING_RANK_SCALE // rating_count if rating_count > 0 else 0


def refresh_prices(connection: Connection, product_ids: list[int]) -> None:
    """Set min_price_vnd of these products from their items on sale, in the database."""
    table = Product.__table__
    lowest = (
        select(func.min(Variant.price_vnd))
        .where(Variant.product_id == table.c.id, Variant.is_active.is_(True))
        .scalar_subquery()
    )
    connection.execute(update(table).where(table.c.id.in_(product_ids)).values(min_price_vnd=lowest))


def _variant_products(session: Session) -> set[int]:
    """Ids of the products whose items are added, changed or removed in this flush (before it).

    An item moved to another product counts for both: its product_id as stored is read back
    when the session has forgotten it (after a commit), before the flush writes the new one.
    """
    ids: set[int] = set()
    with session.no_autoflush:
        for obj in session.new | session.dirty | session.deleted:
            if not isinstance(obj, Variant):
                continue
            state = inspect(obj)
            stored = state.attrs.product_id.load_history() if state.key is not None else None
            moved = state.attrs.product.history
            for value in (*(stored.sum() if stored else ()), *moved.sum()):
                ids.add(value.id if isinstance(value, Product) else value)
    return {i for i in ids if i is not None}


@event.listens_for(Session, "before_flush")
def _note_changes(session: Session, flush_context, instances) -> None:
    """Rating ranks are set at once; products whose items change are noted for after the flush."""
    for obj in session.new | session.dirty:
        if isinstance(obj, Product):
            rank = rating_rank(obj.rating_sum or 0, obj.rating_count or 0)
            if obj.rating_rank != rank:
                obj.rating_rank = rank
    pending = _variant_products(session)
    new_variants = [obj for obj in session.new if isinstance(obj, Variant)]
    if pending or new_variants:
        session.info.setdefault(PRODUCTS_PENDING, ([], set()))
        session.info[PRODUCTS_PENDING][0].extend(new_variants)
        session.info[PRODUCTS_PENDING][1].update(pending)


@event.listens_for(Session, "after_flush_postexec")
def _refresh_prices(session: Session, flush_context) -> None:
    """The lowest prices of the products whose items changed, read back from what was just written.

    A product held by the session gets the value as an attribute (written by the next flush: the
    commit flushes until nothing is left); any other product is updated in the database directly.
    """
    noted = session.info.pop(PRODUCTS_PENDING, None)
    if not noted:
        return
    new_variants, ids = noted
    ids |= {v.product_id for v in new_variants if v.product_id is not None}
    if not ids:
        return
    connection = session.connection()
    rows = connection.execute(
        select(Variant.product_id, func.min(Variant.price_vnd))
        .where(Variant.product_id.in_(sorted(ids)), Variant.is_active.is_(True))
        .group_by(Variant.product_id)
    )
    lowest = dict(rows.tuples().all())
    elsewhere: list[int] = []
    for product_id in sorted(ids):
        held = session.identity_map.get(session.identity_key(Product, product_id))  # type: ignore[arg-type]
        if held is None:
            elsewhere.append(product_id)
        elif held.min_price_vnd != lowest.get(product_id):
            held.min_price_vnd = lowest.get(product_id)
    if elsewhere:
        refresh_prices(connection, elsewhere)
