"""Union staff look after the accounts: find a person, change her role, deactivate or reactivate her
account (her sessions end at once), send her a password link when she asks. All of it audited."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from app.accounts.models import User
from app.accounts.services import AccountError, end_sessions, request_password_reset
from app.core import audit
from app.core.errors import NotFound
from app.core.extensions import db
from app.core.validation import normalise_phone
from app.core.vocab import Role
from app.outlets.models import Outlet, OutletStaff
from app.sellers.models import Seller, SellerMember

PER_PAGE = 30
# Roles staff may give by hand: outlet staff come and go on the outlet's page, sellers through membership.
ASSIGNABLE = (Role.SHOPPER.value, Role.STAFF.value)


class PersonError(AccountError):
    code = "person"


@dataclass(frozen=True)
class PeopleFilters:
    q: str = ""
    role: str | None = None
    active: str | None = None  # "yes", "no" or None for both


def find_people(filters: PeopleFilters, *, page: int = 1):
    """Accounts whose name, email or phone matches, newest first."""
    stmt = select(User)
    q = (filters.q or "").strip()
    if q:
        phone = normalise_phone(q)
        like = f"%{q.lower()}%"
        conditions = [func.lower(User.email).like(like), func.lower(User.full_name).like(like)]
        if phone:
            conditions.append(User.phone == phone)
        stmt = stmt.where(or_(*conditions))
    if filters.role in Role.codes():
        stmt = stmt.where(User.role == filters.role)
    if filters.active in ("yes", "no"):
        stmt = stmt.where(User.is_active_account.is_(filters.active == "yes"))
    stmt = stmt.order_by(User.created_at.desc(), User.id.desc())
    return db.paginate(stmt, page=page, per_page=PER_PAGE, error_out=False)


@dataclass(frozen=True)
class PersonView:
    user: User
    outlet: Outlet | None
    sellers: list[Seller]


def person(user_id: int) -> PersonView:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound(_("This account was not found."))
    outlet = db.session.scalar(select(Outlet).join(OutletStaff).where(OutletStaff.user_id == user.id))
    sellers = list(db.session.scalars(select(Seller).join(SellerMember).where(SellerMember.user_id == user.id)))
    return PersonView(user, outlet, sellers)


def _not_self(staff: User, user: User) -> None:
    if staff.id == user.id:
        raise PersonError(_("You cannot change your own account here; ask another union staff member."), field="")


def _other_active_staff(user: User) -> int:
    return (
        db.session.scalar(
            select(func.count(User.id)).where(
                User.role == Role.STAFF, User.is_active_account.is_(True), User.id != user.id
            )
        )
        or 0
    )


def change_role(*, staff: User, user_id: int, role: str) -> User:
    """Make a person union staff or a shopper; outlet roles are given on the outlet's page."""
    user = person(user_id).user
    _not_self(staff, user)
    if role not in ASSIGNABLE:
        raise PersonError(_("Choose shopper or union staff."), field="role")
    if user.role == role:
        return user
    if user.role == Role.OUTLET:
        raise PersonError(_("She works at an outlet: remove her on the outlet's page first."), field="role")
    if user.role == Role.STAFF and not _other_active_staff(user):
        raise PersonError(_("She is the last union staff member with an active account."), field="role")
    audit.record(
        actor_id=staff.id,
        action="user.role",
        subject_type="user",
        subject_id=user.id,
        details={"from": user.role, "to": role},
    )
    user.role = role
    db.session.commit()
    return user


def deactivate(*, staff: User, user_id: int, reason: str) -> User:
    """Close an account: she cannot sign in and her open sessions end at once."""
    user = person(user_id).user
    _not_self(staff, user)
    reason = (reason or "").strip()
    if not reason:
        raise PersonError(_("Write why the account is deactivated."), field="reason")
    if not user.is_active_account:
        return user
    if user.role == Role.STAFF and not _other_active_staff(user):
        raise PersonError(_("She is the last union staff member with an active account."), field="reason")
    user.is_active_account = False
    end_sessions(user)
    audit.record(actor_id=staff.id, action="user.deactivate", subject_type="user", subject_id=user.id, reason=reason)
    db.session.commit()
    return user


def reactivate(*, staff: User, user_id: int) -> User:
    user = person(user_id).user
    if user.is_active_account:
        return user
    user.is_active_account = True
    audit.record(actor_id=staff.id, action="user.reactivate", subject_type="user", subject_id=user.id)
    db.session.commit()
    return user


def send_password_link(*, staff: User, user_id: int) -> User:
    """She asked for help: email her a link to choose a new password (staff never see or set it)."""
    user = person(user_id).user
    if not user.is_active_account:
        raise PersonError(_("Reactivate the account first."), field="")
    audit.record(actor_id=staff.id, action="user.password_reset", subject_type="user", subject_id=user.id)
    request_password_reset(email=user.email)  # queues the mail and commits with the audit row
    db.session.commit()
    return user
