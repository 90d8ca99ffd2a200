"""Union staff keep the category tree: names in both languages, order, parents, moving products, deleting empty ones."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.catalog.models import Category, Product
from app.core.audit import AuditEvent
from app.core.extensions import db
from tests import factories
from tests.staff.factories import staff_user


@pytest.fixture
def staff(client, auth):
    user = staff_user()
    db.session.commit()
    auth.login(user.email)
    return user


@pytest.fixture
def tree(app):
    veg = factories.category(slug="rau-cu", name_vi="Rau củ quả")
    leafy = factories.category(slug="rau-la", name_vi="Rau lá", parent=veg)
    nest = factories.category(slug="yen-sao", name_vi="Yến sào")
    nest.name_en = "Bird's nest"
    product = factories.product(category_obj=leafy, name="Rau muống")
    db.session.commit()
    return {"veg": veg, "leafy": leafy, "nest": nest, "product": product}


def test_a_new_category_has_both_names_and_a_place(client, staff, tree):
    response = client.post(
        "/quan-tri/danh-muc",
        data={"name_vi": "Nấm đông trùng hạ thảo", "name_en": "Cordyceps", "parent_id": 0, "position": "3"},
    )

    made = db.session.scalar(select(Category).where(Category.name_en == "Cordyceps"))
    assert response.status_code == 302
    assert (made.slug, made.parent_id, made.position) == ("nam-dong-trung-ha-thao", None, 3)
    assert "Cán bộ Hội (cán bộ Hội) tạo danh mục Nấm đông trùng hạ thảo" in client.get("/quan-tri/nhat-ky").get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name_vi": "rau cu qua", "name_en": "Fruit"}, "Đã có danh mục mang tên này ở cùng vị trí trong cây."),
        ({"name_vi": "Trái cây", "name_en": "BIRD'S NEST"}, "Đã có danh mục mang tên này ở cùng vị trí trong cây."),
        ({"name_vi": "Trái cây", "name_en": ""}, "Hãy nhập tên bằng cả hai ngôn ngữ."),
        ({"name_vi": "Trái cây", "name_en": "Fruit", "position": "đầu"}, "Hãy nhập một số nguyên."),
        ({"name_vi": "Trái cây", "name_en": "Fruit", "parent_id": 9999}, "Không tìm thấy danh mục này."),
    ],
)
def test_bad_category_input_is_refused(client, staff, tree, data, message):
    before = db.session.scalar(select(func.count(Category.id)))

    response = client.post("/quan-tri/danh-muc", data={"parent_id": 0, "position": "0", **data})

    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Category.id))) == before


def test_the_same_name_is_fine_under_another_parent(client, staff, tree):
    response = client.post(
        "/quan-tri/danh-muc",
        data={"name_vi": "Rau củ quả", "name_en": "Vegetables", "parent_id": tree["nest"].id, "position": "0"},
    )
    assert response.status_code == 302


def test_a_category_cannot_move_under_its_own_child(client, staff, tree):
    veg, leafy = tree["veg"], tree["leafy"]

    response = client.post(
        f"/quan-tri/danh-muc?sua={veg.id}",
        data={"name_vi": veg.name_vi, "name_en": veg.name_en, "parent_id": leafy.id, "position": "1"},
    )

    assert response.status_code == 422
    assert "Không thể đặt một danh mục vào chính nó hoặc vào danh mục con của nó." in response.get_data(as_text=True)


def test_a_category_with_products_is_not_deleted_until_they_move(client, staff, tree):
    leafy, nest, product = tree["leafy"], tree["nest"], tree["product"]

    refused = client.post(f"/quan-tri/danh-muc/{leafy.id}/xoa")
    assert refused.status_code == 409
    assert "“Rau lá” vẫn còn 1 sản phẩm: hãy chuyển chúng sang danh mục khác trước." in refused.get_data(as_text=True)
    parent = client.post(f"/quan-tri/danh-muc/{tree['veg'].id}/xoa")
    assert "“Rau củ quả” còn danh mục con" in parent.get_data(as_text=True)

    unchosen = client.post(f"/quan-tri/danh-muc/{leafy.id}/chuyen-san-pham", data={"target": 0})
    assert unchosen.status_code == 422
    assert "Hãy chọn một danh mục khác để chuyển sản phẩm sang." in unchosen.get_data(as_text=True)
    client.post(f"/quan-tri/danh-muc/{leafy.id}/chuyen-san-pham", data={"target": nest.id})
    db.session.expire_all()
    assert db.session.get(Product, product.id).category_id == nest.id
    assert "yen sao" in db.session.get(Product, product.id).search_text  # searchable under its new category

    client.post(f"/quan-tri/danh-muc/{leafy.id}/xoa")
    assert db.session.get(Category, leafy.id) is None
    trail = client.get("/quan-tri/nhat-ky").get_data(as_text=True)
    assert "chuyển 1 sản phẩm từ danh mục Rau lá sang Yến sào" in trail
    assert "xóa danh mục Rau lá" in trail
    assert db.session.scalar(select(func.count(AuditEvent.id))) == 2


def test_the_tree_lists_children_under_their_parent_with_counts(client, staff, tree):
    page = client.get("/quan-tri/danh-muc").get_data(as_text=True)
    assert page.index("Rau củ quả") < page.index("Rau lá") and "1 sản phẩm" in page
