"""The audit trail page lists every staff action with filters; rows can never be changed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.core import audit
from app.core.audit import AuditEvent
from app.core.extensions import db
from app.core.timeutil import utcnow
from tests import factories
from tests.staff.factories import staff_user


@pytest.fixture
def staff(auth):
    user = staff_user()
    db.session.commit()
    auth.login(user.email)
    return user


@pytest.fixture
def trail(staff):
    other = factories.user(email="canbo2@hoi.vn", role="staff")
    audit.record(actor_id=staff.id, action="seller.approve", subject_type="seller", subject_id=11, reason="Đủ hồ sơ")
    audit.record(actor_id=other.id, action="product.hide", subject_type="product", subject_id=22, reason="Ảnh sai")
    old = audit.record(actor_id=staff.id, action="seller.create", subject_type="seller", subject_id=33, on_behalf=True)
    old.created_at = utcnow() - timedelta(days=10)
    db.session.commit()


def rows(client, query: str = "") -> str:
    return client.get("/quan-tri/nhat-ky" + query).get_data(as_text=True)


def test_the_trail_lists_every_action_newest_first(client, trail):
    page = rows(client)
    assert page.index("Ảnh sai") < page.index("Đủ hồ sơ") < page.index("seller #33")


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?action=product.hide", ["product #22"], ["seller #11", "seller #33"]),
        ("?subject_type=seller", ["seller #11", "seller #33"], ["product #22"]),
        ("?subject_type=seller&subject_id=33", ["seller #33"], ["seller #11"]),
        ("?actor=canbo2@hoi.vn", ["product #22"], ["seller #11"]),
        ("?on_behalf=y", ["seller #33"], ["seller #11", "product #22"]),
        (f"?since={(utcnow() - timedelta(days=2)).date()}", ["seller #11", "product #22"], ["seller #33"]),
        (f"?until={(utcnow() - timedelta(days=5)).date()}", ["seller #33"], ["seller #11"]),
    ],
)
def test_the_trail_filters(client, trail, query, shown, hidden):
    page = rows(client, query)
    assert all(s in page for s in shown)
    assert not any(h in page for h in hidden)


def test_audit_rows_cannot_be_edited_or_deleted(app, trail):
    event = db.session.scalar(select(AuditEvent))
    event.reason = "sửa lại"
    with pytest.raises(ValueError):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.scalar(select(AuditEvent)))
    with pytest.raises(ValueError):
        db.session.commit()
    db.session.rollback()
    assert len(db.session.scalars(select(AuditEvent)).all()) == 3
