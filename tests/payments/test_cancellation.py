"""Cancelling an order money was paid for: confirmation first, the refund opened in the same
transaction, card money back through Stripe at once, transfers and cash as open refund tasks."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.core.timeutil import utcnow
from app.orders import services as order_services
from app.orders.links import order_token
from app.payments import ledger, refunds, services
from app.payments.models import Payment, Refund
from tests import factories
from tests.payments import factories as pay_factories
from tests.payments.conftest import session_event


def payment_of(order) -> Payment:
    db.session.expire_all()
    return db.session.scalar(select(Payment).where(Payment.order_id == order.id))


@pytest.fixture
def lan(app):
    user = factories.user(email="lan@example.vn")
    db.session.commit()
    return user


@pytest.fixture
def clerk(app):
    user = factories.user(email="canbo2@example.vn", role="staff")
    db.session.commit()
    return user


def paid_by_transfer(clerk, user=None, prices=(832000,), quantity=4):
    order = pay_factories.order(prices=prices, quantity=quantity, user=user)
    services.confirm_transfer_by_hand(number=order.number, amount_vnd=order.total_vnd, note="seen", actor_id=clerk.id)
    return order


@pytest.fixture
def card_paid(fake_stripe, post_event, lan):
    order = pay_factories.order(method="stripe", prices=(100000,), quantity=3, user=lan)
    services.next_url(order)
    paid = fake_stripe.pay(payment_of(order).provider_reference)
    post_event(session_event("evt_paid_c", "checkout.session.completed", paid))
    return order


def test_the_confirmation_says_what_happens_to_card_money_and_changes_nothing(client, auth, card_paid):
    auth.login("lan@example.vn")
    order_page = client.get(f"/don-hang/{card_paid.number}").get_data(as_text=True)
    # The order page only links to the confirmation: no form on it cancels at once.
    cancel_url = f"/don-hang/{card_paid.number}/huy"
    assert cancel_url in order_page and f'method="post" action="{cancel_url}' not in order_page
    page = client.get(f"/don-hang/{card_paid.number}/huy").get_data(as_text=True)
    assert "300.000\xa0₫ đã trả bằng thẻ được hoàn về thẻ ngay" in page and "Có, hủy đơn" in page
    assert payment_of(card_paid).order.status == "confirmed"


def test_cancelling_a_card_order_refunds_through_stripe_at_once(client, auth, card_paid, fake_stripe, outbox):
    auth.login("lan@example.vn")
    client.post(f"/don-hang/{card_paid.number}/huy")
    payment = payment_of(card_paid)
    assert (payment.order.status, payment.status, payment.refunded_vnd) == ("cancelled", "refunded", 300000)
    (refund,) = payment.refunds
    assert (refund.status, refund.amount_vnd) == ("succeeded", 300000)
    (sent,) = [r for r in fake_stripe.requests if r["path"] == "/v1/refunds"]
    assert sent["params"]["amount"] == "300000" and sent["idempotency_key"] == f"refund-{card_paid.number}-1"
    assert any("300.000\xa0₫ đã được hoàn" in m["Subject"] for m in outbox)
    page = client.get(f"/don-hang/{card_paid.number}").get_data(as_text=True)
    assert "Thanh toán và hoàn tiền" in page and "Đã hoàn tiền" in page


def test_when_stripe_is_down_the_cancel_stands_and_the_refund_waits_on_the_list(client, card_paid, fake_stripe, staff):
    fake_stripe.down = True
    order_services.cancel_by_staff(order=payment_of(card_paid).order, actor=staff, reason="Hết hàng yến sào")
    payment = payment_of(card_paid)
    assert payment.order.status == "cancelled" and payment.refunded_vnd == 0
    assert [r.status for r in payment.refunds] == ["pending"] and ledger.position(payment).balanced
    page = client.get("/quan-tri/thanh-toan/hoan-tien").get_data(as_text=True)
    assert card_paid.number in page and "Gửi lại" in page
    fake_stripe.down = False
    client.post(f"/quan-tri/thanh-toan/hoan-tien/{payment.refunds[0].id}/gui-lai")
    assert payment_of(card_paid).status == "refunded"


def test_a_cancelled_transfer_order_becomes_an_open_task_and_asks_for_the_account(
    client, auth, lan, clerk, staff, outbox
):
    order = paid_by_transfer(clerk, user=lan)
    order_services.cancel_by_staff(order=payment_of(order).order, actor=clerk, reason="Cửa hàng hết hàng")
    payment = payment_of(order)
    (task,) = payment.refunds
    assert (task.status, task.amount_vnd, task.needs_account) == ("pending", 3328000, True)
    assert any("chuyển khoản hoàn tiền" in m["Subject"] or "hoàn tiền" in m["Subject"] for m in outbox)
    refund_list = client.get("/quan-tri/thanh-toan/hoan-tien").get_data(as_text=True)
    assert (
        order.number in refund_list
        and "3.328.000\xa0₫" in refund_list
        and "Chờ người mua cho số tài khoản" in refund_list
    )
    auth.logout()
    auth.login("lan@example.vn")
    page = client.get(f"/don-hang/{order.number}").get_data(as_text=True)
    assert "Gửi 3.328.000\xa0₫ đến tài khoản nào?" in page
    url = f"/don-hang/{order.number}/hoan-tien/{task.id}/tai-khoan"
    bad = client.post(url, data={"bank": "V", "account_no": "12ab", "account_name": "Lan"})
    assert bad.status_code == 422 and "Số tài khoản có từ 6 đến 19 chữ số." in bad.get_data(as_text=True)
    assert payment_of(order).refunds[0].payout_account_no is None
    client.post(url, data={"bank": "Vietcombank", "account_no": "0123 456 789", "account_name": "Nguyễn Thị Lan"})
    task = payment_of(order).refunds[0]
    assert (task.payout_bank, task.payout_account_no, task.payout_account_name) == (
        "Vietcombank", "0123456789", "NGUYỄN THỊ LAN",
    )  # fmt: skip
    refunds.complete_refund(refund_id=task.id, actor_id=clerk.id)
    payment = payment_of(order)
    assert (payment.status, payment.refunded_vnd, ledger.position(payment).balanced) == ("refunded", 3328000, True)


def test_a_part_refunded_order_then_cancelled_gets_a_task_for_the_rest(clerk):
    order = paid_by_transfer(clerk, prices=(1000000,), quantity=4)
    refunds.create_refund(number=order.number, amount_vnd=672000, reason="Giảm giá hộp móp", actor_id=clerk.id)
    order_services.cancel_by_staff(order=payment_of(order).order, actor=clerk, reason="Người mua đổi ý")
    payment = payment_of(order)
    assert [(r.amount_vnd, r.status) for r in payment.refunds] == [(672000, "succeeded"), (3328000, "pending")]
    where = ledger.position(payment)
    assert (where.received_vnd, where.refunded_vnd, where.owed_vnd, where.kept_vnd) == (4000000, 672000, 3328000, 0)


def test_a_transfer_arriving_after_the_cancel_is_owed_back_at_once(clerk):
    order = pay_factories.order(prices=(100000,), quantity=1)
    order_services.cancel_by_staff(order=payment_of(order).order, actor=clerk, reason="Người mua đổi ý")
    assert payment_of(order).refunds == []
    payment = payment_of(order)
    outcome = services.apply_money_received(payment=payment, amount_vnd=100000, kind="bank_transfer")
    db.session.commit()
    assert outcome == "paid_after_cancel"
    assert [(r.amount_vnd, r.status) for r in payment_of(order).refunds] == [(100000, "pending")]


def test_a_handed_over_order_cannot_be_cancelled(client, auth, lan, clerk):
    order = paid_by_transfer(clerk, user=lan, prices=(100000,), quantity=1)
    order.shipments[0].completed_at = utcnow()
    order.shipments[0].status = order.status = "completed"
    db.session.commit()
    auth.login("lan@example.vn")
    response = client.post(f"/don-hang/{order.number}/huy")
    assert response.status_code == 409 and "đã được giao" in response.get_data(as_text=True)
    with pytest.raises(order_services.Conflict):
        order_services.cancel_by_staff(order=payment_of(order).order, actor=clerk, reason="thử hủy sau khi giao")
    db.session.rollback()
    assert payment_of(order).order.status == "completed" and payment_of(order).refunds == []


def test_staff_confirm_with_a_reason_on_the_confirmation_page(client, staff, clerk):
    order = paid_by_transfer(clerk, prices=(100000,), quantity=1)
    page = client.get(f"/don-hang/{order.number}/huy-boi-can-bo").get_data(as_text=True)
    assert "100.000\xa0₫ đã trả bằng chuyển khoản được chuyển khoản trả lại" in page
    short = client.post(f"/don-hang/{order.number}/huy-boi-can-bo", data={"reason": "x"})
    assert short.status_code == 422 and payment_of(order).order.status == "confirmed"
    client.post(f"/don-hang/{order.number}/huy-boi-can-bo", data={"reason": "Người mua gọi điện hủy"})
    assert payment_of(order).order.status == "cancelled"
    assert db.session.scalar(select(func.count(Refund.id)).where(Refund.status == "pending")) == 1


def test_a_guest_cancels_from_the_signed_link_and_sees_the_confirmation(app, client, clerk):
    order = paid_by_transfer(clerk, prices=(100000,), quantity=1)
    token = order_token(order)
    page = client.get(f"/don-hang/{order.number}/huy?k={token}")
    assert page.status_code == 200 and f'name="k" type="hidden" value="{token}"' in page.get_data(as_text=True)
    assert client.get(f"/don-hang/{order.number}/huy").status_code == 404


def test_card_money_arriving_after_the_cancel_goes_straight_back(clerk, fake_stripe, post_event):
    order = pay_factories.order(method="stripe", prices=(100000,), quantity=1)
    services.next_url(order)
    order_services.cancel_by_staff(order=payment_of(order).order, actor=clerk, reason="Người mua gọi điện hủy")
    paid = fake_stripe.pay(payment_of(order).provider_reference)
    assert post_event(session_event("evt_late", "checkout.session.completed", paid)).json["outcome"] == (
        "paid_after_cancel"
    )
    payment = payment_of(order)
    assert (payment.status, payment.paid_vnd, payment.refunded_vnd) == ("refunded", 100000, 100000)
    assert [r.status for r in payment.refunds] == ["succeeded"] and ledger.position(payment).balanced


def test_a_card_refund_stripe_refuses_stays_owed_as_a_new_task(client, card_paid, fake_stripe, clerk):
    fake_stripe.refund_status = "failed"
    order_services.cancel_by_staff(order=payment_of(card_paid).order, actor=clerk, reason="Hết hàng yến sào")
    payment = payment_of(card_paid)
    assert [(r.status, r.amount_vnd) for r in payment.refunds] == [("failed", 300000), ("pending", 300000)]
    assert payment.refunds[1].idempotency_key == f"refund-{card_paid.number}-2"
    assert ledger.position(payment).balanced and ledger.position(payment).open_tasks == 1
