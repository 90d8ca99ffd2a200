"""Union staff review sellers: the queue, decisions with notices and emails, assisted onboarding."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts.models import Notification
from app.core.audit import AuditEvent
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.sellers.models import Seller, SellerMember
from tests import factories
from tests.sellers import factories as sf
from tests.staff.factories import staff_user


@pytest.fixture
def staff(auth):
    user = staff_user()
    db.session.commit()
    auth.login(user.email)
    return user


def names_in(page: str, sellers) -> list[str]:
    return sorted((s.name for s in sellers if s.name in page), key=page.index)


def test_the_queue_shows_pending_sellers_oldest_first(client, staff):
    now = utcnow()
    newer = sf.pending_seller(name="HTX Mới gửi")
    older = sf.pending_seller(name="HTX Gửi lâu rồi")
    approved = factories.seller(status="approved", name="HTX Đã duyệt")
    newer.submitted_at, older.submitted_at = now, now - timedelta(days=3)
    db.session.commit()
    page = client.get("/quan-tri/nguoi-ban").get_data(as_text=True)
    assert names_in(page, [newer, older, approved]) == ["HTX Gửi lâu rồi", "HTX Mới gửi"]


def test_the_queue_filters_by_status_kind_province_and_ward(client, staff):
    coop = sf.pending_seller(name="HTX Biên Hòa", kind="cooperative")
    group = sf.pending_seller(name="Tổ liên kết Trấn Biên", kind="linkage_group")
    group.ward_code = 26041
    elsewhere = sf.pending_seller(name="HTX Hà Nội")
    elsewhere.province_code, elsewhere.ward_code = 1, sf.HANOI_WARD
    db.session.commit()
    all_three = [coop, group, elsewhere]
    assert names_in(client.get("/quan-tri/nguoi-ban?kind=linkage_group").get_data(as_text=True), all_three) == [
        group.name
    ]
    by_province = client.get("/quan-tri/nguoi-ban?province=75").get_data(as_text=True)
    assert set(names_in(by_province, all_three)) == {coop.name, group.name}
    by_ward = client.get(f"/quan-tri/nguoi-ban?province=75&ward={sf.BIEN_HOA}").get_data(as_text=True)
    assert names_in(by_ward, all_three) == [coop.name]
    approved = client.get("/quan-tri/nguoi-ban?status=approved").get_data(as_text=True)
    assert names_in(approved, all_three) == []


def test_the_application_page_shows_details_documents_and_actions(client, staff, private_documents):
    seller = sf.pending_seller(name="HTX Yến Sào")
    db.session.commit()
    page = client.get(f"/quan-tri/nguoi-ban/{seller.id}").get_data(as_text=True)
    assert "HTX Yến Sào" in page and "Phường Biên Hòa" in page and "3600123456" in page
    assert 'value="approve"' in page and 'value="reject"' in page and 'value="suspend"' not in page


@pytest.mark.parametrize(
    ("status", "action", "reason", "target", "subject_word"),
    [
        ("pending", "approve", "", "approved", "đã được duyệt"),
        ("pending", "reject", "Thiếu giấy phép", "rejected", "cần bổ sung"),
        ("approved", "suspend", "Hàng kém chất lượng", "suspended", "tạm ngừng"),
        ("suspended", "reinstate", "Đã khắc phục", "approved", "bán hàng trở lại"),
    ],
)
def test_every_decision_notifies_by_email_and_in_site_and_is_audited(
    client, staff, outbox, status, action, reason, target, subject_word
):
    owner = factories.user(email="chu@htx.vn")
    seller = factories.seller(status=status, members=[owner])
    db.session.commit()
    client.post(f"/quan-tri/nguoi-ban/{seller.id}/quyet-dinh", data={"action": action, "reason": reason})
    db.session.refresh(seller)
    assert seller.status == target
    assert [m["To"] for m in outbox] == ["chu@htx.vn"]
    assert subject_word in outbox[0]["Subject"]
    if reason:
        assert reason in outbox[0].get_content()
    notice = db.session.scalar(select(Notification).where(Notification.user_id == owner.id))
    assert subject_word in notice.message
    event = db.session.scalar(select(AuditEvent))
    assert (event.action, event.actor_id, event.reason or "", event.on_behalf) == (
        f"seller.{action}",
        staff.id,
        reason,
        False,
    )


def test_a_rejection_without_a_reason_is_refused_and_nothing_is_sent(client, staff, outbox):
    seller = sf.pending_seller()
    db.session.commit()
    response = client.post(
        f"/quan-tri/nguoi-ban/{seller.id}/quyet-dinh", data={"action": "reject", "reason": " "}, follow_redirects=True
    )
    assert "Vui lòng ghi lý do" in response.get_data(as_text=True)
    db.session.refresh(seller)
    assert seller.status == "pending" and outbox == []
    assert db.session.scalar(select(AuditEvent)) is None


def test_an_illegal_decision_is_refused_with_a_message(client, staff):
    seller = factories.seller(status="approved")
    db.session.commit()
    response = client.post(
        f"/quan-tri/nguoi-ban/{seller.id}/quyet-dinh", data={"action": "approve"}, follow_redirects=True
    )
    assert "không thể chuyển" in response.get_data(as_text=True)


def test_staff_register_a_seller_on_her_behalf_and_the_audit_says_so(client, staff):
    woman = factories.user(email="ba-tu@example.vn")
    db.session.commit()
    response = client.post(
        "/quan-tri/nguoi-ban/moi", data={**sf.application(name="Cơ sở bà Tư"), "owner_email": "ba-tu@example.vn"}
    )
    seller = db.session.scalar(select(Seller))
    assert response.status_code == 302
    assert seller.created_by_staff and seller.status == "draft"
    assert db.session.scalar(select(SellerMember.user_id).where(SellerMember.is_owner)) == woman.id
    client.post(f"/quan-tri/nguoi-ban/{seller.id}/sua", data=sf.application(name="Cơ sở bà Tư", story="Mới"))
    client.post(f"/quan-tri/nguoi-ban/{seller.id}/gui-duyet")
    db.session.refresh(seller)
    assert seller.status == "pending" and seller.story == "Mới"
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(e.action, e.on_behalf, e.actor_id) for e in events] == [
        ("seller.create", True, staff.id),
        ("seller.update", True, staff.id),
        ("seller.submit", True, staff.id),
    ]
    assert events[1].details["changed"] == ["story"]


def test_assisted_onboarding_refuses_an_unknown_owner_email_and_saves_nothing(client, staff):
    response = client.post("/quan-tri/nguoi-ban/moi", data={**sf.application(), "owner_email": "khong-co@x.vn"})
    assert "Chưa có tài khoản nào dùng email này" in response.get_data(as_text=True)
    assert db.session.scalar(select(Seller)) is None
    assert db.session.scalar(select(AuditEvent)) is None
