"""Listing moderation: the queue of new or changed products, hide with a reason, show again."""

from __future__ import annotations

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.accounts.services import notify
from app.catalog.models import Product
from app.core import audit
from app.core.errors import NotFound
from app.core.extensions import db
from app.core.mail import Mail, queue_mail
from app.core.vocab import ProductStatus
from app.sellers.models import Seller, SellerMember
from app.sellers.status import ReasonRequired

PER_PAGE = 20
QUEUES = ("review", "hidden")


def moderation_queue(queue: str, *, page: int = 1):
    """Products waiting for a look (new or changed), or those hidden, oldest change first."""
    stmt = select(Product).options(
        selectinload(Product.seller), selectinload(Product.images), selectinload(Product.variants)
    )
    if queue == "hidden":
        stmt = stmt.where(Product.is_hidden.is_(True))
    else:
        stmt = stmt.where(Product.needs_review.is_(True), Product.status != ProductStatus.ARCHIVED)
    stmt = stmt.order_by(Product.updated_at, Product.id)
    return db.paginate(stmt, page=page, per_page=PER_PAGE, error_out=False)


def _product(product_id: int) -> Product:
    product = db.session.scalar(
        select(Product)
        .where(Product.id == product_id)
        .options(selectinload(Product.seller).selectinload(Seller.members).selectinload(SellerMember.user))
    )
    if product is None:
        raise NotFound(_("This page does not exist."))
    return product


def hide_product(*, staff: User, product_id: int, reason: str | None) -> Product:
    """Take a product off the market with a reason the seller will read."""
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(_("Please write the reason: the seller will read it."))
    product = _product(product_id)
    product.is_hidden, product.hidden_reason, product.needs_review = True, reason, False
    audit.record(actor_id=staff.id, action="product.hide", subject_type="product", subject_id=product.id, reason=reason)
    _tell_seller(product, hidden=True)
    db.session.commit()
    return product


def show_product(*, staff: User, product_id: int, reason: str | None = None) -> Product:
    """Put a hidden product back on the market after the seller fixed it."""
    product = _product(product_id)
    product.is_hidden, product.hidden_reason, product.needs_review = False, None, False
    audit.record(
        actor_id=staff.id,
        action="product.show",
        subject_type="product",
        subject_id=product.id,
        reason=(reason or "").strip() or None,
    )
    _tell_seller(product, hidden=False)
    db.session.commit()
    return product


def mark_reviewed(*, staff: User, product_id: int) -> Product:
    """The product was looked at and may stay as it is."""
    product = _product(product_id)
    product.needs_review = False
    audit.record(actor_id=staff.id, action="product.review", subject_type="product", subject_id=product.id)
    db.session.commit()
    return product


def _tell_seller(product: Product, *, hidden: bool) -> None:
    link = url_for("sellers.product_edit", seller_id=product.seller_id, product_id=product.id)
    for member in product.seller.members:
        with force_locale(member.user.locale):
            if hidden:
                text = _(
                    "The union has hidden “%(name)s”. Reason: %(reason)s. Fix it and ask for a review.",
                    name=product.name,
                    reason=product.hidden_reason,
                )
            else:
                text = _("“%(name)s” is shown on the market again.", name=product.name)
            notify(member.user_id, text, link)
            queue_mail(Mail(to=member.user.email, subject=text[:120], body=text))
