"""Accounts: users, their roles, saved addresses, in-site notices and what she chose to receive."""

from __future__ import annotations

import time
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.vocab import NoticeKind, Role

ROLES = Role.codes()
NOTICE_KINDS = NoticeKind.codes()


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(f"role IN {ROLES!r}", name="role_known"),
        CheckConstraint("locale IN ('vi', 'en')", name="locale_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(16), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default=Role.SHOPPER.value)
    locale: Mapped[str] = mapped_column(String(2), default="vi")
    is_active_account: Mapped[bool] = mapped_column(default=True)
    # Bumped by sign-out, password change or reset, deactivation and "sign out everywhere":
    # every session and remember-me cookie made before then stops working.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # The outlet she last picked up at, preselected at her next checkout (outlets stand above
    # accounts, so the table is named, never imported).
    pickup_outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id", ondelete="SET NULL"))
    email_verified_at: Mapped[datetime | None]
    privacy_accepted_at: Mapped[datetime | None]
    privacy_version: Mapped[str | None] = mapped_column(String(16))
    erased_at: Mapped[datetime | None]

    notifications: Mapped[list[Notification]] = relationship(
        back_populates="user", order_by="Notification.created_at.desc()"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login reads this
        return self.is_active_account

    def get_id(self) -> str:
        """What the session and the remember-me cookie hold: "id:session version:signed-in time".

        Flask-Login calls this once, at sign-in; the user loader refuses the value once the
        session version has moved on or the time is older than REMEMBER_COOKIE_DURATION.
        """
        return f"{self.id}:{self.session_version}:{int(time.time())}"

    @property
    def is_union_staff(self) -> bool:
        return self.role == "staff"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


class Notification(db.Model):
    """A notice shown in the site to one user (decisions, order updates)."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default=NoticeKind.SERVICE.value, server_default="service")
    message: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="notifications")


class NoticePreference(db.Model):
    """A shopper's choice for one optional kind of notice (no row: both on)."""

    __tablename__ = "notice_preferences"
    __table_args__ = (CheckConstraint(f"kind IN {NOTICE_KINDS!r}", name="kind_known"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    in_site: Mapped[bool] = mapped_column(default=True)
    by_email: Mapped[bool] = mapped_column(default=True)


class Address(db.Model):
    """A saved delivery address: province and ward codes (two tiers since July 2025), street, recipient."""

    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(16))
    province_code: Mapped[int] = mapped_column()
    ward_code: Mapped[int] = mapped_column()
    street: Mapped[str] = mapped_column(String(200))
    is_default: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
