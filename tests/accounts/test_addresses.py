"""Saved addresses: add, change, default, delete; a ward outside the province, a phone that is not
a Vietnamese mobile number or another shopper's address are refused, and nothing is saved."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.accounts.models import Address
from app.core.extensions import db
from tests import factories

DONG_NAI, DONG_XOAI, BIEN_HOA = 75, 25210, 26068
HANOI, HANOI_WARD = 1, 4

GOOD = {
    "recipient": "Nguyễn Thị Lan",
    "phone": "0912 345 678",
    "province_code": DONG_NAI,
    "ward_code": DONG_XOAI,
    "street": "12 Phú Riềng Đỏ",
}


@pytest.fixture
def lan(app, auth):
    user = factories.user(email="lan@example.vn")
    db.session.commit()
    auth.login("lan@example.vn")
    return user


def addresses_of(user) -> list[Address]:
    return list(db.session.scalars(select(Address).where(Address.user_id == user.id).order_by(Address.id)))


def test_the_first_address_becomes_the_default_and_is_listed(client, lan):
    page = client.post("/tai-khoan/dia-chi/moi", data=GOOD, follow_redirects=True).get_data(as_text=True)
    assert "Đã lưu địa chỉ." in page
    assert "12 Phú Riềng Đỏ, Phường Đồng Xoài, Đồng Nai" in page and "Mặc định" in page
    [saved] = addresses_of(lan)
    assert (saved.phone, saved.ward_code, saved.is_default) == ("0912345678", DONG_XOAI, True)


def test_one_default_at_a_time_and_deleting_it_passes_the_mark_on(client, lan):
    client.post("/tai-khoan/dia-chi/moi", data=GOOD)
    client.post("/tai-khoan/dia-chi/moi", data={**GOOD, "ward_code": BIEN_HOA, "street": "5 Võ Thị Sáu"})
    first, second = addresses_of(lan)
    assert (first.is_default, second.is_default) == (True, False)
    client.post(f"/tai-khoan/dia-chi/{second.id}/mac-dinh")
    db.session.expire_all()
    assert [a.is_default for a in addresses_of(lan)] == [False, True]
    client.post(f"/tai-khoan/dia-chi/{second.id}/xoa")
    db.session.expire_all()
    assert [(a.id, a.is_default) for a in addresses_of(lan)] == [(first.id, True)]


def test_changing_an_address_keeps_it_hers(client, lan):
    client.post("/tai-khoan/dia-chi/moi", data=GOOD)
    [saved] = addresses_of(lan)
    client.post(f"/tai-khoan/dia-chi/{saved.id}", data={**GOOD, "street": "99 Hùng Vương", "recipient": "Mẹ Lan"})
    db.session.expire_all()
    [changed] = addresses_of(lan)
    assert (changed.id, changed.street, changed.recipient, changed.is_default) == (
        saved.id,
        "99 Hùng Vương",
        "Mẹ Lan",
        True,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ward_code": HANOI_WARD}, "Phường/xã này không thuộc tỉnh đã chọn."),
        ({"province_code": HANOI, "ward_code": DONG_XOAI}, "Phường/xã này không thuộc tỉnh đã chọn."),
        ({"ward_code": 0}, "Phường/xã này không thuộc tỉnh đã chọn."),
        ({"phone": "0251 3822 345"}, "Nhập số điện thoại Việt Nam (di động)"),
        ({"phone": "0212345678"}, "Nhập số điện thoại Việt Nam (di động)"),
        ({"phone": "12345"}, "Nhập số điện thoại Việt Nam (di động)"),
        ({"street": "x"}, "Nhập số nhà và tên đường."),
        ({"recipient": ""}, "Vui lòng điền thông tin này."),
    ],
)
def test_bad_addresses_are_refused_with_a_message_and_nothing_saved(client, lan, changes, message):
    page = client.post("/tai-khoan/dia-chi/moi", data={**GOOD, **changes})
    assert page.status_code == 200 and message in page.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Address.id))) == 0


def test_another_shoppers_address_is_not_found(client, auth, lan):
    client.post("/tai-khoan/dia-chi/moi", data=GOOD)
    [saved] = addresses_of(lan)
    auth.logout()
    factories.user(email="mai@example.vn")
    db.session.commit()
    auth.login("mai@example.vn")
    assert client.get(f"/tai-khoan/dia-chi/{saved.id}").status_code == 404
    assert client.post(f"/tai-khoan/dia-chi/{saved.id}", data={**GOOD, "street": "Của Mai"}).status_code == 404
    assert client.post(f"/tai-khoan/dia-chi/{saved.id}/xoa").status_code == 404
    assert client.post(f"/tai-khoan/dia-chi/{saved.id}/mac-dinh").status_code == 404
    db.session.expire_all()
    assert addresses_of(lan)[0].street == "12 Phú Riềng Đỏ"


def test_the_ward_list_follows_the_province_without_javascript(client, lan):
    page = client.post("/tai-khoan/dia-chi/moi", data={**GOOD, "province_code": HANOI, "refresh": "1"})
    text = page.get_data(as_text=True)
    assert "Phường Ba Đình" in text and "Phường Đồng Xoài" not in text
    assert db.session.scalar(select(func.count(Address.id))) == 0


def test_at_most_ten_addresses(client, lan):
    for i in range(10):
        client.post("/tai-khoan/dia-chi/moi", data={**GOOD, "street": f"{i + 1} Phú Riềng Đỏ"})
    page = client.post("/tai-khoan/dia-chi/moi", data={**GOOD, "street": "11 Phú Riềng Đỏ"}).get_data(as_text=True)
    assert "Bạn lưu được tối đa 10 địa chỉ." in page
    assert len(addresses_of(lan)) == 10
