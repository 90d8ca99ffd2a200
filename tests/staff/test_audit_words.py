"""The audit trail reads as sentences with links, filters by person, kind and day, and exports to CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from app.core import audit
from app.core.extensions import db
from app.core.timeutil import utcnow
from tests import factories
from tests.reports import factories as rf
from tests.staff.factories import staff_user


@pytest.fixture
def world(client, auth):
    lan = factories.user(email="lan@hoi.vn", role="staff", full_name="Nguyễn Thị Lan")
    clerk = factories.user(email="thu@example.vn", role="outlet", full_name="Lê Thị Thu")
    seller = factories.seller(name="HTX X", status="approved")
    product = factories.product(seller_obj=seller, name="Yến sào hộp 100 g")
    outlet = factories.outlet(name="Cửa hàng Trấn Biên", staff=clerk)
    order = rf.order((product.variants[0], 1), outlet_obj=outlet)
    reader = staff_user()
    audit.record(
        actor_id=lan.id, action="seller.approve", subject_type="seller", subject_id=seller.id, reason="Đủ giấy tờ"
    )
    audit.record(
        actor_id=lan.id, action="product.hide", subject_type="product", subject_id=product.id, reason="Ảnh sai"
    )
    audit.record(
        actor_id=lan.id, action="payment.refund", subject_type="order", subject_id=order.id, reason="Hàng dập",
        details={"amount_vnd": 120000},
    )  # fmt: skip
    audit.record(
        actor_id=clerk.id, action="shipment.ready_for_pickup", subject_type="shipment", subject_id=order.shipments[0].id
    )
    old = audit.record(
        actor_id=None, action="seller.suspend", subject_type="seller", subject_id=seller.id, reason="Hết hạn"
    )
    old.created_at = utcnow() - timedelta(days=10)
    db.session.commit()
    auth.login(reader.email)
    return {"lan": lan, "seller": seller, "product": product, "order": order, "clerk": clerk}


def test_each_row_is_a_sentence_with_a_link_to_what_changed(client, world):
    page = client.get("/quan-tri/nhat-ky").get_data(as_text=True)
    seller, product, order = world["seller"], world["product"], world["order"]

    approved = "Nguyễn Thị Lan (cán bộ Hội) duyệt người bán HTX X — lý do: Đủ giấy tờ"
    assert f'<a href="/quan-tri/nguoi-ban/{seller.id}">{approved}</a>' in page
    assert (
        f'href="/san-pham/{product.slug}">Nguyễn Thị Lan (cán bộ Hội) ẩn sản phẩm Yến sào hộp 100 g — lý do: Ảnh sai'
        in page
    )
    assert f"Nguyễn Thị Lan (cán bộ Hội) hoàn 120.000\xa0₫ cho đơn hàng {order.number} — lý do: Hàng dập" in page
    assert f"Lê Thị Thu (nhân viên cửa hàng) chuyển đơn hàng {order.number} sang “Sẵn sàng để nhận”" in page
    assert "Hệ thống tạm ngưng người bán HTX X — lý do: Hết hạn" in page
    assert "seller.approve" not in page and f"product #{product.id}" not in page


def test_the_same_row_reads_in_english(client, world):
    page = client.get("/quan-tri/nhat-ky?lang=en").get_data(as_text=True)
    assert "Nguyễn Thị Lan (union staff) approved seller HTX X — reason: Đủ giấy tờ" in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?kind=product", ["ẩn sản phẩm"], ["duyệt người bán", "hoàn 120.000"]),
        ("?kind=payment", ["hoàn 120.000"], ["ẩn sản phẩm"]),
        ("?kind=seller", ["duyệt người bán", "tạm ngưng"], ["ẩn sản phẩm"]),
        (f"?until={(utcnow() - timedelta(days=5)).date()}", ["tạm ngưng"], ["duyệt người bán"]),
        (f"?since={(utcnow() - timedelta(days=2)).date()}", ["duyệt người bán"], ["tạm ngưng"]),
    ],
)
def test_the_trail_filters_by_kind_and_day(client, world, query, shown, hidden):
    page = client.get("/quan-tri/nhat-ky" + query).get_data(as_text=True)
    assert all(s in page for s in shown)
    assert not any(h in page for h in hidden)


def test_the_trail_filters_by_person(client, world):
    page = client.get(f"/quan-tri/nhat-ky?person={world['clerk'].id}").get_data(as_text=True)
    assert "Lê Thị Thu (nhân viên cửa hàng)" in page and "duyệt người bán" not in page


def test_the_csv_holds_the_same_sentences_and_filters(client, world):
    response = client.get("/quan-tri/nhat-ky.csv?kind=seller")
    text = response.get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text[1:])))

    assert text.startswith("\ufeff") and response.mimetype == "text/csv"
    assert rows[0] == ["Thời gian", "Người thực hiện", "Việc đã làm", "Thao tác", "Bản ghi", "Lý do"]
    assert [r[2] for r in rows[1:]] == [
        "Nguyễn Thị Lan (cán bộ Hội) duyệt người bán HTX X — lý do: Đủ giấy tờ",
        "Hệ thống tạm ngưng người bán HTX X — lý do: Hết hạn",
    ]
