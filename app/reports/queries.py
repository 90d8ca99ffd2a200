"""Impact report: read-only aggregates over sellers, orders and sales, a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import and_, distinct, func, literal_column, select
from sqlalchemy.orm import aliased

from app.catalog.models import Category, Product, Variant
from app.core.extensions import db
from app.core.vocab import OrderStatus
from app.orders.models import ORDER_STATUSES, Order, OrderLine, Shipment
from app.outlets.models import Outlet
from app.payments.models import Refund
from app.sellers.models import SELLER_KINDS, Seller

TOP_SELLERS = 10
HANDED_OVER = ("completed", "refunded")


@dataclass
class SellerKindRow:
    kind: str
    approved: int = 0
    pending: int = 0
    other: int = 0
    members: int = 0
    women_members: int = 0


@dataclass
class SalesRow:
    """Completed sales grouped by something (a category, an outlet, a seller, a payment method)."""

    key: str | int | None
    name: str
    orders: int = 0
    units: int = 0
    revenue_vnd: int = 0
    weight_grams: int = 0
    kind: str = ""
    women_members: int = 0

    @property
    def weight_kg(self) -> float:
        return round(self.weight_grams / 1000, 1)


@dataclass
class ImpactReport:
    start: date
    end: date
    sellers: list[SellerKindRow]
    orders_by_status: dict[str, int]
    sales: SalesRow
    by_category: list[SalesRow]
    by_outlet: list[SalesRow]
    top_sellers: list[SalesRow]
    by_payment_method: list[SalesRow]
    refunds_count: int
    refunds_vnd: int
    approved_total: SellerKindRow = field(init=False)

    def __post_init__(self) -> None:
        total = SellerKindRow("total")
        for row in self.sellers:
            total.approved += row.approved
            total.pending += row.pending
            total.other += row.other
            total.members += row.members
            total.women_members += row.women_members
        self.approved_total = total

    @property
    def orders_total(self) -> int:
        return sum(self.orders_by_status.values())


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """UTC instants of the local (shop) days start..end inclusive."""
    tz = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    first = datetime.combine(start, time.min, tzinfo=tz)
    last = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    return first.astimezone(UTC), last.astimezone(UTC)


def _sellers() -> list[SellerKindRow]:
    """Sellers per kind and status; members only of approved sellers."""
    rows = db.session.execute(
        select(
            Seller.kind,
            Seller.status,
            func.count(Seller.id),
            func.coalesce(func.sum(Seller.members_count), 0),
            func.coalesce(func.sum(Seller.women_members_count), 0),
        ).group_by(Seller.kind, Seller.status)
    ).all()
    by_kind = {kind: SellerKindRow(kind) for kind in SELLER_KINDS}
    for kind, status, count, members, women in rows:
        row = by_kind.setdefault(kind, SellerKindRow(kind))
        if status == "approved":
            row.approved += count
            row.members += int(members)
            row.women_members += int(women)
        elif status == "pending":
            row.pending += count
        else:
            row.other += count
    return list(by_kind.values())


def _orders_by_status(first: datetime, last: datetime) -> dict[str, int]:
    rows = db.session.execute(
        select(Order.status, func.count(Order.id))
        .where(Order.created_at >= first, Order.created_at < last)
        .group_by(Order.status)
    ).all()
    counts = dict(rows)
    return {status: counts[status] for status in ORDER_STATUSES if status in counts}


def _sold(first: datetime, last: datetime):
    """Order lines of shipments handed over within the period (cancelled orders never count).

    A shipment refunded after hand-over stays a sale: its money shows under refunds, so the
    report never takes it off twice.
    """
    return and_(
        Shipment.status.in_(HANDED_OVER),
        Shipment.completed_at.is_not(None),
        Shipment.completed_at >= first,
        Shipment.completed_at < last,
        Order.status != OrderStatus.CANCELLED,
    )


def _measures():
    return (
        func.count(distinct(OrderLine.order_id)),
        func.coalesce(func.sum(OrderLine.quantity), 0),
        func.coalesce(func.sum(OrderLine.line_total_vnd), 0).label("revenue_vnd"),
        func.coalesce(func.sum(OrderLine.quantity * Variant.weight_grams), 0),
    )


def _sales_base(first: datetime, last: datetime, *columns):
    return (
        select(*columns, *_measures())
        .select_from(OrderLine)
        .join(Shipment, OrderLine.shipment_id == Shipment.id)
        .join(Order, OrderLine.order_id == Order.id)
        .join(Variant, OrderLine.variant_id == Variant.id)
        .where(_sold(first, last))
    )


def _row(key, name, orders, units, revenue, grams, **extra) -> SalesRow:
    return SalesRow(key, name or "", int(orders), int(units), int(revenue), int(grams), **extra)


def _category_roots():
    """Each category id with the id of its top-level ancestor (a recursive CTE over the tree)."""
    roots = (
        select(Category.id.label("id"), Category.id.label("root_id"))
        .where(Category.parent_id.is_(None))
        .cte("category_roots", recursive=True)
    )
    child = aliased(Category)
    return roots.union_all(select(child.id, roots.c.root_id).where(child.parent_id == roots.c.id))


def _by_category(first: datetime, last: datetime, locale: str) -> list[SalesRow]:
    roots = _category_roots()
    root = aliased(Category)
    name = root.name_en if locale == "en" else root.name_vi
    query = (
        _sales_base(first, last, root.id, name)
        .join(Product, Variant.product_id == Product.id)
        .join(roots, roots.c.id == Product.category_id)
        .join(root, root.id == roots.c.root_id)
        .group_by(root.id, name)
        .order_by(literal_column("revenue_vnd").desc(), root.id)
    )
    return [_row(*r) for r in db.session.execute(query)]


def _by_outlet(first: datetime, last: datetime) -> list[SalesRow]:
    query = (
        _sales_base(first, last, Outlet.id, Outlet.name)
        .join(Outlet, Shipment.outlet_id == Outlet.id)
        .group_by(Outlet.id, Outlet.name)
        .order_by(literal_column("revenue_vnd").desc(), Outlet.id)
    )
    return [_row(*r) for r in db.session.execute(query)]


def _top_sellers(first: datetime, last: datetime) -> list[SalesRow]:
    query = (
        _sales_base(first, last, Seller.id, Seller.name, Seller.kind, Seller.women_members_count)
        .join(Seller, OrderLine.seller_id == Seller.id)
        .group_by(Seller.id, Seller.name, Seller.kind, Seller.women_members_count)
        .order_by(literal_column("revenue_vnd").desc(), Seller.id)
        .limit(TOP_SELLERS)
    )
    return [
        _row(key, name, orders, units, revenue, grams, kind=kind, women_members=women)
        for key, name, kind, women, orders, units, revenue, grams in db.session.execute(query)
    ]


def _by_payment_method(first: datetime, last: datetime) -> list[SalesRow]:
    query = (
        _sales_base(first, last, Order.payment_method)
        .group_by(Order.payment_method)
        .order_by(literal_column("revenue_vnd").desc(), Order.payment_method)
    )
    return [_row(method, method, *rest) for method, *rest in db.session.execute(query)]


def _refunds(first: datetime, last: datetime) -> tuple[int, int]:
    count, total = db.session.execute(
        select(func.count(Refund.id), func.coalesce(func.sum(Refund.amount_vnd), 0)).where(
            Refund.status == "succeeded", Refund.created_at >= first, Refund.created_at < last
        )
    ).one()
    return int(count), int(total)


def impact(*, start: date, end: date, locale: str = "vi") -> ImpactReport:
    """The union's impact figures for the local days start..end: eight grouped queries, whatever the data."""
    first, last = period_bounds(start, end)
    total = db.session.execute(_sales_base(first, last)).one()
    refunds_count, refunds_vnd = _refunds(first, last)
    return ImpactReport(
        start=start,
        end=end,
        sellers=_sellers(),
        orders_by_status=_orders_by_status(first, last),
        sales=_row(None, "", *total),
        by_category=_by_category(first, last, locale),
        by_outlet=_by_outlet(first, last),
        top_sellers=_top_sellers(first, last),
        by_payment_method=_by_payment_method(first, last),
        refunds_count=refunds_count,
        refunds_vnd=refunds_vnd,
    )
