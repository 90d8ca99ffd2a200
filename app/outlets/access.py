"""Who works at an outlet: the role look-up behind the outlet desk."""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.decorators import role_required
from app.core.extensions import db
from app.outlets.models import OutletStaff


def outlet_id_of(user) -> int | None:
    """The outlet this account works at, or None."""
    return db.session.scalar(select(OutletStaff.outlet_id).where(OutletStaff.user_id == user.id))


outlet_staff_required = role_required(lambda user: user.role == "outlet" and outlet_id_of(user) is not None)
