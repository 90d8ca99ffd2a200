"""A seller's listings: products with variants, status draft/active/archived, review requests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.catalog import media, photos
from app.catalog.models import (
    CERTIFICATIONS,
    PRODUCT_STATUSES,
    UNITS,
    Category,
    Product,
    ProductCertification,
    ProductImage,
    Variant,
)
from app.core.errors import NotFound
from app.core.extensions import db
from app.core.slugs import unique_slug
from app.core.text import words
from app.core.vocab import ProductStatus, SellerStatus
from app.sellers import places
from app.sellers.models import Seller
from app.sellers.services import SellerError, seller_for_member

MAX_PRICE = 1_000_000_000
MAX_WEIGHT_GRAMS = 1_000_000  # 1,000 kg for one item is already absurd
MAX_VARIANTS = 15
SKU_RE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")


class ProductRefused(SellerError):
    """The product was not saved; ``drafts`` are the photos kept for the next try."""

    def __init__(self, errors: dict[str, str], drafts: list):
        super().__init__(errors)
        self.drafts = drafts


@dataclass
class VariantData:
    id: int | None = None
    label: str = ""
    sku: str = ""
    price_vnd: int | None = None
    weight_grams: int | None = None
    is_active: bool = True

    @property
    def is_blank(self) -> bool:
        return self.id is None and not (self.label.strip() or self.sku.strip() or self.price_vnd or self.weight_grams)


@dataclass
class ProductData:
    name: str
    category_id: int | None
    summary: str = ""
    description: str = ""
    unit: str = "piece"
    sold_by_weight: bool = False
    origin_province_code: int | None = None
    origin_ward_code: int | None = None
    ocop_stars: int | None = None
    certifications: list[str] = field(default_factory=list)
    variants: list[VariantData] = field(default_factory=list)


def products_of(*, user: User, seller_id: int) -> tuple[Seller, list[Product]]:
    """The seller and all of its products (archived last), for the dashboard."""
    seller = seller_for_member(user, seller_id)
    stmt = (
        select(Product)
        .where(Product.seller_id == seller.id)
        .options(selectinload(Product.variants), selectinload(Product.images), selectinload(Product.category))
        .order_by(Product.status == ProductStatus.ARCHIVED, Product.updated_at.desc(), Product.id.desc())
    )
    return seller, list(db.session.scalars(stmt))


def product_for_member(*, user: User, seller_id: int, product_id: int) -> Product:
    """A product of the user's own seller; NotFound for any other id."""
    seller = seller_for_member(user, seller_id)
    product = db.session.scalar(
        select(Product)
        .where(Product.id == product_id, Product.seller_id == seller.id)
        .options(selectinload(Product.variants), selectinload(Product.images), selectinload(Product.certifications))
    )
    if product is None:
        raise NotFound(_("This page does not exist."))
    return product


def _check_product(data: ProductData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = _("Write the product name.")
    if data.category_id is None or db.session.get(Category, data.category_id) is None:
        errors["category_id"] = _("Choose a category.")
    if data.unit not in UNITS:
        errors["unit"] = _("Choose a unit from the list.")
    if data.ocop_stars is not None and not 1 <= data.ocop_stars <= 5:
        errors["ocop_stars"] = _("OCOP stars go from 1 to 5.")
    if any(code not in CERTIFICATIONS for code in data.certifications):
        errors["certifications"] = _("Choose certifications from the list.")
    if data.origin_province_code and not places.province_name(data.origin_province_code):
        errors["origin_province_code"] = _("Choose a province from the list.")
    elif data.origin_ward_code and not places.ward_in_province(data.origin_province_code or 0, data.origin_ward_code):
        errors["origin_ward_code"] = _("This ward or commune is not in the chosen province.")
    return errors


def sku_for(product_name: str, label: str, taken: set[str]) -> str:
    """An SKU made from the product's initials and the item's words ("Yến sào tinh chế", "Hộp 50 g" →
    "YSTC-HOP50G"), numbered when already taken."""
    initials = "".join(w[0] for w in words(product_name))[:6].upper() or "SP"
    item = "".join(words(label)).upper()[:14]
    base = f"{initials}-{item}" if item else initials
    sku, n = base, 2
    while sku in taken:
        sku, n = f"{base}-{n}", n + 1
    return sku


def _check_variants(
    seller_id: int, product_id: int | None, rows: list[VariantData], product_name: str = ""
) -> dict[str, str]:
    """Refuse bad rows by field; fill an empty SKU with a generated one (she may change it later)."""
    errors: dict[str, str] = {}
    seen: set[str] = set()
    labels: dict[str, int] = {}
    others = set(
        db.session.scalars(
            select(Variant.sku).where(Variant.seller_id == seller_id, Variant.product_id != (product_id or 0))
        )
    )
    typed = {r.sku.strip().upper() for r in rows if not r.is_blank and r.sku.strip()}
    filled = 0
    for i, row in enumerate(rows):
        if row.is_blank:
            continue
        filled += 1
        key = f"variants-{i}-"
        if not row.sku.strip():
            row.sku = sku_for(product_name, row.label, others | typed | seen)
        sku = row.sku.strip().upper()
        folded = " ".join(words(row.label))
        if not row.label.strip():
            errors[key + "label"] = _("Write what is sold, for example “Box of 100 g”.")
        elif folded in labels:
            errors[key + "label"] = _("Item %(n)s already has this name: give each item its own.", n=labels[folded])
        elif filled > MAX_VARIANTS:
            errors[key + "label"] = _("At most %(n)s items per product.", n=MAX_VARIANTS)
        labels.setdefault(folded, i + 1)
        if not SKU_RE.match(sku):
            errors[key + "sku"] = _("Use 1–40 letters, digits, dots or dashes, for example YEN-100G.")
        elif sku in seen or sku in others:
            errors[key + "sku"] = _("You already use this SKU for another item.")
        seen.add(sku)
        if row.price_vnd is None or not 0 < row.price_vnd <= MAX_PRICE:
            errors[key + "price_vnd"] = _("The price must be a whole number of đồng above zero.")
        if row.weight_grams is None or not 0 < row.weight_grams <= MAX_WEIGHT_GRAMS:
            errors[key + "weight_grams"] = _("The weight must be between 1 gram and 1,000 kg.")
    if not filled:
        errors["variants-0-label"] = _("Add at least one item to sell, with its price.")
    return errors


def save_product(
    *,
    user: User,
    seller_id: int,
    data: ProductData,
    product_id: int | None = None,
    files: list | None = None,
    draft_ids: list[int] | None = None,
    input_errors: dict[str, str] | None = None,
) -> Product:
    """Create or update a product with its variants and photos in one commit; nothing is saved on bad input
    (``input_errors`` are the form's own, such as a price that is not a number). When refused, the photos
    sent are kept as drafts and handed back in ProductRefused, so she never uploads them twice."""
    seller = seller_for_member(user, seller_id)
    product = product_for_member(user=user, seller_id=seller_id, product_id=product_id) if product_id else None
    known = {v.id: v for v in product.variants} if product else {}
    if any(row.id is not None and row.id not in known for row in data.variants):
        raise NotFound(_("This page does not exist."))
    drafts = photos.drafts_of(user_id=user.id, seller_id=seller.id, ids=draft_ids or [])
    # Too many photos, too many pixels or an account over its quota: refused before any decoding.
    photos.check(files or [], already=(len(product.images) if product else 0) + len(drafts), user_id=user.id)
    stored, photo_problem = photos.process_uploads(files or [])
    errors = _check_product(data) | _check_variants(seller.id, product_id, data.variants, data.name)
    if photo_problem:
        errors["photos"] = photo_problem
    elif (len(product.images) if product else 0) + len(drafts) + len(stored) > photos.MAX_PHOTOS:
        errors["photos"] = _("At most %(n)s photos per product. Untick some before saving.", n=photos.MAX_PHOTOS)
    on_sale = product is None or product.status != ProductStatus.ACTIVE or _keeps_an_item_on_sale(known, data.variants)
    if not on_sale:
        errors.setdefault("variants-0-is_active", _("A product on sale needs at least one item on sale."))
    errors |= input_errors or {}
    if errors:
        db.session.rollback()
        kept = drafts + photos.keep_as_drafts(user_id=user.id, seller_id=seller.id, stored=stored)
        db.session.commit()
        raise ProductRefused(errors, kept)
    if product is None:
        product = Product(
            seller_id=seller.id,
            slug=unique_slug(Product.slug, data.name, fallback="san-pham", max_length=180),
            status="draft",
        )
        db.session.add(product)
    _copy_fields(product, data, seller)
    db.session.flush()
    _save_variants(product, seller.id, data.variants, known)
    start = max((i.position for i in product.images), default=-1) + 1
    new_images = [photos.as_stored(d) for d in drafts] + [image for image, _name in stored]
    db.session.add_all(photos.image_rows(product.id, new_images, alt=product.name, start=start))
    for draft in drafts:
        db.session.delete(draft)
    photos.count_uploads(files or [], user_id=user.id)
    db.session.commit()
    return product


def _keeps_an_item_on_sale(known: dict[int, Variant], rows: list[VariantData]) -> bool:
    listed = {row.id for row in rows if row.id is not None}
    untouched = any(v.is_active for vid, v in known.items() if vid not in listed)
    return untouched or any(row.is_active for row in rows if not row.is_blank)


def _copy_fields(product: Product, data: ProductData, seller: Seller) -> None:
    product.name, product.category_id = data.name.strip(), data.category_id
    product.summary, product.description = data.summary.strip(), data.description.strip()
    product.unit, product.sold_by_weight, product.ocop_stars = data.unit, data.sold_by_weight, data.ocop_stars
    product.origin_province_code = data.origin_province_code or seller.province_code
    product.origin_ward_code = data.origin_ward_code or None
    product.needs_review = True  # new or changed: the union takes a look
    wanted = set(data.certifications)
    product.certifications = [c for c in product.certifications if c.code in wanted] + [
        ProductCertification(code=code) for code in sorted(wanted - set(product.certification_codes))
    ]


def _save_variants(product: Product, seller_id: int, rows: list[VariantData], known: dict[int, Variant]) -> None:
    position = 0
    with db.session.no_autoflush:
        for row in rows:
            if row.is_blank:
                continue
            variant = known.get(row.id) if row.id else None
            if variant is None:
                variant = Variant(seller_id=seller_id)
                product.variants.append(variant)
            variant.label, variant.sku = row.label.strip(), row.sku.strip().upper()
            variant.price_vnd, variant.weight_grams = row.price_vnd, row.weight_grams
            variant.is_active, variant.position = row.is_active, position
            position += 1


def set_status(*, user: User, seller_id: int, product_id: int, status: str) -> Product:
    """Publish, unpublish or archive; only an approved seller may put a product on sale."""
    product = product_for_member(user=user, seller_id=seller_id, product_id=product_id)
    if status not in PRODUCT_STATUSES:
        raise NotFound(_("This page does not exist."))
    if status == "active":
        if product.seller.status != SellerStatus.APPROVED:
            raise SellerError({"status": _("Products can be put on sale once the union has approved your seller.")})
        if not any(v.is_active for v in product.variants):
            raise SellerError({"status": _("Add at least one item on sale before publishing.")})
    product.status = status
    db.session.commit()
    return product


def request_review(*, user: User, seller_id: int, product_id: int) -> Product:
    """Ask the union to look at a hidden product again after fixing it."""
    product = product_for_member(user=user, seller_id=seller_id, product_id=product_id)
    product.needs_review = True
    db.session.commit()
    return product


def categories() -> list[Category]:
    """Every category, parents before children, for the product form."""
    rows = list(db.session.scalars(select(Category).order_by(Category.position, Category.id)))
    by_parent: dict[int | None, list[Category]] = {}
    for c in rows:
        by_parent.setdefault(c.parent_id, []).append(c)
    ordered: list[Category] = []

    def walk(parent_id: int | None) -> None:
        for c in by_parent.get(parent_id, []):
            ordered.append(c)
            walk(c.id)

    walk(None)
    return ordered


def remove_photo(*, user: User, seller_id: int, product_id: int, image_id: int) -> None:
    """Take a photo off a product; its files go too unless another product shows the same picture."""
    product = product_for_member(user=user, seller_id=seller_id, product_id=product_id)
    image = db.session.scalar(
        select(ProductImage).where(ProductImage.id == image_id, ProductImage.product_id == product.id)
    )
    if image is None:
        raise NotFound(_("This page does not exist."))
    key = image.storage_key
    db.session.delete(image)
    product.needs_review = True
    db.session.commit()
    media.delete_unreferenced(key)
