"""A seller's side of the orders: the lines of her goods, what each outlet holds and what sold this week.

Every function takes the signed-in user and the seller's id and checks membership first, so
another seller's id is not found. A line's state comes from its shipment (the part of the order
one outlet fulfils), in the seller's words (``SellerLineState``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, select

from app.accounts.models import User
from app.catalog.models import Product, Variant
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.vocab import OrderStatus, ProductStatus, SellerLineState
from app.orders.models import Order, OrderLine, Shipment
from app.outlets.models import Outlet, StockRecord
from app.sellers.models import Seller
from app.sellers.services import seller_for_member

PER_PAGE = 50

# Shipment statuses behind each state she reads.
SHIPMENT_STATUSES: dict[SellerLineState, tuple[str, ...]] = {
    SellerLineState.AWAITING_PAYMENT: (OrderStatus.PLACED, OrderStatus.AWAITING_PAYMENT),
    SellerLineState.PAID: (OrderStatus.CONFIRMED,),
    SellerLineState.PREPARING: (OrderStatus.PREPARING, OrderStatus.READY_FOR_PICKUP, OrderStatus.OUT_FOR_DELIVERY),
    SellerLineState.HANDED_OVER: (OrderStatus.COMPLETED,),
    SellerLineState.CANCELLED: (OrderStatus.CANCELLED,),
    SellerLineState.REFUNDED: (OrderStatus.REFUNDED,),
}
STATE_OF: dict[str, SellerLineState] = {status: s for s, statuses in SHIPMENT_STATUSES.items() for status in statuses}


@dataclass(frozen=True)
class LineRow:
    """One line of her goods in an order, as her orders page shows it."""

    order_number: str
    ordered_at: datetime
    outlet_id: int
    outlet_name: str
    product_name: str
    variant_label: str
    quantity: int
    line_total_vnd: int
    state: SellerLineState


@dataclass
class LinesPage:
    seller: Seller
    rows: list[LineRow]
    total: int
    page: int
    counts: dict[SellerLineState, int]
    outlets: list[Outlet]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))


def _filters(seller_id: int, outlet_id: int | None, state: SellerLineState | None) -> list:
    where = [OrderLine.seller_id == seller_id]
    if outlet_id:
        where.append(Shipment.outlet_id == outlet_id)
    if state is not None:
        where.append(Shipment.status.in_(SHIPMENT_STATUSES[state]))
    return where


def seller_lines(
    *, user: User, seller_id: int, outlet_id: int | None = None, state: str | None = None, page: int = 1
) -> LinesPage:
    """The lines of her goods, newest order first, filtered by outlet and state; counts per state."""
    seller = seller_for_member(user, seller_id)
    chosen = SellerLineState(state) if state in SellerLineState.codes() else None
    base = select(OrderLine).join(Shipment, OrderLine.shipment_id == Shipment.id).join(Order)
    where = _filters(seller.id, outlet_id, chosen)
    total = db.session.scalar(select(func.count()).select_from(base.where(*where).subquery())) or 0
    page = max(1, min(page, max(1, -(-total // PER_PAGE))))
    found = db.session.execute(
        select(OrderLine, Order.number, Order.created_at, Shipment.status, Shipment.outlet_id, Outlet.name)
        .join(Shipment, OrderLine.shipment_id == Shipment.id)
        .join(Order, OrderLine.order_id == Order.id)
        .join(Outlet, Shipment.outlet_id == Outlet.id)
        .where(*where)
        .order_by(Order.created_at.desc(), Order.id.desc(), OrderLine.id)
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    rows = [
        LineRow(number, created, outlet, name, line.product_name, line.variant_label, line.quantity,
                line.line_total_vnd, STATE_OF.get(status, SellerLineState.PAID))
        for line, number, created, status, outlet, name in found
    ]  # fmt: skip
    by_status = db.session.execute(
        select(Shipment.status, func.count(OrderLine.id))
        .join(OrderLine, OrderLine.shipment_id == Shipment.id)
        .where(*_filters(seller.id, outlet_id, None))
        .group_by(Shipment.status)
    ).all()
    counts = dict.fromkeys(SellerLineState, 0)
    for status, n in by_status:
        counts[STATE_OF.get(status, SellerLineState.PAID)] += n
    return LinesPage(seller, rows, total, page, counts, _her_outlets(seller.id))


def _her_outlets(seller_id: int) -> list[Outlet]:
    """Outlets that hold her goods or handled her orders, by name."""
    held = select(StockRecord.outlet_id).join(Variant, StockRecord.variant_id == Variant.id)
    held = held.where(Variant.seller_id == seller_id)
    sold = select(Shipment.outlet_id).join(OrderLine, OrderLine.shipment_id == Shipment.id)
    sold = sold.where(OrderLine.seller_id == seller_id)
    return list(db.session.scalars(select(Outlet).where(Outlet.id.in_(held.union(sold))).order_by(Outlet.name)))


def stock_choices(*, user: User, seller_id: int) -> tuple[Seller, list[Outlet], list[tuple[Variant, str]]]:
    """The seller, the outlets of her goods, and her variants not archived (with product names)."""
    seller = seller_for_member(user, seller_id)
    variants = db.session.execute(
        select(Variant, Product.name)
        .join(Product, Variant.product_id == Product.id)
        .where(Variant.seller_id == seller.id, Product.status != ProductStatus.ARCHIVED)
        .order_by(Product.name, Variant.position, Variant.id)
    ).all()
    return seller, _her_outlets(seller.id), [(v, name) for v, name in variants]


def week_start(now: datetime | None = None) -> datetime:
    """Monday 00:00 of the current week in the shop's time zone, as a UTC instant (what the database holds)."""
    tz = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    today = (now or utcnow()).astimezone(tz).date()
    monday: date = today - timedelta(days=today.weekday())
    return datetime.combine(monday, time.min, tzinfo=tz).astimezone(UTC)


@dataclass
class HeldItem:
    variant_id: int
    product_name: str
    variant_label: str
    on_hand: int = 0
    reserved: int = 0
    low_level: int | None = None
    sold_this_week: int = 0
    sold_this_week_vnd: int = 0

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved

    @property
    def is_low(self) -> bool:
        return self.low_level is not None and self.available < self.low_level


@dataclass
class OutletHoldings:
    outlet: Outlet
    items: list[HeldItem] = field(default_factory=list)

    @property
    def sold_this_week(self) -> int:
        return sum(i.sold_this_week for i in self.items)

    @property
    def sold_this_week_vnd(self) -> int:
        return sum(i.sold_this_week_vnd for i in self.items)

    @property
    def low_count(self) -> int:
        return sum(1 for i in self.items if i.is_low)


def holdings(*, user: User, seller_id: int, outlet_id: int | None = None) -> list[OutletHoldings]:
    """Per outlet: what it holds of each of her variants, and what it handed over this week (units, đồng)."""
    seller = seller_for_member(user, seller_id)
    since = week_start()
    stock = select(StockRecord, Product.name, Variant.label, Variant.low_stock_level).join(
        Variant, StockRecord.variant_id == Variant.id
    )
    stock = stock.join(Product, Variant.product_id == Product.id).where(Variant.seller_id == seller.id)
    keys = (Shipment.outlet_id, OrderLine.variant_id, OrderLine.product_name, OrderLine.variant_label)
    sold = (
        select(*keys, func.sum(OrderLine.quantity), func.sum(OrderLine.line_total_vnd))
        .join(Shipment, OrderLine.shipment_id == Shipment.id)
        .where(OrderLine.seller_id == seller.id, Shipment.status == OrderStatus.COMPLETED)
        .where(Shipment.completed_at >= since)
        .group_by(*keys)
    )
    if outlet_id:
        stock, sold = stock.where(StockRecord.outlet_id == outlet_id), sold.where(Shipment.outlet_id == outlet_id)
    items: dict[tuple[int, int], HeldItem] = {}
    for record, name, label, level in db.session.execute(stock):
        items[(record.outlet_id, record.variant_id)] = HeldItem(
            record.variant_id, name, label, record.on_hand, record.reserved, level
        )
    for outlet, variant, name, label, quantity, amount in db.session.execute(sold):
        item = items.setdefault((outlet, variant), HeldItem(variant, name, label))
        item.sold_this_week, item.sold_this_week_vnd = int(quantity or 0), int(amount or 0)
    outlets = {o.id: o for o in db.session.scalars(select(Outlet).where(Outlet.id.in_({k[0] for k in items})))}
    grouped: dict[int, OutletHoldings] = {}
    for (outlet, _variant), item in sorted(items.items(), key=lambda kv: (kv[1].product_name, kv[1].variant_label)):
        grouped.setdefault(outlet, OutletHoldings(outlets[outlet])).items.append(item)
    return sorted(grouped.values(), key=lambda g: g.outlet.name)


@dataclass(frozen=True)
class Headline:
    """What her home page says first: lines to prepare or waiting, and items running low somewhere."""

    to_prepare: int
    awaiting_payment: int
    being_prepared: int
    running_low: int


def headline(*, user: User, seller_id: int) -> Headline:
    """Two small counts for the seller's home page."""
    seller = seller_for_member(user, seller_id)
    by_status = dict(
        db.session.execute(
            select(Shipment.status, func.count(OrderLine.id))
            .join(OrderLine, OrderLine.shipment_id == Shipment.id)
            .where(OrderLine.seller_id == seller.id, Shipment.status.in_(tuple(STATE_OF)))
            .group_by(Shipment.status)
        ).all()
    )
    counts = dict.fromkeys(SellerLineState, 0)
    for status, n in by_status.items():
        counts[STATE_OF[status]] += n
    low = db.session.scalar(
        select(func.count(StockRecord.id))
        .join(Variant, StockRecord.variant_id == Variant.id)
        .where(
            Variant.seller_id == seller.id,
            Variant.low_stock_level.is_not(None),
            StockRecord.on_hand - StockRecord.reserved < Variant.low_stock_level,
        )
    )
    return Headline(
        counts[SellerLineState.PAID],
        counts[SellerLineState.AWAITING_PAYMENT],
        counts[SellerLineState.PREPARING],
        low or 0,
    )
