"""Upsert the demo products, their variants and certifications (natural keys: slug, seller + SKU)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.catalog.models import Category, Product, ProductCertification, Variant
from app.core.extensions import db
from app.core.places import ward_name
from app.core.timeutil import utcnow
from app.seed.data import CATEGORY_NOTES, PRODUCTS, SELLERS
from app.seed.specs import PROVINCE_CODE, ProductSpec, SellerSpec
from app.sellers.models import Seller

SELLER_SPECS: dict[str, SellerSpec] = {spec.key: spec for spec in SELLERS}
CERT_WORDS = {
    "vietgap": "Đạt chứng nhận VietGAP.",
    "globalgap": "Đạt chứng nhận GlobalGAP.",
    "organic": "Đạt chứng nhận hữu cơ.",
    "haccp": "Cơ sở sản xuất đạt chứng nhận HACCP.",
}


def product_rng(spec: ProductSpec, purpose: str) -> random.Random:
    """A random generator that gives the same numbers for this product on every run."""
    return random.Random(f"{purpose}:{spec.slug}")  # nosec B311: seeded for repeatable demo data, not security


def describe(spec: ProductSpec) -> str:
    """The product page's text: what it is, how to keep and use it, who made it, its labels."""
    seller = SELLER_SPECS[spec.seller]
    first = f"{spec.summary} {spec.detail}".strip()
    origin = f"Sản phẩm của {seller.name} ({ward_name(seller.ward_code)}, tỉnh Đồng Nai)."
    labels = [CERT_WORDS[code] for code in spec.certs if code in CERT_WORDS]
    if spec.ocop:
        labels.append(f"Sản phẩm OCOP {spec.ocop} sao.")
    return "\n\n".join(
        part for part in (first, CATEGORY_NOTES.get(spec.category, ""), " ".join([origin, *labels])) if part
    )


def _product_values(spec: ProductSpec, seller: Seller, category: Category) -> dict:
    rng = product_rng(spec, "sales")
    description = describe(spec)
    return {
        "seller_id": seller.id,
        "category_id": category.id,
        "name": spec.name,
        "summary": spec.summary,
        "description": description,
        "unit": spec.unit,
        "sold_by_weight": spec.sold_by_weight,
        "origin_province_code": PROVINCE_CODE,
        "origin_ward_code": seller.ward_code,
        "ocop_stars": spec.ocop,
        "is_featured": spec.featured,
        "sold_count": rng.randint(3, 400) * (3 if spec.featured else 1) if spec.status != "draft" else 0,
    }


def _new_product(spec: ProductSpec) -> Product:
    """A product as it is first created: its status and age are set once, never rewound."""
    age = product_rng(spec, "age")
    return Product(
        slug=spec.slug,
        status=spec.status,
        needs_review=spec.status != "active",
        created_at=utcnow() - timedelta(days=age.randint(1, 150), minutes=age.randint(0, 1439)),
    )


def _sync_certifications(product: Product, codes: tuple[str, ...]) -> None:
    wanted = set(codes)
    for cert in list(product.certifications):
        if cert.code not in wanted:
            product.certifications.remove(cert)
    have = {cert.code for cert in product.certifications}
    for code in sorted(wanted - have):
        product.certifications.append(ProductCertification(code=code))


def _sync_variants(
    spec: ProductSpec, product: Product, existing: dict[tuple[int, str], Variant], added: Counter
) -> None:
    for position, row in enumerate(spec.variants):
        key = (product.seller_id, spec.sku(row))
        variant = existing.get(key)
        if variant is None:
            variant = existing[key] = Variant(seller_id=product.seller_id, sku=key[1], is_active=True)
            db.session.add(variant)
            added["variants"] += 1
        variant.product = product
        variant.label = row.label
        variant.price_vnd = row.price
        variant.weight_grams = row.grams
        variant.position = position


def upsert_products(sellers: dict[str, Seller], categories: dict[str, Category], added: Counter) -> list[Product]:
    """Create missing products, refresh their content; statuses and stock are left as they are."""
    loaded = select(Product).options(
        selectinload(Product.variants), selectinload(Product.certifications), selectinload(Product.images)
    )
    products = {p.slug: p for p in db.session.scalars(loaded)}
    variants = {(v.seller_id, v.sku): v for v in db.session.scalars(select(Variant))}
    result = []
    for spec in PRODUCTS:
        product = products.get(spec.slug)
        if product is None:
            product = products[spec.slug] = _new_product(spec)
            db.session.add(product)
            added["products"] += 1
        for name, value in _product_values(spec, sellers[spec.seller], categories[spec.category]).items():
            setattr(product, name, value)
        _sync_certifications(product, spec.certs)
        _sync_variants(spec, product, variants, added)
        result.append(product)
    return result
