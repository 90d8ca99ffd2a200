"""Changes to a seller's legal details (name, kind, registration number): the owner asks, union staff decide.

Both steps are written to the audit trail; the seller's details change only when staff approve,
and members are told the decision in the site.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.core import audit
from app.core.errors import Conflict, Forbidden, NotFound
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.vocab import RequestStatus
from app.sellers.models import SELLER_KINDS, Seller, SellerChangeRequest
from app.sellers.notices import path_for, tell_members
from app.sellers.services import REGISTRATION_ALLOWED, REGISTRATION_REQUIRED, SellerError, membership

MAX_NOTE = 1000


@dataclass
class LegalDetails:
    name: str
    kind: str
    registration_no: str = ""
    note: str = ""


def pending_request(seller_id: int) -> SellerChangeRequest | None:
    """The request of this seller still waiting for the union, if any."""
    return db.session.scalar(
        select(SellerChangeRequest).where(
            SellerChangeRequest.seller_id == seller_id, SellerChangeRequest.status == RequestStatus.PENDING
        )
    )


def _check(data: LegalDetails, seller: Seller) -> dict[str, str]:
    errors: dict[str, str] = {}
    name, reg = data.name.strip(), data.registration_no.strip()
    if not name:
        errors["name"] = _("Write the name of the organisation or of the woman who sells.")
    elif len(name) > 160:
        errors["name"] = _("At most %(n)s characters.", n=160)
    if data.kind not in SELLER_KINDS:
        errors["kind"] = _("Choose the kind of organisation.")
    elif data.kind in REGISTRATION_REQUIRED and not reg:
        errors["registration_no"] = _("This kind of organisation has a registration number: please enter it.")
    if len(reg) > 40:
        errors["registration_no"] = _("At most %(n)s characters.", n=40)
    if len(data.note) > MAX_NOTE:
        errors["note"] = _("At most %(n)s characters.", n=MAX_NOTE)
    unchanged = (name, data.kind, reg or None) == (seller.name, seller.kind, seller.registration_no or None)
    if not errors and unchanged:
        errors["name"] = _("Nothing is different from the details the union has.")
    return errors


def request_change(*, user: User, seller_id: int, data: LegalDetails) -> SellerChangeRequest:
    """The owner asks the union to change the legal details; one request waits at a time (audited)."""
    owner = membership(user, seller_id)
    if not owner.is_owner:
        raise Forbidden(_("Only the owner can ask to change the legal details."))
    seller = owner.seller
    if pending_request(seller.id) is not None:
        raise SellerError({"name": _("Your earlier request is still waiting for the union.")})
    errors = _check(data, seller)
    if errors:
        raise SellerError(errors)
    reg = data.registration_no.strip()
    request = SellerChangeRequest(
        seller_id=seller.id,
        requested_by_id=user.id,
        name=data.name.strip(),
        kind=data.kind,
        registration_no=reg if reg and data.kind in REGISTRATION_ALLOWED else None,
        note=data.note.strip(),
    )
    db.session.add(request)
    db.session.flush()
    audit.record(
        actor_id=user.id,
        action="seller.legal_change_requested",
        subject_type="seller",
        subject_id=seller.id,
        reason=request.note or None,
        details={"request": request.id, "from": _details(seller), "to": _details(request)},
    )
    db.session.commit()
    return request


def _details(row) -> dict:
    return {"name": row.name, "kind": row.kind, "registration_no": row.registration_no}


def pending_requests() -> list[SellerChangeRequest]:
    """Every request waiting for union staff, oldest first."""
    return list(
        db.session.scalars(
            select(SellerChangeRequest)
            .where(SellerChangeRequest.status == RequestStatus.PENDING)
            .options(selectinload(SellerChangeRequest.seller), selectinload(SellerChangeRequest.requested_by))
            .order_by(SellerChangeRequest.created_at, SellerChangeRequest.id)
        )
    )


def decide(*, staff: User, request_id: int, approve: bool, reason: str = "") -> SellerChangeRequest:
    """Union staff approve (the seller's details change) or refuse with a reason; audited, members told."""
    request = db.session.scalar(
        select(SellerChangeRequest).where(SellerChangeRequest.id == request_id).with_for_update()
    )
    if request is None:
        raise NotFound(_("This page does not exist."))
    if request.status != RequestStatus.PENDING:
        raise Conflict(_("This request has already been decided."))
    reason = (reason or "").strip()
    if not approve and not reason:
        raise SellerError({"reason": _("Please write the reason: the seller will read it.")})
    seller = request.seller
    before = _details(seller)
    if approve:
        seller.name, seller.kind, seller.registration_no = request.name, request.kind, request.registration_no
    request.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    request.decided_by_id, request.decided_at, request.decision_reason = staff.id, utcnow(), reason or None
    audit.record(
        actor_id=staff.id,
        action="seller.legal_change_approved" if approve else "seller.legal_change_rejected",
        subject_type="seller",
        subject_id=seller.id,
        reason=reason or None,
        details={"request": request.id, "from": before, "to": _details(request)},
    )
    tell_members(
        [seller.id],
        lambda _sid: (
            _("The union approved the change of your legal details.")
            if approve
            else _("The union did not accept the change of your legal details. Reason: %(reason)s", reason=reason)
        ),
        lambda sid: path_for("sellers.shop_page", seller_id=sid),
    )
    db.session.commit()
    return request
