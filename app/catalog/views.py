"""Catalog pages: home, listings, search, category, product, seller, outlet, sitemap."""

from __future__ import annotations

from flask import Response, render_template, request, stream_with_context
from flask_login import current_user

from app.catalog import bp, queries, seo, services
from app.core import signals
from app.core.page_cache import cached_page

bp.add_app_template_global(seo.external_url, "external_url")
bp.add_app_template_global(seo.image_url, "product_image_url")
bp.add_app_template_global(seo.product_json_ld, "product_json_ld")
bp.add_app_template_global(services.place, "place")


@bp.route("/")
@cached_page
def home():
    featured, newest = queries.home_products(featured=8, newest=8)
    stock = queries.product_availability(featured + newest)
    return render_template(
        "catalog/home.html",
        featured=featured,
        newest=newest,
        stock=stock,
        categories=queries.top_categories(),
        sellers=queries.featured_sellers(4),
        outlets=queries.active_outlets(),
    )


@bp.get("/san-pham")
@cached_page
def products():
    return render_template("catalog/listing.html", page=services.product_listing(request.args), mode="all")


@bp.get("/tim-kiem")
@cached_page
def search():
    return render_template("catalog/listing.html", page=services.product_listing(request.args), mode="search")


@bp.get("/danh-muc/<slug>")
@cached_page
def category(slug: str):
    category, trail, children, page = services.category_page(slug, request.args)
    return render_template(
        "catalog/category.html", category=category, trail=trail, children=children, page=page, mode="category"
    )


@bp.get("/san-pham/<slug>")
@cached_page
def product(slug: str):
    view = services.product_page(slug)
    extras: dict = {}  # the ratings and reviews (app/reviews), whether she favourited it (app/orders)
    for answer in signals.all_answers(signals.product_shown, view.product, viewer=current_user):
        extras.update(answer)
    return render_template("catalog/product.html", view=view, **extras)


@bp.get("/nguoi-ban/<slug>")
@cached_page
def seller(slug: str):
    seller, page = services.seller_page(slug, request.args)
    photos = queries.seller_photos(seller.id)
    return render_template("catalog/seller.html", seller=seller, page=page, photos=photos, mode="seller")


@bp.get("/cua-hang/<slug>")
@cached_page
def outlet(slug: str):
    outlet, page = services.outlet_page(slug, request.args)
    return render_template("catalog/outlet.html", outlet=outlet, page=page, mode="outlet")


@bp.get("/sitemap.xml")
def sitemap():
    """The sitemap index: one file of pages, then files of at most 50,000 products each."""
    body = render_template("catalog/sitemap_index.xml", files=services.sitemap_files())
    return Response(body, mimetype="application/xml")


@bp.get("/sitemap-trang.xml")
def sitemap_pages():
    body = render_template("catalog/sitemap.xml", **services.sitemap_entries())
    return Response(body, mimetype="application/xml")


@bp.get("/sitemap-san-pham-<int:number>.xml")
def sitemap_products(number: int):
    lines = services.sitemap_product_lines(number)
    return Response(stream_with_context(lines), mimetype="application/xml")


@bp.get("/robots.txt")
def robots():
    body = render_template("catalog/robots.txt")
    return Response(body, mimetype="text/plain")
