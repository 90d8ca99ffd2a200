"""seed_demo(): fill the database with the union's demo content, as often as you like.

Every row is found by its natural key (slug, email, seller + SKU, variant + outlet) and created
only when missing, so a second run adds nothing. Descriptive content (names, stories, prices)
is refreshed from the tables; workflow state (statuses, stock) is set once and never rewound.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from vietnam_provinces import ProvinceCode, Ward
from werkzeug.security import check_password_hash

from app.accounts.models import User
from app.accounts.services import hash_password
from app.catalog.models import Category, Product, ProductImage, Variant
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.outlets.models import Outlet, OutletStaff, OutletWard, StockMovement, StockRecord
from app.seed.data import (
    ACCOUNTS,
    CATEGORIES,
    DEMO_PASSWORD,
    OUTLET_ACCOUNT_AT,
    OUTLETS,
    PRODUCTS,
    SELLER_ACCOUNT_OF,
    SELLERS,
    AccountSpec,
)
from app.seed.photos import add_photos
from app.seed.products import upsert_products
from app.seed.specs import PROVINCE_CODE, CategorySpec
from app.seed.stock import stock_outlets
from app.sellers.models import Seller, SellerMember


class SeedRefused(RuntimeError):
    """Demo data may not be written here (a production database)."""


def seed_demo(*, only_if_empty: bool = False) -> str:
    """Write the demo content (idempotently), commit, and describe the database in one paragraph."""
    if current_app.config.get("ENV_NAME") == "production":
        raise SeedRefused("Demo data is refused in production.")
    if only_if_empty and db.session.scalar(select(Product.id).limit(1)) is not None:
        return "The database already has products, so no demo data was added."
    validate_content()
    started, added = time.perf_counter(), Counter()
    try:
        categories = upsert_categories(added)
        outlets = upsert_outlets(added)
        sellers = upsert_sellers(added)
        db.session.flush()
        products = upsert_products(sellers, categories, added)
        db.session.flush()
        stock_outlets(products, outlets, added)
        add_photos(products, added)
        upsert_accounts(sellers, outlets, added)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return describe_database(added, time.perf_counter() - started)


def validate_content() -> None:
    """Fail loudly on a mistake in the tables: unknown ward codes, repeated slugs or SKUs."""
    known = {int(ward.code) for ward in Ward.iter_by_province(ProvinceCode(PROVINCE_CODE))}
    wards = [o.ward_code for o in OUTLETS] + [c for o in OUTLETS for c in o.area] + [s.ward_code for s in SELLERS]
    unknown = sorted(set(wards) - known)
    if unknown:
        raise ValueError(f"Ward codes not in province {PROVINCE_CODE}: {unknown}")
    for label, keys in (
        ("outlet slug", [o.slug for o in OUTLETS]),
        ("seller slug", [s.slug for s in SELLERS]),
        ("product slug", [p.slug for p in PRODUCTS]),
        ("SKU", [(p.seller, p.sku(v)) for p in PRODUCTS for v in p.variants]),
    ):
        repeated = sorted(str(key) for key, n in Counter(keys).items() if n > 1)
        if repeated:
            raise ValueError(f"Repeated {label}: {repeated}")


def upsert_categories(added: Counter) -> dict[str, Category]:
    """The category tree, by slug."""
    found = {c.slug: c for c in db.session.scalars(select(Category))}

    def put(spec: CategorySpec, parent: Category | None, position: int) -> Category:
        category = found.get(spec.slug)
        if category is None:
            category = found[spec.slug] = Category(slug=spec.slug)
            db.session.add(category)
            added["categories"] += 1
        category.name_vi, category.name_en = spec.name_vi, spec.name_en
        category.parent, category.position = parent, position
        return category

    for i, top in enumerate(CATEGORIES):
        parent = put(top, None, i)
        for j, child in enumerate(top.children):
            put(child, parent, j)
    return found


def upsert_outlets(added: Counter) -> list[Outlet]:
    """The sales-outlet shops and their delivery areas (missing wards are added, none removed)."""
    found = {o.slug: o for o in db.session.scalars(select(Outlet).options(selectinload(Outlet.areas)))}
    result = []
    for spec in OUTLETS:
        outlet = found.get(spec.slug)
        if outlet is None:
            outlet = Outlet(slug=spec.slug, is_active=True, offers_pickup=True)
            db.session.add(outlet)
            added["outlets"] += 1
        outlet.name, outlet.street, outlet.phone = spec.name, spec.street, spec.phone
        outlet.short_name = spec.short_name
        outlet.province_code, outlet.ward_code = PROVINCE_CODE, spec.ward_code
        outlet.latitude, outlet.longitude = spec.latitude, spec.longitude
        outlet.hours, outlet.opens_at, outlet.closes_at = spec.hours, spec.opens_at, spec.closes_at
        outlet.offers_delivery, outlet.delivery_fee_vnd, outlet.priority = (
            spec.offers_delivery,
            spec.delivery_fee_vnd,
            spec.priority,
        )
        for code in sorted(set(spec.area) - outlet.delivery_ward_codes):
            outlet.areas.append(OutletWard(ward_code=code))
        result.append(outlet)
    return result


def upsert_sellers(added: Counter) -> dict[str, Seller]:
    """The sellers, by slug; returned by their key in the tables."""
    found = {s.slug: s for s in db.session.scalars(select(Seller))}
    result = {}
    for i, spec in enumerate(SELLERS):
        seller = found.get(spec.slug)
        if seller is None:
            submitted = utcnow() - timedelta(days=400 - 15 * i)
            seller = Seller(slug=spec.slug, status=spec.status, status_reason=spec.status_reason)
            seller.created_at = seller.submitted_at = submitted
            seller.decided_at = None if spec.status == "pending" else submitted + timedelta(days=3)
            db.session.add(seller)
            added["sellers"] += 1
        seller.name, seller.kind, seller.representative = spec.name, spec.kind, spec.representative
        seller.phone, seller.province_code, seller.ward_code = spec.phone, PROVINCE_CODE, spec.ward_code
        seller.street, seller.registration_no, seller.story = spec.street, spec.registration_no, spec.story
        seller.members_count, seller.women_members_count = spec.members, spec.women
        seller.is_featured = spec.featured
        result[spec.key] = seller
    return result


def _account(spec: AccountSpec, added: Counter) -> User:
    user = db.session.scalar(select(User).where(func.lower(User.email) == spec.email))
    if user is None:
        user = User(email=spec.email, password_hash=hash_password(DEMO_PASSWORD), locale="vi")
        db.session.add(user)
        added["accounts"] += 1
    elif not check_password_hash(user.password_hash, DEMO_PASSWORD):
        user.password_hash = hash_password(DEMO_PASSWORD)
    user.full_name, user.role, user.is_active_account = spec.full_name, spec.role, True
    taken = db.session.scalar(select(User.id).where(User.phone == spec.phone, User.email != spec.email))
    if taken is None:
        user.phone = spec.phone
    return user


def upsert_accounts(sellers: dict[str, Seller], outlets: list[Outlet], added: Counter) -> None:
    """The four demo accounts, the seller's membership and the outlet staff post."""
    users = {spec.role: _account(spec, added) for spec in ACCOUNTS}
    db.session.flush()
    seller, owner = sellers[SELLER_ACCOUNT_OF], users["seller"]
    membership = db.session.scalar(
        select(SellerMember).where(SellerMember.seller_id == seller.id, SellerMember.user_id == owner.id)
    )
    if membership is None:
        db.session.add(SellerMember(seller_id=seller.id, user_id=owner.id, is_owner=True))
    else:
        membership.is_owner = True
    outlet = next(o for o in outlets if o.name.endswith(OUTLET_ACCOUNT_AT))
    post = db.session.scalar(select(OutletStaff).where(OutletStaff.user_id == users["outlet"].id))
    if post is None:
        db.session.add(OutletStaff(outlet_id=outlet.id, user_id=users["outlet"].id))
    else:
        post.outlet_id = outlet.id


def _count(column) -> int:
    return db.session.scalar(select(func.count(column))) or 0


def describe_database(added: Counter, seconds: float) -> str:
    """One paragraph for the person who ran the command: what the database now holds."""
    statuses = Counter(db.session.scalars(select(Seller.status)))
    pickup_only = db.session.scalar(select(func.count(Outlet.id)).where(Outlet.offers_delivery.is_(False))) or 0
    news = ", ".join(f"{n:,} {what}" for what, n in sorted(added.items())) or "nothing (all already there)"
    return (
        f"Demo data ready in {seconds:.1f} s: {_count(Category.id)} categories, "
        f"{_count(Outlet.id)} outlets ({pickup_only} pickup-only) covering {_count(OutletWard.ward_code)} ward slots, "
        f"{sum(statuses.values())} sellers ({statuses['approved']} approved, {statuses['pending']} pending, "
        f"{statuses['suspended']} suspended), {_count(Product.id)} products with {_count(Variant.id)} variants, "
        f"{_count(StockRecord.id):,} stock records ({_count(StockMovement.id):,} ledger entries), "
        f"{_count(ProductImage.id)} pictures, demo accounts {', '.join(a.email for a in ACCOUNTS)} "
        f'(password "{DEMO_PASSWORD}"). Added this run: {news}.'
    )
