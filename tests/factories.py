"""Small factories for test data: each returns a flushed model with sensible defaults."""

from __future__ import annotations

import itertools

from app.accounts.models import User
from app.accounts.services import hash_password
from app.catalog.models import Category, Product, Variant
from app.core.extensions import db
from app.outlets.models import Outlet, OutletStaff, OutletWard, StockMovement, StockRecord
from app.sellers.models import Seller, SellerMember

PASSWORD = "mat-khau-tot-1"
_seq = itertools.count(1)


def user(
    *,
    email: str | None = None,
    phone: str | None = None,
    role: str = "shopper",
    password: str = PASSWORD,
    full_name: str = "Trần Thị Hoa",
    locale: str = "vi",
) -> User:
    n = next(_seq)
    obj = User(
        email=email or f"user{n}@example.vn",
        phone=phone if phone is not None else f"09{n:08d}",
        full_name=full_name,
        password_hash=hash_password(password),
        role=role,
        locale=locale,
    )
    db.session.add(obj)
    db.session.flush()
    return obj


def seller(
    *, status: str = "approved", kind: str = "cooperative", name: str | None = None, members: list[User] | None = None
) -> Seller:
    n = next(_seq)
    obj = Seller(
        slug=f"htx-{n}",
        name=name or f"HTX Phụ nữ số {n}",
        kind=kind,
        status=status,
        representative="Lê Thị Mai",
        phone="0912345678",
        province_code=75,
        ward_code=25210,
        members_count=10,
        women_members_count=8,
    )
    db.session.add(obj)
    db.session.flush()
    for member in members or []:
        db.session.add(SellerMember(seller_id=obj.id, user_id=member.id, is_owner=True))
    db.session.flush()
    return obj


def category(*, slug: str | None = None, name_vi: str = "Rau củ quả", parent: Category | None = None) -> Category:
    n = next(_seq)
    obj = Category(slug=slug or f"danh-muc-{n}", name_vi=name_vi, name_en="Vegetables", parent=parent, position=n)
    db.session.add(obj)
    db.session.flush()
    return obj


def product(
    *,
    seller_obj: Seller | None = None,
    category_obj: Category | None = None,
    name: str = "Rau muống",
    status: str = "active",
    price: int = 25000,
    variants: int = 1,
    **fields,
) -> Product:
    n = next(_seq)
    seller_obj = seller_obj or seller()
    obj = Product(
        seller=seller_obj,
        category=category_obj or category(),
        slug=f"san-pham-{n}",
        name=name,
        status=status,
        unit="kg",
        **fields,
    )
    db.session.add(obj)
    db.session.flush()
    for i in range(variants):
        db.session.add(
            Variant(
                product=obj,
                seller_id=seller_obj.id,
                sku=f"SKU-{n}-{i}",
                label=f"Gói {i + 1}",
                price_vnd=price * (i + 1),
                weight_grams=500 * (i + 1),
                position=i,
            )
        )
    db.session.flush()
    return obj


def outlet(
    *,
    name: str | None = None,
    wards: tuple[int, ...] = (25210,),
    staff: User | None = None,
    lat: float | None = 11.53,
    lng: float | None = 106.88,
    **fields,
) -> Outlet:
    n = next(_seq)
    obj = Outlet(
        slug=f"cua-hang-{n}",
        name=name or f"Cửa hàng số {n}",
        street="Đường Phú Riềng Đỏ",
        province_code=75,
        ward_code=wards[0],
        latitude=lat,
        longitude=lng,
        **fields,
    )
    db.session.add(obj)
    db.session.flush()
    for code in wards:
        db.session.add(OutletWard(outlet_id=obj.id, ward_code=code))
    if staff is not None:
        db.session.add(OutletStaff(outlet_id=obj.id, user_id=staff.id))
    db.session.flush()
    return obj


def stock(*, variant: Variant, outlet_obj: Outlet, on_hand: int) -> StockRecord:
    record = StockRecord(variant_id=variant.id, outlet_id=outlet_obj.id, on_hand=on_hand, reserved=0)
    db.session.add(record)
    db.session.flush()
    db.session.add(StockMovement(stock_record_id=record.id, kind="received", on_hand_delta=on_hand))
    db.session.flush()
    return record


def add_member(seller_obj: Seller, member: User, *, owner: bool = False) -> SellerMember:
    obj = SellerMember(seller_id=seller_obj.id, user_id=member.id, is_owner=owner)
    db.session.add(obj)
    db.session.flush()
    return obj


def order_line(*, order_obj, shipment, variant: Variant, quantity: int, price: int | None = None):
    """A line as sold: the variant's name, label and SKU copied, at ``price`` (the variant's by default)."""
    from app.orders.models import OrderLine

    price = variant.price_vnd if price is None else price
    line = OrderLine(
        order=order_obj,
        shipment=shipment,
        variant_id=variant.id,
        seller_id=variant.seller_id,
        product_name=variant.product.name,
        variant_label=variant.label,
        sku=variant.sku,
        unit_price_vnd=price,
        quantity=quantity,
        line_total_vnd=price * quantity,
    )
    db.session.add(line)
    return line
