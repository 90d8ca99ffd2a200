"""Union staff find people, change roles, deactivate accounts (sessions end at once) and send password links."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.extensions import db
from app.staff import people
from tests import factories
from tests.staff.factories import staff_user


@pytest.fixture
def staff(client, auth):
    user = staff_user()
    db.session.commit()
    auth.login(user.email)
    return user


@pytest.fixture
def lan(app):
    user = factories.user(email="lan@example.vn", phone="0912000111", full_name="Nguyễn Thị Lan")
    db.session.commit()
    return user


def test_people_are_found_by_name_email_or_phone(client, staff, lan):
    factories.user(email="hoa@example.vn", full_name="Trần Thị Hoa")
    db.session.commit()

    for typed in ("Thị Lan", "LAN@example", "0912 000 111"):
        page = client.get("/quan-tri/nguoi-dung", query_string={"q": typed}).get_data(as_text=True)
        assert "lan@example.vn" in page and "hoa@example.vn" not in page, typed


def test_a_role_change_is_audited_in_words(client, staff, lan):
    response = client.post(f"/quan-tri/nguoi-dung/{lan.id}/vai-tro", data={"role": "staff"})

    db.session.refresh(lan)
    assert response.status_code == 302 and lan.role == "staff"
    trail = client.get("/quan-tri/nhat-ky").get_data(as_text=True)
    assert (
        "Cán bộ Hội (cán bộ Hội) đổi vai trò của Nguyễn Thị Lan (lan@example.vn) từ Người mua sang Cán bộ Hội" in trail
    )


@pytest.mark.parametrize(
    ("role", "message"),
    [("outlet", "Hãy chọn người mua hoặc cán bộ Hội."), ("admin", "Hãy chọn người mua hoặc cán bộ Hội.")],
)
def test_roles_that_are_not_given_by_hand_are_refused(client, staff, lan, role, message):
    response = client.post(f"/quan-tri/nguoi-dung/{lan.id}/vai-tro", data={"role": role})

    assert response.status_code == 422 and message in response.get_data(as_text=True)
    db.session.refresh(lan)
    assert lan.role == "shopper"


def test_outlet_staff_keep_their_role_until_removed_from_the_outlet(client, staff):
    clerk = factories.user(email="thu@example.vn", role="outlet")
    factories.outlet(staff=clerk)
    db.session.commit()

    response = client.post(f"/quan-tri/nguoi-dung/{clerk.id}/vai-tro", data={"role": "shopper"})

    assert "hãy đưa chị ra khỏi cửa hàng" in response.get_data(as_text=True)


def test_staff_cannot_change_or_deactivate_themselves(client, staff):
    response = client.post(f"/quan-tri/nguoi-dung/{staff.id}/khoa", data={"reason": "Thử"})

    assert response.status_code == 422
    assert "Bạn không thể tự sửa tài khoản của mình ở đây" in response.get_data(as_text=True)
    db.session.refresh(staff)
    assert staff.is_active_account


def test_a_deactivated_user_is_signed_out_at_once_and_cannot_sign_in(app, client, staff, lan):
    her = app.test_client()
    her.post("/dang-nhap", data={"identifier": "lan@example.vn", "password": "mat-khau-tot-1"})
    assert her.get("/tai-khoan").status_code == 200

    assert "Hãy ghi lý do khóa tài khoản." in client.post(
        f"/quan-tri/nguoi-dung/{lan.id}/khoa", data={"reason": " "}
    ).get_data(as_text=True)
    client.post(f"/quan-tri/nguoi-dung/{lan.id}/khoa", data={"reason": "Tài khoản bị lộ mật khẩu"})

    assert her.get("/tai-khoan").status_code == 302  # her open session ended
    again = her.post("/dang-nhap", data={"identifier": "lan@example.vn", "password": "mat-khau-tot-1"})
    assert "không đúng" in again.get_data(as_text=True)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.deactivate"))
    assert event.reason == "Tài khoản bị lộ mật khẩu"

    client.post(f"/quan-tri/nguoi-dung/{lan.id}/mo-khoa")
    her.post("/dang-nhap", data={"identifier": "lan@example.vn", "password": "mat-khau-tot-1"})
    assert her.get("/tai-khoan").status_code == 200


def test_the_last_active_union_staff_cannot_be_removed(client, staff):
    other = factories.user(email="canbo2@hoi.vn", role="staff")
    db.session.commit()
    client.post(f"/quan-tri/nguoi-dung/{other.id}/khoa", data={"reason": "Nghỉ việc"})

    db.session.refresh(other)
    assert not other.is_active_account  # another staff member is still active: allowed
    with pytest.raises(people.PersonError):
        people.deactivate(staff=other, user_id=staff.id, reason="Thử")


def test_a_password_link_is_emailed_and_audited(client, staff, lan, outbox):
    response = client.post(f"/quan-tri/nguoi-dung/{lan.id}/mat-khau", follow_redirects=True)

    assert "Đã gửi đường dẫn đặt mật khẩu mới đến lan@example.vn." in response.get_data(as_text=True)
    assert [m["To"] for m in outbox] == ["lan@example.vn"]
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.subject_id == lan.id)) == "user.password_reset"
