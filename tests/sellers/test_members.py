"""The owner invites by email, the invitee accepts or declines from her account; the owner removes members."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.accounts.models import Notification
from app.core.extensions import db
from app.sellers.models import SellerInvitation, SellerMember
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


def invite(client, seller, email):
    return client.post(f"/ban-hang/{seller.id}/thanh-vien", data={"email": email}, follow_redirects=True)


def test_an_invited_account_is_told_and_becomes_a_member_only_when_she_accepts(client, auth, team, outbox):
    seller, owner, helper = team
    newcomer = factories.user(email="moi@example.vn", full_name="Phạm Thị Bí Mật")
    db.session.commit()
    auth.login("chu@htx.vn")
    page = invite(client, seller, "Moi@Example.vn").get_data(as_text=True)
    assert member_ids(seller) == {owner.id, helper.id}  # nobody joins without consent
    assert "Phạm Thị Bí Mật" not in page and "moi@example.vn" in page
    assert db.session.scalar(select(Notification.message).where(Notification.user_id == newcomer.id))
    assert outbox[-1]["To"] == "moi@example.vn" and "/ban-hang/loi-moi" in outbox[-1].get_content()
    auth.logout()
    auth.login("moi@example.vn")
    invitation = db.session.scalar(select(SellerInvitation))
    assert seller.name in client.get("/ban-hang/loi-moi").get_data(as_text=True)
    client.post(f"/ban-hang/loi-moi/{invitation.id}/nhan")
    assert member_ids(seller) == {owner.id, helper.id, newcomer.id}
    db.session.refresh(invitation)
    assert invitation.status == "accepted"


def test_she_may_decline_and_stays_out(client, auth, team):
    seller, owner, helper = team
    factories.user(email="moi@example.vn")
    db.session.commit()
    auth.login("chu@htx.vn")
    invite(client, seller, "moi@example.vn")
    auth.logout()
    auth.login("moi@example.vn")
    invitation = db.session.scalar(select(SellerInvitation))
    client.post(f"/ban-hang/loi-moi/{invitation.id}/tu-choi")
    assert member_ids(seller) == {owner.id, helper.id}
    assert client.post(f"/ban-hang/loi-moi/{invitation.id}/nhan").status_code == 302
    assert member_ids(seller) == {owner.id, helper.id}  # answered once, for good


def test_the_owner_gets_the_same_answer_whether_or_not_an_account_uses_the_email(client, auth, team):
    seller, _owner, _helper = team
    factories.user(email="co-tai-khoan@example.vn", full_name="Lê Thị Có")
    db.session.commit()
    auth.login("chu@htx.vn")
    known = invite(client, seller, "co-tai-khoan@example.vn").get_data(as_text=True)
    unknown = invite(client, seller, "khong-co@example.vn").get_data(as_text=True)
    sent = "Đã gửi lời mời"
    assert sent in known and sent in unknown
    assert "Lê Thị Có" not in known
    assert "Chưa có tài khoản" not in unknown


def test_only_the_invitee_may_answer(client, auth, team):
    seller, owner, helper = team
    factories.user(email="moi@example.vn")
    factories.user(email="ke-khac@example.vn")
    db.session.commit()
    auth.login("chu@htx.vn")
    invite(client, seller, "moi@example.vn")
    auth.logout()
    auth.login("ke-khac@example.vn")
    invitation = db.session.scalar(select(SellerInvitation))
    assert client.post(f"/ban-hang/loi-moi/{invitation.id}/nhan").status_code == 404
    assert seller.name not in client.get("/ban-hang/loi-moi").get_data(as_text=True)
    assert len(member_ids(seller)) == 2


def test_someone_who_registers_later_with_the_email_finds_the_invitation(client, auth, team):
    seller, _owner, _helper = team
    auth.login("chu@htx.vn")
    invite(client, seller, "sau-nay@example.vn")
    auth.logout()
    factories.user(email="sau-nay@example.vn")
    db.session.commit()
    auth.login("sau-nay@example.vn")
    assert seller.name in client.get("/ban-hang/loi-moi").get_data(as_text=True)


def test_the_owner_withdraws_an_invitation(client, auth, team):
    seller, _owner, _helper = team
    factories.user(email="moi@example.vn")
    db.session.commit()
    auth.login("chu@htx.vn")
    invite(client, seller, "moi@example.vn")
    invitation = db.session.scalar(select(SellerInvitation))
    client.post(f"/ban-hang/{seller.id}/loi-moi/{invitation.id}/rut")
    auth.logout()
    auth.login("moi@example.vn")
    assert client.post(f"/ban-hang/loi-moi/{invitation.id}/nhan").status_code == 302
    assert len(member_ids(seller)) == 2


@pytest.mark.parametrize(
    ("email", "message"),
    [("phu@htx.vn", "Chị ấy đã là thành viên"), ("khong-phai-email", "Nhập địa chỉ email hợp lệ")],
)
def test_inviting_a_member_again_or_a_bad_email_is_refused(client, auth, team, email, message):
    seller, _owner, _helper = team
    auth.login("chu@htx.vn")
    response = client.post(f"/ban-hang/{seller.id}/thanh-vien", data={"email": email})
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(SellerInvitation.id))) == 0


def test_a_second_invitation_to_the_same_email_is_refused(client, auth, team):
    seller, _owner, _helper = team
    auth.login("chu@htx.vn")
    invite(client, seller, "moi@example.vn")
    page = invite(client, seller, "MOI@example.vn").get_data(as_text=True)
    assert "đang chờ" in page
    assert db.session.scalar(select(func.count(SellerInvitation.id))) == 1


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
    assert db.session.scalar(select(func.count(SellerInvitation.id))) == 0
    owner_row = db.session.scalar(select(SellerMember.id).where(SellerMember.user_id == owner.id))
    assert client.post(f"/ban-hang/{seller.id}/thanh-vien/{owner_row}/xoa").status_code == 403
    assert len(member_ids(seller)) == 2


def test_a_member_of_another_seller_gets_404(client, auth, team):
    seller, _owner, _helper = team
    factories.seller(members=[factories.user(email="khac@htx.vn")])
    db.session.commit()
    auth.login("khac@htx.vn")
    assert client.get(f"/ban-hang/{seller.id}/thanh-vien").status_code == 404
