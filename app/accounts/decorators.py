"""Role decorators: who may open a view. Services still check ownership of each row."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import select

from app.core.extensions import db


def _role_required(check: Callable[[object], bool]) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not check(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def is_seller_member(user) -> bool:
    from app.sellers.models import SellerMember

    return db.session.scalar(select(SellerMember.id).where(SellerMember.user_id == user.id).limit(1)) is not None


def outlet_id_of(user) -> int | None:
    from app.outlets.models import OutletStaff

    return db.session.scalar(select(OutletStaff.outlet_id).where(OutletStaff.user_id == user.id))


shopper_required = _role_required(lambda user: user.is_authenticated)
seller_required = _role_required(is_seller_member)
outlet_staff_required = _role_required(lambda user: user.role == "outlet" and outlet_id_of(user) is not None)
staff_required = _role_required(lambda user: user.role == "staff")
