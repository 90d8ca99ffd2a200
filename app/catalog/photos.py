"""Product photos through the shared image pipeline (app/catalog/images.py)."""

from __future__ import annotations

from flask_babel import gettext as _

from app.catalog.images import ImageRejected, StoredImage, process_image
from app.catalog.models import ProductImage
from app.core import uploads
from app.sellers.services import SellerError

MAX_PHOTOS = 8


def check(files: list[tuple[bytes, str]], *, already: int, user_id: int) -> None:
    """Refuse, before any decoding, too many photos, too many pixels together or an account over its quota."""
    files = [(data, name) for data, name in files if name]
    if not files:
        return
    if already + len(files) > MAX_PHOTOS:
        raise SellerError({"photos": _("At most %(n)s photos per product.", n=MAX_PHOTOS)})
    try:
        uploads.check_pixels([data for data, _name in files], field="photos")
        uploads.check_quota(user_id=user_id, sizes=[len(data) for data, _name in files], field="photos")
    except uploads.UploadRefused as exc:
        raise SellerError(exc.errors) from None


def prepare(files: list[tuple[bytes, str]], *, already: int, user_id: int) -> list[StoredImage]:
    """Check the uploads, then run each through the pipeline before anything is saved; raise on the photos field.

    The uploads are written down against the account's daily quota (committed with the photos).
    """
    check(files, already=already, user_id=user_id)
    files = [(data, name) for data, name in files if name]
    if not files:
        return []
    stored = []
    for data, name in files:
        try:
            stored.append(process_image(data))
        except ImageRejected as exc:
            raise SellerError({"photos": _("“%(name)s”: %(why)s", name=name, why=exc.message)}) from None
    uploads.record(user_id=user_id, sizes=[len(data) for data, _name in files], kind="photo")
    return stored


def image_rows(product_id: int, stored: list[StoredImage], *, alt: str, start: int) -> list[ProductImage]:
    """ProductImage rows for processed photos, placed after the existing ones."""
    return [
        ProductImage(
            product_id=product_id, storage_key=s.key, width=s.width, height=s.height, alt=alt[:200], position=start + i
        )
        for i, s in enumerate(stored)
    ]
