"""The demo seed: what it puts in the database, that a second run adds nothing, and when it refuses."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from sqlalchemy import func, select
from vietnam_provinces import ProvinceCode, Ward

from app import create_app
from app.accounts.models import User
from app.accounts.services import authenticate
from app.catalog.images import file_names
from app.catalog.models import Category, Product, ProductImage, Variant
from app.catalog.queries import visible_products
from app.config import TestConfig
from app.core.extensions import db
from app.core.storage import get_storage
from app.core.text import fold, slugify
from app.outlets import stock as ledger
from app.outlets.models import Outlet, OutletStaff, OutletWard, StockMovement, StockRecord
from app.seed import SeedRefused, seed_demo
from app.sellers.models import SELLER_KINDS, Seller, SellerMember
from tests import factories

PROVINCE_WARDS = {int(w.code): w.name for w in Ward.iter_by_province(ProvinceCode(75))}
MODELS = (Category, Outlet, OutletWard, Seller, Product, Variant, StockRecord, StockMovement, ProductImage, User)


def counts() -> dict[str, int]:
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model)) for model in MODELS}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """One app seeded twice (the first run through only_if_empty on an empty database)."""

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = "sqlite://"  # always SQLite: this fixture outlives one test
        MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))

    application = create_app(Config)
    with application.app_context():
        db.create_all()
        first = seed_demo(only_if_empty=True)
        after_first = counts()
        second = seed_demo()
        application.config["SEED_RUNS"] = (first, after_first, second, counts())
        yield application
        db.session.remove()
        db.drop_all()


@pytest.fixture
def ctx(seeded):
    with seeded.app_context():
        yield seeded


def test_a_second_run_adds_nothing(ctx):
    first, after_first, second, after_second = ctx.config["SEED_RUNS"]
    assert "Demo data ready" in first and "97 products" in first
    assert after_second == after_first
    assert "Added this run: nothing" in second


def test_outlets_are_union_shops_in_real_wards_of_dong_nai(ctx):
    outlets = list(db.session.scalars(select(Outlet)))
    assert len(outlets) >= 12
    towns = {o.name.removeprefix("Cửa hàng tiêu thụ sản phẩm phụ nữ khởi nghiệp ") for o in outlets}
    assert {"Đồng Xoài", "Bình Long", "Phước Long", "Chơn Thành", "Lộc Ninh", "Bù Đăng"} <= towns
    assert {"Trấn Biên", "Long Khánh", "Long Thành", "Nhơn Trạch", "Trảng Bom", "Xuân Lộc", "Định Quán"} <= towns
    for outlet in outlets:
        assert outlet.province_code == 75 and outlet.ward_code in PROVINCE_WARDS
        assert 3 <= len(outlet.areas) <= 8 and outlet.ward_code in outlet.delivery_ward_codes
        assert outlet.delivery_ward_codes <= PROVINCE_WARDS.keys()
        assert 10.5 < outlet.latitude < 12.2 and 106.4 < outlet.longitude < 107.7
        assert 15000 <= outlet.delivery_fee_vnd <= 30000
        assert re.fullmatch(r"\d{1,2}:\d{2}–\d{2}:\d{2} .+", outlet.hours) and outlet.opens_at < outlet.closes_at
    assert sum(not o.offers_delivery for o in outlets) >= 2
    assert all(o.offers_pickup for o in outlets)


def test_sellers_cover_every_kind_with_believable_details(ctx):
    sellers = list(db.session.scalars(select(Seller)))
    approved = [s for s in sellers if s.status == "approved"]
    assert len(sellers) >= 15
    assert {s.kind for s in approved} == set(SELLER_KINDS)
    assert Counter(s.status for s in sellers) == {"approved": len(sellers) - 2, "pending": 1, "suspended": 1}
    assert sum(s.is_featured for s in sellers) == 4 and all(s.is_approved for s in sellers if s.is_featured)
    for seller in sellers:
        assert seller.slug == slugify(seller.name) and seller.slug.isascii()
        assert re.fullmatch(r"0\d{9}", seller.phone)
        assert seller.province_code == 75 and seller.ward_code in PROVINCE_WARDS
        assert 0 < seller.women_members_count <= seller.members_count
        assert seller.story.count(".") >= 2 and seller.representative
        if seller.kind in ("cooperative", "household"):
            assert seller.registration_no
    assert "HTX Nấm đông trùng hạ thảo Phụ nữ Bình Phước" in {s.name for s in sellers}


def test_products_span_every_category_with_realistic_prices(ctx):
    products = list(db.session.scalars(select(Product)))
    assert len(products) >= 80
    top_of = {c.id: (c.parent.slug if c.parent else c.slug) for c in db.session.scalars(select(Category))}
    assert set(top_of.values()) == {top_of[p.category_id] for p in products}
    assert {"draft", "archived"} <= {p.status for p in products}
    assert 8 <= sum(p.is_featured for p in products) <= 12
    for product in products:
        assert 1 <= len(product.variants) <= 4
        assert product.slug == slugify(product.name)
        assert product.origin_province_code == 75 and product.origin_ward_code in PROVINCE_WARDS
        assert all(word in product.search_text.split() for word in re.findall(r"[a-z0-9]+", fold(product.name)))
        assert (product.ocop_stars is not None) == ("ocop" in product.certification_codes)
    by_top = Counter(top_of[p.category_id] for p in products)
    assert min(by_top.values()) >= 5


def price_of(name: str, label: str) -> int:
    product = db.session.scalar(select(Product).where(Product.name == name))
    return next(v.price_vnd for v in product.variants if v.label == label)


def test_prices_follow_the_market(ctx):
    leafy = db.session.scalars(select(Product).join(Category).where(Category.slug.in_(["rau-an-la", "cu-qua"])))
    for product in leafy:
        per_kg = [v.price_per_kg for v in product.variants if product.sold_by_weight]
        assert all(25000 <= p <= 60000 for p in per_kg), product.name
    assert 2_500_000 <= price_of("Yến tinh chế nguyên tổ Bù Đăng", "Hộp 100 g") <= 3_500_000
    assert price_of("Yến tinh chế nguyên tổ Bù Đăng", "Hộp 50 g") < 2_000_000
    assert 300_000 <= price_of("Đông trùng hạ thảo sấy thăng hoa", "Hũ 10 g") <= 600_000
    assert 180_000 <= price_of("Hạt điều rang muối vỏ lụa Phước Long", "Túi 500 g") <= 250_000
    tee = db.session.scalar(select(Product).where(Product.name == "Áo thun cotton cổ tròn màu trắng"))
    assert [v.label for v in tee.variants] == ["Size S", "Size M", "Size L", "Size XL"]
    assert all(120_000 <= v.price_vnd <= 180_000 for v in tee.variants)


def test_skus_are_unique_per_seller(ctx):
    rows = db.session.execute(select(Variant.seller_id, Variant.sku)).all()
    assert len(rows) == len(set(rows))


def test_accent_free_search_text_finds_vietnamese_names(ctx):
    hits = db.session.scalars(select(Product.name).where(Product.search_text.contains("yen sao"))).all()
    assert "Yến tinh chế nguyên tổ Bù Đăng" in hits


def test_products_of_pending_and_suspended_sellers_exist_but_are_hidden(ctx):
    hidden = db.session.scalars(
        select(Product).join(Seller).where(Seller.status.in_(["pending", "suspended"]), Product.status == "active")
    ).all()
    visible_ids = set(db.session.scalars(visible_products().with_only_columns(Product.id)))
    assert len(hidden) >= 2
    assert not visible_ids & {p.id for p in hidden}
    assert len(visible_ids) >= 70


def test_every_active_variant_is_in_stock_records_that_the_ledger_explains(ctx):
    active = db.session.scalars(
        select(Variant).join(Product).where(Product.status == "active", Variant.is_active.is_(True))
    ).all()
    stocked = set(db.session.scalars(select(StockRecord.variant_id)))
    assert {v.id for v in active} <= stocked
    assert ledger.verify() == []
    records = db.session.scalars(select(StockRecord)).all()
    assert all(0 <= r.on_hand <= 60 and r.reserved == 0 for r in records)
    assert sum(r.on_hand > 0 for r in records) > 0.8 * len(records)
    kinds = Counter(db.session.scalars(select(StockMovement.kind)))
    assert kinds == {"received": sum(r.on_hand > 0 for r in records)}


def test_every_product_has_pictures_from_the_image_pipeline(ctx):
    storage = get_storage()
    for product in db.session.scalars(select(Product)):
        assert 1 <= len(product.images) <= 2, product.name
        assert product.images[0].alt == product.name
        for image in product.images:
            assert (image.width, image.height) == (800, 800)
            assert all(storage.exists(name) for name in file_names(image.storage_key))


@pytest.mark.parametrize("email", ["shopper@demo.vn", "seller@demo.vn", "outlet@demo.vn", "staff@demo.vn"])
def test_demo_accounts_sign_in_with_the_demo_password(ctx, email):
    user = authenticate(identifier=email, password="matkhau-demo")
    assert user.role == email.split("@")[0]


def test_demo_accounts_hold_their_posts(ctx):
    shopper = authenticate(identifier="0901234567", password="matkhau-demo")
    assert (shopper.email, shopper.full_name) == ("shopper@demo.vn", "Nguyễn Thị Lan")
    seller_user = db.session.scalar(select(User).where(User.email == "seller@demo.vn"))
    membership = db.session.scalar(select(SellerMember).where(SellerMember.user_id == seller_user.id))
    assert membership.is_owner and membership.seller.kind == "cooperative" and membership.seller.is_approved
    outlet_user = db.session.scalar(select(User).where(User.email == "outlet@demo.vn"))
    assert db.session.scalar(select(OutletStaff).where(OutletStaff.user_id == outlet_user.id)) is not None
    phones = db.session.scalars(select(User.phone)).all()
    assert len(phones) == len(set(phones)) == 4


def test_seeding_is_refused_in_production(app):
    app.config["ENV_NAME"] = "production"

    with pytest.raises(SeedRefused):
        seed_demo()
    assert db.session.scalar(select(func.count()).select_from(Outlet)) == 0


def test_only_if_empty_leaves_a_database_with_products_alone(app):
    factories.product(name="Rau muống nhà trồng")
    db.session.commit()
    before = counts()

    report = seed_demo(only_if_empty=True)

    assert counts() == before
    assert "already has products" in report


def test_the_cli_command_says_when_it_did_nothing(app, runner):
    factories.product()
    db.session.commit()

    result = runner.invoke(args=["seed-demo", "--if-empty"])

    assert result.exit_code == 0 and "already has products" in result.output
    assert db.session.scalar(select(func.count()).select_from(Seller)) == 1
