"""Money summaries: an outlet's cash for a day and what each seller is owed for a period."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.core import audit, edge
from app.core.errors import NotFound
from app.core.extensions import db
from app.core.spreadsheet import csv_text
from app.core.timeutil import as_utc
from app.core.vocab import RefundStatus
from app.orders.models import Order, OrderLine, Shipment
from app.payments.models import Payment, PaymentEvent, SellerPayout
from app.payments.services import PAID_STATUSES, apply_money_received
from app.sellers.models import Seller
from app.sellers.services import seller_for_member


def day_bounds(start: date, end: date | None = None) -> tuple[datetime, datetime]:
    """UTC instants of the local (shop) days start..end inclusive."""
    tz = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    first = datetime.combine(start, time.min, tzinfo=tz)
    last = datetime.combine((end or start) + timedelta(days=1), time.min, tzinfo=tz)
    return first.astimezone(UTC), last.astimezone(UTC)


@dataclass
class CashRow:
    shipment_id: int
    order_number: str
    completed_at: datetime | None
    expected_vnd: int
    received_vnd: int | None
    collected: bool

    @property
    def difference_vnd(self) -> int:
        return (self.received_vnd or 0) - self.expected_vnd


@dataclass
class CashDay:
    outlet_id: int
    day: date
    rows: list[CashRow] = field(default_factory=list)

    @property
    def expected_vnd(self) -> int:
        return sum(r.expected_vnd for r in self.rows)

    @property
    def received_vnd(self) -> int:
        return sum(r.received_vnd or 0 for r in self.rows)

    @property
    def difference_vnd(self) -> int:
        return self.received_vnd - self.expected_vnd

    @property
    def not_recorded(self) -> int:
        return sum(1 for r in self.rows if r.received_vnd is None)

    @property
    def to_collect(self) -> int:
        return sum(1 for r in self.rows if r.received_vnd and not r.collected)


def _collected_shipments(order_ids: list[int]) -> set[int]:
    events = db.session.scalars(
        select(PaymentEvent)
        .join(Payment, PaymentEvent.payment_id == Payment.id)
        .where(Payment.order_id.in_(order_ids), PaymentEvent.kind == "cash_collected")
    )
    return {(e.data or {}).get("shipment") for e in events}


def cash_day(*, outlet_id: int, day: date) -> CashDay:
    """The cash orders an outlet handed over on a day: expected, recorded at hand-over, difference."""
    start, end = day_bounds(day)
    shipments = db.session.scalars(
        select(Shipment)
        .join(Shipment.order)
        .where(
            Shipment.outlet_id == outlet_id,
            Order.payment_method == "cash",
            Shipment.completed_at >= start,
            Shipment.completed_at < end,
        )
        .options(selectinload(Shipment.lines), selectinload(Shipment.order))
        .order_by(Shipment.completed_at, Shipment.id)
    ).all()
    collected = _collected_shipments([s.order_id for s in shipments]) if shipments else set()
    summary = CashDay(outlet_id=outlet_id, day=day)
    for s in shipments:
        expected = sum(line.line_total_vnd for line in s.lines) + s.delivery_fee_vnd
        summary.rows.append(
            CashRow(s.id, s.order.number, s.completed_at, expected, s.cash_received_vnd, s.id in collected)
        )
    return summary


def close_cash_day(*, outlet_id: int, day: date, actor_id: int) -> int:
    """Count the day's recorded cash into the orders' payments, once per shipment; returns how many.

    Two closes at once (a double click, two staff) count each shipment once: the payments are locked
    in id order and re-read, what is already counted is skipped under the lock, and each count carries
    a unique event id (``cash:<shipment id>``) so the database itself refuses a second one.
    """
    summary = cash_day(outlet_id=outlet_id, day=day)
    rows = {r.order_number: r for r in summary.rows if r.received_vnd and not r.collected}
    if not rows:
        return 0
    payments = db.session.scalars(
        select(Payment)
        .join(Payment.order)
        .where(Order.number.in_(list(rows)))
        .order_by(Payment.id)
        .with_for_update(of=Payment)
        .execution_options(populate_existing=True)
    ).all()
    # Read again under the locks: another close may have counted some of them meanwhile.
    collected = _collected_shipments([p.order_id for p in payments])
    counted = []
    for payment in payments:
        row = rows[payment.order.number]
        if row.shipment_id in collected:
            continue
        apply_money_received(
            payment=payment,
            amount_vnd=row.received_vnd,
            kind="cash_collected",
            actor_id=actor_id,
            data={"shipment": row.shipment_id, "outlet": outlet_id, "day": day.isoformat()},
            event_id=f"cash:{row.shipment_id}",
        )
        counted.append(row)
    if not counted:
        db.session.rollback()
        return 0
    audit.record(
        actor_id=actor_id,
        action="payment.cash_day_closed",
        subject_type="outlet",
        subject_id=outlet_id,
        details={
            "day": day.isoformat(),
            "shipments": len(counted),
            "received_vnd": sum(r.received_vnd or 0 for r in counted),
        },
    )
    try:
        db.session.commit()
    except IntegrityError:  # another close counted the same shipment first (SQLite has no row locks)
        db.session.rollback()
        return 0
    return len(counted)


def allocate(amount: int, weights: dict[int, int]) -> dict[int, int]:
    """Split whole đồng in proportion to weights; the largest remainders get the odd đồng."""
    total = sum(weights.values())
    if total <= 0 or amount <= 0:
        return dict.fromkeys(weights, 0)
    shares = {key: amount * w // total for key, w in weights.items()}
    left = amount - sum(shares.values())
    for key in sorted(weights, key=lambda k: (-(amount * weights[k] % total), k))[:left]:
        shares[key] += 1
    return shares


@dataclass
class OrderShare:
    """One order's part in a seller's settlement: her goods handed over and her share of its refunds."""

    order_number: str
    completed_at: datetime
    gross_vnd: int
    refunds_vnd: int

    @property
    def net_vnd(self) -> int:
        return self.gross_vnd - self.refunds_vnd


@dataclass
class SellerRow:
    seller_id: int | None
    seller_name: str
    orders: int = 0
    gross_vnd: int = 0
    refunds_vnd: int = 0
    commission_vnd: int = 0
    paid_out_vnd: int = 0
    shares: list[OrderShare] = field(default_factory=list)

    @property
    def net_vnd(self) -> int:
        return self.gross_vnd - self.refunds_vnd

    @property
    def payout_vnd(self) -> int:
        """What the union owes her for the period."""
        return self.net_vnd - self.commission_vnd

    @property
    def still_owed_vnd(self) -> int:
        """What the union owes her for the period, less what it has paid her for it."""
        return self.payout_vnd - self.paid_out_vnd


@dataclass
class Settlement:
    start: date
    end: date
    commission_percent: Decimal
    rows: list[SellerRow]
    order_count: int
    refunds_total_vnd: int

    @property
    def total(self) -> SellerRow:
        # An order with several sellers counts once in the total.
        row = SellerRow(None, "", orders=self.order_count)
        for r in self.rows:
            row.gross_vnd += r.gross_vnd
            row.refunds_vnd += r.refunds_vnd
            row.commission_vnd += r.commission_vnd
            row.paid_out_vnd += r.paid_out_vnd
        return row


def _completed_at(order: Order) -> datetime | None:
    times = [s.completed_at for s in order.shipments]
    return max(times) if times and all(times) else None


def _seller_rows(orders: list[Order], payments: dict, first: datetime, last: datetime) -> tuple:
    """Each seller's sales and share of refunds over the orders completed within [first, last)."""
    rows: dict[int, SellerRow] = {}
    refunds_total = 0
    counted = []
    for order in orders:
        done = as_utc(_completed_at(order))
        if done is None or not first <= done < last:
            continue
        counted.append(order)
        by_seller: dict[int, int] = {}
        for line in order.lines:
            by_seller[line.seller_id] = by_seller.get(line.seller_id, 0) + line.line_total_vnd
        refunded = sum(r.amount_vnd for r in payments[order.id].refunds if r.status == RefundStatus.SUCCEEDED)
        # A refund beyond the goods (the delivery fee) is not charged to sellers.
        charged = min(refunded, order.subtotal_vnd)
        refunds_total += charged
        for seller_id, share in allocate(charged, by_seller).items():
            row = rows.setdefault(seller_id, SellerRow(seller_id, ""))
            row.orders += 1
            row.gross_vnd += by_seller[seller_id]
            row.refunds_vnd += share
            row.shares.append(OrderShare(order.number, done, by_seller[seller_id], share))
    return rows, refunds_total, counted


def _paid_out(start: date, end: date, seller_id: int | None) -> dict[int, int]:
    """Payouts recorded for periods that lie within start..end, per seller."""
    query = select(SellerPayout).where(SellerPayout.period_start >= start, SellerPayout.period_end <= end)
    if seller_id is not None:
        query = query.where(SellerPayout.seller_id == seller_id)
    paid: dict[int, int] = {}
    for payout in db.session.scalars(query):
        paid[payout.seller_id] = paid.get(payout.seller_id, 0) + payout.amount_vnd
    return paid


def settlement(*, start: date, end: date, commission_percent: Decimal, seller_id: int | None = None) -> Settlement:
    """Per seller: completed, paid orders of the period, less refunds (not delivery fees), less commission,
    and what the union paid for it. With ``seller_id``, the same figures for that seller alone: the same
    orders are read whole (refunds are shared over all their sellers), and only her row is kept."""
    first, last = day_bounds(start, end)
    query = (
        select(Order)
        .join(Payment, Payment.order_id == Order.id)
        .where(
            Order.status.in_(("completed", "refunded")),
            Payment.status.in_(PAID_STATUSES),
            Order.shipments.any((Shipment.completed_at >= first) & (Shipment.completed_at < last)),
        )
        .options(selectinload(Order.lines), selectinload(Order.shipments))
        .order_by(Order.id)
    )
    if seller_id is not None:
        query = query.where(Order.lines.any(OrderLine.seller_id == seller_id))
    orders = db.session.scalars(query).all()
    payments = {
        p.order_id: p
        for p in db.session.scalars(
            select(Payment).where(Payment.order_id.in_([o.id for o in orders])).options(selectinload(Payment.refunds))
        )
    }
    rows, refunds_total, counted = _seller_rows(orders, payments, first, last)
    for paid_seller, amount in _paid_out(start, end, seller_id).items():
        rows.setdefault(paid_seller, SellerRow(paid_seller, "")).paid_out_vnd = amount
    if seller_id is not None:
        rows = {seller_id: rows[seller_id]} if seller_id in rows else {}
        counted = [o for o in counted if any(line.seller_id == seller_id for line in o.lines)]
        refunds_total = sum(r.refunds_vnd for r in rows.values())
    names = dict(db.session.execute(select(Seller.id, Seller.name).where(Seller.id.in_(list(rows)))).all())
    basis_points = int(commission_percent * 100)
    for row in rows.values():
        row.seller_name = names.get(row.seller_id, "")
        row.commission_vnd = (row.net_vnd * basis_points + 5000) // 10000
    ordered = sorted(rows.values(), key=lambda r: (r.seller_name, r.seller_id))
    return Settlement(start, end, commission_percent, ordered, len(counted), refunds_total)


def settlement_csv(report: Settlement, headers: list[str], total_label: str) -> str:
    """The settlement as CSV (UTF-8 with BOM, names that look like formulas kept as text), totals last."""
    rows = []
    for r in [*report.rows, None]:
        row = r or report.total
        rows.append(
            [
                row.seller_id or "",
                row.seller_name if r else total_label,
                row.orders,
                row.gross_vnd,
                row.refunds_vnd,
                row.net_vnd,
                row.commission_vnd,
                row.payout_vnd,
            ]
        )
    return csv_text(headers, rows)


def day_of(moment: datetime) -> date:
    """The shop's local date of an instant."""
    return moment.astimezone(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


def parse_day(text: str) -> date:
    """A yyyy-mm-dd day from a URL (app.core.edge's calendar); NotFound when it is not one."""
    day = edge.parse_day(text)
    if day is None:
        raise NotFound(_("This day was not found."))
    return day


@dataclass
class SellerStatement:
    """A seller's own settlement for a period: her row of the staff settlement, and the payouts in it."""

    seller: Seller
    start: date
    end: date
    commission_percent: Decimal
    row: SellerRow
    payouts: list[SellerPayout]


def default_commission() -> Decimal:
    return Decimal(str(current_app.config["SETTLEMENT_COMMISSION_PERCENT"]))


def seller_statement(*, user, seller_id: int, start: date, end: date) -> SellerStatement:
    """Her settlement, by the very query of the staff page (``settlement``), for her members only."""
    seller = seller_for_member(user, seller_id)
    percent = default_commission()
    report = settlement(start=start, end=end, commission_percent=percent, seller_id=seller.id)
    row = report.rows[0] if report.rows else SellerRow(seller.id, seller.name)
    payouts = db.session.scalars(
        select(SellerPayout)
        .where(SellerPayout.seller_id == seller.id, SellerPayout.period_start >= start, SellerPayout.period_end <= end)
        .order_by(SellerPayout.paid_on, SellerPayout.id)
    ).all()
    return SellerStatement(seller, start, end, percent, row, list(payouts))
