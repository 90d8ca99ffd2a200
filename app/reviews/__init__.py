"""Reviews from buyers only: stars, words and photos for what she received, the seller's reply, the
union's moderation. Importing the package connects its receivers (the product page's ratings, her
data download and account deletion)."""

from flask import Blueprint

from app.core.cache import watch_tables

bp = Blueprint("reviews", __name__)

watch_tables("reviews", "review_photos")  # the product page shows them (app/core/cache.py)

from app.reviews import desk_views, privacy, queries, views  # noqa: E402,F401
