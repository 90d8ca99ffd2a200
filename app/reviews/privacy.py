"""Her reviews in her data download; deleting her account deletes them (words and photos are hers)
and the products' figures are recomputed without them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.core import signals
from app.core.extensions import db
from app.reviews.models import Review
from app.reviews.services import recompute


def _personal_data(user, **_ignored) -> dict:
    reviews = db.session.scalars(
        select(Review)
        .where(Review.user_id == user.id)
        .options(selectinload(Review.product), selectinload(Review.photos))
        .order_by(Review.id)
    )
    return {
        "reviews": [
            {
                "product": r.product.name,
                "stars": r.stars,
                "text": r.text,
                "photos": [f"/media/{p.storage_key}/1280.webp" for p in r.photos],
                "written_at": r.created_at,
                "changed_at": r.updated_at,
                "hidden_by_the_union": r.is_hidden,
                "seller_reply": r.reply_text,
            }
            for r in reviews
        ]
    }


def _erase(user, **_ignored) -> None:
    reviews = list(db.session.scalars(select(Review).where(Review.user_id == user.id)))
    products = {r.product_id for r in reviews}
    for review in reviews:
        db.session.delete(review)
    db.session.flush()
    for product_id in sorted(products):  # in id order, like every other lock
        recompute(product_id)


signals.personal_data_wanted.connect(_personal_data)
signals.account_erasing.connect(_erase)
