"""What the catalog pages show, assembled from queries at a fixed number of SQL statements."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from markupsafe import escape
from werkzeug.datastructures import MultiDict

from app.catalog import listing, queries
from app.catalog.forms import ProductFilterForm
from app.catalog.models import Category, Product
from app.catalog.places import place
from app.core.errors import NotFound
from app.core.i18n import locale_code
from app.core.urls import external_url
from app.core.vocab import Certification, SellerKind
from app.outlets.models import Outlet
from app.sellers.models import Seller

KIND_LABELS = SellerKind.labels(short=True)
CERT_LABELS = Certification.labels()


@dataclass
class CategoryOption:
    slug: str
    label: str


@dataclass
class Listing:
    """A filtered, sorted page of products with its form, categories and suggestions."""

    form: ProductFilterForm
    results: listing.Results
    categories: list[Category]
    query: str
    suggestions: list[Category] = field(default_factory=list)
    active_filters: int = 0
    category: Category | None = None


def parse_page(raw: str | None) -> int:
    """A page number from the URL; anything that is not a positive whole number means 1."""
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and 0 < len(raw) < 7 and int(raw) > 0 else 1


def _category_options(categories: list[Category]) -> list[CategoryOption]:
    """Categories in tree order, children indented under their parent."""
    children: dict[int | None, list[Category]] = OrderedDict()
    for c in categories:
        children.setdefault(c.parent_id, []).append(c)
    options: list[CategoryOption] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for c in children.get(parent_id, []):
            if depth < 6:
                options.append(CategoryOption(c.slug, "\u2003" * depth + c.name_for(locale_code())))
                walk(c.id, depth + 1)

    walk(None, 0)
    return options


def product_listing(
    args: MultiDict, *, category_slug: str | None = None, seller: Seller | None = None, outlet: Outlet | None = None
) -> Listing:
    """Read the filter form from the query string and fetch the page it asks for."""
    categories = listing.all_categories()
    category = None
    if category_slug is not None:
        category = next((c for c in categories if c.slug == category_slug), None)
        if category is None:
            raise NotFound(_l("This category does not exist."))
    outlets = queries.active_outlets()
    form = ProductFilterForm(formdata=args)
    query = form.query
    form.fill_choices(
        categories=_category_options(categories),
        outlets=outlets,
        kind_labels=KIND_LABELS,
        cert_labels=CERT_LABELS,
        searching=bool(query),
    )
    form.validate()
    chosen = category or next((c for c in categories if c.slug == form.category.data), None)
    at_outlet = outlet or next((o for o in outlets if o.slug == form.outlet.data), None)
    filters = listing.Filters(
        q=query,
        category_ids=listing.descendant_ids(chosen, categories) if chosen else None,
        seller=seller,
        kind=form.kind.data or None,
        ocop=int(form.ocop.data) if form.ocop.data else None,
        cert=form.cert.data or None,
        price_min=getattr(form.price_min, "amount", None),
        price_max=getattr(form.price_max, "amount", None),
        outlet=at_outlet,
        sort=form.sort.data or None,
        rating=int(form.rating.data) if form.rating.data else None,
    )
    results = listing.browse(filters, page=parse_page(args.get("page")))
    active = sum(
        bool(x)
        for x in (
            form.category.data and not category,
            filters.kind,
            filters.ocop,
            filters.cert,
            at_outlet and not outlet,
            filters.rating,
        )
    ) + (filters.price_min is not None or filters.price_max is not None)
    suggestions = []
    if not results.total:
        suggestions = listing.matching_categories(query, categories) or [c for c in categories if c.parent_id is None]
    return Listing(form, results, categories, query, suggestions, active, category)


def category_page(slug: str, args: MultiDict) -> tuple[Category, list[Category], list[Category], Listing]:
    """A category, its breadcrumbs, its sub-categories and its products."""
    page = product_listing(args, category_slug=slug)
    category = page.category
    trail = listing.ancestors(category, page.categories)
    children = [c for c in page.categories if c.parent_id == category.id]
    return category, trail, children, page


@dataclass
class ProductPage:
    product: Product
    trail: list[Category]
    stock_by_variant: dict[int, int]
    outlets: list[tuple[Outlet, list[tuple[str, int]]]]
    related: list[Product]
    related_stock: dict[int, int]
    origin: str


def product_page(slug: str) -> ProductPage:
    """A visible product with its availability per outlet and related products."""
    product = queries.product_by_slug(slug, with_cards=False)
    if product is None:
        raise NotFound(_l("This product does not exist or is no longer on sale."))
    related = queries.related_products(product)
    queries.load_cards([product, *related])  # the product's and the related cards' parts in one statement
    variants = [v for v in product.variants if v.is_active]
    labels = {v.id: v.label for v in variants}
    by_outlet: dict[int, tuple[Outlet, list[tuple[str, int]]]] = OrderedDict()
    stock: dict[int, int] = {}
    for record in queries.outlet_stock(list(labels)):
        by_outlet.setdefault(record.outlet_id, (record.outlet, []))[1].append(
            (labels[record.variant_id], record.available)
        )
        stock[record.variant_id] = stock.get(record.variant_id, 0) + record.available
    return ProductPage(
        product=product,
        trail=[*listing.ancestors(product.category, listing.all_categories()), product.category],
        stock_by_variant=stock,
        outlets=list(by_outlet.values()),
        related=related,
        related_stock=queries.product_availability(related),
        origin=place(product.origin_ward_code, product.origin_province_code),
    )


def seller_page(slug: str, args: MultiDict) -> tuple[Seller, Listing]:
    """An approved seller's storefront with their visible products."""
    seller = queries.approved_seller(slug)
    if seller is None:
        raise NotFound(_l("This seller does not exist or is not selling here."))
    return seller, product_listing(args, seller=seller)


def outlet_page(slug: str, args: MultiDict) -> tuple[Outlet, Listing]:
    """An active outlet and the products in stock there."""
    outlet = queries.active_outlet(slug)
    if outlet is None:
        raise NotFound(_l("This outlet does not exist or is closed."))
    return outlet, product_listing(args, outlet=outlet)


def sitemap_entries() -> dict:
    """The public pages that are not products: categories, approved sellers, active outlets."""
    return {
        "categories": listing.all_categories(),
        "sellers": queries.approved_sellers(),
        "outlets": queries.active_outlets(),
    }


def sitemap_files() -> list[str]:
    """The absolute URLs of every sitemap file, for the sitemap index."""
    products = [
        external_url("catalog.sitemap_products", number=n) for n in range(1, queries.sitemap_product_files() + 1)
    ]
    return [external_url("catalog.sitemap_pages"), *products]


def sitemap_product_lines(number: int) -> Iterator[str]:
    """The <url> lines of one product sitemap file, built without holding every row in memory."""
    if not 1 <= number <= queries.sitemap_product_files():
        raise NotFound(_l("This page does not exist."))
    pattern = external_url("catalog.product", slug="SLUG")

    def lines() -> Iterator[str]:
        yield '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        for slug, updated in queries.sitemap_products(number):
            lastmod = f"<lastmod>{updated:%Y-%m-%d}</lastmod>" if updated else ""
            yield f"  <url><loc>{escape(pattern.replace('SLUG', slug))}</loc>{lastmod}</url>\n"
        yield "</urlset>\n"

    return lines()
