"""The audit trail in words: "Nguyễn Thị Lan (cán bộ Hội) duyệt người bán HTX X — lý do: …", with a link
to what was changed. Names are looked up for a whole page at once: one query per kind of record."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts.models import User
from app.catalog.models import Category, Product
from app.consignments.models import Consignment
from app.core.audit import AuditEvent
from app.core.extensions import db
from app.core.i18n import locale_code, money
from app.core.vocab import OrderStatus, Role
from app.orders.models import Order, Shipment
from app.outlets.models import Outlet
from app.payments.models import StatementImport
from app.sellers.models import Seller

# One sentence per action; %(actor)s is the person, %(subject)s what was changed.
SENTENCES = {
    "seller.create": _l("%(actor)s registered seller %(subject)s on her behalf"),
    "seller.update": _l("%(actor)s corrected the details of seller %(subject)s"),
    "seller.submit": _l("%(actor)s sent the application of %(subject)s for review"),
    "seller.approve": _l("%(actor)s approved seller %(subject)s"),
    "seller.reject": _l("%(actor)s sent the application of %(subject)s back for changes"),
    "seller.suspend": _l("%(actor)s suspended seller %(subject)s"),
    "seller.reinstate": _l("%(actor)s reinstated seller %(subject)s"),
    "product.hide": _l("%(actor)s hid the listing %(subject)s"),
    "product.show": _l("%(actor)s showed the listing %(subject)s again"),
    "product.review": _l("%(actor)s reviewed the listing %(subject)s"),
    "order.cancel": _l("%(actor)s cancelled order %(subject)s"),
    "shipment.handed_over": _l("%(actor)s handed over order %(subject)s"),
    "shipment.move": _l("%(actor)s moved order %(subject)s to “%(status)s”"),
    "consignment.confirm_delivery": _l("%(actor)s confirmed the goods received in consignment %(subject)s"),
    "consignment.confirm_return": _l("%(actor)s confirmed the goods sent back in consignment %(subject)s"),
    "payment.refund": _l("%(actor)s refunded %(amount)s for order %(subject)s"),
    "payment.confirmed_by_hand": _l("%(actor)s confirmed the transfer for order %(subject)s by hand"),
    "payment.cash_day_closed": _l("%(actor)s closed the cash of the day at %(subject)s"),
    "payment.statement_imported": _l("%(actor)s imported the bank statement %(subject)s"),
    "payment.statement_line": _l("%(actor)s settled a bank credit for %(subject)s"),
    "outlet.create": _l("%(actor)s opened outlet %(subject)s"),
    "outlet.update": _l("%(actor)s changed the details of outlet %(subject)s"),
    "outlet.deactivate": _l("%(actor)s closed outlet %(subject)s"),
    "outlet.reactivate": _l("%(actor)s reopened outlet %(subject)s"),
    "outlet.staff_add": _l("%(actor)s added %(person)s to the staff of outlet %(subject)s"),
    "outlet.staff_remove": _l("%(actor)s removed %(person)s from the staff of outlet %(subject)s"),
    "user.role": _l("%(actor)s changed the role of %(subject)s from %(old)s to %(new)s"),
    "user.deactivate": _l("%(actor)s deactivated the account of %(subject)s"),
    "user.reactivate": _l("%(actor)s reactivated the account of %(subject)s"),
    "user.password_reset": _l("%(actor)s sent %(subject)s a link to choose a new password"),
    "category.create": _l("%(actor)s created category %(subject)s"),
    "category.update": _l("%(actor)s changed category %(subject)s"),
    "category.delete": _l("%(actor)s deleted category %(subject)s"),
    "category.move_products": _l("%(actor)s moved %(count)s products from category %(subject)s to %(target)s"),
}
# The kinds the trail can be filtered by: the first part of the action's name.
KINDS = {
    "seller": _l("Sellers"),
    "product": _l("Listings"),
    "order": _l("Order cancellations"),
    "shipment": _l("Hand-overs"),
    "payment": _l("Payments"),
    "consignment": _l("Consignments"),
    "outlet": _l("Outlets"),
    "user": _l("People"),
    "category": _l("Categories"),
}
ROLE_WORDS = {
    Role.STAFF: _l("union staff"),
    Role.OUTLET: _l("outlet staff"),
    Role.SELLER: _l("seller"),
    Role.SHOPPER: _l("shopper"),
}


@dataclass(frozen=True)
class Line:
    """One audit row as a person reads it."""

    event: AuditEvent
    sentence: str
    link: str | None
    actor: str

    @property
    def at(self) -> datetime:
        return self.event.created_at


def actor_words(user: User | None) -> str:
    """ "Nguyễn Thị Lan (cán bộ Hội)"; the system when nobody acted."""
    if user is None:
        return _("The system")
    return _("%(name)s (%(role)s)", name=user.full_name, role=ROLE_WORDS.get(user.role, user.role))


def _sentence_key(action: str) -> str:
    if action.startswith("payment.statement_line_"):
        return "payment.statement_line"
    if action.startswith("shipment.") and action != "shipment.handed_over":
        return "shipment.move"
    return action


def _names(events: list[AuditEvent]) -> dict[tuple[str, int], tuple[str, str | None]]:
    """(subject type, id) → (words, link), one query per kind of subject on the page."""
    ids: dict[str, set[int]] = defaultdict(set)
    for e in events:
        ids[e.subject_type].add(e.subject_id)
    found: dict[tuple[str, int], tuple[str, str | None]] = {}
    for kind, wanted in ids.items():
        for key, words, link in _LOOKUPS.get(kind, _unknown)(wanted):
            found[(kind, key)] = (words, link)
    return found


def _sellers(ids):
    for i, name in db.session.execute(select(Seller.id, Seller.name).where(Seller.id.in_(ids))):
        yield i, name, url_for("staff.seller", seller_id=i)


def _products(ids):
    for i, name, slug in db.session.execute(select(Product.id, Product.name, Product.slug).where(Product.id.in_(ids))):
        yield i, name, url_for("catalog.product", slug=slug)


def _orders(ids):
    for i, number in db.session.execute(select(Order.id, Order.number).where(Order.id.in_(ids))):
        yield i, number, url_for("staff.order", number=number)


def _shipments(ids):
    rows = db.session.execute(select(Shipment.id, Order.number).join(Order).where(Shipment.id.in_(ids)))
    for i, number in rows:
        yield i, number, url_for("staff.order", number=number)


def _outlets(ids):
    for i, name in db.session.execute(select(Outlet.id, Outlet.name).where(Outlet.id.in_(ids))):
        yield i, name, url_for("staff.outlet_edit", outlet_id=i)


def _users(ids):
    for i, name, email in db.session.execute(select(User.id, User.full_name, User.email).where(User.id.in_(ids))):
        yield i, f"{name} ({email})", url_for("staff.person", user_id=i)


def _categories(ids):
    rows = db.session.execute(select(Category.id, Category.name_vi, Category.name_en).where(Category.id.in_(ids)))
    for i, name_vi, name_en in rows:
        yield i, name_en if locale_code() == "en" else name_vi, url_for("staff.categories") + f"#category-{i}"


def _consignments(ids):
    for (i,) in db.session.execute(select(Consignment.id).where(Consignment.id.in_(ids))):
        yield i, f"#{i}", None


def _statements(ids):
    rows = db.session.execute(select(StatementImport.id, StatementImport.filename).where(StatementImport.id.in_(ids)))
    for i, filename in rows:
        yield i, filename, url_for("payments.statement", import_id=i)


def _unknown(ids):
    return ((i, f"#{i}", None) for i in ids)


_LOOKUPS = {
    "seller": _sellers,
    "product": _products,
    "order": _orders,
    "shipment": _shipments,
    "outlet": _outlets,
    "user": _users,
    "category": _categories,
    "consignment": _consignments,
    "statement": _statements,
}


def _extra(event: AuditEvent) -> dict[str, str]:
    """Words taken from the row's details for the sentences that need them."""
    details = event.details or {}
    action = event.action
    if action.startswith("shipment."):
        return {"status": OrderStatus.label_of(action.split(".", 1)[1])}
    if action == "payment.refund":
        return {"amount": money(details.get("amount_vnd"))}
    if action == "user.role":
        return {"old": Role.label_of(details.get("from")), "new": Role.label_of(details.get("to"))}
    if action.startswith("outlet.staff_"):
        return {"person": details.get("person", "")}
    if action == "category.move_products":
        return {"count": str(details.get("count", 0)), "target": details.get("target", "")}
    return {}


def in_words(events: list[AuditEvent]) -> list[Line]:
    """Each row as a sentence in the reader's language, with a link to the record it is about."""
    names = _names(events)
    lines = []
    for event in events:
        # A deleted category keeps its name in the row; a record never found shows its kind and number.
        gone = (event.details or {}).get("name_vi") or f"{event.subject_type} #{event.subject_id}"
        subject, link = names.get((event.subject_type, event.subject_id), (gone, None))
        actor = actor_words(event.actor)
        template = SENTENCES.get(_sentence_key(event.action))
        if template is None:
            sentence = _("%(actor)s: %(action)s on %(subject)s", actor=actor, action=event.action, subject=subject)
        else:
            sentence = str(template) % {"actor": actor, "subject": subject, **_extra(event)}
        if event.reason:
            sentence = _("%(sentence)s — reason: %(reason)s", sentence=sentence, reason=event.reason)
        lines.append(Line(event, sentence, link, actor))
    return lines
