"""What the shopper is told about her money: each refund opened or paid back, by email and in the site.

Messages are written in the order's language when the event happens and leave only when the
transaction commits (``queue_mail``), so a refused change tells nobody anything.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import force_locale
from flask_babel import gettext as _

from app.accounts.services import notify
from app.core.i18n import money
from app.core.mail import Mail, queue_mail
from app.orders.links import order_link
from app.payments.models import Refund


def _wording(refund: Refund, event: str) -> tuple[str, str]:
    n, amount, method = refund.payment.order.number, money(refund.amount_vnd), refund.payment.method
    if event == "done":
        if method == "stripe":
            return _("Order %(n)s: %(amount)s refunded", n=n, amount=amount), _(
                "%(amount)s has gone back to your card. Your bank may take 5 to 10 days to show it.", amount=amount
            )
        if method == "vietqr":
            return _("Order %(n)s: %(amount)s refunded", n=n, amount=amount), _(
                "%(amount)s has been transferred back to your account.", amount=amount
            )
        return _("Order %(n)s: %(amount)s refunded", n=n, amount=amount), _(
            "%(amount)s has been paid back to you in cash.", amount=amount
        )
    if method == "vietqr":
        return _("Order %(n)s: where should we send your refund?", n=n), _(
            "We owe you %(amount)s for this order. Please give us the bank account to send it to on your order page.",
            amount=amount,
        )
    if method == "cash":
        return _("Order %(n)s: your refund waits at the outlet", n=n), _(
            "We owe you %(amount)s for this order. Please collect it in cash at the outlet.", amount=amount
        )
    return _("Order %(n)s: refund of %(amount)s on its way", n=n, amount=amount), _(
        "We are refunding %(amount)s to your card.", amount=amount
    )


def tell_about_refund(refund: Refund, event: str) -> None:
    """Queue the email and add the in-site notice for a refund opened (``opened``) or paid back (``done``)."""
    order = refund.payment.order
    with force_locale(order.locale or "vi"):
        subject, sentence = _wording(refund, event)
        link = order_link(order)
        body = "\n\n".join(
            [
                _("Hello %(name)s,", name=order.contact_name),
                sentence,
                _("Follow your order here: %(link)s", link=link),
                _("Chợ Phụ Nữ Khởi Nghiệp — Đồng Nai Provincial Women's Union"),
            ]
        )
    queue_mail(Mail(to=order.contact_email, subject=subject, body=body))
    if order.user_id is not None:
        notify(order.user_id, f"{subject}. {sentence}", link=urlsplit(link).path)
