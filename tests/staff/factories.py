"""Back-office test data: a signed-in staff member and sellers at every status."""

from __future__ import annotations

from app.core.extensions import db
from tests import factories
from tests.sellers.factories import pending_seller

__all__ = ["pending_seller", "staff_user"]


def staff_user(email: str = "canbo@hoi.vn"):
    user = factories.user(email=email, role="staff", full_name="Cán bộ Hội")
    db.session.flush()
    return user
