"""Who may see a product photo under /media/, and which stored photo files rows still refer to.

A photo is public while its product is on sale (visible_products: active, not hidden, of an
approved seller). A photo of a draft, hidden or archived product, or of a suspended seller's, is
shown only to that seller's members and to union staff, never cached; anyone else gets 404. A file
no product refers to is not served at all, and ``flask --app wsgi media sweep`` removes it.
"""

from __future__ import annotations

from flask_login import current_user
from sqlalchemy import select

from app.catalog.images import file_names
from app.catalog.models import DraftImage, Product, ProductImage
from app.catalog.queries import visible_products
from app.core import signals
from app.core.extensions import db
from app.core.storage import HIDDEN, PRIVATE, PUBLIC, get_storage
from app.sellers.models import SellerImage, SellerMember


def photo_access(content_key: str) -> str:
    """PUBLIC, PRIVATE (for this visitor only) or HIDDEN for the photo stored under ``content_key``."""
    shown = visible_products().join(ProductImage, ProductImage.product_id == Product.id)
    if db.session.scalar(select(shown.where(ProductImage.storage_key == content_key).exists())):
        return PUBLIC
    seller_ids = select(Product.seller_id).join(ProductImage).where(ProductImage.storage_key == content_key)
    if not current_user.is_authenticated or db.session.scalar(select(seller_ids.exists())) is not True:
        return HIDDEN
    if current_user.role == "staff":
        return PRIVATE
    member = select(SellerMember.id).where(
        SellerMember.user_id == current_user.id, SellerMember.seller_id.in_(seller_ids)
    )
    return PRIVATE if db.session.scalar(select(member.exists())) else HIDDEN


def _shop_or_draft_access(content_key: str) -> str | None:
    """A seller's shop-page photo is public; a draft photo (kept from a refused product form) is
    shown only to the seller's members and union staff; None when the key is neither."""
    if db.session.scalar(select(SellerImage.id).where(SellerImage.storage_key == content_key).limit(1)):
        return PUBLIC
    draft_sellers = select(DraftImage.seller_id).where(DraftImage.storage_key == content_key)
    if db.session.scalar(select(draft_sellers.exists())) is not True:
        return None
    if not current_user.is_authenticated:
        return HIDDEN
    if current_user.role == "staff":
        return PRIVATE
    member = select(SellerMember.id).where(
        SellerMember.user_id == current_user.id, SellerMember.seller_id.in_(draft_sellers)
    )
    return PRIVATE if db.session.scalar(select(member.exists())) else HIDDEN


def _answer_media(content_key: str) -> str | None:
    access = photo_access(content_key)
    return _shop_or_draft_access(content_key) or access if access == HIDDEN else access


signals.media_requested.connect(_answer_media)


def referenced_keys() -> set[str]:
    """The content keys some product, draft or shop-page photo still refers to."""
    keys = set(db.session.scalars(select(ProductImage.storage_key).distinct()))
    keys |= set(db.session.scalars(select(DraftImage.storage_key).distinct()))
    return keys | set(db.session.scalars(select(SellerImage.storage_key).distinct()))


def is_referenced(file_key: str, keys: set[str]) -> bool:
    """Whether a stored file ("<content key>/640.webp") belongs to a photo in ``keys``."""
    return file_key.split("/", 1)[0] in keys and file_key in file_names(file_key.split("/", 1)[0])


def delete_unreferenced(content_key: str) -> None:
    """Remove a photo's files once no product, draft or shop-page photo refers to them (after the commit
    that dropped the row). Keys are the content's hash, so one file may serve several rows."""
    users = [
        select(model.id).where(model.storage_key == content_key) for model in (ProductImage, DraftImage, SellerImage)
    ]
    if not any(db.session.scalar(select(query.exists())) for query in users):
        storage = get_storage()
        for name in file_names(content_key):
            storage.delete(name)
