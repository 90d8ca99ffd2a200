"""The shapes of the demo content: plain frozen records, with their natural keys (slugs, SKUs)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.text import slugify

OUTLET_NAME = "Cửa hàng tiêu thụ sản phẩm phụ nữ khởi nghiệp"
PROVINCE_CODE = 75  # Đồng Nai since 1 July 2025, Bình Phước included
SKU_PREFIX_LENGTH = 16


@dataclass(frozen=True)
class CategorySpec:
    slug: str
    name_vi: str
    name_en: str
    children: tuple[CategorySpec, ...] = ()


@dataclass(frozen=True)
class OutletSpec:
    town: str
    ward_code: int
    street: str
    latitude: float
    longitude: float
    phone: str
    area: tuple[int, ...]
    priority: int
    delivery_fee_vnd: int = 20000
    hours: str = "7:00–20:00 hằng ngày"
    opens_at: str = "07:00"
    closes_at: str = "20:00"
    offers_delivery: bool = True

    @property
    def name(self) -> str:
        return f"{OUTLET_NAME} {self.town}"

    @property
    def short_name(self) -> str:
        return f"Cửa hàng {self.town}"

    @property
    def slug(self) -> str:
        return slugify(f"cua hang {self.town}")


@dataclass(frozen=True)
class SellerSpec:
    key: str  # how the product tables refer to this seller
    name: str
    kind: str
    representative: str
    phone: str
    ward_code: int
    street: str
    members: int
    women: int
    story: str
    registration_no: str | None = None
    status: str = "approved"
    status_reason: str | None = None
    featured: bool = False

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class VariantSpec:
    label: str
    grams: int
    price: int

    @property
    def code(self) -> str:
        return slugify(self.label).upper()


@dataclass(frozen=True)
class ProductSpec:
    seller: str
    category: str
    name: str
    unit: str
    variants: tuple[VariantSpec, ...]
    summary: str
    certs: tuple[str, ...] = ()
    ocop: int | None = None
    status: str = "active"
    featured: bool = False
    detail: str = ""

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def sold_by_weight(self) -> bool:
        return self.unit == "kg"

    def sku(self, variant: VariantSpec) -> str:
        """The SKU of one variant: the initials of the product's name and the variant's code.

        "Hạt điều rang muối vỏ lụa Phước Long", "Túi 500 g" → "HDRMVLPL-TUI-500-G".
        """
        initials = "".join(word[0] for word in self.slug.split("-")).upper()
        return f"{initials[:SKU_PREFIX_LENGTH]}-{variant.code}"[:40]


def vnd(amount: float) -> int:
    """A price rounded to the nearest 500 đồng, the way shops write them."""
    return int(round(amount / 500) * 500)


def V(label: str, grams: int, price: int) -> VariantSpec:  # noqa: N802  (reads like a table row)
    """One variant row."""
    return VariantSpec(label=label, grams=grams, price=price)


def weighed(price_per_kg: int, *grams: int) -> tuple[VariantSpec, ...]:
    """Variants of goods sold by weight: "Túi 500 g", "1 kg", "Thùng 5 kg" (5% off by the crate)."""
    rows = []
    for g in grams or (500, 1000):
        if g < 1000:
            rows.append(V(f"Túi {g} g", g, vnd(price_per_kg * g / 1000)))
        elif g == 1000:
            rows.append(V("1 kg", g, price_per_kg))
        else:
            rows.append(V(f"Thùng {g // 1000} kg", g, vnd(price_per_kg * g / 1000 * 0.95)))
    return tuple(rows)


def sizes(price: int, grams: int = 200, labels: tuple[str, ...] = ("S", "M", "L", "XL")) -> tuple[VariantSpec, ...]:
    """Clothing sizes; XL costs 10.000 ₫ more (more fabric)."""
    return tuple(
        V(f"Size {label}", grams + 15 * i, price + (10000 if label == "XL" else 0)) for i, label in enumerate(labels)
    )


def P(  # noqa: N802  (reads like a table row)
    seller: str, category: str, name: str, unit: str, variants: tuple[VariantSpec, ...], summary: str, **extra
) -> ProductSpec:
    """One product row."""
    return ProductSpec(seller, category, name, unit, tuple(variants), summary, **extra)
