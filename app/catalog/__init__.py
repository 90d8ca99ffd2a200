from flask import Blueprint

from app.core.cache import watch_tables

bp = Blueprint("catalog", __name__)

# What the catalog's pages and the API show: a committed write to any of these makes every cached
# page and answer out of date (app/core/cache.py).
watch_tables(
    "products", "variants", "product_images", "product_certifications", "categories",
    "sellers", "seller_images", "outlets", "outlet_wards", "stock_records",
)  # fmt: skip

from app.catalog import media, search_index, sort_keys, stock_alerts, views  # noqa: E402,F401  (media answers who may see a photo)
