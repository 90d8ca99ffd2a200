"""Sales facts for the reports: one row per order line handed over, and one per refund share.

Net sales are the handed-over lines less refunds, to the đồng. A refund is charged to the goods of
its order that were handed over (never beyond them: the rest was a delivery fee) and split over
those lines in proportion to their value, the odd đồng going to the first line, so that every
grouping (month, outlet, seller, category, payment method) adds up to the same total. A refund
counts in the period in which the money went back. Everything is SQL: no Python loop over rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import BigInteger, and_, case, cast, exists, func, literal, select, union_all
from sqlalchemy.orm import aliased

from app.catalog.models import Category, Product, Variant
from app.core.extensions import db
from app.core.vocab import OrderStatus, RefundStatus
from app.orders.models import Order, OrderLine, Shipment
from app.outlets.models import StockMovement, StockRecord
from app.payments.models import Payment, Refund
from app.sellers.models import Seller

HANDED_OVER = (OrderStatus.COMPLETED.value, OrderStatus.REFUNDED.value)


@dataclass(frozen=True)
class Scope:
    """What a report covers: local days start..end and, optionally, one outlet, province, seller kind or seller."""

    start: date
    end: date
    outlet_id: int | None = None
    province_code: int | None = None
    seller_kind: str | None = None
    seller_id: int | None = None

    def bounds(self) -> tuple[datetime, datetime]:
        """UTC instants of the local (shop) days start..end inclusive."""
        tz = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
        first = datetime.combine(self.start, time.min, tzinfo=tz)
        last = datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=tz)
        return first.astimezone(UTC), last.astimezone(UTC)


def dialect() -> str:
    return db.session.get_bind().dialect.name


def local_month(column):
    """'YYYY-MM' of a stored UTC instant in the shop's time zone."""
    tz_name = current_app.config["BABEL_DEFAULT_TIMEZONE"]
    if dialect() == "postgresql":
        return func.to_char(func.timezone(tz_name, column), "YYYY-MM")
    offset = datetime.now(ZoneInfo(tz_name)).utcoffset() or timedelta()
    return func.strftime("%Y-%m", column, f"{int(offset.total_seconds() // 60):+d} minutes")


def hours_between(later, earlier):
    """Hours from ``earlier`` to ``later`` as a real number, on SQLite and PostgreSQL."""
    if dialect() == "postgresql":
        return func.extract("epoch", later - earlier) / 3600.0
    return (func.julianday(later) - func.julianday(earlier)) * 24.0


def _least(a, b):
    return case((a < b, a), else_=b)


def _handed_over():
    """Shipments handed over at any time (a refund may come in a later period than the sale)."""
    return and_(Shipment.status.in_(HANDED_OVER), Shipment.completed_at.is_not(None))


def _sold_lines(first: datetime, last: datetime, conditions: list):
    return (
        select(
            OrderLine.id.label("line_id"),
            OrderLine.order_id.label("order_id"),
            Shipment.id.label("shipment_id"),
            Shipment.outlet_id.label("outlet_id"),
            OrderLine.seller_id.label("seller_id"),
            OrderLine.variant_id.label("variant_id"),
            Shipment.completed_at.label("at"),
            OrderLine.line_total_vnd.label("gross_vnd"),
            literal(0).label("refund_vnd"),
            OrderLine.quantity.label("units"),
            (OrderLine.quantity * Variant.weight_grams).label("grams"),
            literal(1).label("sold"),
        )
        .join(Shipment, OrderLine.shipment_id == Shipment.id)
        .join(Variant, OrderLine.variant_id == Variant.id)
        # A shipment handed over is never cancelled afterwards (orders.services refuses), so the
        # order's own status need not be read here.
        .where(_handed_over(), Shipment.completed_at >= first, Shipment.completed_at < last, *conditions)
    )


def _refund_shares(first: datetime, last: datetime):
    """Each refund of the period split over its order's handed-over lines, whole đồng per line."""
    # Only the orders with a refund in the period are read (their earlier refunds count towards the cap).
    refunded = (
        select(Payment.order_id)
        .join(Refund, Refund.payment_id == Payment.id)
        .where(Refund.status == RefundStatus.SUCCEEDED, Refund.created_at >= first, Refund.created_at < last)
    )
    handed = (
        select(
            OrderLine.id.label("line_id"),
            OrderLine.order_id,
            Shipment.id.label("shipment_id"),
            Shipment.outlet_id,
            OrderLine.seller_id,
            OrderLine.variant_id,
            OrderLine.line_total_vnd,
        )
        .join(Shipment, OrderLine.shipment_id == Shipment.id)
        .where(_handed_over(), OrderLine.order_id.in_(refunded))
        .cte("handed_lines")
    )
    goods = (
        select(handed.c.order_id, func.sum(handed.c.line_total_vnd).label("goods_vnd"))
        .group_by(handed.c.order_id)
        .cte("handed_goods")
    )
    ranked = (
        select(
            Refund.id.label("refund_id"),
            Payment.order_id,
            Refund.amount_vnd,
            Refund.created_at,
            func.sum(Refund.amount_vnd).over(partition_by=Refund.payment_id, order_by=Refund.id).label("upto"),
        )
        .join(Payment, Refund.payment_id == Payment.id)
        .where(Refund.status == RefundStatus.SUCCEEDED, Payment.order_id.in_(refunded))
        .subquery("ranked_refunds")
    )
    charged = _least(ranked.c.upto, goods.c.goods_vnd) - _least(ranked.c.upto - ranked.c.amount_vnd, goods.c.goods_vnd)
    per_refund = (
        select(ranked.c.refund_id, ranked.c.order_id, ranked.c.created_at, charged.label("charged"), goods.c.goods_vnd)
        .join(goods, goods.c.order_id == ranked.c.order_id)
        .where(ranked.c.created_at >= first, ranked.c.created_at < last)
        .subquery("charged_refunds")
    )
    floors = (
        select(
            per_refund.c.refund_id,
            per_refund.c.created_at,
            per_refund.c.charged,
            handed.c.line_id,
            handed.c.order_id,
            handed.c.shipment_id,
            handed.c.outlet_id,
            handed.c.seller_id,
            handed.c.variant_id,
            (cast(per_refund.c.charged, BigInteger) * handed.c.line_total_vnd // per_refund.c.goods_vnd).label("floor"),
            func.row_number().over(partition_by=per_refund.c.refund_id, order_by=handed.c.line_id).label("rn"),
        )
        .join(handed, handed.c.order_id == per_refund.c.order_id)
        .where(per_refund.c.charged > 0)
        .subquery("refund_floors")
    )
    left_over = floors.c.charged - func.sum(floors.c.floor).over(partition_by=floors.c.refund_id)
    return select(
        floors.c.line_id,
        floors.c.order_id,
        floors.c.shipment_id,
        floors.c.outlet_id,
        floors.c.seller_id,
        floors.c.variant_id,
        floors.c.created_at.label("at"),
        literal(0).label("gross_vnd"),
        (floors.c.floor + case((floors.c.rn == 1, left_over), else_=0)).label("refund_vnd"),
        literal(0).label("units"),
        literal(0).label("grams"),
        literal(0).label("sold"),
    )


def _returned_goods(first: datetime, last: datetime, conditions: list):
    """Goods a shopper brought back to the outlet in the period: units and weight taken off what was sold."""
    return (
        select(
            OrderLine.id.label("line_id"),
            OrderLine.order_id,
            Shipment.id.label("shipment_id"),
            Shipment.outlet_id,
            OrderLine.seller_id,
            OrderLine.variant_id,
            StockMovement.created_at.label("at"),
            literal(0).label("gross_vnd"),
            literal(0).label("refund_vnd"),
            (-StockMovement.on_hand_delta).label("units"),
            (-StockMovement.on_hand_delta * Variant.weight_grams).label("grams"),
            literal(0).label("sold"),
        )
        .select_from(StockMovement)
        .join(StockRecord, StockRecord.id == StockMovement.stock_record_id)
        .join(Variant, Variant.id == StockRecord.variant_id)
        .join(OrderLine, and_(OrderLine.order_id == StockMovement.order_id, OrderLine.variant_id == Variant.id))
        .join(Shipment, and_(Shipment.id == OrderLine.shipment_id, Shipment.outlet_id == StockRecord.outlet_id))
        .where(
            StockMovement.kind == "returned",
            StockMovement.created_at >= first,
            StockMovement.created_at < last,
            *conditions,
        )
    )


def _line_conditions(scope: Scope) -> list:
    """The scope's outlet and seller filters on OrderLine and Shipment, for the big parts of the facts."""
    conditions = []
    if scope.outlet_id:
        conditions.append(Shipment.outlet_id == scope.outlet_id)
    if scope.seller_id:
        conditions.append(OrderLine.seller_id == scope.seller_id)
    if scope.seller_kind or scope.province_code:
        sellers = select(Seller.id)
        if scope.seller_kind:
            sellers = sellers.where(Seller.kind == scope.seller_kind)
        if scope.province_code:
            sellers = sellers.where(Seller.province_code == scope.province_code)
        conditions.append(OrderLine.seller_id.in_(sellers))
    return conditions


def sales_facts(scope: Scope):
    """The period's facts as a subquery: line_id, order_id, shipment_id, outlet_id, seller_id, variant_id, at,
    gross_vnd, refund_vnd, units, grams, sold (1 for a sale, 0 for a refund share or goods brought back).

    The scope's filters are applied inside the sales and returns (so indexes serve them); refund shares
    are split over all of an order's lines first and filtered afterwards, by ``scoped``."""
    first, last = scope.bounds()
    conditions = _line_conditions(scope)
    parts = (
        _sold_lines(first, last, conditions),
        _refund_shares(first, last),
        _returned_goods(first, last, conditions),
    )
    return union_all(*parts).subquery("facts")


def per_order_measures(facts) -> tuple:
    """Per (group, order): whether goods were handed over, units, grams, handed-over đồng, refunded đồng."""
    return (
        func.max(facts.c.sold).label("sold"),
        func.sum(facts.c.units).label("units"),
        func.sum(facts.c.grams).label("grams"),
        func.sum(facts.c.gross_vnd).label("gross_vnd"),
        func.sum(facts.c.refund_vnd).label("refund_vnd"),
    )


def measures(per_order) -> tuple:
    """Orders handed over, units, grams, handed-over đồng, refunded đồng (net = the difference).

    Counted in two steps (per order, then per group) so that no DISTINCT sort is needed."""
    return (
        func.coalesce(func.sum(per_order.c.sold), 0).label("orders"),
        func.coalesce(func.sum(per_order.c.units), 0).label("units"),
        func.coalesce(func.sum(per_order.c.grams), 0).label("grams"),
        func.coalesce(func.sum(per_order.c.gross_vnd), 0).label("gross_vnd"),
        func.coalesce(func.sum(per_order.c.refund_vnd), 0).label("refund_vnd"),
    )


def scoped(stmt, facts, scope: Scope, *, order: bool = False, seller: bool = False):
    """Read the facts inside the scope, joined to their order or seller when asked (or when a filter needs it)."""
    stmt = stmt.select_from(facts)
    if order:
        stmt = stmt.join(Order, Order.id == facts.c.order_id)
    if seller or scope.seller_kind or scope.province_code:
        stmt = stmt.join(Seller, Seller.id == facts.c.seller_id)
    if scope.outlet_id:
        stmt = stmt.where(facts.c.outlet_id == scope.outlet_id)
    if scope.seller_id:
        stmt = stmt.where(facts.c.seller_id == scope.seller_id)
    if scope.seller_kind:
        stmt = stmt.where(Seller.kind == scope.seller_kind)
    if scope.province_code:
        stmt = stmt.where(Seller.province_code == scope.province_code)
    return stmt


def category_roots():
    """Each category id with the id of its top-level ancestor (a recursive CTE over the tree)."""
    roots = (
        select(Category.id.label("id"), Category.id.label("root_id"))
        .where(Category.parent_id.is_(None))
        .cte("category_roots", recursive=True)
    )
    child = aliased(Category)
    return roots.union_all(select(child.id, roots.c.root_id).where(child.parent_id == roots.c.id))


def join_category(stmt, facts):
    """Add the top-level category of each fact's product (returns the statement and that category)."""
    roots = category_roots()
    root = aliased(Category)
    stmt = (
        stmt.join(Variant, Variant.id == facts.c.variant_id)
        .join(Product, Product.id == Variant.product_id)
        .join(roots, roots.c.id == Product.category_id)
        .join(root, root.id == roots.c.root_id)
    )
    return stmt, root


def shipment_in_scope(scope: Scope):
    """A condition on Shipment: it holds at least one line of a seller inside the scope's seller filters."""
    seller = aliased(Seller)
    conditions = [OrderLine.shipment_id == Shipment.id]
    if scope.seller_id:
        conditions.append(OrderLine.seller_id == scope.seller_id)
    if scope.seller_kind or scope.province_code:
        conditions.append(OrderLine.seller_id == seller.id)
        if scope.seller_kind:
            conditions.append(seller.kind == scope.seller_kind)
        if scope.province_code:
            conditions.append(seller.province_code == scope.province_code)
    if len(conditions) == 1:
        return None
    return exists().where(*conditions)
