"""Her orders page on a small dataset worked out by hand: lines, states, filters, what outlets hold and sold
this week, notices when an order of hers is paid or an outlet runs low, and nobody else's orders."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.accounts.models import Notification
from app.core.extensions import db
from app.orders import fulfilment, services
from app.payments import services as payments
from tests import factories
from tests.helpers import queries_for_page
from tests.orders.factories import place, reload


@pytest.fixture
def shop(app, client, auth):
    """Lan sells A (100.000 ₫) and B (30.000 ₫), Hoa sells C; two outlets; four orders placed for real."""
    app.config["VIETQR_ACCOUNT_NO"] = "1017686868"
    lan, helper, hoa_owner = factories.user(email="lan@htx.vn"), factories.user(email="mai@htx.vn"), factories.user()
    clerk, staff = factories.user(role="outlet"), factories.user(role="staff")
    seller = factories.seller(name="HTX Lan", members=[lan])
    factories.add_member(seller, helper)
    other = factories.seller(name="Tổ Hoa", members=[hoa_owner])
    bien_hoa, dong_xoai = (
        factories.outlet(name="Cửa hàng Biên Hòa", staff=clerk),
        factories.outlet(name="Cửa hàng Đồng Xoài"),
    )
    a = factories.product(seller_obj=seller, name="Yến sào", price=100000).variants[0]
    b = factories.product(seller_obj=seller, name="Hạt điều", price=30000).variants[0]
    c = factories.product(seller_obj=other, name="Nấm", price=50000).variants[0]
    factories.stock(variant=a, outlet_obj=bien_hoa, on_hand=10)
    factories.stock(variant=a, outlet_obj=dong_xoai, on_hand=5)
    factories.stock(variant=b, outlet_obj=bien_hoa, on_hand=20)
    factories.stock(variant=c, outlet_obj=bien_hoa, on_hand=8)
    db.session.commit()
    with app.test_request_context():
        paid_cash = place((a, 2), (b, 3), outlet_obj=bien_hoa)
        by_transfer = place((a, 1), outlet_obj=dong_xoai, payment="vietqr")
        handed = place((a, 1), (c, 1), outlet_obj=bien_hoa)
        dropped = place((b, 1), outlet_obj=bien_hoa)
        services.cancel_by_staff(order=reload(dropped), actor=staff, reason="Khách gọi hủy đơn")
        shipment = reload(handed).shipments[0]
        for target in ("preparing", "ready_for_pickup"):
            fulfilment.advance(shipment_id=shipment.id, outlet_id=bien_hoa.id, target=target, actor_id=clerk.id)
        fulfilment.hand_over(
            shipment_id=shipment.id, outlet_id=bien_hoa.id, actor_id=clerk.id,
            pickup_code=shipment.pickup_code, cash_confirmed=True,
        )  # fmt: skip
    auth.login("lan@htx.vn")
    return {
        "seller": seller, "other": other, "staff": staff, "a": a, "b": b, "bien_hoa": bien_hoa, "dong_xoai": dong_xoai,
        "orders": (reload(paid_cash), reload(by_transfer), reload(handed), reload(dropped)), "helper": helper,
    }  # fmt: skip


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def test_her_lines_with_their_states_and_counts(client, shop):
    page = text_of(client.get(f"/ban-hang/{shop['seller'].id}/don-hang"))
    paid_cash, by_transfer, handed, dropped = shop["orders"]
    assert "5 dòng hàng" in page  # A×2 and B×3, A×1, A×1 (Hoa's C is not hers), B×1
    for order in (paid_cash, by_transfer, handed, dropped):
        assert order.number in page
    assert "Nấm" not in page
    assert "Đã thanh toán hoặc xác nhận 2" in page
    assert "Chờ thanh toán 1" in page and "Đã giao cho khách 1" in page and "Đã hủy 1" in page
    assert "200.000 ₫" in page and "90.000 ₫" in page


def test_filtering_by_state_and_outlet(client, shop):
    seller, bien_hoa, dong_xoai = shop["seller"], shop["bien_hoa"], shop["dong_xoai"]
    paid_cash, by_transfer, handed, dropped = shop["orders"]
    awaiting = text_of(client.get(f"/ban-hang/{seller.id}/don-hang?state=awaiting_payment"))
    assert by_transfer.number in awaiting and paid_cash.number not in awaiting and "1 dòng hàng" in awaiting
    at_dong_xoai = text_of(client.get(f"/ban-hang/{seller.id}/don-hang?cua-hang={dong_xoai.id}"))
    assert by_transfer.number in at_dong_xoai and handed.number not in at_dong_xoai
    both = text_of(client.get(f"/ban-hang/{seller.id}/don-hang?cua-hang={bien_hoa.id}&state=paid"))
    assert paid_cash.number in both and "2 dòng hàng" in both
    unknown = client.get(f"/ban-hang/{seller.id}/don-hang?state=nonsense&cua-hang=abc")
    assert unknown.status_code == 200 and "5 dòng hàng" in text_of(unknown)


def test_what_each_outlet_holds_and_sold_this_week(client, shop):
    page = text_of(client.get(f"/ban-hang/{shop['seller'].id}/don-hang/cua-hang"))
    bien_hoa = page[page.index("Cửa hàng Biên Hòa Bán trong tuần") :]
    # Biên Hòa: A 10, 9 after the hand-over, 2 held by the paid order; B 20, 3 held (the cancelled 1 released).
    assert "Bán trong tuần: 1 món, 100.000 ₫" in bien_hoa
    assert "Yến sào Gói 1 9 2 7 1 · 100.000 ₫" in bien_hoa
    assert "Hạt điều Gói 1 20 3 17 —" in bien_hoa
    dong_xoai = page[page.index("Cửa hàng Đồng Xoài Bán trong tuần") :]
    assert "Yến sào Gói 1 5 1 4 —" in dong_xoai
    assert "Nấm" not in page


def test_she_is_told_when_an_order_of_hers_is_paid(client, shop):
    _paid_cash, by_transfer, _handed, _dropped = shop["orders"]
    payments.confirm_transfer_by_hand(
        number=by_transfer.number, amount_vnd=by_transfer.total_vnd, note="seen", actor_id=shop["staff"].id
    )
    notices = db.session.scalars(select(Notification).where(Notification.message.contains(by_transfer.number))).all()
    told = {n.user_id for n in notices if "đã thanh toán" in n.message}
    assert told == {m.user_id for m in shop["seller"].members}
    assert all(n.link.endswith("/don-hang?state=paid") for n in notices if n.user_id in told)


def test_she_is_told_once_when_an_outlet_falls_below_her_level(client, app, shop):
    seller, a, dong_xoai = shop["seller"], shop["a"], shop["dong_xoai"]
    response = client.post(
        f"/ban-hang/{seller.id}/don-hang/cua-hang", data={f"level-{a.id}": "4", f"level-{shop['b'].id}": ""}
    )
    assert response.status_code == 302 and reload(a).low_stock_level == 4
    with app.test_request_context():
        place((a, 1), outlet_obj=dong_xoai)  # 4 available → 3: below 4, she is told
        place((a, 1), outlet_obj=dong_xoai)  # 3 → 2: already below, nothing new
    low = db.session.scalars(select(Notification).where(Notification.message.contains("Chỉ còn"))).all()
    assert [n.message for n in low if n.user_id == shop["helper"].id] == [
        "Chỉ còn 3 Yến sào – Gói 1 ở Cửa hàng Đồng Xoài (bạn muốn được báo khi dưới 4)."
    ]
    page = text_of(client.get(f"/ban-hang/{seller.id}/don-hang/cua-hang"))
    assert "1 loại hàng sắp hết" in page


def test_a_bad_level_is_refused_next_to_it_and_nothing_is_saved(client, shop):
    seller, a, b = shop["seller"], shop["a"], shop["b"]
    response = client.post(
        f"/ban-hang/{seller.id}/don-hang/cua-hang", data={f"level-{a.id}": "5", f"level-{b.id}": "nhiều"}
    )
    assert response.status_code == 422
    assert "Nhập một số nguyên từ 1 đến 100.000, hoặc để trống." in response.get_data(as_text=True)
    assert reload(a).low_stock_level is None
    assert client.post(f"/ban-hang/{seller.id}/don-hang/cua-hang", data={f"level-{a.id}": "0"}).status_code == 422


def test_another_sellers_orders_and_variants_are_not_found(client, shop):
    other = shop["other"]
    assert client.get(f"/ban-hang/{other.id}/don-hang").status_code == 404
    assert client.get(f"/ban-hang/{other.id}/don-hang/cua-hang").status_code == 404
    foreign = other_variant = db.session.scalar(
        select(factories.Variant).where(factories.Variant.seller_id == other.id)
    )
    response = client.post(f"/ban-hang/{shop['seller'].id}/don-hang/cua-hang", data={f"level-{foreign.id}": "3"})
    assert response.status_code == 404 and reload(other_variant).low_stock_level is None


def test_the_home_page_says_what_waits(client, shop):
    page = text_of(client.get(f"/ban-hang/{shop['seller'].id}"))
    assert "2 dòng hàng đã thanh toán, chờ chuẩn bị" in page
    assert "1 dòng hàng chờ khách thanh toán" in page


def test_her_pages_cost_the_same_number_of_queries_whatever_they_show(client, app, shop):
    seller = shop["seller"]
    urls = [f"/ban-hang/{seller.id}{path}" for path in ("", "/don-hang", "/don-hang/cua-hang", "/tien-ban-hang")]
    for url in urls:
        queries_for_page(client, url)
    before = [queries_for_page(client, url) for url in urls]
    with app.test_request_context():
        for _ in range(3):
            extra, elsewhere = factories.product(seller_obj=seller, name="Mật ong").variants[0], factories.outlet()
            factories.stock(variant=extra, outlet_obj=elsewhere, on_hand=6)
            db.session.commit()
            place((extra, 2), outlet_obj=elsewhere)
    assert [queries_for_page(client, url) for url in urls] == before
