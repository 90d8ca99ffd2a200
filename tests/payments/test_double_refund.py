"""A double-clicked refund: the second click reads the payment after the first one's lock, not before."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.payments import refunds, services
from app.payments import staff_views as views
from app.payments.models import Payment, Refund
from tests import factories
from tests.conftest import ON_POSTGRES
from tests.payments import factories as pay_factories


@pytest.fixture
def paid_order(app):
    clerk = factories.user(email="canbo@example.vn", role="staff")
    db.session.commit()
    order = pay_factories.order(prices=(100000,), quantity=1)
    services.confirm_transfer_by_hand(number=order.number, amount_vnd=100000, note="seen", actor_id=clerk.id)
    return order.number, clerk.id


REAL_CREATE_REFUND = refunds.create_refund


def other_click(app, number: str, clerk_id: int) -> None:
    """The first click, in its own request and session, finishing while the second one waits."""

    def work() -> None:
        with app.app_context(), app.test_request_context():
            REAL_CREATE_REFUND(number=number, amount_vnd=100000, reason="first click", actor_id=clerk_id)
            db.session.remove()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()


def test_the_second_click_of_a_refund_says_it_is_done_instead_of_failing(app, client, auth, paid_order, monkeypatch):
    number, clerk_id = paid_order
    auth.login("canbo@example.vn")

    def after_the_first_click(**kwargs):
        other_click(app, number, clerk_id)  # the page's reads are done; the first click commits now
        return REAL_CREATE_REFUND(**kwargs)

    monkeypatch.setattr(views.refunds, "create_refund", after_the_first_click)
    response = client.post(f"/quan-tri/thanh-toan/don/{number}/hoan-tien", data={"amount_vnd": "100000", "reason": "x"})
    assert response.status_code == 400
    assert "Đơn hàng này không còn khoản đã thanh toán nào để hoàn." in response.get_data(as_text=True)
    db.session.expire_all()
    payment = db.session.scalar(select(Payment))
    assert (payment.refunded_vnd, payment.status) == (100000, "refunded")
    assert db.session.scalar(select(func.count(Refund.id))) == 1


@pytest.mark.skipif(not ON_POSTGRES, reason="row locks need PostgreSQL")
def test_two_clicks_at_once_through_the_page_refund_once_without_a_500(app, paid_order):
    number, _clerk_id = paid_order
    db.session.close()
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def click() -> None:
        with app.test_client() as client:
            client.post("/dang-nhap", data={"identifier": "canbo@example.vn", "password": "mat-khau-tot-1"})
            barrier.wait()
            response = client.post(
                f"/quan-tri/thanh-toan/don/{number}/hoan-tien", data={"amount_vnd": "100000", "reason": "x"}
            )
            statuses.append(response.status_code)

    threads = [threading.Thread(target=click) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [302, 400]
    assert db.session.scalar(select(func.count(Refund.id))) == 1
