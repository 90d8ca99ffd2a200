"""Outlets: the union's sales-outlet shops, their staff, delivery areas and stock ledger."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.extensions import db
from app.core.timeutil import utcnow

MOVEMENT_KINDS = ("received", "reserved", "released", "sold", "returned", "adjusted", "sent_back")


class Outlet(db.Model):
    __tablename__ = "outlets"
    __table_args__ = (
        CheckConstraint("delivery_fee_vnd >= 0", name="fee_not_negative"),
        CheckConstraint("latitude IS NULL OR (latitude BETWEEN -90 AND 90)", name="latitude_range"),
        CheckConstraint("longitude IS NULL OR (longitude BETWEEN -180 AND 180)", name="longitude_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    # The place shoppers know the outlet by ("Hố Nai"): every outlet's long name begins the same.
    short_name: Mapped[str] = mapped_column(String(60), default="")
    street: Mapped[str] = mapped_column(String(200))
    province_code: Mapped[int] = mapped_column()
    ward_code: Mapped[int] = mapped_column()
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    phone: Mapped[str] = mapped_column(String(16), default="")
    hours: Mapped[str] = mapped_column(String(120), default="")
    opens_at: Mapped[str] = mapped_column(String(5), default="07:00")
    closes_at: Mapped[str] = mapped_column(String(5), default="20:00")
    offers_pickup: Mapped[bool] = mapped_column(default=True)
    offers_delivery: Mapped[bool] = mapped_column(default=True)
    delivery_fee_vnd: Mapped[int] = mapped_column(default=20000)
    priority: Mapped[int] = mapped_column(default=100)
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    areas: Mapped[list[OutletWard]] = relationship(back_populates="outlet", cascade="all, delete-orphan")
    staff: Mapped[list[OutletStaff]] = relationship(back_populates="outlet")

    @property
    def display_name(self) -> str:
        """The short name shoppers read in lists, or the full name when there is none."""
        return self.short_name or self.name

    @property
    def delivery_ward_codes(self) -> set[int]:
        return {a.ward_code for a in self.areas}

    @property
    def place(self) -> str:
        """What shoppers call it: the short name, or the full name when none is set."""
        return self.short_name or self.name

    @property
    def title(self) -> str:
        """ "Cửa hàng Hố Nai" / "Hố Nai outlet"; the full name when there is no short one."""
        return _("%(place)s outlet", place=self.short_name) if self.short_name else self.name

    @property
    def phone_digits(self) -> str:
        """The phone number as digits only ("0251 3881 204" → "02513881204"), for tel: and Zalo links."""
        return "".join(ch for ch in self.phone or "" if ch.isdigit())


class OutletWard(db.Model):
    """One ward code in an outlet's delivery area."""

    __tablename__ = "outlet_wards"

    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id"), primary_key=True)
    ward_code: Mapped[int] = mapped_column(primary_key=True, index=True)

    outlet: Mapped[Outlet] = relationship(back_populates="areas")


class OutletStaff(db.Model):
    __tablename__ = "outlet_staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    # A manager unlocks a shipment locked after too many wrong pickup codes.
    is_manager: Mapped[bool] = mapped_column(default=False, server_default="0")

    outlet: Mapped[Outlet] = relationship(back_populates="staff")
    user: Mapped[User] = relationship()


class StockRecord(db.Model):
    """What one outlet holds of one variant. Every change is also a StockMovement row."""

    __tablename__ = "stock_records"
    __table_args__ = (
        UniqueConstraint("variant_id", "outlet_id"),
        CheckConstraint("on_hand >= 0", name="on_hand_not_negative"),
        CheckConstraint("reserved >= 0", name="reserved_not_negative"),
        CheckConstraint("reserved <= on_hand", name="reserved_within_on_hand"),
        # What an outlet has available, read from the index alone (the catalog's outlet filter).
        Index("ix_stock_records_outlet_available", "outlet_id", "variant_id", "on_hand", "reserved"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id"), index=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id"))
    on_hand: Mapped[int] = mapped_column(default=0)
    reserved: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    # The catalog stands above outlets: its Variant is resolved by name, not imported.
    variant = relationship("Variant")
    outlet: Mapped[Outlet] = relationship()

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved


class StockMovement(db.Model):
    """Append-only ledger: the sum of the deltas of a stock record equals its figures."""

    __tablename__ = "stock_movements"
    __table_args__ = (CheckConstraint(f"kind IN {MOVEMENT_KINDS!r}", name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stock_record_id: Mapped[int] = mapped_column(ForeignKey("stock_records.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    on_hand_delta: Mapped[int] = mapped_column(default=0)
    reserved_delta: Mapped[int] = mapped_column(default=0)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    consignment_id: Mapped[int | None] = mapped_column(ForeignKey("consignments.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    stock_record: Mapped[StockRecord] = relationship()
