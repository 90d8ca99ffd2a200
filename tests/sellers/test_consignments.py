"""Consignment: what a seller sends, what the outlet confirms, and the stock ledger in between."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import app.models  # noqa: F401  (load every domain before app.outlets)
from app.consignments.models import Consignment
from app.core.audit import AuditEvent
from app.core.extensions import db
from app.outlets import stock
from app.outlets.models import StockMovement, StockRecord
from tests import factories


@pytest.fixture
def setup(app):
    owner = factories.user(email="chu@htx.vn")
    clerk = factories.user(email="cuahang@hoi.vn", role="outlet")
    seller = factories.seller(status="approved", members=[owner])
    product = factories.product(seller_obj=seller, variants=2)
    outlet = factories.outlet(staff=clerk, name="Cửa hàng Biên Hòa")
    db.session.commit()
    return {"owner": owner, "clerk": clerk, "seller": seller, "variants": product.variants, "outlet": outlet}


def send(client, auth, s, lines, direction="giao"):
    auth.login("chu@htx.vn")
    data = {"outlet_id": str(s["outlet"].id), "note": "Giao sáng thứ hai"}
    for i, (variant, qty) in enumerate(lines):
        data[f"lines-{i}-variant_id"] = str(variant.id)
        data[f"lines-{i}-quantity"] = str(qty)
    response = client.post(f"/ban-hang/{s['seller'].id}/ky-gui/{direction}", data=data)
    auth.logout()
    return response


def confirm(client, auth, consignment, quantities):
    auth.login("cuahang@hoi.vn")
    data = {f"q-{line.id}": str(q) for line, q in zip(consignment.lines, quantities, strict=True)}
    response = client.post(f"/cua-hang-ban/hang-ky-gui/{consignment.id}", data=data)
    auth.logout()
    return response


def on_hand(s, variant) -> int:
    record = db.session.scalar(
        select(StockRecord).where(StockRecord.variant_id == variant.id, StockRecord.outlet_id == s["outlet"].id)
    )
    db.session.refresh(record)
    return record.on_hand


def test_the_outlet_confirms_fewer_than_sent_and_only_that_enters_stock(client, auth, setup):
    a, b = setup["variants"]
    send(client, auth, setup, [(a, 20), (b, 5)])
    consignment = db.session.scalar(select(Consignment))
    assert consignment.status == "sent"
    assert db.session.scalar(select(StockMovement)) is None  # nothing moves before the outlet counts

    confirm(client, auth, consignment, [18, 5])
    db.session.refresh(consignment)
    assert consignment.status == "confirmed" and consignment.confirmed_by_id == setup["clerk"].id
    assert [line.quantity_received for line in consignment.lines] == [18, 5]
    assert (on_hand(setup, a), on_hand(setup, b)) == (18, 5)
    movements = db.session.scalars(select(StockMovement).order_by(StockMovement.id)).all()
    assert [(m.kind, m.on_hand_delta, m.consignment_id) for m in movements] == [
        ("received", 18, consignment.id),
        ("received", 5, consignment.id),
    ]
    assert stock.verify() == []
    assert db.session.scalar(select(AuditEvent.action)) == "consignment.confirm_delivery"


def test_the_seller_sees_her_stock_at_every_outlet(client, auth, setup):
    a, _b = setup["variants"]
    other = factories.outlet(name="Cửa hàng Long Khánh")
    factories.stock(variant=a, outlet_obj=other, on_hand=7)
    db.session.commit()
    send(client, auth, setup, [(a, 4)])
    confirm(client, auth, db.session.scalar(select(Consignment)), [4])
    auth.login("chu@htx.vn")
    page = client.get(f"/ban-hang/{setup['seller'].id}/ky-gui").get_data(as_text=True)
    assert "Cửa hàng Long Khánh" in page and "Cửa hàng Biên Hòa" in page


def test_a_return_leaves_the_outlet_through_the_ledger(client, auth, setup):
    a, _b = setup["variants"]
    send(client, auth, setup, [(a, 10)])
    confirm(client, auth, db.session.scalar(select(Consignment)), [10])
    send(client, auth, setup, [(a, 6)], direction="tra")
    back = db.session.scalar(select(Consignment).where(Consignment.direction == "return"))
    confirm(client, auth, back, [4])
    assert on_hand(setup, a) == 6
    kinds = db.session.scalars(select(StockMovement.kind).order_by(StockMovement.id)).all()
    assert kinds == ["received", "sent_back"]
    assert stock.verify() == []


def test_a_return_cannot_ask_for_more_than_the_outlet_has(client, auth, setup):
    a, _b = setup["variants"]
    factories.stock(variant=a, outlet_obj=setup["outlet"], on_hand=3)
    db.session.commit()
    response = send(client, auth, setup, [(a, 5)], direction="tra")
    assert "Cửa hàng chỉ còn 3" in response.get_data(as_text=True)
    assert db.session.scalar(select(Consignment)) is None


def test_a_return_refuses_units_held_for_orders_at_confirmation(client, auth, setup):
    a, _b = setup["variants"]
    record = factories.stock(variant=a, outlet_obj=setup["outlet"], on_hand=5)
    db.session.commit()
    send(client, auth, setup, [(a, 5)], direction="tra")
    stock.reserve(record, 3)
    db.session.commit()
    back = db.session.scalar(select(Consignment))
    response = confirm(client, auth, back, [5])
    assert "Cửa hàng không còn đủ số lượng đó" in response.get_data(as_text=True)
    db.session.refresh(back)
    assert back.status == "sent" and on_hand(setup, a) == 5
    assert stock.verify() == []


@pytest.mark.parametrize("quantities", [[21, 5], [-1, 5], ["abc", 5], ["", 5]])
def test_a_confirmation_outside_zero_to_sent_is_refused(client, auth, setup, quantities):
    a, b = setup["variants"]
    send(client, auth, setup, [(a, 20), (b, 5)])
    consignment = db.session.scalar(select(Consignment))
    response = confirm(client, auth, consignment, quantities)
    assert "Nhập một số nguyên từ 0 đến 20" in response.get_data(as_text=True)
    db.session.refresh(consignment)
    assert consignment.status == "sent"
    assert db.session.scalar(select(StockMovement)) is None


def test_a_consignment_is_confirmed_once_only(client, auth, setup):
    a, _b = setup["variants"]
    send(client, auth, setup, [(a, 3)])
    consignment = db.session.scalar(select(Consignment))
    confirm(client, auth, consignment, [3])
    confirm(client, auth, consignment, [3])
    assert on_hand(setup, a) == 3


def test_staff_of_another_outlet_get_404(client, auth, setup):
    a, _b = setup["variants"]
    factories.outlet(staff=factories.user(email="khac@hoi.vn", role="outlet"))
    db.session.commit()
    send(client, auth, setup, [(a, 3)])
    consignment = db.session.scalar(select(Consignment))
    auth.login("khac@hoi.vn")
    assert client.get(f"/cua-hang-ban/hang-ky-gui/{consignment.id}").status_code == 404
    assert client.post(f"/cua-hang-ban/hang-ky-gui/{consignment.id}", data={}).status_code == 404
    listing = client.get("/cua-hang-ban/hang-ky-gui").get_data(as_text=True)
    assert f"/cua-hang-ban/hang-ky-gui/{consignment.id}" not in listing


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([("a", 0)], "Nhập một số nguyên từ 1 đến 100.000"),
        ([("a", 100001)], "Nhập một số nguyên từ 1 đến 100.000"),
        ([("a", 2), ("a", 3)], "Loại hàng này đã có ở dòng trên"),
        ([], "Hãy thêm ít nhất một loại hàng"),
    ],
)
def test_bad_deliveries_are_refused_and_nothing_is_saved(client, auth, setup, lines, message):
    a, _b = setup["variants"]
    response = send(client, auth, setup, [(a, q) for _v, q in lines])
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Consignment)) is None


def test_a_delivery_of_another_sellers_variant_is_404(client, auth, setup):
    foreign = factories.product().variants[0]
    db.session.commit()
    assert send(client, auth, setup, [(foreign, 2)]).status_code == 404
    assert db.session.scalar(select(Consignment)) is None


@pytest.mark.parametrize("status", ["pending", "suspended"])
def test_a_seller_not_approved_cannot_consign(client, auth, setup, status):
    setup["seller"].status = status
    db.session.commit()
    a, _b = setup["variants"]
    response = send(client, auth, setup, [(a, 2)])
    assert "Chỉ người bán đã được duyệt mới ký gửi" in response.get_data(as_text=True)
    assert db.session.scalar(select(Consignment)) is None


def test_the_seller_can_cancel_before_confirmation_and_the_outlet_then_cannot_confirm(client, auth, setup):
    a, _b = setup["variants"]
    send(client, auth, setup, [(a, 2)])
    consignment = db.session.scalar(select(Consignment))
    auth.login("chu@htx.vn")
    client.post(f"/ban-hang/{setup['seller'].id}/ky-gui/{consignment.id}/huy")
    auth.logout()
    confirm(client, auth, consignment, [2])
    db.session.refresh(consignment)
    assert consignment.status == "cancelled"
    assert db.session.scalar(select(StockMovement)) is None
