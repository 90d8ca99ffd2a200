"""Read-side queries of the catalog. Visibility lives here and nowhere else."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from app.catalog.models import Category, Product, Variant
from app.core.extensions import db
from app.core.vocab import ProductStatus, SellerStatus
from app.outlets.models import Outlet, StockRecord
from app.sellers.models import Seller, SellerImage


def visible_products() -> Select:
    """Products a shopper may see: active, not hidden, of an approved seller."""
    return (
        select(Product)
        .join(Product.seller)
        .where(
            Product.status == ProductStatus.ACTIVE, Product.is_hidden.is_(False), Seller.status == SellerStatus.APPROVED
        )
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
        .where(Seller.status == SellerStatus.APPROVED)
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


def product_by_slug(slug: str) -> Product | None:
    """A visible product with everything its page shows, or None."""
    stmt = with_card_data(visible_products().where(Product.slug == slug))
    return db.session.scalars(stmt).first()


def outlet_stock(variant_ids: list[int]) -> list[StockRecord]:
    """Stock rows with units available for these variants at active outlets, outlet loaded."""
    if not variant_ids:
        return []
    stmt = (
        select(StockRecord)
        .join(StockRecord.outlet)
        .options(selectinload(StockRecord.outlet))
        .where(
            StockRecord.variant_id.in_(variant_ids),
            Outlet.is_active.is_(True),
            StockRecord.on_hand - StockRecord.reserved > 0,
        )
        .order_by(Outlet.priority, Outlet.name, StockRecord.variant_id)
    )
    return list(db.session.scalars(stmt))


def related_products(product: Product, limit: int = 8) -> list[Product]:
    """Other visible products of the same category, best sellers first, then the seller's."""
    stmt = (
        visible_products()
        .where(Product.id != product.id)
        .where((Product.category_id == product.category_id) | (Product.seller_id == product.seller_id))
        .order_by((Product.category_id == product.category_id).desc(), Product.sold_count.desc(), Product.id)
    )
    return list(db.session.scalars(with_card_data(stmt.limit(limit))))


def approved_seller(slug: str) -> Seller | None:
    """An approved seller by slug (others have no public page)."""
    return db.session.scalars(select(Seller).where(Seller.slug == slug, Seller.status == SellerStatus.APPROVED)).first()


def seller_photos(seller_id: int) -> list[SellerImage]:
    """The photos of a seller's shop page, in her order (one query, whatever the session holds)."""
    return list(
        db.session.scalars(
            select(SellerImage).where(SellerImage.seller_id == seller_id).order_by(SellerImage.position, SellerImage.id)
        )
    )


def active_outlet(slug: str) -> Outlet | None:
    """An active outlet by slug."""
    return db.session.scalars(select(Outlet).where(Outlet.slug == slug, Outlet.is_active.is_(True))).first()


def approved_sellers() -> list[Seller]:
    """Every approved seller, by name."""
    return list(db.session.scalars(select(Seller).where(Seller.status == SellerStatus.APPROVED).order_by(Seller.name)))


SITEMAP_SIZE = 50_000  # the sitemap protocol's limit of URLs per file


def sitemap_product_files() -> int:
    """How many product sitemap files there are (at least one)."""
    total = db.session.scalar(select(func.count()).select_from(visible_products().subquery())) or 0
    return max(1, -(-total // SITEMAP_SIZE))


def sitemap_products(number: int) -> Iterator[tuple[str, object]]:
    """(slug, updated_at) of the visible products of sitemap file ``number``, streamed in batches."""
    stmt = (
        visible_products()
        .with_only_columns(Product.slug, Product.updated_at)
        .order_by(Product.id)
        .limit(SITEMAP_SIZE)
        .offset((number - 1) * SITEMAP_SIZE)
        .execution_options(yield_per=2_000)
    )
    yield from db.session.execute(stmt).tuples()


def visible_counts_by_seller(seller_ids: list[int]) -> dict[int, int]:
    """How many visible products each of these sellers has (one query)."""
    if not seller_ids:
        return {}
    sub = visible_products().where(Product.seller_id.in_(seller_ids)).with_only_columns(Product.seller_id).subquery()
    return dict(db.session.execute(select(sub.c.seller_id, func.count()).group_by(sub.c.seller_id)).tuples().all())


def approved_sellers_page(page: int, per_page: int) -> tuple[list[Seller], int]:
    """One page of approved sellers by name, and how many there are."""
    base = select(Seller).where(Seller.status == SellerStatus.APPROVED)
    total = db.session.scalar(select(func.count()).select_from(base.subquery())) or 0
    items = db.session.scalars(base.order_by(Seller.name, Seller.id).limit(per_page).offset((page - 1) * per_page))
    return list(items), total
