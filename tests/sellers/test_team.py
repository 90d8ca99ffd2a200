"""Team: the owner sees when each member last used the seller's pages; a member who leaves loses access at once."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.extensions import db
from app.sellers.models import SellerMember
from tests import factories


@pytest.fixture
def team(auth):
    owner, member = factories.user(email="chu@htx.vn"), factories.user(email="mai@htx.vn", full_name="Lê Thị Mai")
    seller = factories.seller(members=[owner])
    factories.add_member(seller, member)
    db.session.commit()
    return seller, owner, member


def test_the_owner_sees_each_members_last_activity(client, auth, team):
    seller, _owner, member = team
    auth.login("mai@htx.vn")
    client.get(f"/ban-hang/{seller.id}/san-pham")
    row = db.session.scalar(select(SellerMember).where(SellerMember.user_id == member.id))
    assert row.last_active_at is not None
    auth.logout()
    auth.login("chu@htx.vn")
    page = client.get(f"/ban-hang/{seller.id}/thanh-vien").get_data(as_text=True)
    assert "Lần cuối dùng các trang bán hàng:" in page


def test_members_do_not_see_each_others_activity(client, auth, team):
    seller, _owner, _member = team
    auth.login("mai@htx.vn")
    assert "Lần cuối dùng" not in client.get(f"/ban-hang/{seller.id}/thanh-vien").get_data(as_text=True)


def test_a_member_who_leaves_loses_access_at_once(client, auth, team):
    seller, _owner, member = team
    auth.login("mai@htx.vn")
    for path in ("", "/don-hang", "/tien-ban-hang", "/san-pham"):
        assert client.get(f"/ban-hang/{seller.id}{path}").status_code == 200
    assert client.post(f"/ban-hang/{seller.id}/thanh-vien/roi-nhom").status_code == 302
    for path in ("", "/don-hang", "/tien-ban-hang", "/san-pham", "/tien-ban-hang.xlsx"):
        assert client.get(f"/ban-hang/{seller.id}{path}").status_code in (403, 404)
    assert db.session.scalar(select(SellerMember).where(SellerMember.user_id == member.id)) is None
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.actor_id == member.id)) == "seller.member_left"


def test_a_member_removed_by_the_owner_loses_access_at_once(client, auth, app, team):
    seller, _owner, member = team
    member_client = app.test_client()
    member_client.post("/dang-nhap", data={"identifier": "mai@htx.vn", "password": factories.PASSWORD})
    assert member_client.get(f"/ban-hang/{seller.id}/don-hang").status_code == 200
    auth.login("chu@htx.vn")
    row = db.session.scalar(select(SellerMember).where(SellerMember.user_id == member.id))
    client.post(f"/ban-hang/{seller.id}/thanh-vien/{row.id}/xoa")
    assert member_client.get(f"/ban-hang/{seller.id}/don-hang").status_code in (403, 404)


def test_the_owner_cannot_leave(client, auth, team):
    seller, owner, _member = team
    auth.login("chu@htx.vn")
    assert client.post(f"/ban-hang/{seller.id}/thanh-vien/roi-nhom").status_code == 403
    assert db.session.scalar(select(SellerMember).where(SellerMember.user_id == owner.id)) is not None
