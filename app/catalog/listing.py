"""Product listings: filters, search, sorting and pagination at a fixed number of queries."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sqlalchemy import Select, and_, func, select

from app.catalog import queries, search
from app.catalog.models import Category, Product, ProductCertification, Variant
from app.catalog.queries import product_availability, visible_products, with_card_data
from app.core.extensions import db
from app.outlets.models import Outlet, StockRecord
from app.sellers.models import Seller

SORTS = ("relevance", "newest", "price_asc", "price_desc", "best_selling", "rating")
PER_PAGE = 24
MAX_PER_PAGE = 100


@dataclass
class Filters:
    """What a shopper narrowed the list to; every field is optional."""

    q: str = ""
    category_ids: list[int] | None = None
    seller: Seller | None = None
    kind: str | None = None
    ocop: int | None = None
    cert: str | None = None
    price_min: int | None = None
    price_max: int | None = None
    outlet: Outlet | None = None
    sort: str | None = None
    rating: int | None = None  # buyers' average of at least this many stars

    @property
    def effective_sort(self) -> str:
        if self.sort in SORTS and (self.sort != "relevance" or self.q.strip()):
            return self.sort
        return "relevance" if search.query_terms(self.q) else "newest"


@dataclass
class Results:
    """One page of products with what the page needs to show them."""

    items: list[Product]
    total: int
    page: int
    per_page: int
    stock: dict[int, int] = field(default_factory=dict)
    approximate: bool = False
    corrected: str | None = None

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def lowest_price_expression():
    """The lowest active price of the product in the surrounding query."""
    return (
        select(func.min(Variant.price_vnd))
        .where(Variant.product_id == Product.id, Variant.is_active.is_(True))
        .correlate(Product)
        .scalar_subquery()
    )


def filtered(filters: Filters) -> Select:
    """Visible products narrowed by every filter but the search words."""
    stmt = visible_products()
    if filters.category_ids is not None:
        stmt = stmt.where(Product.category_id.in_(filters.category_ids))
    if filters.seller is not None:
        stmt = stmt.where(Product.seller_id == filters.seller.id)
    if filters.kind:
        stmt = stmt.where(Seller.kind == filters.kind)
    if filters.ocop:
        stmt = stmt.where(Product.ocop_stars >= filters.ocop)
    if filters.cert:
        stmt = stmt.where(Product.certifications.any(ProductCertification.code == filters.cert))
    if filters.price_min is not None or filters.price_max is not None:
        price = [Variant.is_active.is_(True)]
        if filters.price_min is not None:
            price.append(Variant.price_vnd >= filters.price_min)
        if filters.price_max is not None:
            price.append(Variant.price_vnd <= filters.price_max)
        stmt = stmt.where(Product.variants.any(and_(*price)))
    if filters.rating:
        # Whole numbers only: average >= n  ⇔  sum >= n × count, exact on both databases.
        stmt = stmt.where(Product.rating_count > 0, Product.rating_sum >= filters.rating * Product.rating_count)
    if filters.outlet is not None:
        in_stock = select(StockRecord.variant_id).where(
            StockRecord.outlet_id == filters.outlet.id, StockRecord.on_hand - StockRecord.reserved > 0
        )
        stmt = stmt.where(Product.variants.any(and_(Variant.is_active.is_(True), Variant.id.in_(in_stock))))
    return stmt


def _ordering(sort: str, plan: search.Plan | None) -> list:
    if sort == "relevance" and plan is not None:
        return [*plan.order, Product.sold_count.desc(), Product.id]
    if sort in ("price_asc", "price_desc"):
        price = lowest_price_expression()
        return [(price.asc() if sort == "price_asc" else price.desc()).nulls_last(), Product.id]
    if sort == "best_selling":
        return [Product.sold_count.desc(), Product.id]
    if sort == "rating":
        average = Product.rating_sum * 1.0 / func.nullif(Product.rating_count, 0)
        return [average.desc().nulls_last(), Product.rating_count.desc(), Product.id]
    return [Product.created_at.desc(), Product.id.desc()]


def _count(stmt: Select) -> int:
    return db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def browse(filters: Filters, *, page: int = 1, per_page: int = PER_PAGE, clamp: bool = True) -> Results:
    """One page of the visible products that match the filters, sorted as asked.

    With ``clamp`` a page past the end shows the last page (pages for people); without it the
    page stays as asked and is empty (the API). When nothing matches the words as typed but
    their alternatives do, ``corrected`` says how the first product reads the query.
    """
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    base = filtered(filters)
    plan = search.plan_for(filters.q)
    stmt = base.where(plan.condition) if plan is not None else base
    total = _count(stmt)
    exact_total = _count(base.where(plan.exact)) if plan is not None and plan.forgiving and total else total
    pages = max(1, math.ceil(total / per_page))
    page = min(max(page, 1), pages) if clamp else max(page, 1)
    stmt = stmt.order_by(*_ordering(filters.effective_sort, plan)).limit(per_page).offset((page - 1) * per_page)
    items = list(db.session.scalars(with_card_data(stmt))) if total else []
    corrected = None
    if plan is not None and total and not exact_total:
        first = (
            items[0]
            if items and page == 1
            else db.session.scalar(base.where(plan.condition).order_by(*_ordering("relevance", plan)).limit(1))
        )
        corrected = search.corrected_words(plan, first) if first is not None else None
    return Results(
        items=items,
        total=total,
        page=page,
        per_page=per_page,
        stock=product_availability(items),
        approximate=bool(plan is not None and total and not exact_total),
        corrected=corrected or None,
    )


def all_categories() -> list[Category]:
    """Every category, in tree order of position (one query a request; the tree is built in Python)."""
    return queries.all_categories()


def descendant_ids(category: Category, categories: list[Category]) -> list[int]:
    """The category's id and those of every category below it."""
    children: dict[int | None, list[int]] = {}
    for c in categories:
        children.setdefault(c.parent_id, []).append(c.id)
    found, queue = [], [category.id]
    while queue:
        current = queue.pop()
        if current in found:
            continue
        found.append(current)
        queue.extend(children.get(current, []))
    return found


def ancestors(category: Category, categories: list[Category]) -> list[Category]:
    """The categories above this one, from the top of the tree down (for breadcrumbs)."""
    by_id = {c.id: c for c in categories}
    chain: list[Category] = []
    current = by_id.get(category.parent_id) if category.parent_id else None
    while current is not None and current not in chain:
        chain.insert(0, current)
        current = by_id.get(current.parent_id) if current.parent_id else None
    return chain


def matching_categories(query: str, categories: list[Category]) -> list[Category]:
    """Categories whose name holds a word of the query, to suggest when nothing was found."""
    terms = search.query_terms(query)
    hits = []
    for c in categories:
        names = set(search.words(c.name_vi)) | set(search.words(c.name_en))
        if any(name.startswith(t) for t in terms for name in names):
            hits.append(c)
    return hits
