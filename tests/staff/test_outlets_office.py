"""Union staff open, change and close outlets and say who works there; bad input is refused, nothing half-written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.consignments.models import Consignment
from app.core.audit import AuditEvent
from app.core.extensions import db
from app.outlets.models import Outlet, OutletStaff
from tests import factories
from tests.orders.factories import place, stocked_variant
from tests.staff.factories import staff_user

HANOI_WARD = 4  # Phường Ba Đình, Hà Nội
DONG_XOAI, TRAN_BIEN = 25210, 26041


@pytest.fixture
def staff(client, auth):
    user = staff_user()
    db.session.commit()
    auth.login(user.email)
    return user


def good(**changes) -> dict:
    data = {
        "name": "Cửa hàng tiêu thụ sản phẩm phụ nữ khởi nghiệp Đồng Xoài",
        "short_name": "Cửa hàng Đồng Xoài",
        "street": "Số 1 đường Phú Riềng Đỏ",
        "ward_code": DONG_XOAI,
        "latitude": "11,5349",
        "longitude": "106.8833",
        "phone": "0271 3879 123",
        "hours": "7:00–20:00 hằng ngày",
        "opens_at": "07:00",
        "closes_at": "20:00",
        "offers_pickup": "y",
        "offers_delivery": "y",
        "delivery_fee_vnd": "15.000",
        "priority": "10",
        "delivery_wards": [DONG_XOAI, TRAN_BIEN],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_staff_open_an_outlet_with_its_delivery_wards(client, staff):
    response = client.post("/quan-tri/cua-hang/moi", data=good())

    outlet = db.session.scalar(select(Outlet))
    assert response.status_code == 302
    assert (outlet.short_name, outlet.display_name, outlet.province_code) == ("Cửa hàng Đồng Xoài",) * 2 + (75,)
    assert (outlet.latitude, outlet.longitude, outlet.delivery_fee_vnd, outlet.priority) == (
        11.5349,
        106.8833,
        15000,
        10,
    )
    assert outlet.phone == "0271 3879 123"
    assert outlet.delivery_ward_codes == {DONG_XOAI, TRAN_BIEN}
    assert db.session.scalar(select(AuditEvent.action)) == "outlet.create"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "cửa hàng tiêu thụ sản phẩm phụ nữ khởi nghiệp  ĐỒNG XOÀI"}, "Đã có cửa hàng khác mang tên này."),
        ({"latitude": "91", "longitude": "106"}, "Vĩ độ phải nằm trong khoảng -90 đến 90."),
        ({"longitude": "-181"}, "Kinh độ phải nằm trong khoảng -180 đến 180."),
        ({"latitude": "48.85", "longitude": "2.35"}, "Vĩ độ này nằm ngoài Việt Nam"),
        ({"latitude": "mười", "longitude": "106"}, "Hãy nhập một số, ví dụ 10.9477."),
        ({"latitude": "", "longitude": "106.8"}, "Hãy nhập cả hai tọa độ, hoặc để trống cả hai."),
        ({"ward_code": HANOI_WARD}, "Phường, xã này không thuộc Đồng Nai."),
        ({"delivery_wards": [DONG_XOAI, HANOI_WARD]}, "Các phường, xã này không thuộc Đồng Nai: 4."),
        ({"opens_at": "21:00", "closes_at": "07:00"}, "Giờ đóng cửa phải sau giờ mở cửa."),
        ({"opens_at": "7 giờ"}, "Ghi giờ theo dạng hh:mm, ví dụ 07:30."),
        ({"delivery_fee_vnd": "-5"}, "Phí giao hàng phải từ 0 đến 1.000.000 đồng."),
        ({"name": ""}, "Hãy nhập tên cửa hàng."),
        ({"offers_pickup": None, "offers_delivery": None}, "Cửa hàng phải cho nhận tại chỗ, giao tận nơi hoặc cả hai."),
    ],
)
def test_bad_outlet_input_is_refused_next_to_its_field(client, staff, changes, message):
    factories.outlet(name="Cửa hàng tiêu thụ sản phẩm phụ nữ khởi nghiệp Đồng Xoài")
    db.session.commit()
    before = db.session.scalar(select(func.count(Outlet.id)))

    response = client.post(
        "/quan-tri/cua-hang/moi",
        data=good(name="Cửa hàng mới", **changes) if "name" not in changes else good(**changes),
    )

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Outlet.id))) == before
    assert db.session.scalar(select(func.count(AuditEvent.id))) == 0


def test_editing_an_outlet_records_what_changed(client, staff):
    outlet = factories.outlet(name="Cửa hàng A")
    db.session.commit()

    response = client.post(f"/quan-tri/cua-hang/{outlet.id}", data=good(name="Cửa hàng A", priority="5"))

    assert response.status_code == 302
    db.session.refresh(outlet)
    assert outlet.priority == 5
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "outlet.update"))
    assert "priority" in event.details["changed"] and "name" not in event.details["changed"]


def test_an_outlet_with_open_work_cannot_close_and_says_what_must_happen_first(client, staff):
    variant, outlet = stocked_variant(quantity=5)
    place((variant, 1), outlet_obj=outlet)  # one open shipment; 5 units still consigned
    db.session.add(Consignment(seller_id=variant.seller_id, outlet_id=outlet.id, status="sent"))
    db.session.commit()

    response = client.post(f"/quan-tri/cua-hang/{outlet.id}/dong", data={"reason": "Hết hợp đồng thuê"})
    page = response.get_data(as_text=True)

    assert response.status_code == 422
    assert "Chưa thể đóng cửa hàng này." in page
    assert "1 kiện hàng đang mở phải được giao hoặc hủy." in page
    assert "Còn 5 đơn vị hàng của 1 sản phẩm ký gửi tại đây: người bán phải nhận lại." in page
    assert "1 phiếu ký gửi đang trên đường phải được xác nhận hoặc hủy." in page
    db.session.refresh(outlet)
    assert outlet.is_active


def test_an_outlet_with_nothing_left_closes_and_reopens(client, staff):
    outlet = factories.outlet(name="Cửa hàng B")
    db.session.commit()

    assert "Hãy ghi lý do đóng cửa hàng." in client.post(
        f"/quan-tri/cua-hang/{outlet.id}/dong", data={"reason": ""}
    ).get_data(as_text=True)
    client.post(f"/quan-tri/cua-hang/{outlet.id}/dong", data={"reason": "Chuyển địa điểm"})
    db.session.refresh(outlet)
    assert not outlet.is_active
    client.post(f"/quan-tri/cua-hang/{outlet.id}/mo-lai")
    db.session.refresh(outlet)
    assert outlet.is_active
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["outlet.deactivate", "outlet.reactivate"]


def test_staff_are_added_to_one_outlet_and_removed(client, staff):
    a, b = factories.outlet(name="Cửa hàng A"), factories.outlet(name="Cửa hàng B")
    clerk = factories.user(email="thu@example.vn", full_name="Lê Thị Thu")
    db.session.commit()

    client.post(f"/quan-tri/cua-hang/{a.id}/nhan-vien", data={"email": "thu@example.vn"})
    db.session.refresh(clerk)
    assert clerk.role == "outlet"
    twice = client.post(f"/quan-tri/cua-hang/{b.id}/nhan-vien", data={"email": "thu@example.vn"})
    assert twice.status_code == 422 and "Lê Thị Thu đang làm việc tại Cửa hàng A." in twice.get_data(as_text=True)
    nobody = client.post(f"/quan-tri/cua-hang/{b.id}/nhan-vien", data={"email": "khong@example.vn"})
    assert "Không có tài khoản nào dùng email hoặc số điện thoại này." in nobody.get_data(as_text=True)

    client.post(f"/quan-tri/cua-hang/{a.id}/nhan-vien/{clerk.id}/xoa")

    db.session.refresh(clerk)
    assert clerk.role == "shopper"
    assert db.session.scalar(select(func.count(OutletStaff.id))) == 0
    assert client.get("/quan-tri/nhat-ky").get_data(as_text=True).count("Lê Thị Thu") >= 2


def test_the_outlet_pages_render(client, staff):
    outlet = factories.outlet(name="Cửa hàng A")
    db.session.commit()
    assert "Cửa hàng A" in client.get("/quan-tri/cua-hang").get_data(as_text=True)
    assert client.get(f"/quan-tri/cua-hang/{outlet.id}").status_code == 200
    assert client.get("/quan-tri/cua-hang/moi").status_code == 200
    assert client.get("/quan-tri/cua-hang/9999").status_code == 404
