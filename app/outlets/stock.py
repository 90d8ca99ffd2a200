"""The stock ledger: every change to a stock figure goes through here and writes a movement.

Callers own the transaction (they commit once); functions here only flush. Rows are locked
in id order (`lock_records`) so concurrent checkouts cannot deadlock.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from app.core import signals
from app.core.errors import DomainError
from app.core.extensions import db
from app.outlets.models import StockMovement, StockRecord


class StockError(DomainError):
    """A stock change that would break an invariant (negative stock, over-reservation)."""

    code = "stock"


@dataclass(frozen=True)
class Discrepancy:
    stock_record_id: int
    variant_id: int
    outlet_id: int
    on_hand: int
    ledger_on_hand: int
    reserved: int
    ledger_reserved: int


def get_or_create_record(*, variant_id: int, outlet_id: int) -> StockRecord:
    """The stock record of a variant at an outlet, created empty when missing."""
    record = db.session.scalar(
        select(StockRecord).where(StockRecord.variant_id == variant_id, StockRecord.outlet_id == outlet_id)
    )
    if record is None:
        record = StockRecord(variant_id=variant_id, outlet_id=outlet_id, on_hand=0, reserved=0)
        db.session.add(record)
        db.session.flush()
    return record


def lock_records(pairs: list[tuple[int, int]]) -> dict[tuple[int, int], StockRecord]:
    """Lock the stock rows of (variant_id, outlet_id) pairs in id order (FOR UPDATE on PostgreSQL)."""
    if not pairs:
        return {}
    variant_ids = {v for v, _ in pairs}
    rows = db.session.scalars(
        select(StockRecord)
        .where(StockRecord.variant_id.in_(variant_ids))
        .order_by(StockRecord.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()
    wanted = set(pairs)
    return {(r.variant_id, r.outlet_id): r for r in rows if (r.variant_id, r.outlet_id) in wanted}


def _move(record: StockRecord, kind: str, *, on_hand: int = 0, reserved: int = 0, **refs) -> StockMovement:
    new_on_hand, new_reserved = record.on_hand + on_hand, record.reserved + reserved
    if new_on_hand < 0 or new_reserved < 0 or new_reserved > new_on_hand:
        raise StockError(_("Not enough stock for this change."))
    available_before = record.available
    record.on_hand, record.reserved = new_on_hand, new_reserved
    movement = StockMovement(
        stock_record_id=record.id, kind=kind, on_hand_delta=on_hand, reserved_delta=reserved, **refs
    )
    db.session.add(movement)
    if available_before <= 0 < record.available:
        signals.stock_available.send(record)  # back in stock here: orders tells who favourited it
    signals.stock_changed.send(record, kind=kind, available_before=available_before)
    return movement


def receive(record: StockRecord, quantity: int, **refs) -> StockMovement:
    """Goods arrived at the outlet (consignment confirmed)."""
    _positive(quantity)
    return _move(record, "received", on_hand=quantity, **refs)


def reserve(record: StockRecord, quantity: int, **refs) -> StockMovement:
    """Hold units for an order; refuses when fewer are available."""
    _positive(quantity)
    return _move(record, "reserved", reserved=quantity, **refs)


def release(record: StockRecord, quantity: int, **refs) -> StockMovement:
    """Give back a reservation (cancellation, expiry)."""
    _positive(quantity)
    return _move(record, "released", reserved=-quantity, **refs)


def sell(record: StockRecord, quantity: int, **refs) -> StockMovement:
    """Turn reserved units into sold ones: they leave the outlet."""
    _positive(quantity)
    return _move(record, "sold", on_hand=-quantity, reserved=-quantity, **refs)


def return_goods(record: StockRecord, quantity: int, **refs) -> StockMovement:
    """Sold goods brought back by the shopper (refund) go back on the shelf."""
    _positive(quantity)
    return _move(record, "returned", on_hand=quantity, **refs)


def send_back(record: StockRecord, quantity: int, **refs) -> StockMovement:
    """Unsold goods returned from the outlet to the seller."""
    _positive(quantity)
    return _move(record, "sent_back", on_hand=-quantity, **refs)


def adjust(record: StockRecord, delta: int, **refs) -> StockMovement:
    """A counted correction (breakage, stock-take), signed."""
    if delta == 0:
        raise StockError(_("An adjustment must change the stock."))
    return _move(record, "adjusted", on_hand=delta, **refs)


def _positive(quantity: int) -> None:
    if not isinstance(quantity, int) or quantity <= 0:
        raise StockError(_("A quantity must be a whole number above zero."))


def verify() -> list[Discrepancy]:
    """Every stock record whose figures differ from the sum of its ledger."""
    sums = (
        select(
            StockMovement.stock_record_id,
            func.coalesce(func.sum(StockMovement.on_hand_delta), 0).label("on_hand"),
            func.coalesce(func.sum(StockMovement.reserved_delta), 0).label("reserved"),
        )
        .group_by(StockMovement.stock_record_id)
        .subquery()
    )
    rows = db.session.execute(
        select(StockRecord, func.coalesce(sums.c.on_hand, 0), func.coalesce(sums.c.reserved, 0))
        .outerjoin(sums, sums.c.stock_record_id == StockRecord.id)
        .order_by(StockRecord.id)
    ).all()
    return [
        Discrepancy(r.id, r.variant_id, r.outlet_id, r.on_hand, int(oh), r.reserved, int(rs))
        for r, oh, rs in rows
        if r.on_hand != oh or r.reserved != rs
    ]
