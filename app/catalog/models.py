"""Catalog: categories, products, the variants that are sold and their photos."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.vocab import Certification, ProductStatus, Unit
from app.sellers.models import Seller

PRODUCT_STATUSES = ProductStatus.codes()
CERTIFICATIONS = Certification.codes()
UNITS = Unit.codes()
RATING_RANK_SCALE = 1000  # rating_rank = average stars × 1000, rounded down


def _listing_indexes() -> tuple[Index, ...]:
    """The indexes that let a listing stop after one page instead of reading every visible product.

    Each starts with what visible_products() asks (status, is_hidden) and holds seller_id, so the
    approved-seller check is read from the index too. A sort index holds its sort keys with the
    id as the last tie-breaker, so a page walks it in order and stops at LIMIT. A filter index
    (category, seller, OCOP stars, price and rating ranges) holds every sort key after the filter
    columns, so a filtered list is sorted from the index alone, never from the wide rows.
    """
    visible = ("status", "is_hidden")
    sort_keys = ("created_at", "sold_count", "min_price_vnd", "rating_rank", "rating_count", "id")

    def rest(*taken: str) -> tuple[str, ...]:
        return tuple(key for key in sort_keys if key not in taken)

    return (
        Index("ix_products_newest", *visible, "created_at", "id", "seller_id"),
        Index("ix_products_best_selling", *visible, "sold_count", "id", "seller_id"),
        Index("ix_products_featured", *visible, "is_featured", "sold_count", "id", "seller_id"),
        Index("ix_products_price", *visible, "min_price_vnd", "id", "seller_id", *rest("min_price_vnd", "id")),
        Index(
            "ix_products_rating",
            *visible,
            *("rating_rank", "rating_count", "id", "seller_id"),
            *rest("rating_rank", "rating_count", "id"),
        ),
        Index("ix_products_category_listing", *visible, "category_id", "seller_id", *sort_keys),
        Index("ix_products_seller_listing", *visible, "seller_id", *sort_keys),
        Index("ix_products_ocop_listing", *visible, "ocop_stars", "seller_id", *sort_keys),
    )


class Category(db.Model):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name_vi: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)

    parent: Mapped[Category | None] = relationship(remote_side="Category.id", back_populates="children")
    children: Mapped[list[Category]] = relationship(back_populates="parent", order_by="Category.position")

    def name_for(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_vi


class Product(db.Model):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint(f"status IN {PRODUCT_STATUSES!r}", name="status_known"),
        CheckConstraint("ocop_stars IS NULL OR (ocop_stars BETWEEN 1 AND 5)", name="ocop_range"),
        CheckConstraint(f"unit IN {UNITS!r}", name="unit_known"),
        *_listing_indexes(),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), index=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(12), default=Unit.PIECE.value)
    sold_by_weight: Mapped[bool] = mapped_column(default=False)
    origin_province_code: Mapped[int | None]
    origin_ward_code: Mapped[int | None]
    ocop_stars: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(12), default=ProductStatus.DRAFT.value)  # first in _listing_indexes
    is_hidden: Mapped[bool] = mapped_column(default=False)
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    needs_review: Mapped[bool] = mapped_column(default=True)
    is_featured: Mapped[bool] = mapped_column(default=False)
    sold_count: Mapped[int] = mapped_column(default=0)
    # Buyers' ratings, kept by app/reviews from the reviews that are shown (hidden ones are not
    # counted), so lists show, sort and filter by them without reading the reviews.
    rating_count: Mapped[int] = mapped_column(default=0, server_default="0")
    rating_sum: Mapped[int] = mapped_column(default=0, server_default="0")
    # Sort keys kept by app/catalog/sort_keys.py on every flush, so listings sort and filter
    # through an index: the lowest price of the items on sale (None when none is), and the
    # average rating × RATING_RANK_SCALE rounded down (0 before the first rating).
    min_price_vnd: Mapped[int | None]
    rating_rank: Mapped[int] = mapped_column(default=0, server_default="0")
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # ix_products_newest
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    seller: Mapped[Seller] = relationship()
    category: Mapped[Category] = relationship()
    variants: Mapped[list[Variant]] = relationship(back_populates="product", order_by="Variant.position")
    images: Mapped[list[ProductImage]] = relationship(back_populates="product", order_by="ProductImage.position")
    certifications: Mapped[list[ProductCertification]] = relationship(
        back_populates="product", cascade="all, delete-orphan"
    )

    @property
    def certification_codes(self) -> list[str]:
        return sorted(c.code for c in self.certifications)

    @property
    def rating_average(self) -> float | None:
        """The average of the shown ratings to one decimal (4.3), None before the first."""
        return round(self.rating_sum / self.rating_count, 1) if self.rating_count else None


class SearchWord(db.Model):
    """One distinct word of the search index and its sound stem (app.core.text.sound_key).

    A misspelt query is corrected against these rows through the stem index, never by reading
    the products; words are added as products are saved and pruned by ``flask search-words``.
    """

    __tablename__ = "search_words"

    word: Mapped[str] = mapped_column(String(40), primary_key=True)
    stem: Mapped[str] = mapped_column(String(40), index=True)


class ProductCertification(db.Model):
    __tablename__ = "product_certifications"
    __table_args__ = (
        CheckConstraint(f"code IN {CERTIFICATIONS!r}", name="code_known"),
        Index("ix_product_certifications_code", "code", "product_id"),  # the certification filter
    )

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(16), primary_key=True)

    product: Mapped[Product] = relationship(back_populates="certifications")


class Variant(db.Model):
    """The thing that is sold: "Túi 500 g", "Size M". Price in whole đồng."""

    __tablename__ = "variants"
    __table_args__ = (
        UniqueConstraint("seller_id", "sku"),
        CheckConstraint("price_vnd > 0", name="price_positive"),
        CheckConstraint("weight_grams > 0 AND weight_grams <= 1000000", name="weight_sane"),
        CheckConstraint("low_stock_level IS NULL OR low_stock_level > 0", name="low_stock_level_positive"),
        # A product's items on sale and their prices from the index alone (lowest price, outlet filter).
        Index("ix_variants_product_active", "product_id", "is_active", "price_vnd"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"))
    sku: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(80))
    price_vnd: Mapped[int] = mapped_column()
    weight_grams: Mapped[int] = mapped_column()
    position: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(default=True)
    # The seller is told when the units available at an outlet fall below this (None: never).
    low_stock_level: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    product: Mapped[Product] = relationship(back_populates="variants")

    @property
    def price_per_kg(self) -> int | None:
        """Whole đồng per kilogram, for goods sold by weight."""
        if not self.product.sold_by_weight or not self.weight_grams:
            return None
        return round(self.price_vnd * 1000 / self.weight_grams)


class ProductImage(db.Model):
    """A photo stored by the image pipeline under a content-hashed key."""

    __tablename__ = "product_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    storage_key: Mapped[str] = mapped_column(String(80), index=True)  # /media/ asks who may see a key
    width: Mapped[int] = mapped_column()
    height: Mapped[int] = mapped_column()
    alt: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    product: Mapped[Product] = relationship(back_populates="images")


class DraftImage(db.Model):
    """A photo uploaded with a product form that was not saved yet: kept so it is never sent twice."""

    __tablename__ = "draft_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    storage_key: Mapped[str] = mapped_column(String(80))
    width: Mapped[int] = mapped_column()
    height: Mapped[int] = mapped_column()
    original_name: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
