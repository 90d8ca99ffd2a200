"""The pickup code at the counter: typed as people read it, every try audited, locked after 5 wrong
codes until an outlet manager or union staff unlocks it; the desk finds an order by code, phone or
number; an unpaid transfer order says what is owed and that the goods wait."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.audit import AuditEvent
from app.core.extensions import db
from app.orders import fulfilment
from app.orders.models import Shipment
from app.outlets.models import OutletStaff
from tests import factories
from tests.orders.factories import reload
from tests.outlets.test_dashboard import outlet_with_order


def ready(client, order) -> str:
    base = f"/cua-hang-ban/giao-hang/{order.shipments[0].id}"
    client.post(f"{base}/chuyen", data={"target": "preparing"})
    client.post(f"{base}/chuyen", data={"target": "ready_for_pickup"})
    return base


def wrong_code_for(order) -> str:
    return "000000" if order.shipments[0].pickup_code != "000000" else "111111"


def tries(correct: bool | None = None) -> int:
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "shipment.pickup_code_tried")).all()
    return sum(1 for e in events if correct is None or e.details["correct"] is correct)


@pytest.fixture
def counter(app, client, auth):
    clerk, shop, order = outlet_with_order(app)
    auth.login("cuahang@example.vn")
    return clerk, shop, order, ready(client, order)


@pytest.mark.parametrize("typed", ["{a} {b}", "{a}{b}", " {a}-{b} ", "{a}\u00a0{b}"])
def test_the_code_is_taken_as_people_read_it(client, counter, typed):
    _clerk, _shop, order, base = counter
    code = order.shipments[0].pickup_code
    page = client.get(base).get_data(as_text=True)
    assert 'maxlength="6"' not in page and 'inputmode="numeric"' in page
    client.post(f"{base}/ban-giao", data={"pickup_code": typed.format(a=code[:3], b=code[3:]), "cash_confirmed": "y"})
    assert reload(order).status == "completed"
    assert tries(correct=True) == 1


def test_five_wrong_codes_lock_the_shipment_even_for_the_right_one(client, counter):
    _clerk, _shop, order, base = counter
    wrong = {"pickup_code": wrong_code_for(order), "cash_confirmed": "y"}
    answers = [client.post(f"{base}/ban-giao", data=wrong) for _ in range(5)]
    assert [a.status_code for a in answers] == [400] * 5
    assert "còn 4 lần thử" in answers[0].get_data(as_text=True)
    assert "Đã khóa sau 5 lần nhập sai mã nhận hàng" in answers[-1].get_data(as_text=True)
    right = client.post(f"{base}/ban-giao", data={"pickup_code": order.shipments[0].pickup_code, "cash_confirmed": "y"})
    assert right.status_code == 400 and "Đã khóa sau 5 lần" in right.get_data(as_text=True)
    order = reload(order)
    assert order.status == "ready_for_pickup" and order.shipments[0].code_locked_at is not None
    assert tries(correct=False) == 5 and tries(correct=True) == 0
    assert (
        db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "shipment.pickup_code_locked"))
        == 1
    )
    page = client.get(base).get_data(as_text=True)
    assert "Đã khóa sau 5 lần nhập sai mã nhận hàng" in page and 'action="' + f"{base}/ban-giao" not in page
    assert "Mở khóa mã nhận hàng" not in page  # a clerk who is not a manager cannot unlock


def lock(order, actor_id: int) -> None:
    shipment = db.session.get(Shipment, order.shipments[0].id)
    for _ in range(fulfilment.PICKUP_CODE_TRIES):
        with pytest.raises(fulfilment.HandOverError):
            fulfilment.hand_over(
                shipment_id=shipment.id, outlet_id=shipment.outlet_id, actor_id=actor_id,
                pickup_code=wrong_code_for(order), cash_confirmed=True,
            )  # fmt: skip


def test_a_clerk_cannot_unlock_but_her_outlet_manager_can(app, client, auth, counter):
    clerk, shop, order, base = counter
    with app.test_request_context():
        lock(order, clerk.id)
    unlock = f"/don-hang/{order.number}/giao-hang/{order.shipments[0].id}/mo-khoa"
    assert client.post(unlock, data={"back": "desk"}).status_code == 403
    assert reload(order).shipments[0].code_locked_at is not None
    auth.logout()
    manager = factories.user(email="quanly@example.vn", role="outlet")
    db.session.add(OutletStaff(outlet_id=shop.id, user_id=manager.id, is_manager=True))
    db.session.commit()
    auth.login("quanly@example.vn")
    assert "Mở khóa mã nhận hàng" in client.get(base).get_data(as_text=True)
    response = client.post(unlock, data={"back": "desk"})
    assert response.headers["Location"] == base
    shipment = reload(order).shipments[0]
    assert (shipment.code_locked_at, shipment.code_attempts) == (None, 0)
    unlocked = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "shipment.pickup_code_unlocked"))
    assert unlocked.actor_id == manager.id
    client.post(f"{base}/ban-giao", data={"pickup_code": shipment.pickup_code, "cash_confirmed": "y"})
    assert reload(order).status == "completed"


def test_union_staff_unlock_from_the_order_page(app, client, auth, counter):
    clerk, _shop, order, _base = counter
    with app.test_request_context():
        lock(order, clerk.id)
    auth.logout()
    factories.user(email="canbo@example.vn", role="staff")
    db.session.commit()
    auth.login("canbo@example.vn")
    page = client.get(f"/don-hang/{order.number}").get_data(as_text=True)
    assert "Mở khóa mã nhận hàng" in page and order.shipments[0].pickup_code not in page
    client.post(f"/don-hang/{order.number}/giao-hang/{order.shipments[0].id}/mo-khoa")
    assert reload(order).shipments[0].code_locked_at is None


def test_a_manager_of_another_outlet_cannot_unlock(app, client, auth, counter):
    clerk, _shop, order, _base = counter
    with app.test_request_context():
        lock(order, clerk.id)
    auth.logout()
    other = factories.user(email="khac@example.vn", role="outlet")
    db.session.add(OutletStaff(outlet_id=factories.outlet().id, user_id=other.id, is_manager=True))
    db.session.commit()
    auth.login("khac@example.vn")
    assert client.post(f"/don-hang/{order.number}/giao-hang/{order.shipments[0].id}/mo-khoa").status_code == 404
    assert reload(order).shipments[0].code_locked_at is not None


@pytest.mark.parametrize("how", ["code", "code spaced", "phone", "phone +84", "number", "number end"])
def test_the_desk_finds_an_order_by_code_phone_or_number(app, client, auth, how):
    _clerk, _shop, order = outlet_with_order(app)
    outlet_with_order(app, email="khac@example.vn")  # another outlet's order never shows
    auth.login("cuahang@example.vn")
    code = order.shipments[0].pickup_code
    typed = {
        "code": code,
        "code spaced": f"{code[:3]} {code[3:]}",
        "phone": "0912 345 678",
        "phone +84": "+84912345678",
        "number": order.number.lower(),
        "number end": order.number.split("-", 1)[1],
    }[how]
    response = client.get("/cua-hang-ban", query_string={"tim": typed})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cua-hang-ban/giao-hang/{order.shipments[0].id}"


def test_a_search_that_finds_nothing_says_so(app, client, auth):
    outlet_with_order(app)
    auth.login("cuahang@example.vn")
    page = client.get("/cua-hang-ban", query_string={"tim": "999 999"}).get_data(as_text=True)
    assert "Không có đơn nào của cửa hàng này" in page and 'value="999 999"' in page


def test_an_unpaid_transfer_order_shows_what_is_owed_and_that_the_goods_wait(app, client, auth):
    app.config["VIETQR_ACCOUNT_NO"] = "1017686868"
    _clerk, _shop, order = outlet_with_order(app, payment="vietqr")
    assert order.status == "awaiting_payment"
    auth.login("cuahang@example.vn")
    page = client.get(f"/cua-hang-ban/giao-hang/{order.shipments[0].id}").get_data(as_text=True)
    assert "Chưa thanh toán: đơn này còn nợ 50.000\xa0₫." in page
    assert "hãy giữ hàng cho đến khi thanh toán được xác nhận" in page
    assert "Cần thu khi bàn giao" not in page
