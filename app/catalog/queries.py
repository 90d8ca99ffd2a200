"""Read-side queries of the catalog. Visibility lives here and nowhere else."""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from app.catalog.models import Category, Product, Variant
from app.extensions import db
from app.outlets.models import Outlet, StockRecord
from app.sellers.models import Seller


def visible_products() -> Select:
    """Products a shopper may see: active, not hidden, of an approved seller."""
    return (
        select(Product)
        .join(Product.seller)
        .where(Product.status == "active", Product.is_hidden.is_(False), Seller.status == "approved")
    )


def with_card_data(stmt: Select) -> Select:
    """Eager-load what a product card shows, so a list costs a fixed number of queries."""
    return stmt.options(
        selectinload(Product.seller),
        selectinload(Product.variants),
        selectinload(Product.images),
        selectinload(Product.certifications),
        selectinload(Product.category),
    )


def featured_products(limit: int = 8) -> list[Product]:
    stmt = visible_products().order_by(Product.is_featured.desc(), Product.sold_count.desc(), Product.id)
    return list(db.session.scalars(with_card_data(stmt).limit(limit)))


def newest_products(limit: int = 8) -> list[Product]:
    stmt = visible_products().order_by(Product.created_at.desc(), Product.id.desc())
    return list(db.session.scalars(with_card_data(stmt).limit(limit)))


def top_categories() -> list[Category]:
    return list(db.session.scalars(select(Category).where(Category.parent_id.is_(None)).order_by(Category.position)))


def featured_sellers(limit: int = 4) -> list[Seller]:
    stmt = (
        select(Seller)
        .where(Seller.status == "approved")
        .order_by(Seller.is_featured.desc(), Seller.women_members_count.desc(), Seller.id)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def active_outlets() -> list[Outlet]:
    return list(
        db.session.scalars(select(Outlet).where(Outlet.is_active.is_(True)).order_by(Outlet.priority, Outlet.name))
    )


def availability(variant_ids: list[int]) -> dict[int, int]:
    """Units available (on hand − reserved) per variant across active outlets."""
    if not variant_ids:
        return {}
    rows = db.session.execute(
        select(StockRecord.variant_id, func.sum(StockRecord.on_hand - StockRecord.reserved))
        .join(StockRecord.outlet)
        .where(StockRecord.variant_id.in_(variant_ids), Outlet.is_active.is_(True))
        .group_by(StockRecord.variant_id)
    ).all()
    return {variant_id: int(total or 0) for variant_id, total in rows}


def product_availability(products: list[Product]) -> dict[int, int]:
    """Units available per product (all its variants) for a list of cards."""
    by_variant = availability([v.id for p in products for v in p.variants])
    return {p.id: sum(by_variant.get(v.id, 0) for v in p.variants) for p in products}


def lowest_price(product: Product) -> Variant | None:
    active = [v for v in product.variants if v.is_active]
    return min(active, key=lambda v: v.price_vnd) if active else None
