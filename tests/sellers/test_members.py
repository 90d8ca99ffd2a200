"""The owner invites existing accounts by email and removes members; others cannot."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.accounts.models import Notification
from app.core.extensions import db
from app.sellers.models import SellerMember
from tests import factories


@pytest.fixture
def team(auth):
    owner = factories.user(email="chu@htx.vn")
    helper = factories.user(email="phu@htx.vn")
    seller = factories.seller(members=[owner])
    factories.add_member(seller, helper)
    db.session.commit()
    return seller, owner, helper


def member_ids(seller) -> set[int]:
    return set(db.session.scalars(select(SellerMember.user_id).where(SellerMember.seller_id == seller.id)))


def test_the_owner_invites_an_existing_account_who_is_told(client, auth, team):
    seller, owner, helper = team
    newcomer = factories.user(email="moi@example.vn")
    db.session.commit()
    auth.login("chu@htx.vn")
    client.post(f"/ban-hang/{seller.id}/thanh-vien", data={"email": "Moi@Example.vn"})
    assert member_ids(seller) == {owner.id, helper.id, newcomer.id}
    assert db.session.scalar(select(Notification.message).where(Notification.user_id == newcomer.id))


@pytest.mark.parametrize(
    ("email", "message"),
    [("khong-co@example.vn", "Chưa có tài khoản nào dùng email này"), ("phu@htx.vn", "Chị ấy đã là thành viên")],
)
def test_inviting_an_unknown_or_existing_member_is_refused(client, auth, team, email, message):
    seller, _owner, _helper = team
    auth.login("chu@htx.vn")
    response = client.post(f"/ban-hang/{seller.id}/thanh-vien", data={"email": email})
    assert message in response.get_data(as_text=True)
    assert len(member_ids(seller)) == 2


def test_the_owner_removes_a_member_but_not_herself(client, auth, team):
    seller, owner, helper = team
    auth.login("chu@htx.vn")
    rows = {r.user_id: r.id for r in db.session.scalars(select(SellerMember))}
    assert client.post(f"/ban-hang/{seller.id}/thanh-vien/{rows[owner.id]}/xoa").status_code == 403
    client.post(f"/ban-hang/{seller.id}/thanh-vien/{rows[helper.id]}/xoa")
    assert member_ids(seller) == {owner.id}


def test_a_member_who_is_not_owner_cannot_invite_or_remove(client, auth, team):
    seller, owner, _helper = team
    factories.user(email="moi@example.vn")
    db.session.commit()
    auth.login("phu@htx.vn")
    assert client.post(f"/ban-hang/{seller.id}/thanh-vien", data={"email": "moi@example.vn"}).status_code == 403
    owner_row = db.session.scalar(select(SellerMember.id).where(SellerMember.user_id == owner.id))
    assert client.post(f"/ban-hang/{seller.id}/thanh-vien/{owner_row}/xoa").status_code == 403
    assert len(member_ids(seller)) == 2


def test_a_member_of_another_seller_gets_404(client, auth, team):
    seller, _owner, _helper = team
    factories.seller(members=[factories.user(email="khac@htx.vn")])
    db.session.commit()
    auth.login("khac@htx.vn")
    assert client.get(f"/ban-hang/{seller.id}/thanh-vien").status_code == 404
