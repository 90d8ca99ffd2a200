"""Checkout through the pages: details, review, place; bad input refused with nothing written."""

from __future__ import annotations

import re

from sqlalchemy import event, func, select

from app.core import signals
from app.core.extensions import db
from app.orders.models import CheckoutDraft, Order, OrderLine, Shipment
from app.outlets.models import StockMovement, StockRecord
from tests import factories
from tests.conftest import ON_POSTGRES
from tests.orders.factories import OTHER_WARD, WARD, stocked_variant

CONTACT = {"contact_name": "Nguyễn Thị Lan", "contact_phone": "0912 345 678", "contact_email": "lan@example.vn"}


def fill_cart(client, *pairs):
    for variant, qty in pairs:
        client.post("/gio-hang/them", data={"variant_id": variant.id, "quantity": qty})


def details(client, **fields):
    data = {**CONTACT, "fulfilment": "pickup", "payment_method": "cash", "province_code": 75, "ward_code": 0}
    data.update(fields)
    return client.post("/thanh-toan", data=data)


def review_form(client) -> dict:
    page = client.get("/thanh-toan/xem-lai").get_data(as_text=True)
    key = re.search(r'name="idempotency_key" type="hidden" value="([^"]+)"', page).group(1)
    total = re.search(r'name="expected_total" type="hidden" value="(\d+)"', page).group(1)
    return {"idempotency_key": key, "expected_total": total, "page": page}


def place(client, form):
    return client.post("/thanh-toan/dat-hang", data={k: v for k, v in form.items() if k != "page"})


def counts() -> tuple[int, int, int, int]:
    return (
        db.session.scalar(select(func.count(Order.id))),
        db.session.scalar(select(func.count(OrderLine.id))),
        db.session.scalar(select(func.count(StockMovement.id))),
        db.session.scalar(select(func.coalesce(func.sum(StockRecord.reserved), 0))),
    )


def test_a_guest_places_a_pickup_order_and_gets_a_signed_link(client, outbox):
    rau, shop = stocked_variant(name="Rau muống", quantity=5)
    db.session.commit()
    fill_cart(client, (rau, 2))
    assert details(client, pickup_outlet_id=shop.id).headers["Location"] == "/thanh-toan/xem-lai"
    form = review_form(client)
    assert shop.name in form["page"] and "50.000" in form["page"]
    response = place(client, form)
    order = db.session.scalar(select(Order))
    assert re.fullmatch(r"PN-\d{2}-\d{6}", order.number)
    assert order.status == "confirmed" and order.total_vnd == 50000 and order.user_id is None
    assert f"/don-hang/{order.number}?k=" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert order.number in page and order.shipments[0].pickup_code in page
    record = db.session.scalar(select(StockRecord))
    assert (record.on_hand, record.reserved) == (5, 2)
    assert [m.kind for m in db.session.scalars(select(StockMovement).order_by(StockMovement.id))] == [
        "received",
        "reserved",
    ]
    assert "Giỏ hàng của bạn đang trống." in client.get("/gio-hang").get_data(as_text=True)
    assert len(outbox) == 1 and order.number in outbox[0]["Subject"]
    assert f"/don-hang/{order.number}?k=" in outbox[0].get_content()


def test_delivery_adds_the_outlet_fee_and_splits_across_outlets(client):
    near = factories.outlet(name="Cửa hàng Đồng Xoài", wards=(WARD,), delivery_fee_vnd=15000)
    far = factories.outlet(name="Cửa hàng Biên Hòa", wards=(OTHER_WARD, WARD), lat=10.95, lng=106.82)
    rau, _ = stocked_variant(outlet_obj=near, quantity=3)
    yen, _ = stocked_variant(outlet_obj=far, price=300000, quantity=3)
    db.session.commit()
    fill_cart(client, (rau, 1), (yen, 1))
    details(client, fulfilment="delivery", ward_code=WARD, street="12 Phú Riềng Đỏ")
    form = review_form(client)
    assert "2 cửa hàng" in form["page"]
    place(client, form)
    order = db.session.scalar(select(Order))
    assert order.fulfilment == "delivery" and len(order.shipments) == 2
    assert order.delivery_fee_vnd == 15000 + 20000 and order.total_vnd == 25000 + 300000 + 35000
    assert "chia thành 2 lần giao" in order.routing_note


def test_a_double_submit_makes_one_order(client):
    rau, shop = stocked_variant()
    db.session.commit()
    fill_cart(client, (rau, 1))
    details(client, pickup_outlet_id=shop.id)
    form = review_form(client)
    first = place(client, form)
    second = place(client, form)
    assert db.session.scalar(select(func.count(Order.id))) == 1
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.scalar(select(StockRecord.reserved)) == 1


def test_a_tampered_total_is_refused_and_nothing_is_written(client):
    rau, shop = stocked_variant()
    db.session.commit()
    fill_cart(client, (rau, 1))
    details(client, pickup_outlet_id=shop.id)
    form = review_form(client)
    before = counts()
    form["expected_total"] = "1000"
    page = client.post("/thanh-toan/dat-hang", data={k: v for k, v in form.items() if k != "page"},
                       follow_redirects=True).get_data(as_text=True)  # fmt: skip
    assert "Tổng tiền đơn hàng đã thay đổi" in page
    assert counts() == before
    assert db.session.scalar(select(func.count()).select_from(CheckoutDraft)) == 1, "her details are kept"
    assert "Nguyễn Thị Lan" in review_form(client)["page"]


def test_a_price_change_between_review_and_placement_is_refused(client):
    rau, shop = stocked_variant()
    db.session.commit()
    fill_cart(client, (rau, 1))
    details(client, pickup_outlet_id=shop.id)
    form = review_form(client)
    rau.price_vnd = 99000
    db.session.commit()
    before = counts()
    page = client.post("/thanh-toan/dat-hang", data={k: v for k, v in form.items() if k != "page"},
                       follow_redirects=True).get_data(as_text=True)  # fmt: skip
    assert "đã thay đổi" in page
    assert counts() == before


def test_a_forged_or_closed_pickup_outlet_is_refused(client):
    rau, shop = stocked_variant()
    closed = factories.outlet(is_active=False)
    db.session.commit()
    fill_cart(client, (rau, 1))
    for outlet_id in (closed.id, 999999):
        details(client, pickup_outlet_id=outlet_id)
        page = client.get("/thanh-toan/xem-lai", follow_redirects=True).get_data(as_text=True)
        assert "Cửa hàng này đang đóng cửa hoặc không nhận khách đến lấy hàng" in page
    assert counts()[0] == 0


def test_pickup_short_names_the_outlets_that_have_everything(client):
    small = factories.outlet(name="Cửa hàng Nhỏ")
    big = factories.outlet(name="Cửa hàng Lớn")
    rau, _ = stocked_variant(outlet_obj=small, quantity=1)
    factories.stock(variant=rau, outlet_obj=big, on_hand=9)
    db.session.commit()
    fill_cart(client, (rau, 3))
    details(client, pickup_outlet_id=small.id)
    page = client.get("/thanh-toan/xem-lai", follow_redirects=True).get_data(as_text=True)
    assert "Cửa hàng Nhỏ không đủ hàng: Rau muống (Gói 1): thiếu 2." in page
    assert "Các cửa hàng có đủ tất cả: Cửa hàng Lớn." in page


def test_delivery_to_a_ward_no_outlet_serves_is_refused(client):
    rau, _ = stocked_variant()
    db.session.commit()
    fill_cart(client, (rau, 1))
    details(client, fulfilment="delivery", ward_code=OTHER_WARD, street="5 Võ Thị Sáu")
    page = client.get("/thanh-toan/xem-lai", follow_redirects=True).get_data(as_text=True)
    assert "Chưa có cửa hàng nào giao đến Phường Trấn Biên" in page


def test_delivery_outside_the_province_or_without_a_ward_is_refused(client):
    rau, _ = stocked_variant()
    db.session.commit()
    fill_cart(client, (rau, 1))
    page = details(client, fulfilment="delivery", province_code=79, ward_code=WARD, street="1 Lê Lợi")
    assert "Chúng tôi chỉ giao hàng trong tỉnh Đồng Nai." in page.get_data(as_text=True)
    page = details(client, fulfilment="delivery", ward_code=0, street="1 Lê Lợi")
    assert "Hãy chọn phường/xã của bạn trong danh sách." in page.get_data(as_text=True)
    page = details(client, fulfilment="delivery", ward_code=WARD, street="")
    assert "Nhập số nhà và tên đường." in page.get_data(as_text=True)


def test_an_unknown_payment_method_is_refused(client):
    rau, shop = stocked_variant()
    db.session.commit()
    fill_cart(client, (rau, 1))
    page = details(client, pickup_outlet_id=shop.id, payment_method="stripe").get_data(as_text=True)
    assert "Hãy chọn một trong các cách thanh toán được cung cấp." in page


def test_bank_transfer_waits_for_payment_and_receivers_run_in_the_transaction(app, client):
    seen = []

    def receiver(order, **_kwargs):
        seen.append((order.number, order.status, order in db.session))

    app.config["PAYMENT_WINDOW_MINUTES"] = 30
    rau, shop = stocked_variant()
    db.session.commit()
    fill_cart(client, (rau, 1))
    details(client, pickup_outlet_id=shop.id, payment_method="vietqr")
    with signals.order_placed.connected_to(receiver):
        response = place(client, review_form(client))
    order = db.session.scalar(select(Order))
    assert order.status == "awaiting_payment" and order.payment_method == "vietqr"
    assert 29 * 60 < (order.expires_at - order.created_at).total_seconds() <= 30 * 60 + 1
    assert seen == [(order.number, "awaiting_payment", True)]
    assert response.headers["Location"].startswith(f"/don-hang/{order.number}/thanh-toan?t=")


def test_a_failing_receiver_leaves_nothing_behind(app, client):
    def broken(order, **_kwargs):
        raise RuntimeError("payment provider down")

    rau, shop = stocked_variant()
    db.session.commit()
    fill_cart(client, (rau, 1))
    details(client, pickup_outlet_id=shop.id)
    form = review_form(client)
    before = counts()
    with signals.order_placed.connected_to(broken):
        assert place(client, form).status_code == 500
    assert counts() == before
    assert db.session.scalar(select(func.count(Shipment.id))) == 0


def _shapes(statements: list[str]) -> set[str]:
    """Statements with their parameter lists and RETURNING clauses folded, to compare their kinds."""
    return {re.sub(r"\(\?(, \?)*\)", "(?)", s).removesuffix(" RETURNING id") for s in statements}


def _queries_to_place(client, pairs) -> list[str]:
    fill_cart(client, *pairs)
    shop_id = db.session.scalar(select(StockRecord.outlet_id))
    details(client, pickup_outlet_id=shop_id)
    form = review_form(client)
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        assert place(client, form).status_code == 302
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return statements


def test_placing_costs_the_same_queries_for_one_line_or_ten(app, auth, client):
    lan = factories.user(email="lan@example.vn")
    shop = factories.outlet()
    lan.pickup_outlet_id = shop.id  # she picked up here before: neither order changes her remembered outlet
    variants = [stocked_variant(outlet_obj=shop, quantity=50)[0] for _ in range(10)]
    db.session.commit()
    auth.login("lan@example.vn")
    one = _queries_to_place(client, [(variants[0], 1)])
    ten = _queries_to_place(client, [(v, 2) for v in variants])
    assert db.session.scalar(select(func.count(Order.id))) == 2
    # Her pickup order's whole request: her draft, account and cart lines, the outlets (their delivery
    # wards are not read for a pickup), the locks, the twin check, the variants with their product and
    # seller, the writes, the cart and draft emptied. SQLite inserts the two status notes one by one.
    assert len(one) <= (19 if ON_POSTGRES else 20), one
    # PostgreSQL batches the row inserts (insertmanyvalues), so the round trips are the same;
    # SQLite (in-process, no round trips) inserts row by row but runs the same statements.
    if ON_POSTGRES:
        assert len(ten) == len(one), (len(one), len(ten))
    else:
        assert _shapes(ten) == _shapes(one)
