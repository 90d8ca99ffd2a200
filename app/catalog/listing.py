"""Product listings: filters, search, sorting and pagination at a fixed number of queries."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Select, func, select

from app.catalog import queries, search
from app.catalog.models import RATING_RANK_SCALE, Category, Product, ProductCertification, Variant
from app.catalog.queries import order_terms, product_availability, visible_products, with_card_data
from app.core.extensions import db
from app.outlets.models import Outlet, StockRecord
from app.sellers.models import Seller

SORTS = ("relevance", "newest", "price_asc", "price_desc", "best_selling", "rating")
PER_PAGE = 24
MAX_PER_PAGE = 100
# The most a list counts and the deepest it pages: past this many products a shopper narrows the
# list (a category, a filter, another word) rather than paging on. Counting and skipping stop
# here, so every page costs about the same whatever the size of the catalog. A search ranks the
# MAX_RESULTS best-selling of its matches.
MAX_RESULTS = 2_000


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

    @property
    def narrowed_by_index(self) -> bool:
        """Whether a filter has its own index that holds every sort key (see Product's indexes)."""
        return bool(
            self.category_ids is not None
            or self.seller is not None
            or self.ocop
            or self.rating
            or self.price_min is not None
            or self.price_max is not None
        )


@dataclass
class Results:
    """One page of products with what the page needs to show them.

    ``capped``: more than MAX_RESULTS products match; ``total`` is then MAX_RESULTS and the pages
    stop there (say "more than 2,000" and suggest narrowing the list).
    """

    items: list[Product]
    total: int
    page: int
    per_page: int
    stock: dict[int, int] = field(default_factory=dict)
    approximate: bool = False
    corrected: str | None = None
    capped: bool = False

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def at_depth_limit(self) -> bool:
        """The last page that can be reached while more products match than are shown."""
        return self.capped and self.page >= self.pages


def in_stock_at(outlet: Outlet) -> Select:
    """Ids of the products with an item on sale that the outlet has available."""
    return (
        select(Variant.product_id)
        .join(StockRecord, StockRecord.variant_id == Variant.id)
        .where(
            StockRecord.outlet_id == outlet.id,
            StockRecord.on_hand - StockRecord.reserved > 0,
            Variant.is_active.is_(True),
        )
    )


def filtered(filters: Filters) -> Select:
    """Visible products narrowed by every filter but the search words."""
    stmt = visible_products()
    if filters.category_ids is not None:
        stmt = stmt.where(Product.category_id.in_(filters.category_ids))
    if filters.seller is not None:
        stmt = stmt.where(Product.seller_id == filters.seller.id)
    if filters.kind:
        stmt = stmt.where(Product.seller_id.in_(select(Seller.id).where(Seller.kind == filters.kind)))
    if filters.ocop:
        stmt = stmt.where(Product.ocop_stars >= filters.ocop)
    if filters.cert:
        certified = select(ProductCertification.product_id).where(ProductCertification.code == filters.cert)
        stmt = stmt.where(Product.id.in_(certified))
    # Prices filter on the lowest price on sale: the one the card shows and the price sorts use.
    if filters.price_min is not None:
        stmt = stmt.where(Product.min_price_vnd >= filters.price_min)
    if filters.price_max is not None:
        stmt = stmt.where(Product.min_price_vnd <= filters.price_max)
    if filters.rating:
        # rating_rank is the average × RATING_RANK_SCALE rounded down: exact for whole stars.
        stmt = stmt.where(Product.rating_rank >= filters.rating * RATING_RANK_SCALE)
    if filters.outlet is not None:
        stmt = stmt.where(Product.id.in_(in_stock_at(filters.outlet)))
    return stmt


def _keys(sort: str) -> list[tuple[ColumnElement, bool]]:
    """The sort keys as (column, descending), each matching one of Product's listing indexes."""
    if sort in ("price_asc", "price_desc"):
        descending = sort == "price_desc"
        return [(Product.min_price_vnd, descending), (Product.id, descending)]
    if sort == "best_selling":
        return [(Product.sold_count, True), (Product.id, True)]
    if sort == "rating":
        return [(Product.rating_rank, True), (Product.rating_count, True), (Product.id, True)]
    return [(Product.created_at, True), (Product.id, True)]


def _capped_count(stmt: Select) -> int:
    """How many rows match, counting no further than MAX_RESULTS + 1."""
    limited = stmt.with_only_columns(Product.id).order_by(None).limit(MAX_RESULTS + 1).subquery()
    return db.session.scalar(select(func.count()).select_from(limited)) or 0


def _page_ids(stmt: Select, filters: Filters, plan: search.Plan | None, offset: int, limit: int) -> Select:
    """The ids of one page, in order, as a subquery that reads no more than the page needs."""
    sort = filters.effective_sort
    ids = stmt.with_only_columns(Product.id)
    if sort == "relevance" and plan is not None:
        # Rank the MAX_RESULTS best-selling matches: scored as they are read, sorted in a subquery.
        scores = [score.label(f"score_{n}") for n, score in enumerate(plan.scores)]
        best = order_terms([(Product.sold_count, True), (Product.id, True)])
        window = ids.add_columns(Product.sold_count, *scores).order_by(*best).limit(MAX_RESULTS).subquery()
        ranked = [window.c[score.name].desc() for score in scores]
        ranked += [window.c.sold_count.desc(), window.c.id.desc()]
        return select(window.c.id).order_by(*ranked).limit(limit).offset(offset)
    keys = _keys(sort)
    return ids.order_by(*order_terms(keys, by_index=not filters.narrowed_by_index)).limit(limit).offset(offset)


def _ordering(filters: Filters, plan: search.Plan | None) -> list:
    """The order of a page's few rows once fetched by id."""
    if filters.effective_sort == "relevance" and plan is not None:
        return [*plan.order, Product.sold_count.desc(), Product.id.desc()]
    return order_terms(_keys(filters.effective_sort))


def browse(filters: Filters, *, page: int = 1, per_page: int = PER_PAGE, clamp: bool = True) -> Results:
    """One page of the visible products that match the filters, sorted as asked.

    With ``clamp`` a page past the end shows the last page (pages for people); without it the
    page stays as asked and is empty (the API). Counting and paging stop at MAX_RESULTS. When
    nothing matches the words as typed but their alternatives do, ``corrected`` says how the
    first product reads the query.
    """
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    base = filtered(filters)
    plan = search.plan_for(filters.q)
    stmt = base.where(plan.condition) if plan is not None else base
    if filters.effective_sort in ("price_asc", "price_desc"):
        stmt = stmt.where(Product.min_price_vnd.is_not(None))  # nothing on sale: no price to sort by
    counted = _capped_count(stmt)
    total, capped = min(counted, MAX_RESULTS), counted > MAX_RESULTS
    pages = max(1, math.ceil(total / per_page))
    page = min(max(page, 1), pages) if clamp else max(page, 1)
    offset = (page - 1) * per_page
    items: list[Product] = []
    if offset < total:
        ids = _page_ids(stmt, filters, plan, offset, min(per_page, total - offset))
        page_stmt = select(Product).where(Product.id.in_(ids)).order_by(*_ordering(filters, plan))
        items = list(db.session.scalars(with_card_data(page_stmt)))
    forgiven = bool(plan is not None and total and plan.forgiving and not _any(base.where(plan.exact)))
    corrected = None
    if forgiven:
        first = items[0] if items and page == 1 else _first(stmt, filters, plan)
        corrected = search.corrected_words(plan, first) if first is not None else None
    return Results(
        items=items,
        total=total,
        page=page,
        per_page=per_page,
        stock=product_availability(items),
        approximate=forgiven,
        corrected=corrected or None,
        capped=capped,
    )


def _any(stmt: Select) -> bool:
    return db.session.scalar(stmt.with_only_columns(Product.id).limit(1)) is not None


def _first(stmt: Select, filters: Filters, plan: search.Plan) -> Product | None:
    """The product a search ranks first (for the words it was corrected to)."""
    ranked = Filters(q=filters.q, sort="relevance")
    return db.session.scalar(select(Product).where(Product.id.in_(_page_ids(stmt, ranked, plan, 0, 1))))


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
