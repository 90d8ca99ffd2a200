"""Only union staff reach the back office: every page, action and export answers 403 to anyone else."""

from __future__ import annotations

import pytest

from app.core.extensions import db
from tests import factories
from tests.reports import factories as rf

ROLES = ("shopper", "seller", "outlet")


@pytest.fixture
def world(app):
    people = {
        "shopper": factories.user(email="shopper@x.vn"),
        "seller": factories.user(email="seller@x.vn"),
        "outlet": factories.user(email="outlet@x.vn", role="outlet"),
        "staff": factories.user(email="staff@x.vn", role="staff"),
    }
    seller = factories.seller(members=[people["seller"]])
    category = factories.category()
    product = factories.product(seller_obj=seller, category_obj=category)
    outlet = factories.outlet(staff=people["outlet"])
    order = rf.order((product.variants[0], 1), outlet_obj=outlet)
    db.session.commit()
    o, u, c = outlet.id, people["shopper"].id, category.id
    pages = [
        "/quan-tri", "/quan-tri/don-hang", f"/quan-tri/don-hang/{order.number}", "/quan-tri/cua-hang",
        "/quan-tri/cua-hang/moi", f"/quan-tri/cua-hang/{o}", "/quan-tri/nguoi-dung", f"/quan-tri/nguoi-dung/{u}",
        "/quan-tri/danh-muc", "/quan-tri/nhat-ky", "/quan-tri/nhat-ky.csv",
    ]  # fmt: skip
    actions = [
        "/quan-tri/cua-hang/moi", f"/quan-tri/cua-hang/{o}", f"/quan-tri/cua-hang/{o}/dong",
        f"/quan-tri/cua-hang/{o}/mo-lai", f"/quan-tri/cua-hang/{o}/nhan-vien",
        f"/quan-tri/cua-hang/{o}/nhan-vien/{people['outlet'].id}/xoa", f"/quan-tri/nguoi-dung/{u}/vai-tro",
        f"/quan-tri/nguoi-dung/{u}/khoa", f"/quan-tri/nguoi-dung/{u}/mo-khoa", f"/quan-tri/nguoi-dung/{u}/mat-khau",
        "/quan-tri/danh-muc", f"/quan-tri/danh-muc/{c}/chuyen-san-pham", f"/quan-tri/danh-muc/{c}/xoa",
    ]  # fmt: skip
    return people, pages, actions


@pytest.mark.parametrize("role", ROLES)
def test_no_one_but_union_staff_opens_a_back_office_page_or_export(client, auth, world, role):
    people, pages, _actions = world
    auth.login(people[role].email)
    for url in pages:
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", ROLES)
def test_no_one_but_union_staff_changes_anything(client, auth, world, role):
    people, _pages, actions = world
    auth.login(people[role].email)
    for url in actions:
        assert client.post(url, data={"reason": "x", "role": "staff", "email": "shopper@x.vn"}).status_code == 403, url
    db.session.expire_all()
    assert people["shopper"].role == "shopper" and people["shopper"].is_active_account


def test_guests_are_sent_to_sign_in(client, world):
    _people, pages, actions = world
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap" in response.location, url
    for url in actions:
        assert client.post(url).status_code == 302, url


def test_union_staff_open_every_page(client, auth, world):
    people, pages, _actions = world
    auth.login(people["staff"].email)
    for url in pages:
        assert client.get(url).status_code == 200, url
