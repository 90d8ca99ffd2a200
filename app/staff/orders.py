"""Every order for union staff: a filtered list, search in any form people read a number out, and the
order's whole story (lines, shipments, payment, refunds, notes, audit) on one page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import false, func, or_, select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.core.audit import AuditEvent
from app.core.errors import NotFound
from app.core.extensions import db
from app.core.i18n import money
from app.core.timeutil import as_utc
from app.core.validation import normalise_email, normalise_phone
from app.core.vocab import OrderStatus, PaymentMethod
from app.orders.models import Order, OrderLine, OrderNote, Shipment
from app.orders.status import OPEN_STATUSES
from app.payments.models import Payment, PaymentEvent
from app.payments.reports import day_bounds
from app.staff.audit_words import actor_words, in_words

PER_PAGE = 30
NUMBER_RE = re.compile(r"(?:PN)?(\d{2})(\d{6})")
PICKUP_RE = re.compile(r"\d{6}")


def order_number(text: str) -> str | None:
    """ "PN-26-000005", "pn26000005", "26000005" and "PN 26 000005" are all PN-26-000005."""
    compact = re.sub(r"[^0-9A-Za-z]", "", text or "").upper()
    match = NUMBER_RE.fullmatch(compact)
    return f"PN-{match.group(1)}-{match.group(2)}" if match else None


@dataclass(frozen=True)
class OrderFilters:
    q: str = ""
    status: str | None = None  # an order status, or "open"
    outlet_id: int | None = None
    method: str | None = None
    seller_id: int | None = None
    since: date | None = None
    until: date | None = None


def search_condition(q: str):
    """What a typed text may be: an order number, a phone, an email or a pickup code (any that fits)."""
    q = (q or "").strip()
    if not q:
        return None
    found = []
    number = order_number(q)
    if number:
        found.append(Order.number == number)
    if "@" in q:
        email = normalise_email(q) or q.lower()
        buyer = select(User.id).where(func.lower(User.email) == email)
        found += [func.lower(Order.contact_email) == email, Order.user_id.in_(buyer)]
    phone = normalise_phone(q)
    if phone:
        found += [Order.contact_phone == phone, Order.user_id.in_(select(User.id).where(User.phone == phone))]
    if PICKUP_RE.fullmatch(q):
        found.append(Order.id.in_(select(Shipment.order_id).where(Shipment.pickup_code == q)))
    return or_(*found) if found else false()


def find_orders(filters: OrderFilters, *, page: int = 1):
    """Orders matching the filters, newest first, one page at a time."""
    stmt = select(Order).options(selectinload(Order.shipments).selectinload(Shipment.outlet))
    condition = search_condition(filters.q)
    if condition is not None:
        stmt = stmt.where(condition)
    if filters.status == "open":
        stmt = stmt.where(Order.status.in_(OPEN_STATUSES))
    elif filters.status:
        stmt = stmt.where(Order.status == filters.status)
    if filters.outlet_id:
        stmt = stmt.where(Order.id.in_(select(Shipment.order_id).where(Shipment.outlet_id == filters.outlet_id)))
    if filters.method:
        stmt = stmt.where(Order.payment_method == filters.method)
    if filters.seller_id:
        stmt = stmt.where(Order.id.in_(select(OrderLine.order_id).where(OrderLine.seller_id == filters.seller_id)))
    if filters.since or filters.until:
        first, last = day_bounds(filters.since or date(2000, 1, 1), filters.until or date(2999, 12, 30))
        stmt = stmt.where(Order.created_at >= first, Order.created_at < last)
    stmt = stmt.order_by(Order.created_at.desc(), Order.id.desc())
    return db.paginate(stmt, page=page, per_page=PER_PAGE, error_out=False)


def exact_match(q: str) -> str | None:
    """The order's number when the text is the number of an existing order."""
    number = order_number(q)
    if number and db.session.scalar(select(Order.id).where(Order.number == number)):
        return number
    return None


@dataclass(frozen=True)
class Moment:
    """One line of the order's story: when, who, what."""

    at: datetime
    who: str
    what: str
    link: str | None = None


@dataclass
class Story:
    order: Order
    payment: Payment | None
    moments: list[Moment]


def order_story(number: str) -> Story:
    """The order with lines, shipments, payment and refunds, and every note, payment event and audit row by time."""
    order = db.session.scalar(
        select(Order)
        .where(Order.number == number)
        .options(
            selectinload(Order.lines),
            selectinload(Order.shipments).selectinload(Shipment.outlet),
            selectinload(Order.shipments).selectinload(Shipment.lines),
            selectinload(Order.user),
        )
    )
    if order is None:
        raise NotFound(_("Order not found."))
    payment = db.session.scalar(
        select(Payment)
        .where(Payment.order_id == order.id)
        .options(selectinload(Payment.refunds), selectinload(Payment.events))
    )
    return Story(order, payment, _moments(order, payment))


def _moments(order: Order, payment: Payment | None) -> list[Moment]:
    notes = db.session.execute(
        select(OrderNote, User).outerjoin(User, User.id == OrderNote.actor_id).where(OrderNote.order_id == order.id)
    ).all()
    shipment_ids = [s.id for s in order.shipments]
    audits = db.session.scalars(
        select(AuditEvent)
        .where(
            or_(
                (AuditEvent.subject_type == "order") & (AuditEvent.subject_id == order.id),
                (AuditEvent.subject_type == "shipment") & AuditEvent.subject_id.in_(shipment_ids),
            )
        )
        .options(selectinload(AuditEvent.actor))
    ).all()
    moments = [Moment(as_utc(n.created_at), actor_words(u) if u else _("The system"), _note_words(n)) for n, u in notes]
    # A shipment's status moves are already among the notes (with who moved them); the audit rows of
    # those moves would only repeat them.
    kept = [a for a in audits if not a.action.startswith("shipment.") or a.action == "shipment.handed_over"]
    moments += [Moment(as_utc(line.at), line.actor, line.sentence, line.link) for line in in_words(kept)]
    if payment is not None and payment.events:
        ids = {e.actor_id for e in payment.events if e.actor_id}
        people = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
        moments += [_payment_moment(e, people.get(e.actor_id)) for e in payment.events]
    return sorted(moments, key=lambda m: m.at)


def _note_words(note: OrderNote) -> str:
    moved = note.from_status != note.to_status
    words = _("Status: %(status)s", status=OrderStatus.label_of(note.to_status)) if moved else ""
    return " — ".join(part for part in (words, note.note) if part)


PAYMENT_EVENTS = {
    "created": _l("Payment opened"),
    "checkout_session": _l("Card payment page opened"),
    "bank_transfer": _l("Bank transfer received"),
    "confirmed_by_hand": _l("Transfer confirmed by hand"),
    "cash_collected": _l("Cash counted in at the outlet"),
    "stripe_paid": _l("Card payment received"),
    "expired": _l("Time to pay ended"),
    "refund_requested": _l("Refund started"),
    "refunded": _l("Money refunded"),
    "goods_returned": _l("Money refunded and goods brought back"),
    "refund_failed": _l("Refund failed"),
}


def _payment_moment(event: PaymentEvent, actor: User | None) -> Moment:
    words = str(PAYMENT_EVENTS.get(event.kind, event.kind.replace("_", " ")))
    if event.amount_vnd:
        words = f"{words} · {money(event.amount_vnd)}"
    who = actor_words(actor) if actor else PaymentMethod.label_of(event.provider)
    return Moment(as_utc(event.created_at), who, words)
