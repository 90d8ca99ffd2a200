"""Consignment: sellers send goods to an outlet or ask for unsold goods back; outlet staff confirm.

Only confirmed quantities touch stock, and only through the stock ledger (app/outlets/stock.py).
"""

from __future__ import annotations

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.accounts.services import notify
from app.catalog.models import Product, Variant
from app.consignments.models import Consignment, ConsignmentLine
from app.core import audit
from app.core.errors import NotFound
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.vocab import SellerStatus
from app.outlets import stock
from app.outlets.access import outlet_id_of
from app.outlets.models import Outlet, StockRecord
from app.sellers.models import Seller, SellerMember
from app.sellers.services import SellerError, seller_for_member

MAX_QUANTITY = 100_000


def _check_lines(seller: Seller, rows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The filled rows, checked: the seller's own variants, each once, sensible quantities."""
    filled = [(i, v, q) for i, (v, q) in enumerate(rows) if v or q]
    if not filled:
        raise SellerError({"lines-0-quantity": _("Add at least one item with its quantity.")})
    wanted = {v for _i, v, _q in filled if v}
    owned = set(db.session.scalars(select(Variant.id).where(Variant.id.in_(wanted), Variant.seller_id == seller.id)))
    if wanted - owned:
        raise NotFound(_("This page does not exist."))
    errors, seen = {}, set()
    for i, variant_id, quantity in filled:
        if not variant_id:
            errors[f"lines-{i}-variant_id"] = _("Choose an item.")
        elif variant_id in seen:
            errors[f"lines-{i}-variant_id"] = _("This item is already listed above.")
        if not 0 < quantity <= MAX_QUANTITY:
            errors[f"lines-{i}-quantity"] = _("Enter a whole number from 1 to 100,000.")
        seen.add(variant_id)
    if errors:
        raise SellerError(errors)
    return [(v, q) for _i, v, q in filled]


def _approved_seller(user: User, seller_id: int) -> Seller:
    seller = seller_for_member(user, seller_id)
    if seller.status != SellerStatus.APPROVED:
        raise SellerError({"outlet_id": _("Only an approved seller can consign goods.")})
    return seller


def _active_outlet(outlet_id: int | None) -> Outlet:
    outlet = db.session.get(Outlet, outlet_id) if outlet_id else None
    if outlet is None or not outlet.is_active:
        raise SellerError({"outlet_id": _("Choose an outlet from the list.")})
    return outlet


def record_delivery(
    *, user: User, seller_id: int, outlet_id: int | None, lines: list[tuple[int, int]], note: str = ""
) -> Consignment:
    """The seller says what she is bringing to an outlet; stock moves only when the outlet confirms."""
    seller = _approved_seller(user, seller_id)
    outlet = _active_outlet(outlet_id)
    return _create(seller, outlet, "delivery", _check_lines(seller, lines), note, user)


def request_return(
    *, user: User, seller_id: int, outlet_id: int | None, lines: list[tuple[int, int]], note: str = ""
) -> Consignment:
    """The seller asks an outlet to hand back unsold goods (no more than it has available)."""
    seller = seller_for_member(user, seller_id)
    outlet = _active_outlet(outlet_id)
    filled = _check_lines(seller, lines)
    held = _available(outlet.id, [v for v, _q in filled])
    errors = {
        f"lines-{i}-quantity": _("The outlet has only %(n)s available.", n=held.get(v, 0))
        for i, (v, q) in enumerate(lines)
        if v and q > held.get(v, 0)
    }
    if errors:
        raise SellerError(errors)
    return _create(seller, outlet, "return", filled, note, user)


def _available(outlet_id: int, variant_ids: list[int]) -> dict[int, int]:
    rows = db.session.scalars(
        select(StockRecord).where(StockRecord.outlet_id == outlet_id, StockRecord.variant_id.in_(variant_ids))
    )
    return {r.variant_id: r.available for r in rows}


def _create(seller: Seller, outlet: Outlet, direction: str, lines, note: str, user: User) -> Consignment:
    consignment = Consignment(
        seller_id=seller.id, outlet_id=outlet.id, direction=direction, note=note.strip(), created_by_id=user.id
    )
    consignment.lines = [ConsignmentLine(variant_id=v, quantity_sent=q) for v, q in lines]
    db.session.add(consignment)
    db.session.commit()
    return consignment


def cancel(*, user: User, seller_id: int, consignment_id: int) -> Consignment:
    """Withdraw a consignment the outlet has not confirmed yet."""
    seller = seller_for_member(user, seller_id)
    consignment = db.session.scalar(
        select(Consignment).where(Consignment.id == consignment_id, Consignment.seller_id == seller.id)
    )
    if consignment is None:
        raise NotFound(_("This page does not exist."))
    if consignment.status != "sent":
        raise SellerError({"status": _("This consignment is already confirmed or cancelled.")})
    consignment.status = "cancelled"
    db.session.commit()
    return consignment


def seller_consignments(*, user: User, seller_id: int) -> list[Consignment]:
    seller = seller_for_member(user, seller_id)
    stmt = (
        select(Consignment)
        .where(Consignment.seller_id == seller.id)
        .options(
            selectinload(Consignment.outlet),
            selectinload(Consignment.lines).selectinload(ConsignmentLine.variant).selectinload(Variant.product),
        )
        .order_by(Consignment.created_at.desc(), Consignment.id.desc())
    )
    return list(db.session.scalars(stmt))


def seller_stock(*, user: User, seller_id: int) -> list[StockRecord]:
    """What every outlet holds of this seller's goods."""
    seller = seller_for_member(user, seller_id)
    stmt = (
        select(StockRecord)
        .join(StockRecord.variant)
        .join(Variant.product)
        .where(Variant.seller_id == seller.id)
        .options(selectinload(StockRecord.outlet), selectinload(StockRecord.variant).selectinload(Variant.product))
        .order_by(StockRecord.outlet_id, Product.name, Variant.position)
    )
    return list(db.session.scalars(stmt))


def outlet_consignments(*, user: User) -> list[Consignment]:
    """Consignments of the staff member's outlet, unconfirmed first."""
    outlet_id = outlet_id_of(user)
    stmt = (
        select(Consignment)
        .where(Consignment.outlet_id == outlet_id)
        .options(
            selectinload(Consignment.seller),
            selectinload(Consignment.lines).selectinload(ConsignmentLine.variant).selectinload(Variant.product),
        )
        .order_by(Consignment.status != "sent", Consignment.created_at.desc(), Consignment.id.desc())
        .limit(100)
    )
    return list(db.session.scalars(stmt))


def consignment_for_outlet(*, user: User, consignment_id: int, lock: bool = False) -> Consignment:
    """A consignment of the staff member's own outlet; NotFound for any other."""
    stmt = select(Consignment).where(Consignment.id == consignment_id, Consignment.outlet_id == outlet_id_of(user))
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    consignment = db.session.scalar(stmt)
    if consignment is None:
        raise NotFound(_("This page does not exist."))
    return consignment


def confirm(*, user: User, consignment_id: int, quantities: dict[int, int]) -> Consignment:
    """Outlet staff confirm what really arrived (or left); those quantities go through the ledger."""
    consignment = consignment_for_outlet(user=user, consignment_id=consignment_id, lock=True)
    if consignment.status != "sent":
        raise SellerError({"status": _("This consignment is already confirmed or cancelled.")})
    errors = {
        f"q-{line.id}": _("Enter a whole number from 0 to %(n)s.", n=line.quantity_sent)
        for line in consignment.lines
        if not 0 <= quantities.get(line.id, -1) <= line.quantity_sent
    }
    if errors:
        raise SellerError(errors)
    pairs = [(line.variant_id, consignment.outlet_id) for line in consignment.lines]
    for variant_id, outlet_id in pairs:
        stock.get_or_create_record(variant_id=variant_id, outlet_id=outlet_id)
    records = stock.lock_records(pairs)
    move = stock.receive if consignment.direction == "delivery" else stock.send_back
    for line in consignment.lines:
        line.quantity_received = quantities[line.id]
        if line.quantity_received:
            try:
                move(
                    records[(line.variant_id, consignment.outlet_id)],
                    line.quantity_received,
                    consignment_id=consignment.id,
                    actor_id=user.id,
                )
            except stock.StockError:
                db.session.rollback()
                raise SellerError({f"q-{line.id}": _("The outlet does not have that many available.")}) from None
    consignment.status, consignment.confirmed_by_id, consignment.confirmed_at = "confirmed", user.id, utcnow()
    _record_confirmation(consignment, user)
    db.session.commit()
    return consignment


def _record_confirmation(consignment: Consignment, user: User) -> None:
    audit.record(
        actor_id=user.id,
        action=f"consignment.confirm_{consignment.direction}",
        subject_type="consignment",
        subject_id=consignment.id,
        details={str(line.variant_id): [line.quantity_sent, line.quantity_received] for line in consignment.lines},
    )
    members = db.session.scalars(
        select(SellerMember)
        .where(SellerMember.seller_id == consignment.seller_id)
        .options(selectinload(SellerMember.user))
    )
    link = url_for("sellers.consignments_page", seller_id=consignment.seller_id)
    for member in members:
        with force_locale(member.user.locale):
            notify(
                member.user_id,
                _("%(outlet)s confirmed consignment no. %(id)s.", outlet=consignment.outlet.name, id=consignment.id),
                link,
            )
