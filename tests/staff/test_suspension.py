"""Suspension takes effect at once: the products leave the market; open orders are listed for staff."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.catalog.queries import visible_products
from app.core.extensions import db
from app.orders.models import Order, OrderLine, Shipment
from tests import factories
from tests.staff.factories import staff_user


@pytest.fixture
def staff(auth):
    user = staff_user()
    db.session.commit()
    auth.login(user.email)
    return user


def make_order(variant, outlet, *, number: str, status: str) -> Order:
    order = Order(
        number=number,
        idempotency_key=number,
        contact_name="Chị Hạnh",
        contact_phone="0912000111",
        contact_email="hanh@example.vn",
        fulfilment="pickup",
        pickup_outlet_id=outlet.id,
        subtotal_vnd=variant.price_vnd,
        total_vnd=variant.price_vnd,
        status=status,
    )
    db.session.add(order)
    db.session.flush()
    shipment = Shipment(order_id=order.id, outlet_id=outlet.id, status=status, pickup_code="123456")
    db.session.add(shipment)
    db.session.flush()
    db.session.add(
        OrderLine(
            order_id=order.id,
            shipment_id=shipment.id,
            variant_id=variant.id,
            seller_id=variant.seller_id,
            product_name="Yến sào",
            variant_label=variant.label,
            sku=variant.sku,
            unit_price_vnd=variant.price_vnd,
            quantity=1,
            line_total_vnd=variant.price_vnd,
        )
    )
    db.session.flush()
    return order


def test_suspending_a_seller_hides_its_products_from_the_home_page_at_once(client, staff):
    seller = factories.seller(status="approved")
    factories.product(seller_obj=seller, name="Yến sào Tân Phú thượng hạng")
    factories.product(name="Rau muống VietGAP")
    db.session.commit()
    assert "Yến sào Tân Phú thượng hạng" in client.get("/").get_data(as_text=True)

    client.post(f"/quan-tri/nguoi-ban/{seller.id}/quyet-dinh", data={"action": "suspend", "reason": "Kiểm tra"})
    home = client.get("/").get_data(as_text=True)
    assert "Yến sào Tân Phú thượng hạng" not in home
    assert "Rau muống VietGAP" in home
    assert seller.id not in {p.seller_id for p in db.session.scalars(visible_products())}

    client.post(f"/quan-tri/nguoi-ban/{seller.id}/quyet-dinh", data={"action": "reinstate", "reason": "Đã ổn"})
    assert "Yến sào Tân Phú thượng hạng" in client.get("/").get_data(as_text=True)


def test_staff_see_the_open_orders_of_a_suspended_seller(client, staff):
    seller = factories.seller(status="suspended")
    other = factories.seller(status="approved")
    outlet = factories.outlet()
    variant = factories.product(seller_obj=seller).variants[0]
    other_variant = factories.product(seller_obj=other).variants[0]
    make_order(variant, outlet, number="CPN-OPEN-1", status="confirmed")
    make_order(variant, outlet, number="CPN-DONE-1", status="completed")
    make_order(other_variant, outlet, number="CPN-OTHER-1", status="confirmed")
    db.session.commit()
    page = client.get(f"/quan-tri/nguoi-ban/{seller.id}").get_data(as_text=True)
    assert "CPN-OPEN-1" in page
    assert "CPN-DONE-1" not in page and "CPN-OTHER-1" not in page


@pytest.mark.parametrize("status", ["draft", "pending", "rejected", "suspended"])
def test_only_approved_sellers_products_are_visible(app, status):
    seller = factories.seller(status=status)
    factories.product(seller_obj=seller)
    db.session.commit()
    assert db.session.scalars(select(visible_products().subquery())).all() == []


def test_a_suspended_sellers_variants_can_no_longer_be_bought(client, staff):
    from app.orders.cart import load_variants

    seller = factories.seller(status="approved")
    variant = factories.product(seller_obj=seller).variants[0]
    db.session.commit()
    assert load_variants([variant.id])[1] == {variant.id}
    client.post(f"/quan-tri/nguoi-ban/{seller.id}/quyet-dinh", data={"action": "suspend", "reason": "Kiểm tra"})
    assert load_variants([variant.id])[1] == set()


def test_the_cart_reads_visibility_as_the_listings_do(app):
    """is_visible (read from loaded rows by the cart and checkout) and visible_products() (SQL, the
    listings) agree for every product status, hidden flag and seller status."""
    from app.catalog.queries import is_visible
    from app.core.vocab import ProductStatus, SellerStatus

    products = []
    for seller_status in SellerStatus:
        seller = factories.seller(status=seller_status)
        for product_status in ProductStatus:
            for hidden in (False, True):
                product = factories.product(seller_obj=seller, status=product_status)
                product.is_hidden = hidden
                products.append(product)
    db.session.commit()
    listed = {p.id for p in db.session.scalars(visible_products())}
    assert len(products) == 30 and len(listed) == 1
    assert {p.id for p in products if is_visible(p)} == listed
