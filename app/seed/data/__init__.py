"""The demo content as tables: categories, outlets, sellers, products and demo accounts."""

from __future__ import annotations

from dataclasses import dataclass

from app.seed.data.catalog import CATEGORIES, CATEGORY_NOTES
from app.seed.data.foods import CASHEWS, MUSHROOMS, NEST, PROCESSED
from app.seed.data.goods import CLOTHING, CRAFTS
from app.seed.data.outlets import OUTLETS
from app.seed.data.produce import PRODUCE
from app.seed.data.sellers import SELLERS
from app.seed.specs import ProductSpec

PRODUCTS: tuple[ProductSpec, ...] = PRODUCE + NEST + MUSHROOMS + CASHEWS + PROCESSED + CLOTHING + CRAFTS
DEMO_PASSWORD = "matkhau-demo"  # nosec B105: the documented demo accounts' password, refused in production


@dataclass(frozen=True)
class AccountSpec:
    email: str
    full_name: str
    phone: str
    role: str


ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec("shopper@demo.vn", "Nguyễn Thị Lan", "0901234567", "shopper"),
    AccountSpec("seller@demo.vn", "Trần Thị Thu Hà", "0912345678", "seller"),
    AccountSpec("outlet@demo.vn", "Phạm Thị Hồng", "0923456789", "outlet"),
    AccountSpec("staff@demo.vn", "Võ Thị Kim Thoa", "0934567890", "staff"),
)
SELLER_ACCOUNT_OF = "dongtrung"  # the demo seller owns the cordyceps cooperative (approved)
OUTLET_ACCOUNT_AT = "Trấn Biên"  # the demo outlet staff work at this shop

__all__ = [
    "ACCOUNTS",
    "CATEGORIES",
    "CATEGORY_NOTES",
    "DEMO_PASSWORD",
    "OUTLETS",
    "OUTLET_ACCOUNT_AT",
    "PRODUCTS",
    "SELLERS",
    "SELLER_ACCOUNT_OF",
    "AccountSpec",
]
