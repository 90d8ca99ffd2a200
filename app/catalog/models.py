"""Catalog: categories, products, the variants that are sold and their photos."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.vocab import Certification, ProductStatus, Unit
from app.sellers.models import Seller

PRODUCT_STATUSES = ProductStatus.codes()
CERTIFICATIONS = Certification.codes()
UNITS = Unit.codes()


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
    status: Mapped[str] = mapped_column(String(12), default=ProductStatus.DRAFT.value, index=True)
    is_hidden: Mapped[bool] = mapped_column(default=False)
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    needs_review: Mapped[bool] = mapped_column(default=True)
    is_featured: Mapped[bool] = mapped_column(default=False)
    sold_count: Mapped[int] = mapped_column(default=0)
    # Buyers' ratings, kept by app/reviews from the reviews that are shown (hidden ones are not
    # counted), so lists show, sort and filter by them without reading the reviews.
    rating_count: Mapped[int] = mapped_column(default=0, server_default="0")
    rating_sum: Mapped[int] = mapped_column(default=0, server_default="0")
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
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
    __table_args__ = (CheckConstraint(f"code IN {CERTIFICATIONS!r}", name="code_known"),)

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
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
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
