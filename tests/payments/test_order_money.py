"""The order page tells the truth about the money: QR, pickup code and status while a transfer is awaited,
the QR as a PNG, a small JSON status for the 20-second poll, payments and refunds; staff history in words."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
import zxingcpp
from PIL import Image
from sqlalchemy import select

from app.core.extensions import db
from app.orders.links import order_token
from app.payments import services
from app.payments.models import Payment
from app.payments.vietqr import parse_payload
from tests import factories
from tests.payments import factories as pay_factories
from tests.payments.conftest import session_event
from tests.payments.fake_sepay import API_KEY


@pytest.fixture
def lan(app):
    user = factories.user(email="lan@example.vn")
    db.session.commit()
    return user


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_the_order_page_shows_qr_pickup_code_and_status_while_the_transfer_is_awaited(client, auth, lan):
    order = pay_factories.order(prices=(600000,), quantity=2, user=lan)
    auth.login("lan@example.vn")
    html = html_of(client.get(f"/don-hang/{order.number}"))
    assert 'class="vietqr-code"' in html and order.shipments[0].pickup_code in html
    assert "Chờ thanh toán" in html and "Đang chờ tiền chuyển khoản của bạn." in html
    assert "Lưu mã QR" in html and f"/don-hang/{order.number}/thanh-toan/vietqr.png" in html
    # Copy buttons are hidden until the script shows them; the values stay selectable text.
    assert html.count('class="copy-button"') == 3 and 'data-copy="1200000"' in html and " hidden>" in html
    assert '<span class="copyable">1017686868</span>' in html
    assert f'data-status-url="/don-hang/{order.number}/thanh-toan/trang-thai.json"' in html
    assert "<script src=" in html and "<script>" not in html
    # Without the bank feed the page says confirmation waits for reconciliation.
    assert "thường trong một ngày làm việc" in html


def test_with_the_bank_feed_the_page_promises_seconds(app, client, auth, lan):
    app.config.update(SEPAY_API_KEY=API_KEY)
    order = pay_factories.order(prices=(100000,), quantity=1, user=lan)
    auth.login("lan@example.vn")
    assert "chỉ vài giây sau khi tiền về" in html_of(client.get(f"/don-hang/{order.number}"))


def test_save_qr_downloads_a_png_holding_the_same_payload(client):
    order = pay_factories.order(prices=(600000,), quantity=2)
    response = client.get(f"/don-hang/{order.number}/thanh-toan/vietqr.png?k={order_token(order)}")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert response.headers["Content-Disposition"] == f"attachment; filename=vietqr-{order.number}.png"
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.data)))
    transfer = parse_payload(found.text)
    assert (transfer.account_no, transfer.amount_vnd, transfer.purpose) == ("1017686868", 1200000, order.number)
    assert client.get(f"/don-hang/{order.number}/thanh-toan/vietqr.png").status_code == 404


def test_the_status_endpoint_follows_the_payment(client, lan):
    clerk = factories.user(role="staff")
    db.session.commit()
    order = pay_factories.order(prices=(100000,), quantity=1)
    url = f"/don-hang/{order.number}/thanh-toan/trang-thai.json?t={services.access_token(order.number)}"
    first = client.get(url)
    assert first.headers["Cache-Control"] == "no-store"
    assert (first.json["status"], first.json["waiting"]) == ("pending", True)
    services.confirm_transfer_by_hand(number=order.number, amount_vnd=100000, note="seen", actor_id=clerk.id)
    after = client.get(url).json
    assert (after["status"], after["label"], after["waiting"]) == ("paid", "Đã thanh toán", False)
    assert client.get(f"/don-hang/{order.number}/thanh-toan/trang-thai.json?t=forged").status_code == 404


def test_once_paid_the_qr_is_gone_and_the_payment_is_listed(client, auth, lan):
    clerk = factories.user(role="staff")
    db.session.commit()
    order = pay_factories.order(prices=(100000,), quantity=1, user=lan)
    services.confirm_transfer_by_hand(number=order.number, amount_vnd=100000, note="seen", actor_id=clerk.id)
    auth.login("lan@example.vn")
    html = html_of(client.get(f"/don-hang/{order.number}"))
    assert 'class="vietqr-code"' not in html and "Thanh toán và hoàn tiền" in html and "Đã nhận 100.000" in html
    assert client.get(f"/don-hang/{order.number}/thanh-toan/vietqr.png").status_code == 404


def test_staff_history_is_in_words_with_amounts_only_where_money_moved(client, fake_stripe, post_event, staff):
    order = pay_factories.order(method="stripe", prices=(380000,), quantity=1)
    services.next_url(order)
    session_id = db.session.scalar(select(Payment.provider_reference))
    paid = fake_stripe.pay(session_id)
    post_event(session_event("evt_paid_h", "checkout.session.completed", paid))
    post_event(session_event("evt_exp_h", "checkout.session.expired", {**paid, "status": "expired"}))
    from tests.conftest import AuthActions

    AuthActions(client).login("canbo@example.vn")
    html = html_of(client.get(f"/quan-tri/thanh-toan/don/{order.number}"))
    history = html[html.index('class="pay-events"') :]
    assert "checkout.session" not in history and "stripe_paid" not in history
    assert "Phiên thanh toán thẻ hết hạn mà chưa được dùng" in history
    assert "đơn đã được thanh toán, không có gì thay đổi" in history or "không có gì thay đổi" in history
    assert re.findall(r"380\.000", history) == ["380.000"]  # only the card payment received moved money


def test_an_excel_statement_is_previewed_then_applied(client, staff):
    order = pay_factories.order(prices=(100000,), quantity=1)
    book = openpyxl.Workbook()
    for row in (
        ["Sao kê tài khoản"],
        [],
        ["Ngày GD", "Số tiền ghi có", "Nội dung"],
        ["01/06/2026", 100000, order.number],
    ):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    response = client.post(
        "/quan-tri/thanh-toan/sao-ke",
        data={"statement": (io.BytesIO(out.getvalue()), "sao-ke.xlsx")},
        content_type="multipart/form-data",
    )
    html = html_of(response)
    assert f"Xác nhận đơn {order.number}" in html
    assert db.session.scalar(select(Payment.status)) == "pending"
    digest = re.search(r'name="digest" value="([0-9a-f]{64})"', html).group(1)
    client.post("/quan-tri/thanh-toan/sao-ke/ap-dung", data={"digest": digest, "filename": "sao-ke.xlsx"})
    db.session.expire_all()
    assert db.session.scalar(select(Payment.status)) == "paid"
    forged = client.post("/quan-tri/thanh-toan/sao-ke/ap-dung", data={"digest": "0" * 64, "filename": "x.csv"})
    assert forged.status_code == 404
