"""What needs a union staff member today: one grouped query per item, whatever the data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, func, select

from app.catalog.models import Product, Variant
from app.core.extensions import db
from app.core.timeutil import as_utc, utcnow
from app.core.vocab import OrderStatus, PaymentStatus, ProductStatus, RefundStatus, SellerStatus
from app.orders.models import Order, OrderLine, Shipment
from app.outlets.models import Outlet, StockRecord
from app.payments.models import Payment, Refund, StatementLine
from app.sellers.models import Seller

WAITING_SHOWN = 10
LOW_STOCK_SHOWN = 12
SALES_WINDOW_DAYS = 30
LATE_STATUSES = (
    OrderStatus.CONFIRMED,
    OrderStatus.PREPARING,
    OrderStatus.READY_FOR_PICKUP,
    OrderStatus.OUT_FOR_DELIVERY,
)


@dataclass(frozen=True)
class Waiting:
    seller_id: int
    name: str
    kind: str
    since: datetime
    days: int


@dataclass(frozen=True)
class LateOutlet:
    outlet_id: int
    name: str
    shipments: int
    oldest: datetime
    hours: int


@dataclass(frozen=True)
class LowStock:
    product_id: int
    name: str
    variant: str
    outlet: str
    available: int
    sold: int
    days_left: float


@dataclass(frozen=True)
class Today:
    waiting: list[Waiting]
    waiting_total: int
    listings_to_review: int
    unmatched_credits: int
    unmatched_vnd: int
    refunds_pending: int
    paid_after_cancel: int
    late: list[LateOutlet]
    low_stock: list[LowStock]

    @property
    def refund_tasks(self) -> int:
        return self.refunds_pending + self.paid_after_cancel


def _waiting(now: datetime) -> tuple[list[Waiting], int]:
    since = func.coalesce(Seller.submitted_at, Seller.created_at)
    rows = db.session.execute(
        select(Seller.id, Seller.name, Seller.kind, since)
        .where(Seller.status == SellerStatus.PENDING)
        .order_by(since, Seller.id)
        .limit(WAITING_SHOWN)
    ).all()
    total = db.session.scalar(select(func.count(Seller.id)).where(Seller.status == SellerStatus.PENDING)) or 0
    return [Waiting(i, n, k, as_utc(s), (now - as_utc(s)).days) for i, n, k, s in rows], total


def _late(now: datetime) -> list[LateOutlet]:
    """Outlets with shipments still open past the late mark, the most behind first."""
    due = now - timedelta(hours=current_app.config["SHIPMENT_LATE_HOURS"])
    rows = db.session.execute(
        select(
            Outlet.id,
            func.coalesce(func.nullif(Outlet.short_name, ""), Outlet.name),
            func.count(Shipment.id),
            func.min(Order.created_at),
        )
        .select_from(Shipment)
        .join(Order, Order.id == Shipment.order_id)
        .join(Outlet, Outlet.id == Shipment.outlet_id)
        .where(Shipment.status.in_(LATE_STATUSES), Order.created_at < due)
        .group_by(Outlet.id, Outlet.short_name, Outlet.name)
        .order_by(func.min(Order.created_at))
    ).all()
    return [LateOutlet(i, n, c, as_utc(o), int((now - as_utc(o)).total_seconds() // 3600)) for i, n, c, o in rows]


def _low_stock(now: datetime) -> list[LowStock]:
    """Products that sold at an outlet in the last 30 days and have fewer than LOW_STOCK_DAYS of sales left there."""
    days = current_app.config["LOW_STOCK_DAYS"]
    sold = (
        select(OrderLine.variant_id, Shipment.outlet_id, func.sum(OrderLine.quantity).label("sold"))
        .join(Shipment, Shipment.id == OrderLine.shipment_id)
        .where(
            Shipment.status.in_((OrderStatus.COMPLETED, OrderStatus.REFUNDED)),
            Shipment.completed_at >= now - timedelta(days=SALES_WINDOW_DAYS),
        )
        .group_by(OrderLine.variant_id, Shipment.outlet_id)
        .subquery("recent_sales")
    )
    available = StockRecord.on_hand - StockRecord.reserved
    rows = db.session.execute(
        select(Product.id, Product.name, Variant.label, Outlet.short_name, available, sold.c.sold, Outlet.name)
        .select_from(sold)
        .join(StockRecord, and_(StockRecord.variant_id == sold.c.variant_id, StockRecord.outlet_id == sold.c.outlet_id))
        .join(Variant, Variant.id == sold.c.variant_id)
        .join(Product, Product.id == Variant.product_id)
        .join(Outlet, Outlet.id == sold.c.outlet_id)
        .where(
            available * SALES_WINDOW_DAYS < sold.c.sold * days,
            Product.status == ProductStatus.ACTIVE,
            Outlet.is_active.is_(True),
        )
        .order_by(available * 1.0 / sold.c.sold, Product.name)
        .limit(LOW_STOCK_SHOWN)
    ).all()
    return [
        LowStock(pid, name, label, short or full, int(left), int(units), round(left * SALES_WINDOW_DAYS / units, 1))
        for pid, name, label, short, left, units, full in rows
    ]


def today() -> Today:
    """Applications waiting, listings to review, unmatched credits, refund tasks, late shipments, low stock."""
    now = utcnow()
    waiting, waiting_total = _waiting(now)
    credits, credits_vnd = db.session.execute(
        select(func.count(StatementLine.id), func.coalesce(func.sum(StatementLine.amount_vnd), 0)).where(
            StatementLine.status == "review"
        )
    ).one()
    return Today(
        waiting=waiting,
        waiting_total=waiting_total,
        listings_to_review=db.session.scalar(
            select(func.count(Product.id)).where(
                Product.needs_review.is_(True), Product.status != ProductStatus.ARCHIVED
            )
        )
        or 0,
        unmatched_credits=int(credits),
        unmatched_vnd=int(credits_vnd),
        refunds_pending=db.session.scalar(select(func.count(Refund.id)).where(Refund.status == RefundStatus.PENDING))
        or 0,
        paid_after_cancel=db.session.scalar(
            select(func.count(Payment.id))
            .join(Order, Order.id == Payment.order_id)
            .where(Payment.status == PaymentStatus.PAID, Order.status == OrderStatus.CANCELLED)
        )
        or 0,
        late=_late(now),
        low_stock=_low_stock(now),
    )
