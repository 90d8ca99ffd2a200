"""Who works at an outlet: the role look-up behind the outlet desk."""

from __future__ import annotations

from sqlalchemy import ScalarSelect, select

from app.accounts.decorators import role_required
from app.core.extensions import db
from app.outlets.models import OutletStaff


def outlet_of(user_id) -> ScalarSelect:
    """The outlet the account works at, as SQL (``user_id`` may be ``User.id`` of an enclosing
    statement); NULL when none."""
    return select(OutletStaff.outlet_id).where(OutletStaff.user_id == user_id).limit(1).scalar_subquery()


def outlet_id_of(user) -> int | None:
    """The outlet this account works at, or None."""
    return db.session.scalar(select(outlet_of(user.id)))


outlet_staff_required = role_required(lambda user: user.role == "outlet" and outlet_id_of(user) is not None)
