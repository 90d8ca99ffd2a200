"""Role decorators: each role's view opens for that role only; create-staff makes a staff account."""

from __future__ import annotations

import pytest
from flask import Blueprint
from sqlalchemy import select

from app.accounts.decorators import shopper_required, staff_required
from app.accounts.models import User
from app.core.extensions import db
from app.outlets.access import outlet_staff_required
from app.sellers.access import seller_required
from tests import factories

probe = Blueprint("probe", __name__)


@probe.get("/probe/shopper")
@shopper_required
def shopper_view():
    return "shopper ok"


@probe.get("/probe/seller")
@seller_required
def seller_view():
    return "seller ok"


@probe.get("/probe/outlet")
@outlet_staff_required
def outlet_view():
    return "outlet ok"


@probe.get("/probe/staff")
@staff_required
def staff_view():
    return "staff ok"


@pytest.fixture
def probe_client(app):
    app.register_blueprint(probe)
    return app.test_client()


def make_people() -> dict[str, User]:
    people = {
        "shopper": factories.user(email="shopper@x.vn"),
        "seller": factories.user(email="seller@x.vn", role="seller"),
        "outlet": factories.user(email="outlet@x.vn", role="outlet"),
        "staff": factories.user(email="staff@x.vn", role="staff"),
    }
    factories.seller(members=[people["seller"]])
    factories.outlet(staff=people["outlet"])
    db.session.commit()
    return people


EXPECTED = {
    "shopper": {"shopper"},
    "seller": {"shopper", "seller"},
    "outlet": {"shopper", "outlet"},
    "staff": {"shopper", "staff"},
}


@pytest.mark.parametrize("who", ["shopper", "seller", "outlet", "staff"])
def test_each_role_opens_only_its_views(probe_client, who):
    make_people()
    probe_client.post("/dang-nhap", data={"identifier": f"{who}@x.vn", "password": factories.PASSWORD})
    for view in ("shopper", "seller", "outlet", "staff"):
        status = probe_client.get(f"/probe/{view}").status_code
        assert status == (200 if view in EXPECTED[who] else 403), (who, view)


def test_guests_are_sent_to_the_login_page(probe_client):
    for view in ("shopper", "seller", "outlet", "staff"):
        response = probe_client.get(f"/probe/{view}")
        assert response.status_code == 302 and "/dang-nhap" in response.headers["Location"]


def test_outlet_role_without_an_outlet_is_refused(probe_client):
    factories.user(email="lonely@x.vn", role="outlet")
    db.session.commit()
    probe_client.post("/dang-nhap", data={"identifier": "lonely@x.vn", "password": factories.PASSWORD})
    assert probe_client.get("/probe/outlet").status_code == 403


def test_forbidden_page_is_in_vietnamese(probe_client):
    make_people()
    probe_client.post("/dang-nhap", data={"identifier": "shopper@x.vn", "password": factories.PASSWORD})
    page = probe_client.get("/probe/staff")
    assert page.status_code == 403 and "Bạn không có quyền mở trang này." in page.get_data(as_text=True)


def test_create_staff_command(runner):
    result = runner.invoke(args=["create-staff", "boss@hoi.vn", "--password", "Hoi-LHPN-2026"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User.role).where(User.email == "boss@hoi.vn")) == "staff"


def test_create_staff_refuses_a_weak_password(runner):
    result = runner.invoke(args=["create-staff", "boss@hoi.vn", "--password", "123"])
    assert result.exit_code != 0
    assert db.session.scalar(select(User).where(User.email == "boss@hoi.vn")) is None


def test_account_page_shows_the_menu_of_the_role(client, auth):
    make_people()
    auth.login("staff@x.vn")
    text = client.get("/tai-khoan").get_data(as_text=True)
    assert "Quản trị của Hội" in text and "Quản lý gian hàng" not in text
    auth.logout()
    auth.login("seller@x.vn")
    text = client.get("/tai-khoan").get_data(as_text=True)
    assert "Quản lý gian hàng" in text and "Quản trị của Hội" not in text
