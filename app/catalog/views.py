"""Catalog pages: home, listings, search, category, product, seller, outlet, sitemap."""

from __future__ import annotations

from flask import Response, render_template, request

from app.catalog import bp, queries, seo, services

bp.add_app_template_global(seo.external_url, "external_url")
bp.add_app_template_global(seo.image_url, "product_image_url")
bp.add_app_template_global(seo.product_json_ld, "product_json_ld")
bp.add_app_template_global(services.place, "place")


@bp.route("/")
def home():
    featured = queries.featured_products(8)
    newest = queries.newest_products(8)
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
def products():
    return render_template("catalog/listing.html", page=services.product_listing(request.args), mode="all")


@bp.get("/tim-kiem")
def search():
    return render_template("catalog/listing.html", page=services.product_listing(request.args), mode="search")


@bp.get("/danh-muc/<slug>")
def category(slug: str):
    category, trail, children, page = services.category_page(slug, request.args)
    return render_template(
        "catalog/category.html", category=category, trail=trail, children=children, page=page, mode="category"
    )


@bp.get("/san-pham/<slug>")
def product(slug: str):
    return render_template("catalog/product.html", view=services.product_page(slug))


@bp.get("/nguoi-ban/<slug>")
def seller(slug: str):
    seller, page = services.seller_page(slug, request.args)
    photos = queries.seller_photos(seller.id)
    return render_template("catalog/seller.html", seller=seller, page=page, photos=photos, mode="seller")


@bp.get("/cua-hang/<slug>")
def outlet(slug: str):
    outlet, page = services.outlet_page(slug, request.args)
    return render_template("catalog/outlet.html", outlet=outlet, page=page, mode="outlet")


@bp.get("/sitemap.xml")
def sitemap():
    body = render_template("catalog/sitemap.xml", **services.sitemap_entries())
    return Response(body, mimetype="application/xml")


@bp.get("/robots.txt")
def robots():
    body = render_template("catalog/robots.txt")
    return Response(body, mimetype="text/plain")
