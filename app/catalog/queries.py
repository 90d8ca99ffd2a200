"""Read-side queries of the catalog. Visibility lives here and nowhere else."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import ColumnElement, Select, cast, func, null, select, union_all
from sqlalchemy.orm import aliased, contains_eager, joinedload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.expression import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from app.catalog.models import Category, Product, ProductCertification, ProductImage, Variant
from app.core.extensions import db
from app.core.memo import remembered, shelf
from app.core.vocab import ProductStatus, SellerStatus
from app.outlets.models import Outlet, StockRecord
from app.sellers.models import Seller, SellerImage


def approved_seller_ids() -> Select:
    return select(Seller.id).where(Seller.status == SellerStatus.APPROVED)


def visible_products() -> Select:
    """Products a shopper may see: active, not hidden, of an approved seller.

    The seller is checked with IN (a short list) rather than a join, so the products table is
    the only one the planner orders: it walks a listing index (app/catalog/models.py) in the
    order asked, reads the seller from the same index and stops after one page.
    """
    return select(Product).where(
        Product.status == ProductStatus.ACTIVE,
        Product.is_hidden.is_(False),
        Product.seller_id.in_(approved_seller_ids()),
    )


def is_visible(product: Product) -> bool:
    """What visible_products() asks, read from a product loaded with its seller."""
    return (
        product.status == ProductStatus.ACTIVE
        and not product.is_hidden
        and product.seller.status == SellerStatus.APPROVED
    )


def order_terms(keys: list[tuple[ColumnElement, bool]], *, by_index: bool = True) -> list:
    """ORDER BY terms from (column, descending) pairs.

    ``by_index=False`` tells SQLite to sort the rows a narrow filter finds rather than walk a
    sort index until a page is full: a unary + hides the column from its planner, which has no
    statistics to know that the walk may read every product. PostgreSQL's planner has them and
    is left to choose.
    """
    hide = not by_index and db.engine.dialect.name == "sqlite"
    terms = []
    for column, descending in keys:
        term = UnaryExpression(column, operator=custom_op("+"), type_=column.type) if hide else column
        terms.append(term.desc() if descending else term.asc())
    return terms


def with_card_data(stmt: Select) -> Select:
    """Join what a product card shows of its seller and category (one row per product).

    The card's collections (variants with units available, photos, labels) are filled in by
    ``load_cards`` in one statement for every list of the page; ``product_availability`` does it
    for the lists it is given, so a page of cards costs the same few statements however many
    products, variants, photos or outlets it shows.
    """
    return stmt.options(joinedload(Product.seller), joinedload(Product.category))


def _children_statement(product_ids: list[int]):
    """Variants (each with its units available at active outlets), photos and labels of these
    products as one UNION ALL: each row fills one of the three kinds and leaves the others NULL."""
    available = (
        select(func.coalesce(func.sum(StockRecord.on_hand - StockRecord.reserved), 0))
        .join(Outlet, Outlet.id == StockRecord.outlet_id)
        .where(StockRecord.variant_id == Variant.id, Outlet.is_active.is_(True))
        .correlate(Variant)
        .scalar_subquery()
    )
    kinds = (Variant, ProductImage, ProductCertification)

    def branch(model):
        columns = [
            (column if kind is model else cast(null(), column.type)).label(f"{kind.__tablename__}_{column.name}")
            for kind in kinds
            for column in kind.__table__.c
        ]
        units = available if model is Variant else cast(null(), available.type)
        return select(*columns, units.label("units_available")).where(model.product_id.in_(product_ids))

    rows = union_all(*(branch(model) for model in kinds)).subquery()
    return select(*(aliased(kind, rows) for kind in kinds), rows.c.units_available)


def load_cards(products: list[Product]) -> None:
    """Fill in the variants, photos and labels of these products and remember the units available
    of each variant for this request: one statement, whatever the lists hold."""
    done = shelf("cards_loaded")
    todo = {p.id: p for p in products if p.id not in done}
    if not todo:
        return
    variants: dict[int, list[Variant]] = {pid: [] for pid in todo}
    images: dict[int, list[ProductImage]] = {pid: [] for pid in todo}
    labels: dict[int, list[ProductCertification]] = {pid: [] for pid in todo}
    units = shelf("units_available")
    for variant, image, label, available in db.session.execute(_children_statement(list(todo))):
        if variant is not None:
            variants[variant.product_id].append(variant)
            units[variant.id] = int(available or 0)
        elif image is not None:
            images[image.product_id].append(image)
        elif label is not None:
            labels[label.product_id].append(label)
    for pid, product in todo.items():
        set_committed_value(product, "variants", sorted(variants[pid], key=lambda v: (v.position, v.id)))
        set_committed_value(product, "images", sorted(images[pid], key=lambda i: (i.position, i.id)))
        set_committed_value(product, "certifications", sorted(labels[pid], key=lambda c: c.code))
        done[pid] = True


def _featured_order() -> tuple:
    return (Product.is_featured.desc(), Product.sold_count.desc(), Product.id.desc())  # ix_products_featured


def _newest_order() -> tuple:
    return (Product.created_at.desc(), Product.id.desc())  # ix_products_newest


def _first_ids(order: tuple, limit: int):
    """The ids of the first ``limit`` visible products in this order, with their rank."""
    ranked = visible_products().with_only_columns(Product.id, func.row_number().over(order_by=order).label("rank"))
    return ranked.order_by(*order).limit(limit).subquery()


def featured_products(limit: int = 8) -> list[Product]:
    return list(db.session.scalars(with_card_data(visible_products().order_by(*_featured_order())).limit(limit)))


def newest_products(limit: int = 8) -> list[Product]:
    return list(db.session.scalars(with_card_data(visible_products().order_by(*_newest_order())).limit(limit)))


def home_products(featured: int = 8, newest: int = 8) -> tuple[list[Product], list[Product]]:
    """The featured and the newest products of the home page, read in one statement."""
    first, latest = _first_ids(_featured_order(), featured), _first_ids(_newest_order(), newest)
    # The products are found by id from the two short lists, never by reading the whole table.
    either = union_all(select(first.c.id), select(latest.c.id))
    stmt = with_card_data(
        select(Product, first.c.rank, latest.c.rank)
        .outerjoin(first, first.c.id == Product.id)
        .outerjoin(latest, latest.c.id == Product.id)
        .where(Product.id.in_(either))
    )
    rows = db.session.execute(stmt).all()

    def in_order(index: int) -> list[Product]:
        return [row[0] for row in sorted((r for r in rows if r[index] is not None), key=lambda r: r[index])]

    return in_order(1), in_order(2)


def all_categories() -> list[Category]:
    """Every category, in tree order of position (one query a request, however many parts ask)."""
    return remembered(
        "categories", lambda: list(db.session.scalars(select(Category).order_by(Category.position, Category.id)))
    )


def top_categories() -> list[Category]:
    return [c for c in all_categories() if c.parent_id is None]


def featured_sellers(limit: int = 4) -> list[Seller]:
    stmt = (
        select(Seller)
        .where(Seller.status == SellerStatus.APPROVED)
        .order_by(Seller.is_featured.desc(), Seller.women_members_count.desc(), Seller.id)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def active_outlets() -> list[Outlet]:
    """The active outlets, first by priority (one query a request)."""
    return remembered(
        "active_outlets",
        lambda: list(
            db.session.scalars(select(Outlet).where(Outlet.is_active.is_(True)).order_by(Outlet.priority, Outlet.name))
        ),
    )


def availability(variant_ids: list[int]) -> dict[int, int]:
    """Units available (on hand − reserved) per variant across active outlets; variants whose
    cards were loaded in this request are not asked again."""
    known = shelf("units_available")
    missing = [vid for vid in dict.fromkeys(variant_ids) if vid not in known]
    if missing:
        rows = db.session.execute(
            select(StockRecord.variant_id, func.sum(StockRecord.on_hand - StockRecord.reserved))
            .join(StockRecord.outlet)
            .where(StockRecord.variant_id.in_(missing), Outlet.is_active.is_(True))
            .group_by(StockRecord.variant_id)
        ).all()
        found = {variant_id: int(total or 0) for variant_id, total in rows}
        known.update({vid: found.get(vid, 0) for vid in missing})
    return {vid: known[vid] for vid in variant_ids if known.get(vid)}


def product_availability(products: list[Product]) -> dict[int, int]:
    """Units available per product (all its variants) for a list of cards, whose variants,
    photos and labels are loaded with them (``load_cards``)."""
    load_cards(products)
    by_variant = availability([v.id for p in products for v in p.variants])
    return {p.id: sum(by_variant.get(v.id, 0) for v in p.variants) for p in products}


def lowest_price(product: Product) -> Variant | None:
    active = [v for v in product.variants if v.is_active]
    return min(active, key=lambda v: v.price_vnd) if active else None


def product_by_slug(slug: str, *, with_cards: bool = True) -> Product | None:
    """A visible product with everything its page shows, or None (``with_cards=False`` leaves its
    variants, photos and labels for a later ``load_cards`` with other products)."""
    stmt = with_card_data(visible_products().where(Product.slug == slug))
    product = db.session.scalars(stmt).first()
    if product is not None and with_cards:
        load_cards([product])
    return product


def outlet_stock(variant_ids: list[int]) -> list[StockRecord]:
    """Stock rows with units available for these variants at active outlets, outlet loaded."""
    if not variant_ids:
        return []
    stmt = (
        select(StockRecord)
        .join(StockRecord.outlet)
        .options(contains_eager(StockRecord.outlet))
        .where(
            StockRecord.variant_id.in_(variant_ids),
            Outlet.is_active.is_(True),
            StockRecord.on_hand - StockRecord.reserved > 0,
        )
        .order_by(Outlet.priority, Outlet.name, StockRecord.variant_id)
    )
    return list(db.session.scalars(stmt))


def related_products(product: Product, limit: int = 8) -> list[Product]:
    """Other visible products of the same category, best sellers first, then the seller's.

    Two short queries joined by UNION ALL, each sorting the entries of one index (the category's,
    the seller's) and keeping a few, rather than one OR that reads every product of both. The
    seller's part keeps twice as many: those of the same category are already in the first part.
    """
    others = visible_products().where(Product.id != product.id).with_only_columns(Product.id)
    best = order_terms([(Product.sold_count, True), (Product.id, True)], by_index=False)
    same_category = others.where(Product.category_id == product.category_id).order_by(*best).limit(limit)
    same_seller = others.where(Product.seller_id == product.seller_id).order_by(*best).limit(2 * limit)
    ids = union_all(select(same_category.subquery()), select(same_seller.subquery()))
    stmt = (
        select(Product)
        .where(Product.id.in_(ids))
        .order_by((Product.category_id == product.category_id).desc(), Product.sold_count.desc(), Product.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(with_card_data(stmt)))


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
    """An active outlet by slug (from the request's active outlets)."""
    return next((o for o in active_outlets() if o.slug == slug), None)


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
