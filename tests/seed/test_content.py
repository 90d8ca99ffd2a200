"""The demo tables themselves, and the text helpers that turn their names into slugs and search text."""

from __future__ import annotations

from vietnam_provinces import ProvinceCode, Ward

from app.catalog.models import CERTIFICATIONS, UNITS
from app.core.text import fold, slugify
from app.seed.data import CATEGORIES, OUTLETS, PRODUCTS, SELLERS
from app.seed.demo import validate_content
from app.seed.images import product_picture

PROVINCE_WARDS = {int(w.code) for w in Ward.iter_by_province(ProvinceCode(75))}


def test_fold_removes_accents_and_lowers_case():
    assert fold("Yến sào Đồng Nai") == "yen sao dong nai"
    assert fold("ĐÔNG TRÙNG HẠ THẢO") == "dong trung ha thao"
    assert fold("Hạt điều rang muối") == "hat dieu rang muoi"
    assert fold("") == ""


def test_slugify_makes_ascii_url_slugs():
    assert slugify("Áo thun & may mặc") == "ao-thun-may-mac"
    assert slugify("Khăn thổ cẩm S'tiêng Bom Bo") == "khan-tho-cam-s-tieng-bom-bo"
    assert slugify("  Chà bông – Mắm ruốc  ") == "cha-bong-mam-ruoc"
    assert len(slugify("rau " * 100, max_length=20)) <= 20


def test_the_tables_pass_their_own_checks():
    validate_content()


def test_every_ward_code_is_a_real_ward_of_province_75():
    codes = {o.ward_code for o in OUTLETS} | {c for o in OUTLETS for c in o.area} | {s.ward_code for s in SELLERS}
    assert codes <= PROVINCE_WARDS


def test_products_use_known_units_certifications_and_categories():
    leaves = {c.slug for top in CATEGORIES for c in (top.children or (top,))}
    for spec in PRODUCTS:
        assert spec.unit in UNITS and set(spec.certs) <= set(CERTIFICATIONS)
        assert spec.category in leaves, spec.name
        assert 1 <= len(spec.variants) <= 4 and all(v.price > 0 and v.grams > 0 for v in spec.variants)
        assert all(len(spec.sku(v)) <= 40 for v in spec.variants)


def test_category_slugs_are_ascii_and_unique():
    slugs = [c.slug for top in CATEGORIES for c in (top, *top.children)]
    assert len(slugs) == len(set(slugs)) and all(s == slugify(s) for s in slugs)


def test_pictures_are_deterministic_and_differ_per_product():
    first = product_picture(name="Yến sào", seller="HTX", category="yen-sao", seed="yen-sao")
    again = product_picture(name="Yến sào", seller="HTX", category="yen-sao", seed="yen-sao")
    other = product_picture(name="Hạt điều", seller="HTX", category="hat-dieu", seed="hat-dieu")
    assert first == again and first != other
    assert first[:3] == b"\xff\xd8\xff"
