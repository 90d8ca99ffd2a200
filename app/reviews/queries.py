"""Read-side of reviews: the product page's summary (a fixed number of queries), a product's reviews
page by page, a seller's, the union's list, and hers. Hidden reviews are shown to no shopper."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, func, select, true
from sqlalchemy.orm import aliased, joinedload, selectinload

from app.catalog.models import Product
from app.core import signals
from app.core.extensions import db
from app.reviews.models import Review

LATEST = 5
STARS = (5, 4, 3, 2, 1)
PER_PAGE = 20


@dataclass(frozen=True)
class Summary:
    """What the product page shows: exact figures of the reviews shown, and the latest of them."""

    count: int
    total: int
    distribution: dict[int, int] = field(default_factory=dict)  # stars → reviews, 5 to 1
    latest: list[Review] = field(default_factory=list)

    @property
    def average(self) -> float | None:
        return round(self.total / self.count, 1) if self.count else None

    def share(self, stars: int) -> int:
        """The percentage of reviews with these stars, for the bar's width (0–100)."""
        return round(100 * self.distribution.get(stars, 0) / self.count) if self.count else 0


def _shown(product_id: int):
    return select(Review).where(Review.product_id == product_id, Review.is_hidden.is_(False))


def _with_people(stmt):
    return stmt.options(joinedload(Review.user), joinedload(Review.line), selectinload(Review.photos))


def summary(product: Product) -> Summary:
    """Average, count, distribution and the latest reviews, in one statement: each of the latest
    reviews (with its author, line and photos) carries the counts per number of stars."""
    counted = aliased(Review)
    per_stars = (
        select(*(func.sum(case((counted.stars == n, 1), else_=0)).label(f"stars_{n}") for n in STARS))
        .where(counted.product_id == product.id, counted.is_hidden.is_(False))
        .subquery()
    )
    stmt = (
        _shown(product.id)
        .add_columns(*(per_stars.c[f"stars_{n}"] for n in STARS))
        .join(per_stars, true())
        .order_by(Review.created_at.desc(), Review.id.desc())
        .limit(LATEST)
    )
    rows = db.session.execute(stmt.options(joinedload(Review.user), joinedload(Review.line), joinedload(Review.photos)))
    rows = rows.unique().all()
    distribution = dict.fromkeys(STARS, 0)
    if rows:  # no shown review: no row, and every count is 0
        distribution.update({n: int(rows[0][i] or 0) for i, n in enumerate(STARS, start=1)})
    count = sum(distribution.values())
    total = sum(stars * n for stars, n in distribution.items())
    return Summary(count=count, total=total, distribution=distribution, latest=[row[0] for row in rows])


def product_reviews(product: Product, *, stars: int | None, page: int):
    """One page of a product's shown reviews, newest first, optionally of one number of stars."""
    stmt = _shown(product.id)
    if stars in (1, 2, 3, 4, 5):
        stmt = stmt.where(Review.stars == stars)
    stmt = _with_people(stmt.order_by(Review.created_at.desc(), Review.id.desc()))
    return db.paginate(stmt, page=max(page, 1), per_page=PER_PAGE, error_out=False)


def seller_reviews(seller_id: int, *, waiting_only: bool, page: int):
    """Reviews of a seller's products (hidden ones marked), those without a reply first when asked."""
    stmt = select(Review).where(Review.seller_id == seller_id)
    if waiting_only:
        stmt = stmt.where(Review.reply_text.is_(None), Review.is_hidden.is_(False))
    stmt = _with_people(stmt).options(selectinload(Review.product)).order_by(Review.created_at.desc(), Review.id.desc())
    return db.paginate(stmt, page=max(page, 1), per_page=PER_PAGE, error_out=False)


def staff_reviews(*, hidden_only: bool, page: int):
    """Every review for the union's moderators, newest first (or the hidden ones)."""
    stmt = select(Review)
    if hidden_only:
        stmt = stmt.where(Review.is_hidden.is_(True))
    stmt = _with_people(stmt).options(selectinload(Review.product)).order_by(Review.created_at.desc(), Review.id.desc())
    return db.paginate(stmt, page=max(page, 1), per_page=PER_PAGE, error_out=False)


def her_reviews(user) -> list[Review]:
    stmt = select(Review).where(Review.user_id == user.id).order_by(Review.created_at.desc(), Review.id.desc())
    return list(db.session.scalars(_with_people(stmt).options(selectinload(Review.product))))


def _on_product_shown(product: Product, **_ignored) -> dict:
    return {"reviews": summary(product)}


signals.product_shown.connect(_on_product_shown)
