"""What one account may upload: files and bytes per day, and pixels per request.

Every accepted upload (a seller's document, a product photo) is written down here with its size,
in the same transaction as the row it belongs to (``record``). Before a request stores anything it asks
``check_quota`` whether the account still has room today (``UPLOAD_DAILY_FILES`` files and
``UPLOAD_DAILY_BYTES`` bytes over the last 24 hours); a file deleted later still counts, so
uploading and deleting in a loop fills no disk. ``check_pixels`` bounds the pixels of all the
pictures of one request together (``UPLOAD_MAX_PIXELS_PER_REQUEST``) before any is decoded.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError
from sqlalchemy import CheckConstraint, ForeignKey, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from app.core.errors import FieldErrors
from app.core.extensions import db
from app.core.timeutil import utcnow

WINDOW = timedelta(hours=24)
TOO_MANY_PIXELS = 10**12


class UploadRecord(db.Model):
    """One accepted upload: who sent how many bytes, when, and for what."""

    __tablename__ = "upload_records"
    __table_args__ = (CheckConstraint("size_bytes >= 0", name="size_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    size_bytes: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class UploadRefused(FieldErrors):
    """Over the account's daily quota or the request's pixel budget; the message says which."""


def used_today(user_id: int) -> tuple[int, int]:
    """(files, bytes) this account uploaded over the last 24 hours."""
    since = utcnow() - WINDOW
    count, total = db.session.execute(
        select(func.count(UploadRecord.id), func.coalesce(func.sum(UploadRecord.size_bytes), 0)).where(
            UploadRecord.user_id == user_id, UploadRecord.created_at >= since
        )
    ).one()
    return int(count), int(total)


def check_quota(*, user_id: int, sizes: list[int], field: str) -> None:
    """Raise UploadRefused on ``field`` when these uploads would go over the account's quota for today."""
    if not sizes:
        return
    files_limit = current_app.config["UPLOAD_DAILY_FILES"]
    bytes_limit = current_app.config["UPLOAD_DAILY_BYTES"]
    count, total = used_today(user_id)
    if count + len(sizes) > files_limit:
        raise UploadRefused(
            _("You have sent %(n)s files today, the most for one day. Please try again tomorrow.", n=files_limit),
            field=field,
        )
    if total + sum(sizes) > bytes_limit:
        raise UploadRefused(
            _(
                "These files would take you over %(mb)s MB sent today. Please try again tomorrow.",
                mb=bytes_limit // (1024 * 1024),
            ),
            field=field,
        )


def record(*, user_id: int, sizes: list[int], kind: str) -> None:
    """Write the accepted uploads down (the caller commits them with the rows they belong to)."""
    db.session.add_all(UploadRecord(user_id=user_id, kind=kind, size_bytes=size) for size in sizes)


def image_pixels(data: bytes) -> int:
    """Width × height read from an image's header (no decoding); 0 when it is not an image."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return int(image.width) * int(image.height)
    except Image.DecompressionBombError:
        return TOO_MANY_PIXELS  # Pillow refused to even open it: far beyond any budget
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return 0


def check_pixels(files: list[bytes], *, field: str) -> None:
    """Raise UploadRefused when the pictures of one request hold more pixels together than allowed."""
    limit = current_app.config["UPLOAD_MAX_PIXELS_PER_REQUEST"]
    if sum(image_pixels(data) for data in files) > limit:
        raise UploadRefused(
            _(
                "Together these pictures are too large (more than %(mp)s megapixels). Please send fewer at a time.",
                mp=limit // 1_000_000,
            ),
            field=field,
        )
