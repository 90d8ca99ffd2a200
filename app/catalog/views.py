"""Catalog pages (home for now; browsing, search and product pages grow here)."""

from __future__ import annotations

from flask import render_template

from app.catalog import bp, queries


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
