"""Consignments: goods a seller sends to an outlet (or takes back), line by line."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.catalog.models import Variant
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.outlets.models import Outlet
from app.sellers.models import Seller

CONSIGNMENT_DIRECTIONS = ("delivery", "return")
CONSIGNMENT_STATUSES = ("sent", "confirmed", "cancelled")


class Consignment(db.Model):
    """Goods a seller delivers to an outlet, or an outlet returns to a seller."""

    __tablename__ = "consignments"
    __table_args__ = (
        CheckConstraint(f"direction IN {CONSIGNMENT_DIRECTIONS!r}", name="direction_known"),
        CheckConstraint(f"status IN {CONSIGNMENT_STATUSES!r}", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id"), index=True)
    direction: Mapped[str] = mapped_column(String(10), default="delivery")
    status: Mapped[str] = mapped_column(String(10), default="sent")
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]

    seller: Mapped[Seller] = relationship()
    outlet: Mapped[Outlet] = relationship()
    lines: Mapped[list[ConsignmentLine]] = relationship(back_populates="consignment", cascade="all, delete-orphan")


class ConsignmentLine(db.Model):
    __tablename__ = "consignment_lines"
    __table_args__ = (
        UniqueConstraint("consignment_id", "variant_id"),
        CheckConstraint("quantity_sent > 0", name="sent_positive"),
        CheckConstraint(
            "quantity_received IS NULL OR (quantity_received >= 0 AND quantity_received <= quantity_sent)",
            name="received_within_sent",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consignment_id: Mapped[int] = mapped_column(ForeignKey("consignments.id"), index=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id"))
    quantity_sent: Mapped[int] = mapped_column()
    quantity_received: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")

    consignment: Mapped[Consignment] = relationship(back_populates="lines")
    variant: Mapped[Variant] = relationship()
