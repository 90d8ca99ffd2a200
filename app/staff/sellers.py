"""Union staff and sellers: the review queue, decisions, assisted onboarding, open orders."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.accounts.services import find_by_identifier
from app.core import audit
from app.core.audit import AuditEvent
from app.core.errors import Forbidden, NotFound
from app.core.extensions import db
from app.core.validation import normalise_email
from app.orders.models import Order, OrderLine
from app.orders.status import OPEN_STATUSES
from app.sellers.models import Seller, SellerMember
from app.sellers.services import (
    ApplicationData,
    SellerError,
    apply_data,
    attach_documents,
    check_complete,
    check_uploads,
)
from app.sellers.workflow import apply_transition

PER_PAGE = 20


@dataclass(frozen=True)
class QueueFilters:
    status: str | None = "pending"
    kind: str | None = None
    province_code: int | None = None
    ward_code: int | None = None


def review_queue(filters: QueueFilters, *, page: int = 1):
    """Sellers matching the filters, the longest-waiting first."""
    stmt = select(Seller)
    if filters.status:
        stmt = stmt.where(Seller.status == filters.status)
    if filters.kind:
        stmt = stmt.where(Seller.kind == filters.kind)
    if filters.province_code:
        stmt = stmt.where(Seller.province_code == filters.province_code)
    if filters.ward_code:
        stmt = stmt.where(Seller.ward_code == filters.ward_code)
    stmt = stmt.order_by(func.coalesce(Seller.submitted_at, Seller.created_at), Seller.id)
    return db.paginate(stmt, page=page, per_page=PER_PAGE, error_out=False)


def seller_detail(seller_id: int) -> Seller:
    """A seller with its members and documents loaded."""
    seller = db.session.scalar(
        select(Seller)
        .where(Seller.id == seller_id)
        .options(selectinload(Seller.members).selectinload(SellerMember.user), selectinload(Seller.documents))
    )
    if seller is None:
        raise NotFound(_("This page does not exist."))
    return seller


def is_own_seller(staff: User, seller: Seller) -> bool:
    """True when the staff member is herself a member of this seller (she may not decide on it)."""
    return any(member.user_id == staff.id for member in seller.members)


def decide(*, staff: User, seller_id: int, action: str, reason: str | None) -> Seller:
    """Approve, reject, suspend or reinstate a seller; audit, notices and emails in one go.

    Four eyes: a staff member who belongs to the seller cannot decide on it; another one must."""
    seller = seller_detail(seller_id)
    if is_own_seller(staff, seller):
        raise Forbidden(_("You are a member of this seller: another staff member must decide on it."))
    apply_transition(seller, action=action, actor_id=staff.id, reason=reason)
    db.session.commit()
    return seller


def create_on_behalf(
    *, staff: User, data: ApplicationData, files: list[tuple[bytes, str]], owner_email: str = ""
) -> Seller:
    """Staff fill in an application for a woman who cannot do it herself."""
    owner = _owner_account(owner_email)
    checked = check_uploads(files)
    seller = Seller(status="draft", created_by_staff=True)
    apply_data(seller, data)
    db.session.add(seller)
    db.session.flush()
    if owner is not None:
        db.session.add(SellerMember(seller_id=seller.id, user_id=owner.id, is_owner=True))
    attach_documents(seller, checked, uploader_id=staff.id)
    audit.record(
        actor_id=staff.id,
        action="seller.create",
        subject_type="seller",
        subject_id=seller.id,
        details={"owner": owner.email if owner else None},
        on_behalf=True,
    )
    db.session.commit()
    return seller


def _owner_account(email: str) -> User | None:
    if not email.strip():
        return None
    email_n = normalise_email(email)
    account = find_by_identifier(email_n) if email_n else None
    if account is None:
        raise SellerError({"owner_email": _("No account uses this email. Leave it empty or register her first.")})
    return account


def update_on_behalf(*, staff: User, seller_id: int, data: ApplicationData, files: list[tuple[bytes, str]]) -> Seller:
    """Staff correct a seller's details for her; the audit row lists what changed."""
    seller = seller_detail(seller_id)
    before = asdict(ApplicationData.from_seller(seller))
    checked = check_uploads(files, already=len(seller.documents))
    apply_data(seller, data)
    after = asdict(ApplicationData.from_seller(seller))
    changed = sorted(k for k in after if after[k] != before[k])
    attach_documents(seller, checked, uploader_id=staff.id)
    audit.record(
        actor_id=staff.id,
        action="seller.update",
        subject_type="seller",
        subject_id=seller.id,
        details={"changed": changed, "documents_added": len(checked)},
        on_behalf=True,
    )
    db.session.commit()
    return seller


def submit_on_behalf(*, staff: User, seller_id: int) -> Seller:
    """Send an application staff filled in to the review queue."""
    seller = seller_detail(seller_id)
    missing = check_complete(seller)
    if missing:
        raise SellerError(missing)
    apply_transition(seller, action="submit", actor_id=staff.id, on_behalf=True)
    db.session.commit()
    return seller


def open_orders(seller_id: int) -> list[Order]:
    """Orders still in progress that hold at least one line of this seller."""
    has_line = select(OrderLine.order_id).where(OrderLine.seller_id == seller_id)
    stmt = (
        select(Order)
        .where(Order.id.in_(has_line), Order.status.in_(OPEN_STATUSES))
        .options(selectinload(Order.lines))
        .order_by(Order.created_at)
    )
    return list(db.session.scalars(stmt))


def seller_history(seller_id: int) -> list[AuditEvent]:
    """Audit rows about one seller, newest first."""
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.subject_type == "seller", AuditEvent.subject_id == seller_id)
        .options(selectinload(AuditEvent.actor))
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    )
    return list(db.session.scalars(stmt))
