"""Union staff find any order however it is read out, and read its whole story on one page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.core import audit
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.orders.models import Order, Shipment
from app.staff.orders import order_number
from tests import factories
from tests.orders.factories import place, stocked_variant
from tests.reports import factories as rf
from tests.staff.factories import staff_user


@pytest.fixture
def staff(client, auth):
    user = staff_user()
    db.session.commit()
    auth.login(user.email)
    return user


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("PN-26-000005", "PN-26-000005"),
        ("pn26000005", "PN-26-000005"),
        ("26000005", "PN-26-000005"),
        (" pn-26 000005 ", "PN-26-000005"),
        ("PN.25.000123", "PN-25-000123"),
        ("2600005", None),
        ("lan@example.vn", None),
        ("0912345678", None),
    ],
)
def test_an_order_number_is_read_in_any_form(typed, number):
    assert order_number(typed) == number


@pytest.fixture
def orders(app):
    variant, outlet = stocked_variant(quantity=20)
    buyer = factories.user(email="mai@example.vn", phone="0987654321")
    first = place((variant, 1), outlet_obj=outlet)
    second = place((variant, 2), outlet_obj=outlet, user=buyer)
    first.contact_phone, first.contact_email = "0911222333", "hoa@example.vn"
    second.contact_email = "mai.khac@example.vn"
    db.session.commit()
    return {"first": first, "second": second, "outlet": outlet, "variant": variant}


@pytest.mark.parametrize("form", ["canonical", "lower", "digits"])
def test_searching_an_order_number_opens_that_order(client, staff, orders, form):
    number = orders["second"].number  # PN-yy-nnnnnn
    typed = {"canonical": number, "lower": number.replace("-", "").lower(), "digits": number[3:].replace("-", "")}[form]

    response = client.get("/quan-tri/don-hang", query_string={"q": typed})

    assert response.status_code == 302
    assert response.location.endswith(f"/quan-tri/don-hang/{number}")


@pytest.mark.parametrize(
    ("typed", "which"),
    [
        ("0911 222 333", "first"),  # the phone given at checkout
        ("+84911222333", "first"),
        ("HOA@example.vn", "first"),  # the email given at checkout, any case
        ("mai@example.vn", "second"),  # the buyer's account email
        ("0987654321", "second"),  # the buyer's account phone
    ],
)
def test_searching_a_phone_or_email_lists_the_orders(client, staff, orders, typed, which):
    page = client.get("/quan-tri/don-hang", query_string={"q": typed}).get_data(as_text=True)

    other = "second" if which == "first" else "first"
    assert orders[which].number in page
    assert orders[other].number not in page


def test_searching_a_pickup_code_finds_the_shipment_order(client, staff, orders):
    code = db.session.get(Shipment, orders["first"].shipments[0].id).pickup_code

    page = client.get("/quan-tri/don-hang", query_string={"q": code}).get_data(as_text=True)

    assert orders["first"].number in page


def test_a_search_that_matches_nothing_says_so(client, staff, orders):
    page = client.get("/quan-tri/don-hang", query_string={"q": "không có gì"}).get_data(as_text=True)
    assert "Không có đơn hàng nào khớp với “không có gì”." in page


def test_the_list_filters_by_status_outlet_method_seller_and_day(client, staff, orders):
    other_outlet = factories.outlet(name="Cửa hàng khác")
    elsewhere = rf.order((orders["variant"], 1), outlet_obj=other_outlet, method="vietqr", created_at=utcnow())
    old = rf.order((orders["variant"], 1), outlet_obj=other_outlet, status="cancelled")
    old.created_at = utcnow() - timedelta(days=40)
    db.session.commit()

    def listed(**query) -> set[str]:
        page = client.get("/quan-tri/don-hang", query_string=query).get_data(as_text=True)
        return {n for n in (orders["first"].number, orders["second"].number, elsewhere.number, old.number) if n in page}

    assert listed(outlet=other_outlet.id) == {elsewhere.number, old.number}
    assert listed(method="vietqr") == {elsewhere.number}
    assert listed(status="cancelled") == {old.number}
    assert listed(status="open") == {orders["first"].number, orders["second"].number}
    assert listed(since=(utcnow() - timedelta(days=2)).date().isoformat(), outlet=other_outlet.id) == {elsewhere.number}
    assert listed(seller=factories.seller().id) == set()


def test_the_order_page_tells_the_whole_story(client, staff, orders):
    order = orders["first"]
    audit.record(
        actor_id=staff.id, action="order.cancel", subject_type="order", subject_id=order.id, reason="Khách đổi ý"
    )
    db.session.commit()

    response = client.get(f"/quan-tri/don-hang/{order.number}")
    page = response.get_data(as_text=True)

    assert response.status_code == 200
    assert order.number in page and order.lines[0].product_name in page
    assert order.shipments[0].pickup_code in page
    assert "Cán bộ Hội (cán bộ Hội) hủy đơn hàng " + order.number + " — lý do: Khách đổi ý" in page
    assert "Mở thanh toán" in page  # the payment's own log


def test_an_order_page_in_another_form_redirects_and_an_unknown_one_is_not_found(client, staff, orders):
    number = orders["first"].number
    assert client.get(f"/quan-tri/don-hang/{number.replace('-', '').lower()}").location.endswith(number)
    assert client.get("/quan-tri/don-hang/PN-99-999999").status_code == 404


def test_the_day_list_shows_what_waits(client, staff, orders):
    late = db.session.get(Order, orders["first"].id)
    late.created_at = utcnow() - timedelta(hours=30)
    for shipment in late.shipments:
        shipment.status = "confirmed"
    factories.seller(status="pending", name="HTX Chờ duyệt")
    db.session.commit()

    page = client.get("/quan-tri").get_data(as_text=True)

    assert "Việc cần làm hôm nay" in page
    assert "HTX Chờ duyệt" in page
    assert orders["outlet"].name in page and "1 kiện hàng" in page


def test_a_fast_seller_running_low_is_on_the_day_list(client, staff, orders):
    variant, outlet = orders["variant"], orders["outlet"]
    rf.order((variant, 15), outlet_obj=outlet, completed_at=utcnow() - timedelta(days=3))
    db.session.commit()  # 15 sold in 30 days; 20 on hand less 3 reserved = 17 left: more than a week

    assert variant.product.name not in client.get("/quan-tri").get_data(as_text=True).split("Hàng bán chạy sắp hết")[1]

    rf.order((variant, 100), outlet_obj=outlet, completed_at=utcnow() - timedelta(days=1))
    db.session.commit()  # 115 sold in 30 days: 17 left is about 4 days

    assert variant.product.name in client.get("/quan-tri").get_data(as_text=True).split("Hàng bán chạy sắp hết")[1]
