"""What reviews do: a buyer writes (once per line she received) and edits for 30 days, the seller
replies once, union staff hide or show with a reason. Each change recomputes the product's figures
from the reviews shown, under a lock on the product row, so the average and count stay exact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.accounts.notices import deliver
from app.catalog.images import ImageRejected, StoredImage, process_image
from app.catalog.models import Product
from app.core import audit
from app.core.errors import FieldErrors, NotFound
from app.core.extensions import db
from app.core.timeutil import as_utc, utcnow
from app.core.urls import external_url
from app.core.vocab import NoticeKind, OrderStatus
from app.orders.models import Order, OrderLine, Shipment
from app.reviews.models import Review, ReviewPhoto
from app.sellers.models import SellerMember

EDITABLE_DAYS = 30
MAX_PHOTOS = 3
MAX_TEXT = 2000
MAX_REPLY = 1000


class ReviewError(FieldErrors):
    code = "review"


@dataclass(frozen=True)
class ReviewInput:
    stars: object
    text: str = ""
    photos: tuple[tuple[bytes, str], ...] = ()
    remove_photo_ids: tuple[int, ...] = ()


def line_to_review(*, user, line_id: int) -> OrderLine:
    """One of her order lines whose shipment was handed over; someone else's line is not found."""
    line = db.session.scalar(
        select(OrderLine)
        .join(Order, Order.id == OrderLine.order_id)
        .where(OrderLine.id == line_id, Order.user_id == user.id)
        .options(selectinload(OrderLine.shipment), selectinload(OrderLine.variant))
    )
    if line is None:
        raise NotFound(_("Order not found."))
    if line.shipment.status != OrderStatus.COMPLETED:
        raise ReviewError(_("You can review a product once you have received it."))
    return line


def review_of_line(line_id: int) -> Review | None:
    return db.session.scalar(select(Review).where(Review.order_line_id == line_id))


def _stars(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ReviewError(_("Choose from 1 to 5 stars."), field="stars")
    return value


def _text(value: str | None) -> str:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        raise ReviewError(_("At most %(n)s characters.", n=MAX_TEXT), field="text")
    return text


def _process(files: tuple[tuple[bytes, str], ...], *, already: int) -> list[StoredImage]:
    """Every photo through the shared pipeline before anything is saved."""
    files = tuple((data, name) for data, name in files if name)
    if already + len(files) > MAX_PHOTOS:
        raise ReviewError(_("At most %(n)s photos per review.", n=MAX_PHOTOS), field="photos")
    stored = []
    for data, name in files:
        try:
            stored.append(process_image(data))
        except ImageRejected as exc:
            raise ReviewError(_("“%(name)s”: %(why)s", name=name, why=exc.message), field="photos") from None
    return stored


def recompute(product_id: int) -> Product:
    """The product's count and sum of stars from its shown reviews (the caller commits).

    The product row is locked first, so concurrent reviews count one after the other. FOR NO KEY
    UPDATE, not FOR UPDATE: a new review's foreign key already holds a KEY SHARE lock on the row,
    which FOR UPDATE would wait on (two writers, each waiting for the other: a deadlock).
    """
    product = db.session.scalars(
        select(Product)
        .where(Product.id == product_id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    ).one()
    count, total = db.session.execute(
        select(func.count(Review.id), func.coalesce(func.sum(Review.stars), 0)).where(
            Review.product_id == product_id, Review.is_hidden.is_(False)
        )
    ).one()
    product.rating_count, product.rating_sum = int(count), int(total)
    return product


def write_review(*, user, line_id: int, data: ReviewInput) -> Review:
    """Her review of a line she received; a second one for the same line is refused."""
    line = line_to_review(user=user, line_id=line_id)
    if review_of_line(line.id) is not None:
        raise ReviewError(_("You have already reviewed this item. You can change your review instead."))
    stars, text = _stars(data.stars), _text(data.text)
    stored = _process(data.photos, already=0)
    review = Review(
        order_line_id=line.id, product_id=line.variant.product_id, seller_id=line.seller_id, user_id=user.id,
        stars=stars, text=text,
    )  # fmt: skip
    review.photos = [
        ReviewPhoto(storage_key=s.key, width=s.width, height=s.height, position=i) for i, s in enumerate(stored)
    ]
    db.session.add(review)
    try:
        db.session.flush()
    except IntegrityError:  # the same line reviewed twice at once: the unique key keeps one
        db.session.rollback()
        raise ReviewError(_("You have already reviewed this item. You can change your review instead.")) from None
    recompute(review.product_id)
    db.session.commit()
    return review


def her_review(*, user, review_id: int) -> Review:
    review = db.session.scalar(select(Review).where(Review.id == review_id, Review.user_id == user.id))
    if review is None:
        raise NotFound(_("This review does not exist."))
    return review


def editable(review: Review) -> bool:
    return utcnow() - as_utc(review.created_at) <= timedelta(days=EDITABLE_DAYS)


def edit_review(*, user, review_id: int, data: ReviewInput) -> Review:
    """Change her stars, words and photos within 30 days of writing."""
    review = her_review(user=user, review_id=review_id)
    if not editable(review):
        raise ReviewError(_("A review can be changed for %(n)s days after it was written.", n=EDITABLE_DAYS))
    stars, text = _stars(data.stars), _text(data.text)
    kept = [p for p in review.photos if p.id not in set(data.remove_photo_ids)]
    stored = _process(data.photos, already=len(kept))
    review.stars, review.text = stars, text
    review.photos = kept + [
        ReviewPhoto(storage_key=s.key, width=s.width, height=s.height, position=len(kept) + i)
        for i, s in enumerate(stored)
    ]
    review.updated_at = utcnow()
    db.session.flush()
    recompute(review.product_id)
    db.session.commit()
    return review


def reply(*, user, review_id: int, text: str) -> Review:
    """The seller's one public answer; only a member of the product's seller may write it."""
    review = db.session.scalar(select(Review).where(Review.id == review_id).options(selectinload(Review.user)))
    if review is None:
        raise NotFound(_("This review does not exist."))
    member = db.session.scalar(
        select(SellerMember.id).where(SellerMember.seller_id == review.seller_id, SellerMember.user_id == user.id)
    )
    if member is None:
        raise ReviewError(_("Only the seller of this product can reply to its reviews."), field="text")
    if review.reply_text is not None:
        raise ReviewError(_("The seller has already replied to this review."), field="text")
    words = (text or "").strip()
    if not 2 <= len(words) <= MAX_REPLY:
        raise ReviewError(_("Write a reply of 2 to %(n)s characters.", n=MAX_REPLY), field="text")
    review.reply_text, review.reply_at, review.reply_by_id = words, utcnow(), user.id
    _tell_reviewer(review)
    db.session.commit()
    return review


def _tell_reviewer(review: Review) -> None:
    product = db.session.get(Product, review.product_id)
    url = external_url("reviews.product_reviews", slug=product.slug)
    with force_locale(review.user.locale):
        deliver(
            user=review.user,
            kind=NoticeKind.REVIEW,
            subject=_("The seller replied to your review"),
            body=_("The seller of “%(name)s” replied to your review.", name=product.name),
            link=f"{urlsplit(url).path}#review-{review.id}",
            url=url,
        )


def _staff_review(review_id: int) -> Review:
    review = db.session.get(Review, review_id)
    if review is None:
        raise NotFound(_("This review does not exist."))
    return review


def hide(*, staff, review_id: int, reason: str | None) -> Review:
    """Take a review off the product page with a reason (audited); it no longer counts."""
    words = (reason or "").strip()
    if not 5 <= len(words) <= 1000:
        raise ReviewError(_("Write the reason (5 to 1000 characters): it is kept in the audit trail."), field="reason")
    review = _staff_review(review_id)
    review.is_hidden, review.hidden_reason, review.hidden_at = True, words, utcnow()
    audit.record(actor_id=staff.id, action="review.hide", subject_type="review", subject_id=review.id, reason=words)
    recompute(review.product_id)
    db.session.commit()
    return review


def show(*, staff, review_id: int) -> Review:
    """Show a hidden review again (audited); it counts again."""
    review = _staff_review(review_id)
    review.is_hidden, review.hidden_reason, review.hidden_at = False, None, None
    audit.record(actor_id=staff.id, action="review.show", subject_type="review", subject_id=review.id)
    recompute(review.product_id)
    db.session.commit()
    return review


def waiting_lines(user, limit: int = 50) -> list[OrderLine]:
    """Lines she received and has not reviewed yet, newest first."""
    reviewed = select(Review.order_line_id).where(Review.user_id == user.id)
    return list(
        db.session.scalars(
            select(OrderLine)
            .join(Order, Order.id == OrderLine.order_id)
            .join(Shipment, Shipment.id == OrderLine.shipment_id)
            .where(Order.user_id == user.id, Shipment.status == OrderStatus.COMPLETED, OrderLine.id.not_in(reviewed))
            .options(selectinload(OrderLine.order))
            .order_by(Shipment.completed_at.desc(), OrderLine.id)
            .limit(limit)
        )
    )
