"""Her shop page: the public parts the owner edits herself (story, photos, contact, pickup at her place).

Photos go through the shared image pipeline; the legal details (name, kind, registration number)
are changed only through a request to union staff (app/sellers/legal.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.models import User
from app.catalog import photos
from app.core.errors import Forbidden, NotFound
from app.core.extensions import db
from app.core.validation import normalise_phone
from app.sellers.models import Seller, SellerImage
from app.sellers.services import SellerError, membership

MAX_SHOP_PHOTOS = 6
MAX_STORY = 3000
ZALO_RE = re.compile(r"^https://zalo\.me/[A-Za-z0-9._~-]{3,80}/?$")


@dataclass
class ShopPageData:
    story: str = ""
    public_phone: str = ""
    zalo: str = ""
    pickup_at_home: bool = False
    pickup_hours: str = ""


def _owned(user: User, seller_id: int) -> Seller:
    row = membership(user, seller_id)
    if not row.is_owner:
        raise Forbidden(_("Only the owner can change the shop page."))
    return row.seller


def zalo_link(raw: str) -> str | None:
    """A zalo.me link from a pasted link or from the phone number she uses on Zalo; None when neither."""
    text = (raw or "").strip()
    if not text:
        return ""
    phone = normalise_phone(text)
    if phone:
        return f"https://zalo.me/{phone}"
    if text.startswith("zalo.me/"):
        text = "https://" + text
    return text.rstrip("/") if ZALO_RE.match(text) else None


def _check(data: ShopPageData) -> tuple[dict[str, str], str | None, str | None]:
    errors: dict[str, str] = {}
    if len(data.story.strip()) > MAX_STORY:
        errors["story"] = _("At most %(n)s characters.", n=MAX_STORY)
    phone = normalise_phone(data.public_phone) if data.public_phone.strip() else ""
    if phone is None:
        errors["public_phone"] = _("Enter a Vietnamese phone number: 0 followed by 9 digits, or +84.")
    zalo = zalo_link(data.zalo)
    if zalo is None:
        errors["zalo"] = _("Paste your Zalo link (https://zalo.me/…) or write the phone number you use on Zalo.")
    hours = data.pickup_hours.strip()
    if len(hours) > 200:
        errors["pickup_hours"] = _("At most %(n)s characters.", n=200)
    elif data.pickup_at_home and not hours:
        errors["pickup_hours"] = _("Write when shoppers can come, for example “Mon–Sat, 8:00–17:00”.")
    return errors, phone, zalo


def save_shop_page(*, user: User, seller_id: int, data: ShopPageData, files: list[tuple[bytes, str]]) -> Seller:
    """Save the public parts and add new photos in one commit; nothing is saved on bad input."""
    seller = _owned(user, seller_id)
    errors, phone, zalo = _check(data)
    stored, photo_error = photos.process_uploads(files)
    if photo_error:
        errors["photos"] = photo_error
    elif len(seller.images) + len(stored) > MAX_SHOP_PHOTOS:
        errors["photos"] = _("At most %(n)s photos on your shop page.", n=MAX_SHOP_PHOTOS)
    if errors:
        raise SellerError(errors)
    seller.story = data.story.strip()
    seller.public_phone, seller.zalo_url = phone or None, zalo or None
    seller.pickup_at_home = data.pickup_at_home
    seller.pickup_hours = data.pickup_hours.strip() if data.pickup_at_home else ""
    start = max((i.position for i in seller.images), default=-1) + 1
    for i, (image, _name) in enumerate(stored):
        db.session.add(
            SellerImage(
                seller_id=seller.id, storage_key=image.key, width=image.width, height=image.height, position=start + i
            )
        )
    db.session.commit()
    return seller


def remove_shop_photo(*, user: User, seller_id: int, image_id: int) -> None:
    """Take a photo off her shop page (the stored file may be shared, so it stays)."""
    seller = _owned(user, seller_id)
    image = db.session.scalar(select(SellerImage).where(SellerImage.id == image_id, SellerImage.seller_id == seller.id))
    if image is None:
        raise NotFound(_("This page does not exist."))
    db.session.delete(image)
    db.session.commit()
