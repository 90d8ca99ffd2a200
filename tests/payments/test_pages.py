"""The payment pages as people use them: shoppers, union staff and outlet staff."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, select

from app.core.extensions import db
from app.payments import services
from app.payments.models import Payment, StatementLine
from tests import factories
from tests.payments import factories as pay_factories
from tests.payments.conftest import session_event, signed


def page(response) -> str:
    return response.get_data(as_text=True)


def test_the_vietqr_page_shows_the_code_and_everything_to_type_by_hand(client):
    order = pay_factories.order(prices=(600000,), quantity=2)
    html = page(client.get(f"/don-hang/{order.number}/thanh-toan?t={services.access_token(order.number)}"))
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'class="vietqr-code"' in html
    for text in ("1017686868", "HOI LIEN HIEP PHU NU TINH DONG NAI", "1.200.000", order.number, "Vietcombank"):
        assert text in html
    # The state updates by a 20-second poll of a JSON endpoint (static script), not a full reload.
    assert 'http-equiv="refresh"' not in html and f"/don-hang/{order.number}/thanh-toan/trang-thai.json" in html


def test_without_the_link_or_the_account_the_payment_page_is_not_found(client, auth):
    buyer = factories.user(email="mua@example.vn")
    db.session.commit()
    order = pay_factories.order(user=buyer)
    assert client.get(f"/don-hang/{order.number}/thanh-toan").status_code == 404
    assert client.get(f"/don-hang/{order.number}/thanh-toan?t=forged").status_code == 404
    assert client.get("/don-hang/DH99999Z/thanh-toan?t=x").status_code == 404
    auth.login("mua@example.vn")
    assert client.get(f"/don-hang/{order.number}/thanh-toan").status_code == 200


def test_staff_pages_are_for_union_staff_only(client, auth):
    assert client.get("/quan-tri/thanh-toan").status_code == 302
    factories.user(email="lan@example.vn")
    db.session.commit()
    auth.login("lan@example.vn")
    for url in ("/quan-tri/thanh-toan", "/quan-tri/thanh-toan/sao-ke", "/quan-tri/thanh-toan/nguoi-ban"):
        assert client.get(url).status_code == 403


def test_uploading_a_statement_confirms_and_lists_for_review(client, staff):
    order = pay_factories.order(prices=(100000,), quantity=1)
    raw = f"Ngày giao dịch,Số tiền ghi có,Nội dung\n01/06/2026,100.000,{order.number}\n02/06/2026,7.000,Lai\n"
    response = client.post(
        "/quan-tri/thanh-toan/sao-ke",
        data={"statement": (io.BytesIO(raw.encode("utf-8-sig")), "sao-ke.csv")},
        content_type="multipart/form-data",
    )
    # First a preview of what would happen, with nothing recorded yet.
    html = page(response)
    assert f"Xác nhận đơn {order.number}" in html and "Cần xem lại" in html
    assert db.session.scalar(select(StatementLine.id)) is None
    assert db.session.scalar(select(Payment.status).where(Payment.order_id == order.id)) == "pending"
    digest = re.search(r'name="digest" value="([0-9a-f]{64})"', html).group(1)
    response = client.post(
        "/quan-tri/thanh-toan/sao-ke/ap-dung", data={"digest": digest, "filename": "sao-ke.csv"}, follow_redirects=True
    )
    html = page(response)
    assert response.status_code == 200 and "sao-ke.csv" in html and "7.000" in html
    db.session.expire_all()
    assert db.session.scalar(select(Payment.status).where(Payment.order_id == order.id)) == "paid"
    line = db.session.scalar(select(StatementLine).where(StatementLine.status == "review"))
    response = client.post(
        f"/quan-tri/thanh-toan/dong-sao-ke/{line.id}",
        data={"action": "dismiss", "note": "Bank interest"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    db.session.refresh(line)
    assert (line.status, line.decision_note) == ("dismissed", "Bank interest")


@pytest.mark.parametrize(
    ("name", "raw"), [("sao-ke.pdf", b"%PDF-1.7"), ("sao-ke.csv", b"\x00\x01\x02"), ("sao-ke.csv", b"a,b\n1,2\n")]
)
def test_a_wrong_file_is_refused_next_to_the_field(client, staff, name, raw):
    response = client.post(
        "/quan-tri/thanh-toan/sao-ke", data={"statement": (io.BytesIO(raw), name)}, content_type="multipart/form-data"
    )
    assert response.status_code == 422
    assert 'class="error" id="statement-error"' in page(response)
    assert db.session.scalar(select(StatementLine.id)) is None


def test_staff_confirm_a_transfer_and_refund_part_of_it(client, staff):
    order = pay_factories.order(prices=(100000,), quantity=2)
    url = f"/quan-tri/thanh-toan/don/{order.number}"
    assert client.get(url).status_code == 200
    client.post(f"{url}/xac-nhan", data={"amount_vnd": "200.000", "note": "Seen on 3 June"})
    too_much = client.post(f"{url}/hoan-tien", data={"amount_vnd": "200.001", "reason": "x"})
    assert too_much.status_code == 400 and "200.000" in page(too_much)
    done = client.post(
        f"{url}/hoan-tien", data={"amount_vnd": "50.000", "reason": "One box damaged"}, follow_redirects=True
    )
    assert done.status_code == 200 and "One box damaged" in page(done)
    payment = db.session.scalar(select(Payment).where(Payment.order_id == order.id))
    db.session.refresh(payment)
    assert (payment.paid_vnd, payment.refunded_vnd, payment.status) == (200000, 50000, "partially_refunded")


def test_a_refund_without_a_reason_or_amount_shows_the_errors(client, staff):
    order = pay_factories.order(prices=(100000,), quantity=1)
    services.confirm_transfer_by_hand(number=order.number, amount_vnd=100000, note="seen", actor_id=staff.id)
    response = client.post(f"/quan-tri/thanh-toan/don/{order.number}/hoan-tien", data={"amount_vnd": "abc"})
    assert response.status_code == 422
    assert 'id="amount_vnd-error"' in page(response) and 'id="reason-error"' in page(response)


def test_the_settlement_page_and_csv(client, staff):
    order = pay_factories.order(prices=(100000,), quantity=1)
    services.confirm_transfer_by_hand(number=order.number, amount_vnd=100000, note="seen", actor_id=staff.id)
    for s in order.shipments:
        s.status, s.completed_at = "completed", datetime(2026, 6, 3, 5, tzinfo=UTC)
    order.status = "completed"
    db.session.commit()
    query = "start=2026-06-01&end=2026-06-30&commission=10"
    html = page(client.get(f"/quan-tri/thanh-toan/nguoi-ban?{query}"))
    assert "100.000" in html and "90.000" in html
    csv_response = client.get(f"/quan-tri/thanh-toan/nguoi-ban.csv?{query}")
    assert csv_response.mimetype == "text/csv"
    assert csv_response.get_data(as_text=True).strip().splitlines()[-1].endswith(",1,100000,0,100000,10000,90000")
    assert client.get("/quan-tri/thanh-toan/nguoi-ban?start=2026-06-30&end=2026-06-01").status_code == 422


def test_outlet_staff_see_their_cash_of_the_day(client, auth):
    worker = factories.user(email="cuahang@example.vn", role="outlet")
    outlet = factories.outlet(staff=worker)
    order = pay_factories.order(method="cash", prices=(45000,), quantity=2, outlet_obj=outlet)
    for s in order.shipments:
        s.status, s.completed_at, s.cash_received_vnd = "completed", datetime(2026, 6, 3, 5, tzinfo=UTC), 90000
    db.session.commit()
    auth.login("cuahang@example.vn")
    html = page(client.get("/cua-hang-ban/tien-mat?day=2026-06-03"))
    assert order.number in html and "90.000" in html
    client.post("/cua-hang-ban/tien-mat/2026-06-03/chot")
    payment = db.session.scalar(select(Payment).where(Payment.order_id == order.id))
    db.session.refresh(payment)
    assert payment.status == "paid"


def test_the_webhook_needs_no_csrf_token(app, client, fake_stripe):
    app.config["WTF_CSRF_ENABLED"] = True
    order = pay_factories.order(method="stripe")
    services.next_url(order)
    paid = fake_stripe.pay(db.session.scalar(select(Payment.provider_reference)))
    body = session_event("evt_csrf", "checkout.session.completed", paid)
    response = client.post("/payments/stripe/webhook", data=body, headers={"Stripe-Signature": signed(body)})
    assert response.status_code == 200 and response.json["outcome"] == "confirmed"


def test_the_review_list_costs_the_same_queries_for_many_lines(client, staff):
    raw = "Ngày giao dịch,Số tiền ghi có,Nội dung\n" + "".join(f"01/06/2026,{i}.000,KH {i}\n" for i in range(1, 30))
    client.post(
        "/quan-tri/thanh-toan/sao-ke",
        data={"statement": (io.BytesIO(raw.encode()), "a.csv")},
        content_type="multipart/form-data",
    )
    counted = []
    listener = lambda *args: counted.append(1)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        assert client.get("/quan-tri/thanh-toan/sao-ke").status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(counted) <= 12


def test_staff_find_an_order_by_its_number(client, staff):
    order = pay_factories.order()
    response = client.get(f"/quan-tri/thanh-toan?so={order.number.lower()}%20")
    assert response.status_code == 302 and response.location.endswith(f"/quan-tri/thanh-toan/don/{order.number}")
    assert client.get("/quan-tri/thanh-toan/don/KHONGCO").status_code == 404
