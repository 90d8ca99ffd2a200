"""Product photos through the shared image pipeline (app/catalog/images.py), and draft photos:
uploads of a form that was refused, kept (for two days) so she never has to choose them again."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, select

from app.catalog.images import ImageRejected, StoredImage, process_image
from app.catalog.models import DraftImage, ProductImage
from app.core import uploads
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.sellers.services import SellerError

MAX_PHOTOS = 8
DRAFT_LIFETIME = timedelta(days=2)


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


def count_uploads(files: list[tuple[bytes, str]], *, user_id: int) -> None:
    """Write the uploads down against the account's daily quota (committed with the photos)."""
    sizes = [len(data) for data, name in files if name]
    if sizes:
        uploads.record(user_id=user_id, sizes=sizes, kind="photo")


def image_rows(product_id: int, stored: list[StoredImage], *, alt: str, start: int) -> list[ProductImage]:
    """ProductImage rows for processed photos, placed after the existing ones."""
    return [
        ProductImage(
            product_id=product_id, storage_key=s.key, width=s.width, height=s.height, alt=alt[:200], position=start + i
        )
        for i, s in enumerate(stored)
    ]


def process_uploads(files: list[tuple[bytes, str]]) -> tuple[list[tuple[StoredImage, str]], str | None]:
    """Store every good upload once (with its file name) and word the first bad one, if any."""
    stored, problem = [], None
    for data, name in files:
        if not name:
            continue
        try:
            stored.append((process_image(data), name))
        except ImageRejected as exc:
            problem = problem or _("“%(name)s”: %(why)s", name=name, why=exc.message)
    return stored, problem


def drafts_of(*, user_id: int, seller_id: int, ids: list[int]) -> list[DraftImage]:
    """Her draft photos with these ids, for this seller, in upload order (anyone else's are ignored)."""
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(DraftImage)
            .where(DraftImage.id.in_(ids), DraftImage.user_id == user_id, DraftImage.seller_id == seller_id)
            .order_by(DraftImage.id)
        )
    )


def keep_as_drafts(*, user_id: int, seller_id: int, stored: list[tuple[StoredImage, str]]) -> list[DraftImage]:
    """Draft rows for photos already stored, so a refused form never asks for them again (caller commits)."""
    cutoff = utcnow() - DRAFT_LIFETIME
    db.session.execute(delete(DraftImage).where(DraftImage.user_id == user_id, DraftImage.created_at < cutoff))
    rows = [
        DraftImage(
            user_id=user_id, seller_id=seller_id, storage_key=image.key, width=image.width, height=image.height,
            original_name=name[:255],
        )
        for image, name in stored
    ]  # fmt: skip
    db.session.add_all(rows)
    db.session.flush()
    return rows


def as_stored(draft: DraftImage) -> StoredImage:
    return StoredImage(key=draft.storage_key, width=draft.width, height=draft.height)
