"""Catalog test data: a small shop with categories, sellers, products, photos, outlets and stock."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from app.catalog.models import Category, Product, ProductCertification, ProductImage
from app.core.extensions import db
from app.outlets.models import Outlet
from app.sellers.models import Seller
from tests import factories

_seq = itertools.count(1)


def image(product: Product, *, position: int = 0) -> ProductImage:
    n = next(_seq)
    obj = ProductImage(product_id=product.id, storage_key=f"{n:064x}"[:64], width=1280, height=1280, position=position)
    db.session.add(obj)
    db.session.flush()
    return obj


def certify(product: Product, *codes: str) -> None:
    for code in codes:
        db.session.add(ProductCertification(product_id=product.id, code=code))
    db.session.flush()


@dataclass
class Shop:
    food: Category
    nest: Category
    clothes: Category
    coop: Seller
    woman: Seller
    nest_box: Product
    cordyceps: Product
    tshirt: Product
    mango: Product
    outlet_a: Outlet
    outlet_b: Outlet


def shop() -> Shop:
    """Four products of two sellers in a small category tree, stocked at two outlets."""
    food = factories.category(slug="dac-san", name_vi="Đặc sản")
    food.name_en = "Specialities"
    nest = factories.category(slug="yen-sao", name_vi="Yến sào", parent=food)
    nest.name_en = "Bird's nest"
    clothes = factories.category(slug="may-mac", name_vi="May mặc")
    clothes.name_en = "Clothing"
    coop = factories.seller(kind="cooperative", name="HTX Yến sào Bình Phước")
    coop.story = "Mười hai chị em cùng nuôi yến từ năm 2015."
    woman = factories.seller(kind="individual", name="Chị Nguyễn Thị Lan")
    nest_box = factories.product(
        seller_obj=coop,
        category_obj=nest,
        name="Yến sào Bình Phước hộp 100g",
        price=2_500_000,
        variants=2,
        ocop_stars=4,
        summary="Tổ yến nguyên chất",
        origin_province_code=75,
        origin_ward_code=25210,
    )
    cordyceps = factories.product(
        seller_obj=coop,
        category_obj=food,
        name="Nấm đông trùng hạ thảo sấy khô",
        price=450_000,
        ocop_stars=3,
        description="Nuôi trồng cạnh nhà yến.",
    )
    tshirt = factories.product(seller_obj=woman, category_obj=clothes, name="Áo thun cotton in hoa", price=120_000)
    mango = factories.product(
        seller_obj=woman, category_obj=food, name="Xoài cát Hòa Lộc", price=60_000, sold_by_weight=True
    )
    for p in (nest_box, cordyceps, tshirt, mango):
        image(p)
    certify(mango, "vietgap")
    certify(nest_box, "ocop", "haccp")
    outlet_a = factories.outlet(name="Cửa hàng Đồng Xoài")
    outlet_b = factories.outlet(name="Cửa hàng Biên Hòa")
    factories.stock(variant=nest_box.variants[0], outlet_obj=outlet_a, on_hand=5)
    factories.stock(variant=nest_box.variants[0], outlet_obj=outlet_b, on_hand=2)
    factories.stock(variant=mango.variants[0], outlet_obj=outlet_b, on_hand=30)
    factories.stock(variant=tshirt.variants[0], outlet_obj=outlet_a, on_hand=0)
    nest_box.sold_count, cordyceps.sold_count, tshirt.sold_count, mango.sold_count = 50, 10, 5, 80
    db.session.commit()
    return Shop(food, nest, clothes, coop, woman, nest_box, cordyceps, tshirt, mango, outlet_a, outlet_b)
