"""Sellers: the organisations and women who sell, their members and documents."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.vocab import InvitationStatus, RequestStatus, SellerKind, SellerStatus

SELLER_KINDS = SellerKind.codes()
SELLER_STATUSES = SellerStatus.codes()
INVITATION_STATUSES = InvitationStatus.codes()
REQUEST_STATUSES = RequestStatus.codes()


class Seller(db.Model):
    __tablename__ = "sellers"
    __table_args__ = (
        CheckConstraint(f"kind IN {SELLER_KINDS!r}", name="kind_known"),
        CheckConstraint(f"status IN {SELLER_STATUSES!r}", name="status_known"),
        CheckConstraint("members_count >= 0", name="members_not_negative"),
        CheckConstraint(
            "women_members_count >= 0 AND women_members_count <= members_count",
            name="women_within_members",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(160), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(16), default=SellerStatus.DRAFT.value, index=True)
    status_reason: Mapped[str | None] = mapped_column(Text)
    representative: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(16))
    email: Mapped[str | None] = mapped_column(String(254))
    province_code: Mapped[int] = mapped_column()
    ward_code: Mapped[int] = mapped_column(index=True)
    street: Mapped[str] = mapped_column(String(200), default="")
    registration_no: Mapped[str | None] = mapped_column(String(40))
    members_count: Mapped[int] = mapped_column(default=1)
    women_members_count: Mapped[int] = mapped_column(default=1)
    story: Mapped[str] = mapped_column(Text, default="")
    # The public parts of her shop page, which the owner edits herself.
    public_phone: Mapped[str | None] = mapped_column(String(16))
    zalo_url: Mapped[str | None] = mapped_column(String(200))
    pickup_at_home: Mapped[bool] = mapped_column(default=False)
    pickup_hours: Mapped[str] = mapped_column(String(200), default="")
    is_featured: Mapped[bool] = mapped_column(default=False)
    created_by_staff: Mapped[bool] = mapped_column(default=False)
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    members: Mapped[list[SellerMember]] = relationship(back_populates="seller")
    documents: Mapped[list[SellerDocument]] = relationship(back_populates="seller")
    images: Mapped[list[SellerImage]] = relationship(back_populates="seller", order_by="SellerImage.position")

    @property
    def is_approved(self) -> bool:
        return self.status == "approved"

    def __repr__(self) -> str:
        return f"<Seller {self.id} {self.slug} {self.status}>"


class SellerMember(db.Model):
    __tablename__ = "seller_members"
    __table_args__ = (UniqueConstraint("seller_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    is_owner: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_active_at: Mapped[datetime | None]

    seller: Mapped[Seller] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class SellerInvitation(db.Model):
    """An owner's invitation to join a seller, sent to an email; she becomes a member only by accepting."""

    __tablename__ = "seller_invitations"
    __table_args__ = (CheckConstraint(f"status IN {INVITATION_STATUSES!r}", name="status_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(10), default=InvitationStatus.PENDING.value)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]

    seller: Mapped[Seller] = relationship()


class SellerDocument(db.Model):
    """A supporting document (registration paper, certificate), served only to staff and members."""

    __tablename__ = "seller_documents"
    __table_args__ = (CheckConstraint("size_bytes > 0", name="size_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(200))
    size_bytes: Mapped[int] = mapped_column()
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    seller: Mapped[Seller] = relationship(back_populates="documents")


class SellerImage(db.Model):
    """A photo of the seller's shop page, stored by the image pipeline under a content-hashed key."""

    __tablename__ = "seller_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    storage_key: Mapped[str] = mapped_column(String(80))
    width: Mapped[int] = mapped_column()
    height: Mapped[int] = mapped_column()
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    seller: Mapped[Seller] = relationship(back_populates="images")


class SellerChangeRequest(db.Model):
    """The owner asks to change the legal details (name, kind, registration number); union staff decide."""

    __tablename__ = "seller_change_requests"
    __table_args__ = (
        CheckConstraint(f"status IN {REQUEST_STATUSES!r}", name="status_known"),
        CheckConstraint(f"kind IN {SELLER_KINDS!r}", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(24))
    registration_no: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=RequestStatus.PENDING.value, index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]

    seller: Mapped[Seller] = relationship()
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
