"""Emails and in-site notices to shoppers, in their language, sent only once the change is committed.

Mails are rendered when the event happens (the objects are still loaded) and queued on the
session; they leave after the commit and are dropped on a rollback, so a refused change never
tells anyone anything.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import force_locale
from flask_babel import gettext as _

from app.accounts.services import notify
from app.core.i18n import clock, date_time, money
from app.core.mail import Mail, queue_mail
from app.core.vocab import Fulfilment, NoticeKind, OrderStatus
from app.orders.links import order_link
from app.orders.models import Order, Shipment


def _outlet_words(shipment: Shipment) -> str:
    outlet = shipment.outlet
    hours = f"{clock(outlet.opens_at)}–{clock(outlet.closes_at)}"
    return _("%(name)s, %(street)s (open %(hours)s)", name=outlet.title, street=outlet.street, hours=hours)


def _wording(event_code: str, order: Order, shipment: Shipment | None) -> tuple[str, str]:
    """(subject, main sentence) for an event; pickup and delivery read differently."""
    pickup = order.fulfilment == Fulfilment.PICKUP
    n = order.number
    if event_code == "placed":
        if order.status == "awaiting_payment":
            return _("Order %(n)s: waiting for your payment", n=n), _(
                "We have received your order and hold the goods for you until %(when)s. "
                "Please complete the payment before then.",
                when=_when(order),
            )
        if pickup:
            return _("Order %(n)s received", n=n), _(
                "We have received your order. We will tell you when it is ready to pick up."
            )
        return _("Order %(n)s received", n=n), _("We have received your order. We will tell you when it is on its way.")
    if event_code == "confirmed":
        detail = (
            _("The outlet will now prepare it for pickup.")
            if pickup
            else _("The outlet will now prepare it for delivery.")
        )
        return _("Order %(n)s confirmed", n=n), _("Your payment is confirmed.") + " " + detail
    if event_code == OrderStatus.READY_FOR_PICKUP and shipment is not None:
        return _("Order %(n)s is ready to pick up", n=n), _(
            "Your goods are ready at %(outlet)s. Show this pickup code at the counter: %(code)s.",
            outlet=_outlet_words(shipment),
            code=shipment.pickup_code,
        )
    if event_code == OrderStatus.OUT_FOR_DELIVERY and shipment is not None:
        return _("Order %(n)s is on its way", n=n), _(
            "%(outlet)s has sent your goods out for delivery. Give the courier this code: %(code)s.",
            outlet=shipment.outlet.title,
            code=shipment.pickup_code,
        )
    if event_code == "completed":
        if pickup:
            return _("Order %(n)s picked up", n=n), _(
                "You have picked up your goods. Thank you for buying from women's groups!"
            )
        return _("Order %(n)s delivered", n=n), _(
            "Your goods have been delivered. Thank you for buying from women's groups!"
        )
    if event_code == "cancelled":
        return _("Order %(n)s cancelled", n=n), _(
            "Your order has been cancelled. Reason: %(reason)s", reason=order.cancel_reason or "-"
        )
    return _("Order %(n)s updated", n=n), _("Your order has been updated.")


def _when(order: Order) -> str:
    return date_time(order.expires_at)


def tell_shopper(event_code: str, order: Order, shipment: Shipment | None = None) -> None:
    """Queue the email (when she gave one) and add the in-site notice for one event, in her language.

    Order updates cannot be turned off. Texts to a phone (SMS, Zalo) are not sent yet."""
    with force_locale(order.locale or "vi"):
        subject, sentence = _wording(event_code, order, shipment)
        link = order_link(order)
        body = "\n\n".join(
            [
                _("Hello %(name)s,", name=order.contact_name),
                sentence,
                _("Order total: %(total)s", total=money(order.total_vnd)),
                _("Follow your order here: %(link)s", link=link),
                _("Chợ Phụ Nữ Khởi Nghiệp — Đồng Nai Provincial Women's Union"),
            ]
        )
    if order.contact_email:  # a guest who gave a phone number only keeps the link shown at checkout
        queue_mail(Mail(to=order.contact_email, subject=subject, body=body))
    if order.user_id is not None:
        notify(order.user_id, f"{subject}. {sentence}", link=urlsplit(link).path, kind=NoticeKind.ORDER)
