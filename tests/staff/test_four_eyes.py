"""Four eyes: a staff member cannot decide on a seller she belongs to, and a transfer confirmed by hand
for another amount than the one due counts only once a second staff member approves it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.errors import Forbidden
from app.core.extensions import db
from app.payments import confirmations, services
from app.payments.models import Payment, TransferConfirmation
from app.sellers.models import Seller, SellerMember
from tests import factories
from tests.payments import factories as pay_factories
from tests.staff.factories import pending_seller, staff_user


@pytest.fixture
def two_staff(app):
    first, second = staff_user("lan@hoi.vn"), staff_user("mai@hoi.vn")
    db.session.commit()
    return first, second


def test_a_staff_member_cannot_decide_on_her_own_seller_application(client, auth, two_staff):
    lan, _mai = two_staff
    seller = pending_seller()
    db.session.add(SellerMember(seller_id=seller.id, user_id=lan.id, is_owner=True))
    db.session.commit()
    auth.login("lan@hoi.vn")
    page = client.get(f"/quan-tri/nguoi-ban/{seller.id}").get_data(as_text=True)
    assert "một cán bộ khác phải quyết định" in page and 'value="approve"' not in page
    response = client.post(f"/quan-tri/nguoi-ban/{seller.id}/quyet-dinh", data={"action": "approve"})
    assert response.status_code == 302
    assert db.session.get(Seller, seller.id).status == "pending"
    assert "một cán bộ khác phải quyết định" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action == "seller.approve")) is None


def test_another_staff_member_decides_on_it(client, auth, two_staff):
    lan, _mai = two_staff
    seller = pending_seller()
    db.session.add(SellerMember(seller_id=seller.id, user_id=lan.id, is_owner=True))
    db.session.commit()
    auth.login("mai@hoi.vn")
    client.post(f"/quan-tri/nguoi-ban/{seller.id}/quyet-dinh", data={"action": "approve"})
    assert db.session.get(Seller, seller.id).status == "approved"


def test_the_service_refuses_too(app, two_staff):
    lan, _mai = two_staff
    seller = pending_seller()
    db.session.add(SellerMember(seller_id=seller.id, user_id=lan.id, is_owner=True))
    db.session.commit()
    from app.staff.sellers import decide

    with app.test_request_context(), pytest.raises(Forbidden):
        decide(staff=lan, seller_id=seller.id, action="approve", reason=None)


def payment_of(order) -> Payment:
    db.session.expire_all()
    return db.session.scalar(select(Payment).where(Payment.order_id == order.id))


def test_the_amount_due_is_confirmed_at_once(app, two_staff):
    lan, _mai = two_staff
    order = pay_factories.order(prices=(100000,), quantity=1)
    with app.test_request_context():
        assert services.confirm_transfer_by_hand(number=order.number, amount_vnd=100000, note="FT1", actor_id=lan.id)
    assert payment_of(order).status == "paid"


@pytest.mark.parametrize("amount", [1, 99000, 100001, 5_000_000])
def test_another_amount_waits_for_a_second_staff_member(app, two_staff, amount):
    lan, mai = two_staff
    order = pay_factories.order(prices=(100000,), quantity=1)
    with app.test_request_context():
        outcome = services.confirm_transfer_by_hand(number=order.number, amount_vnd=amount, note="FT2", actor_id=lan.id)
        assert outcome == "awaiting_approval"
        assert (payment_of(order).status, payment_of(order).paid_vnd) == ("pending", 0)
        waiting = confirmations.waiting_for(payment_of(order).id)
        with pytest.raises(Forbidden):
            confirmations.decide(confirmation_id=waiting.id, approve=True, actor_id=lan.id)
        assert payment_of(order).paid_vnd == 0
        confirmations.decide(confirmation_id=waiting.id, approve=True, actor_id=mai.id)
    payment = payment_of(order)
    assert (payment.status, payment.paid_vnd, payment.order.status) == ("paid", amount, "confirmed")
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "payment.confirmed_by_hand"))
    assert audit.actor_id == mai.id and audit.details["requested_by"] == lan.id


def test_a_refused_confirmation_counts_nothing(app, two_staff):
    lan, mai = two_staff
    order = pay_factories.order(prices=(100000,), quantity=1)
    with app.test_request_context():
        services.confirm_transfer_by_hand(number=order.number, amount_vnd=10000, note="FT3", actor_id=lan.id)
        waiting = confirmations.waiting_for(payment_of(order).id)
        confirmations.decide(confirmation_id=waiting.id, approve=False, actor_id=mai.id)
    assert payment_of(order).paid_vnd == 0
    assert db.session.get(TransferConfirmation, waiting.id).status == "rejected"


def test_the_pages_show_the_waiting_confirmation_and_only_another_staff_member_approves(client, auth, two_staff):
    _lan, _mai = two_staff
    order = pay_factories.order(prices=(100000,), quantity=2)
    url = f"/quan-tri/thanh-toan/don/{order.number}"
    auth.login("lan@hoi.vn")
    asked = client.post(
        f"{url}/xac-nhan", data={"amount_vnd": "150.000", "note": "Seen on 3 June"}, follow_redirects=True
    )
    text = asked.get_data(as_text=True)
    assert "một cán bộ khác phải duyệt" in text and "150.000" in text
    assert "Duyệt và ghi nhận tiền" not in text
    again = client.post(f"{url}/xac-nhan", data={"amount_vnd": "200.000", "note": "again"})
    assert again.status_code == 409  # one question at a time: the waiting one is answered first
    assert payment_of(order).paid_vnd == 0
    confirmation = db.session.scalar(select(TransferConfirmation))
    assert client.post(f"/quan-tri/thanh-toan/xac-nhan/{confirmation.id}/duyet").status_code == 403
    auth.logout()
    auth.login("mai@hoi.vn")
    assert "Chuyển khoản chờ cán bộ thứ hai duyệt" in client.get("/quan-tri/thanh-toan").get_data(as_text=True)
    assert "Duyệt và ghi nhận tiền" in client.get(url).get_data(as_text=True)
    client.post(f"/quan-tri/thanh-toan/xac-nhan/{confirmation.id}/duyet")
    assert payment_of(order).paid_vnd == 150000
    assert client.post(f"/quan-tri/thanh-toan/xac-nhan/{confirmation.id}/tu-choi").status_code == 409


def test_shoppers_and_outlet_staff_cannot_approve(client, auth, two_staff):
    lan, _mai = two_staff
    order = pay_factories.order(prices=(100000,), quantity=1)
    with client.application.test_request_context():
        services.confirm_transfer_by_hand(number=order.number, amount_vnd=1000, note="x", actor_id=lan.id)
    confirmation = db.session.scalar(select(TransferConfirmation))
    factories.user(email="cuahang@example.vn", role="outlet")
    db.session.commit()
    auth.login("cuahang@example.vn")
    assert client.post(f"/quan-tri/thanh-toan/xac-nhan/{confirmation.id}/duyet").status_code == 403
    assert payment_of(order).paid_vnd == 0
