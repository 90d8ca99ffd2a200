"""Listing moderation: new or changed products queue up; staff hide with a reason, the seller fixes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.accounts.models import Notification
from app.core.audit import AuditEvent
from app.core.extensions import db
from tests import factories
from tests.staff.factories import staff_user


@pytest.fixture
def staff(auth):
    user = staff_user()
    db.session.commit()
    auth.login(user.email)
    return user


def test_new_or_changed_products_wait_in_the_queue(client, staff):
    waiting = factories.product(name="Nấm đông trùng hạ thảo")
    seen = factories.product(name="Hạt điều rang muối")
    archived = factories.product(name="Găng tay cao su", status="archived")
    seen.needs_review, waiting.needs_review, archived.needs_review = False, True, True
    db.session.commit()
    page = client.get("/quan-tri/san-pham").get_data(as_text=True)
    assert "Nấm đông trùng hạ thảo" in page
    assert "Hạt điều rang muối" not in page and "Găng tay cao su" not in page


def test_staff_hide_a_product_with_a_reason_and_the_seller_is_told(client, staff, outbox):
    owner = factories.user(email="chu@htx.vn")
    product = factories.product(seller_obj=factories.seller(members=[owner]), name="Yến sào giả")
    db.session.commit()
    client.post(f"/quan-tri/san-pham/{product.id}/an", data={"reason": "Ảnh lấy trên mạng"})
    db.session.refresh(product)
    assert (product.is_hidden, product.hidden_reason, product.needs_review) == (True, "Ảnh lấy trên mạng", False)
    assert "Yến sào giả" not in client.get("/").get_data(as_text=True)
    notice = db.session.scalar(select(Notification).where(Notification.user_id == owner.id))
    assert "Ảnh lấy trên mạng" in notice.message
    assert outbox[0]["To"] == "chu@htx.vn"
    event = db.session.scalar(select(AuditEvent))
    assert (event.action, event.subject_type, event.subject_id, event.reason) == (
        "product.hide",
        "product",
        product.id,
        "Ảnh lấy trên mạng",
    )


def test_hiding_needs_a_reason(client, staff):
    product = factories.product()
    db.session.commit()
    response = client.post(f"/quan-tri/san-pham/{product.id}/an", data={"reason": ""}, follow_redirects=True)
    assert "Vui lòng ghi lý do" in response.get_data(as_text=True)
    db.session.refresh(product)
    assert product.is_hidden is False
    assert db.session.scalar(select(AuditEvent)) is None


def test_a_fixed_product_comes_back_after_review(client, staff):
    product = factories.product(name="Rau cải hữu cơ", is_hidden=True, hidden_reason="Sai giá")
    product.needs_review = True  # the seller asked for a review
    db.session.commit()
    assert "Rau cải hữu cơ" in client.get("/quan-tri/san-pham").get_data(as_text=True)
    client.post(f"/quan-tri/san-pham/{product.id}/hien", data={"reason": "Đã sửa giá"})
    db.session.refresh(product)
    assert (product.is_hidden, product.hidden_reason, product.needs_review) == (False, None, False)
    assert "Rau cải hữu cơ" in client.get("/").get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent.action)) == "product.show"


def test_marking_reviewed_empties_the_queue_and_is_audited(client, staff):
    product = factories.product(name="Áo thun phụ nữ")
    db.session.commit()
    client.post(f"/quan-tri/san-pham/{product.id}/duyet", data={})
    db.session.refresh(product)
    assert product.needs_review is False
    assert "Áo thun phụ nữ" not in client.get("/quan-tri/san-pham").get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent.action)) == "product.review"


def test_an_unknown_product_is_404(client, staff):
    assert client.post("/quan-tri/san-pham/9999/an", data={"reason": "x"}).status_code == 404
