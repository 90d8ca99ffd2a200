"""Guest orders: the link that opens them, sent again on request, and how they join an account.

A guest order joins an account in two ways only, each proving the order is hers: the account's
email was confirmed (a signed link) and is the one given at checkout; or she, signed in, holds the
order's signed link. Phone numbers are not confirmed yet (no SMS channel), so a phone number alone
never joins an order to an account.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from app.core import signals
from app.core.errors import FieldErrors, NotFound
from app.core.extensions import db
from app.core.mail import Mail, queue_mail
from app.core.validation import normalise_email, normalise_mobile
from app.orders.links import order_link, token_opens
from app.orders.models import Order


class OrderLinkError(FieldErrors):
    code = "order_link"


def link_verified_email_orders(user) -> int:
    """Join to the account every guest order placed with her confirmed email; returns how many."""
    if user is None or user.email_verified_at is None or user.erased_at is not None:
        return 0
    result = db.session.execute(
        update(Order)
        .where(Order.user_id.is_(None), func.lower(Order.contact_email) == user.email.lower())
        .values(user_id=user.id)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def _on_email_verified(user, **_ignored) -> int:
    return link_verified_email_orders(user)  # the sender commits


def _on_signed_in(user, **_ignored) -> int:
    linked = link_verified_email_orders(user)
    if linked:
        db.session.commit()
    return linked


signals.email_verified.connect(_on_email_verified)
signals.signed_in.connect(_on_signed_in)


def claim(*, order: Order, user, token: str | None) -> Order:
    """She is signed in and holds the order's signed link: the guest order joins her account."""
    if not token_opens(order, token) or order.user_id not in (None, user.id):
        raise NotFound(_("Order not found."))
    order.user_id = user.id
    db.session.commit()
    return order


def _queue_link(order: Order, email: str) -> None:
    with force_locale(order.locale or "vi"):
        queue_mail(
            Mail(
                to=email,
                subject=_("The link to your order %(n)s", n=order.number),
                body=_(
                    "Hello %(name)s,\n\nYour order %(n)s can be followed at any time from this link (keep it, "
                    "it is yours only):\n%(link)s\n\nChợ Phụ Nữ Khởi Nghiệp — Đồng Nai Provincial Women's Union",
                    name=order.contact_name,
                    n=order.number,
                    link=order_link(order),
                ),
            )
        )


def send_link_to(*, order: Order, token: str | None, email: str) -> str:
    """From the order page (she holds the link): email it to her; an order without an email keeps
    this one for its updates from now on. Returns the address it went to."""
    if not token_opens(order, token):
        raise NotFound(_("Order not found."))
    address = normalise_email(email or "")
    if address is None:
        raise OrderLinkError(_("Enter a valid email address, for example lan@example.com."), field="email")
    if not order.contact_email:
        order.contact_email = address
    _queue_link(order, address)
    db.session.commit()
    return address


def resend_link(*, number: str, phone: str) -> None:
    """Someone gives an order number and its phone number: the link goes again to the order's email,
    when it has one. The answer is the same whatever is found, so nobody learns about others' orders."""
    phone_n = normalise_mobile(phone or "")
    if phone_n is None:
        raise OrderLinkError(
            _("Enter a Vietnamese mobile number: 0 followed by 9 digits (03, 05, 07, 08, 09…), or +84."), field="phone"
        )
    order = db.session.scalar(select(Order).where(Order.number == (number or "").strip().upper()))
    if order is not None and order.contact_phone == phone_n and order.contact_email:
        _queue_link(order, order.contact_email)
    db.session.commit()
