"""Checkout: quote an order (a dry run of routing) and place it in one transaction.

Placement locks the stock rows of the cart's variants in id order, re-checks everything,
reserves through the stock ledger and writes the order, its shipments and lines. Any refusal
rolls back the whole transaction, so nothing is left behind.
"""

from __future__ import annotations

import secrets
from collections.abc import MutableMapping
from dataclasses import dataclass, field, replace
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.accounts import addresses as saved_addresses
from app.catalog.models import Variant
from app.core import signals
from app.core.errors import FieldErrors, NotFound
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.validation import normalise_email, normalise_mobile
from app.core.vocab import Fulfilment, OrderStatus, PaymentMethod
from app.orders import cart as cart_service
from app.orders import drafts
from app.orders.addresses import SERVED_PROVINCES, ward_name, wards
from app.orders.cart import CartItem
from app.orders.models import FULFILMENTS, Order, OrderLine, OrderNote, Shipment
from app.orders.notices import tell_shopper
from app.orders.routing_words import refusal, routing_note
from app.orders.status import OPEN_STATUSES, check_move
from app.outlets import routing, stock
from app.outlets.models import Outlet, StockRecord


class CheckoutError(FieldErrors):
    """A checkout refused; ``field`` names the form field it belongs to, when there is one."""

    code = "checkout"


@dataclass(frozen=True)
class CheckoutDetails:
    contact_name: str
    contact_phone: str
    contact_email: str | None  # optional: a guest may give a mobile number only
    fulfilment: str
    payment_method: str = PaymentMethod.CASH
    pickup_outlet_id: int | None = None
    province_code: int | None = None
    ward_code: int | None = None
    street: str | None = None
    split_outlet_id: int | None = None  # a second pickup outlet, when she chose to pick up in two places
    address_id: int | None = None  # one of her saved addresses, for delivery


@dataclass
class PlannedShipment:
    outlet: Outlet
    lines: list[tuple[Variant, int]]
    delivery_fee_vnd: int
    distance_km: float | None = None

    @property
    def subtotal_vnd(self) -> int:
        return sum(v.price_vnd * q for v, q in self.lines)


@dataclass
class Quote:
    details: CheckoutDetails
    shipments: list[PlannedShipment]
    routing_note: str
    reason: routing.Reason | None = None
    records: dict[tuple[int, int], StockRecord] = field(default_factory=dict)

    @property
    def subtotal_vnd(self) -> int:
        return sum(s.subtotal_vnd for s in self.shipments)

    @property
    def delivery_fee_vnd(self) -> int:
        return sum(s.delivery_fee_vnd for s in self.shipments)

    @property
    def total_vnd(self) -> int:
        return self.subtotal_vnd + self.delivery_fee_vnd


def offered_payment_methods() -> list[tuple[str, str]]:
    """The payment methods on offer now, as (code, words) pairs for the checkout form."""
    return [(method.value, method.label) for method in PaymentMethod.offered()]


def pickup_outlets() -> list[Outlet]:
    """Active outlets where shoppers can pick up, by priority."""
    return list(
        db.session.scalars(
            select(Outlet)
            .where(Outlet.is_active.is_(True), Outlet.offers_pickup.is_(True))
            .order_by(Outlet.priority, Outlet.name)
        )
    )


def check_details(details: CheckoutDetails) -> CheckoutDetails:
    """Normalise contact and address, refusing what cannot be right."""
    name = (details.contact_name or "").strip()
    if not 2 <= len(name) <= 120:
        raise CheckoutError(_("Enter the name of the person receiving the order."), field="contact_name")
    phone = normalise_mobile(details.contact_phone or "")
    if phone is None:
        raise CheckoutError(
            _("Enter a Vietnamese mobile number: 0 followed by 9 digits (03, 05, 07, 08, 09…), or +84."),
            field="contact_phone",
        )
    email = None
    if (details.contact_email or "").strip() and (email := normalise_email(details.contact_email)) is None:
        raise CheckoutError(_("Enter a valid email address, for example lan@example.com."), field="contact_email")
    if details.fulfilment not in FULFILMENTS:
        raise CheckoutError(_("Choose pickup at an outlet or delivery."), field="fulfilment")
    if details.payment_method not in {code for code, _label in offered_payment_methods()}:
        raise CheckoutError(_("Choose one of the payment methods offered."), field="payment_method")
    street = (details.street or "").strip() or None
    if details.fulfilment == Fulfilment.DELIVERY:
        if details.province_code not in SERVED_PROVINCES:
            raise CheckoutError(_("We only deliver in Đồng Nai province."), field="province_code")
        if details.ward_code not in {code for code, _n in wards(details.province_code)}:
            raise CheckoutError(_("Choose your ward from the list."), field="ward_code")
        if street is None or len(street) < 3:
            raise CheckoutError(_("Enter the house number and street."), field="street")
    elif details.pickup_outlet_id is None:
        raise CheckoutError(_("Choose the outlet where you will pick up."), field="pickup_outlet_id")
    pickup = details.fulfilment == Fulfilment.PICKUP
    split = details.split_outlet_id if pickup and details.split_outlet_id != details.pickup_outlet_id else None
    return CheckoutDetails(
        name, phone, email, details.fulfilment, details.payment_method,
        details.pickup_outlet_id if details.fulfilment == Fulfilment.PICKUP else None,
        details.province_code if details.fulfilment == Fulfilment.DELIVERY else None,
        details.ward_code if details.fulfilment == Fulfilment.DELIVERY else None,
        street if details.fulfilment == Fulfilment.DELIVERY else None,
        split,
        details.address_id if details.fulfilment == Fulfilment.DELIVERY else None,
    )  # fmt: skip


def with_saved_address(details: CheckoutDetails, user) -> CheckoutDetails:
    """Delivery to one of her saved addresses: its ward, street, recipient and phone are used.

    Another shopper's address (or a guest naming one) is not found: a 404, nothing saved.
    """
    if not details.address_id or details.fulfilment != Fulfilment.DELIVERY:
        return replace(details, address_id=None)
    if user is None or not user.is_authenticated:
        raise NotFound(_("This address does not exist."))
    address = saved_addresses.address_of(user, details.address_id)
    return replace(
        details, contact_name=address.recipient, contact_phone=address.phone, province_code=address.province_code,
        ward_code=address.ward_code, street=address.street,
    )  # fmt: skip


def _checked_variants(items: list[CartItem]) -> dict[int, Variant]:
    if not items:
        raise CheckoutError(_("Your cart is empty."))
    variants, buyable = cart_service.load_variants([i.variant_id for i in items], photos=False)
    for item in items:
        variant = variants.get(item.variant_id)
        if variant is None or item.variant_id not in buyable:
            name = variant.product.name if variant else "?"
            raise CheckoutError(_("“%(name)s” is not on sale any more. Remove it from your cart.", name=name))
        if variant.price_vnd != item.price_seen_vnd:
            raise CheckoutError(
                _("The price of “%(name)s” has changed. Please review your cart.", name=variant.product.name)
            )
        if not 1 <= item.quantity <= cart_service.MAX_QUANTITY:
            raise CheckoutError(_("Enter a quantity of at least 1."))
    return variants


def _outlets(fulfilment: str) -> list[Outlet]:
    """Every outlet; with its delivery wards for a delivery (only delivery routing reads them)."""
    statement = select(Outlet).order_by(Outlet.id)
    if fulfilment == Fulfilment.DELIVERY:
        statement = statement.options(selectinload(Outlet.areas))
    return list(db.session.scalars(statement))


def _open_shipments() -> dict[int, int]:
    rows = db.session.execute(
        select(Shipment.outlet_id, func.count(Shipment.id))
        .where(Shipment.status.in_(OPEN_STATUSES))
        .group_by(Shipment.outlet_id)
    ).all()
    return dict(rows)


def _routing_outlets(outlets: list[Outlet], records: list[StockRecord], fulfilment: str) -> list[routing.OutletStock]:
    available: dict[int, dict[int, int]] = {}
    for r in records:
        available.setdefault(r.outlet_id, {})[r.variant_id] = r.on_hand - r.reserved
    # Only delivery routing looks at open shipments and delivery wards; pickup skips both.
    delivery = fulfilment == Fulfilment.DELIVERY
    open_counts = _open_shipments() if delivery else {}
    return [
        routing.OutletStock(
            outlet_id=o.id, available=available.get(o.id, {}),
            delivery_wards=frozenset(o.delivery_ward_codes) if delivery else frozenset(),
            latitude=o.latitude, longitude=o.longitude, priority=o.priority,
            open_shipments=open_counts.get(o.id, 0), offers_pickup=o.offers_pickup,
            offers_delivery=o.offers_delivery, active=o.is_active,
        )
        for o in outlets
    ]  # fmt: skip


def _destination(details: CheckoutDetails, outlets: list[Outlet]) -> routing.Destination:
    """The ward's position is taken from the outlets located in it, when there are any."""
    here = [o for o in outlets if o.ward_code == details.ward_code and o.latitude is not None]
    if not here:
        return routing.Destination(ward_code=details.ward_code or 0)
    lat = sum(o.latitude for o in here) / len(here)
    lng = sum(o.longitude for o in here) / len(here)
    return routing.Destination(ward_code=details.ward_code or 0, latitude=lat, longitude=lng)


def _plan(
    items: list[CartItem], details: CheckoutDetails, records: list[StockRecord], outlets: list[Outlet] | None = None
) -> Quote:
    variants = _checked_variants(items)
    outlets = _outlets(details.fulfilment) if outlets is None else outlets
    by_id = {o.id: o for o in outlets}
    lines = [routing.Line(i.variant_id, i.quantity) for i in items]
    candidates = _routing_outlets(outlets, records, details.fulfilment)
    if details.fulfilment == Fulfilment.PICKUP and details.split_outlet_id is not None:
        pair = (details.pickup_outlet_id or 0, details.split_outlet_id)
        result = routing.route_pickup_split(lines, pair, candidates)
    elif details.fulfilment == Fulfilment.PICKUP:
        result = routing.route_pickup(lines, details.pickup_outlet_id or 0, candidates)
    else:
        if not any(o.is_active and o.offers_delivery and details.ward_code in o.delivery_ward_codes for o in outlets):
            raise CheckoutError(
                _("No outlet delivers to %(ward)s yet. Choose pickup instead.", ward=ward_name(details.ward_code)),
                field="ward_code",
            )
        result = routing.route_delivery(lines, candidates, _destination(details, outlets))
    if isinstance(result, routing.Shortfall):
        raise CheckoutError(refusal(result, variants, by_id, details.pickup_outlet_id))
    shipments = [
        PlannedShipment(
            outlet=by_id[plan.outlet_id],
            lines=[(variants[line.variant_id], line.quantity) for line in plan.lines],
            delivery_fee_vnd=by_id[plan.outlet_id].delivery_fee_vnd if details.fulfilment == Fulfilment.DELIVERY else 0,
            distance_km=plan.distance_km,
        )
        for plan in result.shipments
    ]
    with force_locale("vi"):
        note = routing_note(result, by_id)
    return Quote(details=details, shipments=shipments, routing_note=note, reason=result.reason)


def quote(*, items: list[CartItem], details: CheckoutDetails) -> Quote:
    """What the order would be now (no locks, nothing written): shipments, fees and totals."""
    details = check_details(details)
    ids = [i.variant_id for i in items]
    records = list(db.session.scalars(select(StockRecord).where(StockRecord.variant_id.in_(ids)))) if ids else []
    return _plan(items, details, records)


def find_by_key(idempotency_key: str) -> Order | None:
    return db.session.scalar(select(Order).where(Order.idempotency_key == idempotency_key))


def place_order(
    *, user, items: list[CartItem], details: CheckoutDetails, idempotency_key: str, expected_total_vnd: int,
    locale: str = "vi", guest_cart: cart_service.GuestStore = None, draft_store: MutableMapping | None = None,
) -> Order:  # fmt: skip
    """Place the order in one transaction; the same idempotency key always yields the same order.

    Everything it needs comes as arguments (the buyer, her cart's items, the language, where a
    guest's cart is kept, where her checkout draft's key is kept, dropped with the order's
    transaction), so a command or a benchmark places orders without a request. The order comes
    back as written, not read again.
    """
    if not idempotency_key or len(idempotency_key) > 64:
        raise CheckoutError(_("This form has expired. Please review your order again."))
    details = check_details(details)
    outlets = _outlets(details.fulfilment)
    locked = stock.lock_records([(i.variant_id, o.id) for i in items for o in outlets])
    # Looked for once the stock rows are locked: a twin request that placed it first has committed.
    if (existing := find_by_key(idempotency_key)) is not None:
        db.session.rollback()
        return existing
    planned = _plan(items, details, list(locked.values()), outlets)
    if planned.total_vnd != expected_total_vnd:
        raise CheckoutError(_("The total of your order has changed. Please review it again."))
    order = _write_order(user=user, planned=planned, key=idempotency_key, locale=locale, records=locked)
    if user is not None and user.is_authenticated and details.fulfilment == Fulfilment.PICKUP:
        user.pickup_outlet_id = details.pickup_outlet_id  # offered first at her next checkout
    cart_service.clear(user, guest_cart)
    if draft_store is not None:
        drafts.drop_details(draft_store)
    try:
        _commit_as_written()
    except IntegrityError:
        db.session.rollback()
        if (existing := find_by_key(idempotency_key)) is not None:
            return existing
        raise
    return order


def _commit_as_written() -> None:
    """Commit without expiring what was just written: the order's page address and its payment's
    answer read the values it holds, which are the committed ones, instead of reading them back."""
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


def _write_order(*, user, planned: Quote, key: str, locale: str, records) -> Order:
    d = planned.details
    order = Order(
        number=f"tmp-{secrets.token_hex(8)}", idempotency_key=key,
        user_id=user.id if user is not None and user.is_authenticated else None,
        contact_name=d.contact_name, contact_phone=d.contact_phone, contact_email=d.contact_email,
        fulfilment=d.fulfilment, pickup_outlet_id=d.pickup_outlet_id, delivery_province_code=d.province_code,
        delivery_ward_code=d.ward_code, delivery_street=d.street, subtotal_vnd=planned.subtotal_vnd,
        delivery_fee_vnd=planned.delivery_fee_vnd, total_vnd=planned.total_vnd, status=OrderStatus.PLACED,
        payment_method=d.payment_method, routing_note=planned.routing_note, locale=locale,
        shipments=[], lines=[],  # empty and known: filled below without reading them back
    )  # fmt: skip
    db.session.add(order)
    db.session.flush()
    order.number = f"PN-{order.created_at:%y}-{order.id:06d}"
    for plan in planned.shipments:
        shipment = Shipment(
            order=order, outlet=plan.outlet, status=OrderStatus.PLACED, delivery_fee_vnd=plan.delivery_fee_vnd,
            pickup_code=f"{secrets.randbelow(10**6):06d}", lines=[],
        )  # fmt: skip
        for variant, quantity in plan.lines:
            stock.reserve(records[(variant.id, plan.outlet.id)], quantity, order_id=order.id)
            db.session.add(
                OrderLine(
                    order=order, shipment=shipment, variant_id=variant.id, seller_id=variant.seller_id,
                    product_name=variant.product.name, variant_label=variant.label, sku=variant.sku,
                    unit_price_vnd=variant.price_vnd, quantity=quantity, line_total_vnd=variant.price_vnd * quantity,
                )
            )  # fmt: skip
    _first_status(order)
    signals.order_placed.send(order)  # payments opens the order's payment row in this transaction
    tell_shopper(OrderStatus.PLACED, order)
    return order


def _first_status(order: Order) -> None:
    """Cash orders are confirmed at once; others wait for payment within the window."""
    target = OrderStatus.CONFIRMED if order.payment_method == PaymentMethod.CASH else OrderStatus.AWAITING_PAYMENT
    check_move(OrderStatus.PLACED, target)
    order.status = target
    for shipment in order.shipments:
        shipment.status = target
    if target == OrderStatus.AWAITING_PAYMENT:
        minutes = current_app.config.get("PAYMENT_WINDOW_MINUTES", 1440)
        order.expires_at = utcnow() + timedelta(minutes=minutes)
    db.session.add(
        OrderNote(order_id=order.id, from_status=None, to_status=OrderStatus.PLACED, note=order.routing_note)
    )
    # Its note given, as the first's is: both rows go in one INSERT.
    db.session.add(OrderNote(order_id=order.id, from_status=OrderStatus.PLACED, to_status=target, note=""))
