"""Slugs that are free in their table: "yen-sao", then "yen-sao-2", "yen-sao-3"…"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute

from app.core.extensions import db
from app.core.text import slugify


def unique_slug(column: InstrumentedAttribute, name: str, *, fallback: str, max_length: int) -> str:
    """A slug of ``name`` not yet used in ``column`` (``fallback`` when the name has no letters)."""
    base = slugify(name, max_length=max_length) or fallback
    taken = set(db.session.scalars(select(column).where(column.like(f"{base}%"))))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
