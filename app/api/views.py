"""GET-only endpoints: products, categories, sellers, outlets and the OpenAPI document."""

from __future__ import annotations

from flask import current_app, jsonify, request
from flask_babel import gettext as _

from app.api import bp, serializers
from app.api.openapi import FREE_SLUG, build, operation, path, query, text_schema
from app.catalog import listing, queries
from app.catalog.search import MAX_QUERY_CHARS
from app.core import edge
from app.core.errors import DomainError, NotFound
from app.core.extensions import limiter
from app.core.page_cache import cached_json


class BadParameter(DomainError):
    code = "invalid_parameter"


def _rate_limit() -> str:
    return current_app.config.get("API_RATE_LIMIT", "120 per minute")


limiter.limit(_rate_limit)(bp)


def _int_arg(name: str, default: int, *, maximum: int) -> int:
    """A whole number from 1 to ``maximum`` from the query string (the bounds the document states)."""
    raw = request.args.get(name)
    if raw is None:
        return default
    value = edge.parse_whole(raw, minimum=1, maximum=maximum)  # an empty value is not a number either
    if value is None:
        raise BadParameter(_("%(name)s must be a whole number from 1 to %(max)s.", name=name, max=maximum))
    return value


def _page_args() -> tuple[int, int]:
    return _int_arg("page", 1, maximum=edge.MAX_PAGE), _int_arg("per_page", 20, maximum=listing.MAX_PER_PAGE)


RATING_PARAM = {"type": "integer", "minimum": 1, "maximum": 5}
PAGING = [
    query(
        "page",
        f"Page number, from 1 to {edge.MAX_PAGE:,}; a page past the end is an empty list (products: past "
        f"the first {listing.MAX_RESULTS:,} matches too)",
        {"type": "integer", "minimum": 1, "maximum": edge.MAX_PAGE},
    ),
    query(
        "per_page",
        f"Items per page, from 1 to {listing.MAX_PER_PAGE} (20 when not given)",
        {"type": "integer", "minimum": 1, "maximum": listing.MAX_PER_PAGE},
    ),
]


@bp.get("/products")
@cached_json
@operation(
    "Visible products, filtered and paginated",
    parameters=[
        query(
            "q",
            f"Search words, with or without accents (at most {MAX_QUERY_CHARS} characters)",
            text_schema(max_length=MAX_QUERY_CHARS),
        ),
        query("category", f"Category slug (its sub-categories are included). {FREE_SLUG}", text_schema()),
        query("seller", f"Seller slug. {FREE_SLUG}", text_schema()),
        query("outlet", f"Outlet slug: only products in stock there. {FREE_SLUG}", text_schema()),
        query("sort", "Order", {"type": "string", "enum": list(listing.SORTS)}),
        query("rating", "Only products whose buyers' average is at least this many stars", RATING_PARAM),
        *PAGING,
    ],
    response="ProductPage",
    not_found=True,
)
def products():
    """Products of approved sellers that are on sale. Page past the end: an empty list."""
    q = request.args.get("q", "")
    if len(q) > MAX_QUERY_CHARS:
        raise BadParameter(_("q must be at most %(n)s characters.", n=MAX_QUERY_CHARS))
    filters = listing.Filters(q=q, sort=request.args.get("sort"))
    if filters.sort is not None and filters.sort not in listing.SORTS:
        raise BadParameter(_("Unknown sort order."))
    page, per_page = _page_args()
    if rating := request.args.get("rating", "").strip():
        if rating not in {"1", "2", "3", "4", "5"}:
            raise BadParameter(_("rating must be a whole number from 1 to 5."))
        filters.rating = int(rating)
    if slug := request.args.get("category"):
        categories = listing.all_categories()
        chosen = next((c for c in categories if c.slug == slug), None)
        if chosen is None:
            raise NotFound(_("Unknown category: %(slug)s", slug=slug))
        filters.category_ids = listing.descendant_ids(chosen, categories)
    if slug := request.args.get("seller"):
        filters.seller = queries.approved_seller(slug)
        if filters.seller is None:
            raise NotFound(_("Unknown seller: %(slug)s", slug=slug))
    if slug := request.args.get("outlet"):
        filters.outlet = queries.active_outlet(slug)
        if filters.outlet is None:
            raise NotFound(_("Unknown outlet: %(slug)s", slug=slug))
    results = listing.browse(filters, page=page, per_page=per_page, clamp=False)
    stock = queries.availability([v.id for p in results.items for v in p.variants])
    items = [serializers.product(p, stock) for p in results.items]
    return jsonify(
        items=items, total=results.total, capped=results.capped, page=page, per_page=per_page, pages=results.pages
    )


@bp.get("/products/<slug>")
@cached_json
@operation("One visible product", parameters=[path("slug", "Product slug")], response="ProductDetail", not_found=True)
def product(slug: str):
    """A product with its variants, photos, origin and the outlets that hold it."""
    item = queries.product_by_slug(slug)
    if item is None:
        raise NotFound(_("No product is on sale under this address."))
    records = queries.outlet_stock([v.id for v in item.variants if v.is_active])
    stock: dict[int, int] = {}
    outlets: dict[int, list] = {}
    for r in records:
        stock[r.variant_id] = stock.get(r.variant_id, 0) + r.available
        outlets.setdefault(r.outlet_id, [r.outlet, 0])[1] += r.available
    return jsonify(serializers.product_detail(item, stock, [tuple(pair) for pair in outlets.values()]))


@bp.get("/categories")
@cached_json
@operation("The category tree, flat, each with its parent's slug", response="CategoryList")
def categories():
    """Every category in display order."""
    items = listing.all_categories()
    slugs = {c.id: c.slug for c in items}
    return jsonify(items=[serializers.category(c, slugs) for c in items], total=len(items))


@bp.get("/sellers")
@cached_json
@operation("Approved sellers, paginated", parameters=PAGING, response="SellerPage")
def sellers():
    """Sellers whose products are on sale, by name."""
    page, per_page = _page_args()
    items, total = queries.approved_sellers_page(page, per_page)
    counts = queries.visible_counts_by_seller([s.id for s in items])
    pages = max(1, -(-total // per_page))
    data = [serializers.seller(s, counts.get(s.id, 0)) for s in items]
    return jsonify(items=data, total=total, page=page, per_page=per_page, pages=pages)


@bp.get("/sellers/<slug>")
@cached_json
@operation("One approved seller", parameters=[path("slug", "Seller slug")], response="Seller", not_found=True)
def seller(slug: str):
    """A seller's story, kind, place and how many products are on sale."""
    item = queries.approved_seller(slug)
    if item is None:
        raise NotFound(_("No seller is selling under this address."))
    return jsonify(serializers.seller(item, queries.visible_counts_by_seller([item.id]).get(item.id, 0)))


@bp.get("/outlets")
@cached_json
@operation("Active sales outlets", response="OutletList")
def outlets():
    """The Women's Union shops: address, hours, coordinates, pickup and delivery."""
    items = queries.active_outlets()
    return jsonify(items=[serializers.outlet(o) for o in items], total=len(items))


@bp.get("/openapi.json")
@limiter.exempt
def openapi():
    return jsonify(build(current_app))
