"""The SePay bank feed: authentic calls only, each transaction once, matched like statement lines."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.payments import reconciliation, services
from app.payments.models import Payment, PaymentEvent, StatementLine
from tests import factories
from tests.payments import factories as pay_factories
from tests.payments.conftest import session_event
from tests.payments.fake_sepay import API_KEY, SECRET, FakeSePay


@pytest.fixture
def sepay(app):
    app.config.update(SEPAY_API_KEY=API_KEY, SEPAY_WEBHOOK_SECRET=SECRET)
    return FakeSePay()


def payment_of(order) -> Payment:
    db.session.expire_all()
    return db.session.scalar(select(Payment).where(Payment.order_id == order.id))


def feed_events() -> list[PaymentEvent]:
    return list(db.session.scalars(select(PaymentEvent).where(PaymentEvent.provider == "sepay")))


def nothing_recorded() -> bool:
    return not feed_events() and not db.session.scalar(select(func.count(StatementLine.id)))


def test_a_credit_naming_the_order_confirms_it_in_seconds(client, sepay, outbox):
    order = pay_factories.order(prices=(600000,), quantity=2)
    response = sepay.post(client, sepay.transaction(content=f"MBVCB.1.{order.number}.CT tu Lan", amount=1200000))
    assert response.status_code == 200 and response.json["success"] is True
    payment = payment_of(order)
    assert (payment.status, payment.paid_vnd, payment.order.status) == ("paid", 1200000, "confirmed")
    assert [e.kind for e in payment.events] == ["created", "feed_credit", "bank_transfer"]
    line = db.session.scalar(select(StatementLine))
    assert (line.source, line.status, line.statement_id, line.order_id) == ("sepay", "applied", None, order.id)
    assert any(f"Đơn hàng {order.number} đã được xác nhận" in m["Subject"] for m in outbox)


def test_a_retried_notification_changes_nothing(client, sepay):
    order = pay_factories.order(prices=(100000,), quantity=1)
    payload = sepay.transaction(content=order.number, amount=100000)
    answers = [sepay.post(client, payload) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a.json["outcome"] for a in answers] == ["applied", "duplicate", "duplicate"]
    assert payment_of(order).paid_vnd == 100000
    assert len(feed_events()) == 1 and db.session.scalar(select(func.count(StatementLine.id))) == 1


@pytest.mark.parametrize(
    "forge",
    [
        {"key": "wrong-key"},
        {"secret": "not-the-secret"},
        {"timestamp": 1_600_000_000},  # stale: years old
    ],
    ids=["wrong key", "bad signature", "old timestamp"],
)
def test_forged_or_stale_calls_get_401_and_nothing_is_recorded(client, sepay, forge):
    order = pay_factories.order(prices=(100000,), quantity=1)
    response = sepay.post(client, sepay.transaction(content=order.number, amount=100000), **forge)
    assert response.status_code == 401
    assert nothing_recorded() and payment_of(order).status == "pending"


def test_a_call_without_any_authorization_is_refused(client, sepay):
    body = json.dumps(sepay.transaction(content="DH00001X", amount=1)).encode()
    response = client.post("/payments/sepay/webhook", data=body, content_type="application/json")
    assert response.status_code == 401 and nothing_recorded()


def test_a_body_changed_after_signing_is_refused(client, sepay):
    order = pay_factories.order(prices=(100000,), quantity=1)
    body = json.dumps(sepay.transaction(content=order.number, amount=100)).encode()
    headers = sepay.headers(body)
    tampered = body.replace(b'"transferAmount": 100,', b'"transferAmount": 100000,')
    response = client.post("/payments/sepay/webhook", data=tampered, headers=headers)
    assert response.status_code == 401 and nothing_recorded()


def test_with_only_the_api_key_configured_the_key_is_enough(app, client):
    app.config.update(SEPAY_API_KEY=API_KEY, SEPAY_WEBHOOK_SECRET=None)
    order = pay_factories.order(prices=(100000,), quantity=1)
    plain = FakeSePay(secret=None)
    assert plain.post(client, plain.transaction(content=order.number, amount=100000)).status_code == 200
    assert payment_of(order).status == "paid"
    assert plain.post(client, plain.transaction(content=order.number, amount=1), key="nope").status_code == 401


def test_malformed_json_is_400_and_kept_in_the_log(client, sepay):
    response = sepay.post(client, b'{"id": 1, "transferType": "in", "transferAmount": ')
    assert response.status_code == 400 and response.json["success"] is False
    (event,) = feed_events()
    assert event.kind == "feed_malformed" and event.data["body"].startswith('{"id": 1')


@pytest.mark.parametrize("amount", [0, -5, 12.5, "100000"])
def test_amounts_that_are_not_whole_dong_are_malformed(client, sepay, amount):
    payload = sepay.transaction(content="DH00001X", amount=1)
    payload["transferAmount"] = amount
    assert sepay.post(client, payload).status_code == 400
    assert db.session.scalar(select(func.count(StatementLine.id))) == 0


def test_a_debit_is_logged_and_applies_nothing(client, sepay):
    order = pay_factories.order(prices=(100000,), quantity=1)
    response = sepay.post(client, sepay.transaction(content=order.number, amount=100000, incoming=False))
    assert response.status_code == 200 and response.json["outcome"] == "debit_ignored"
    assert [e.kind for e in feed_events()] == ["feed_debit"]
    assert payment_of(order).status == "pending" and db.session.scalar(select(func.count(StatementLine.id))) == 0


def test_a_credit_for_no_known_order_waits_on_the_review_list(client, sepay, staff):
    response = sepay.post(client, sepay.transaction(content="ung ho hoi phu nu", amount=500000))
    assert response.json["outcome"] == "review_unknown"
    line = db.session.scalar(select(StatementLine))
    assert (line.status, line.issue) == ("review", "unknown")
    page = client.get("/quan-tri/thanh-toan/sao-ke").get_data(as_text=True)
    assert "ung ho hoi phu nu" in page and "SePay" in page


@pytest.mark.parametrize(("amount", "issue"), [(99999, "under"), (100001, "over")])
def test_one_dong_off_is_reviewed_never_confirmed(client, sepay, amount, issue):
    order = pay_factories.order(prices=(100000,), quantity=1)
    response = sepay.post(client, sepay.transaction(content=order.number, amount=amount))
    assert response.json["outcome"] == f"review_{issue}"
    assert payment_of(order).status == "pending" and payment_of(order).order.status == "awaiting_payment"


def test_a_transfer_for_an_order_paid_by_card_is_reviewed(client, sepay, fake_stripe, post_event):
    order = pay_factories.order(method="stripe", prices=(100000,), quantity=1)
    services.next_url(order)
    paid = fake_stripe.pay(payment_of(order).provider_reference)
    post_event(session_event("evt_card_paid", "checkout.session.completed", paid))
    response = sepay.post(client, sepay.transaction(content=order.number, amount=100000))
    assert response.status_code == 200 and response.json["outcome"].startswith("review_")
    payment = payment_of(order)
    assert (payment.method, payment.paid_vnd) == ("stripe", 100000)


def test_without_a_key_the_endpoint_does_not_exist(app, client):
    app.config.update(SEPAY_API_KEY=None)
    body = json.dumps({"id": 1}).encode()
    response = client.post("/payments/sepay/webhook", data=body, headers={"Authorization": "Apikey x"})
    assert response.status_code == 404
    assert client.post("/payments/casso/webhook", data=body).status_code == 404


def statement_with(order, reference: str, amount: str = "100.000") -> bytes:
    rows = ["Ngày giao dịch,Số tham chiếu,Số tiền ghi có,Mô tả", f'01/06/2026,{reference},"{amount}",CT {order.number}']
    return ("\n".join(rows) + "\n").encode("utf-8")


def test_the_same_credit_in_a_later_statement_is_recognised_not_applied_twice(client, sepay):
    clerk = factories.user(role="staff")
    db.session.commit()
    order = pay_factories.order(prices=(100000,), quantity=1)
    sepay.post(client, sepay.transaction(content=f"CT {order.number}", amount=100000, reference="MBVCB.3278907687"))
    record = reconciliation.import_statement(
        filename="sk.csv", raw=statement_with(order, "3278907687"), actor_id=clerk.id
    )
    assert (record.credits, record.duplicates, record.applied, record.to_review) == (1, 1, 0, 0)
    assert payment_of(order).paid_vnd == 100000


def test_a_feed_credit_already_brought_by_a_statement_is_recognised(client, sepay):
    clerk = factories.user(role="staff")
    db.session.commit()
    order = pay_factories.order(prices=(100000,), quantity=1)
    reconciliation.import_statement(filename="sk.csv", raw=statement_with(order, "FT26152001"), actor_id=clerk.id)
    response = sepay.post(
        client, sepay.transaction(content=f"CT {order.number}", amount=100000, reference="FT26152001")
    )
    assert response.json["outcome"] == "already_in_statement"
    assert payment_of(order).paid_vnd == 100000
    assert db.session.scalar(select(func.count(StatementLine.id))) == 1
