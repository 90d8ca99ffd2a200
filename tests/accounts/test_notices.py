"""The notification centre: every notice that is emailed is also here, with the unread count in the
header; optional kinds follow her preferences, order updates cannot be turned off."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.accounts import notices
from app.accounts.models import NoticePreference, Notification
from app.core.extensions import db
from app.core.vocab import NoticeKind
from tests import factories
from tests.orders.factories import place, stocked_variant


@pytest.fixture
def lan(app, auth):
    user = factories.user(email="lan@example.vn")
    db.session.commit()
    auth.login("lan@example.vn")
    return user


def unread(user) -> int:
    return db.session.scalar(
        select(func.count(Notification.id)).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )


def test_an_order_email_is_also_a_notice_with_the_unread_count(app, client, lan, outbox):
    variant, outlet = stocked_variant()
    db.session.commit()
    order = place((variant, 1), user=lan, outlet_obj=outlet)
    assert [m["To"] for m in outbox] == ["lan@example.vn"]
    page = client.get("/tai-khoan/thong-bao").get_data(as_text=True)
    assert f"Đã nhận đơn hàng {order.number}" in page
    assert "1 thông báo chưa đọc." in page and "Cập nhật đơn hàng" in page
    assert '<span class="badge">1</span>' in client.get("/").get_data(as_text=True)


def test_opening_a_notice_marks_it_read_and_follows_its_link(app, client, lan):
    variant, outlet = stocked_variant()
    db.session.commit()
    order = place((variant, 1), user=lan, outlet_obj=outlet)
    notice = db.session.scalar(select(Notification).where(Notification.user_id == lan.id))
    response = client.post(f"/tai-khoan/thong-bao/{notice.id}")
    assert response.headers["Location"] == f"/don-hang/{order.number}"
    assert unread(lan) == 0


def test_mark_all_read(client, lan):
    for i in range(3):
        db.session.add(Notification(user_id=lan.id, message=f"Tin {i}", kind=NoticeKind.SERVICE))
    db.session.commit()
    page = client.post("/tai-khoan/thong-bao/da-doc", follow_redirects=True).get_data(as_text=True)
    assert "Mọi thông báo đã được đánh dấu là đã đọc." in page
    assert unread(lan) == 0


def test_someone_elses_notice_is_neither_opened_nor_marked(client, lan):
    other = factories.user(email="mai@example.vn")
    notice = Notification(user_id=other.id, message="Tin của Mai", link="/don-hang/PN-26-000001")
    db.session.add(notice)
    db.session.commit()
    assert client.post(f"/tai-khoan/thong-bao/{notice.id}").headers["Location"] == "/tai-khoan/thong-bao"
    assert unread(other) == 1
    assert "Tin của Mai" not in client.get("/tai-khoan/thong-bao").get_data(as_text=True)


def test_a_notice_link_cannot_send_her_to_another_site(client, lan):
    notice = Notification(user_id=lan.id, message="Lạ", link="//evil.example/x")
    db.session.add(notice)
    db.session.commit()
    assert client.post(f"/tai-khoan/thong-bao/{notice.id}").headers["Location"] == "/tai-khoan/thong-bao"


def test_preferences_turn_optional_notices_off_but_never_order_updates(app, client, lan, outbox):
    page = client.get("/tai-khoan/thong-bao/cai-dat").get_data(as_text=True)
    assert "Cập nhật đơn hàng" in page and "disabled" in page
    client.post("/tai-khoan/thong-bao/cai-dat", data={"favourite_in_site": "y", "review_by_email": "y"})
    choices = notices.preferences(lan)
    assert choices["favourite"] == notices.Choice(in_site=True, by_email=False)
    assert choices["review"] == notices.Choice(in_site=False, by_email=True)
    with app.test_request_context():
        assert notices.deliver(user=lan, kind=NoticeKind.FAVOURITE, subject="Có hàng", body="Xoài đã về")
        assert notices.deliver(user=lan, kind=NoticeKind.ORDER, subject="Đơn", body="Đã giao")
    db.session.commit()
    assert [m["Subject"] for m in outbox] == ["Đơn"]
    assert unread(lan) == 2
    rows = db.session.scalar(select(func.count()).select_from(NoticePreference))
    assert rows == 2  # one per optional kind; nothing stored for the mandatory ones


def test_both_off_sends_nothing_at_all(app, lan, outbox):
    with app.test_request_context():
        notices.save_preferences(user=lan, choices={"review": notices.Choice(False, False)})
        assert not notices.deliver(user=lan, kind=NoticeKind.REVIEW, subject="Trả lời", body="…")
    db.session.commit()
    assert outbox == [] and unread(lan) == 0


def test_notices_need_an_account(client):
    assert client.get("/tai-khoan/thong-bao").status_code == 302
