"""Orders: carts, orders, the shipments each outlet fulfils, and the lines as sold."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.catalog.models import Product, Variant
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.vocab import Fulfilment, OrderStatus, PaymentMethod
from app.outlets.models import Outlet
from app.sellers.models import Seller

ORDER_STATUSES = OrderStatus.codes()  # shipments move through the same statuses
FULFILMENTS = Fulfilment.codes()
PAYMENT_METHODS = PaymentMethod.codes()


class Cart(db.Model):
    __tablename__ = "carts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    lines: Mapped[list[CartLine]] = relationship(
        back_populates="cart", cascade="all, delete-orphan", order_by="CartLine.id"
    )


class CartLine(db.Model):
    __tablename__ = "cart_lines"
    __table_args__ = (
        UniqueConstraint("cart_id", "variant_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cart_id: Mapped[int] = mapped_column(ForeignKey("carts.id"), index=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id"))
    quantity: Mapped[int] = mapped_column()
    price_seen_vnd: Mapped[int] = mapped_column()
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    cart: Mapped[Cart] = relationship(back_populates="lines")
    variant: Mapped[Variant] = relationship()


class Order(db.Model):
    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint(f"status IN {ORDER_STATUSES!r}", name="status_known"),
        CheckConstraint(f"fulfilment IN {FULFILMENTS!r}", name="fulfilment_known"),
        CheckConstraint(f"payment_method IN {PAYMENT_METHODS!r}", name="payment_method_known"),
        CheckConstraint("subtotal_vnd >= 0", name="subtotal_not_negative"),
        CheckConstraint("delivery_fee_vnd >= 0", name="fee_not_negative"),
        CheckConstraint("total_vnd = subtotal_vnd + delivery_fee_vnd", name="total_adds_up"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    contact_name: Mapped[str] = mapped_column(String(120))
    contact_phone: Mapped[str] = mapped_column(String(16))
    contact_email: Mapped[str | None] = mapped_column(String(254))  # a guest may give a phone number only
    fulfilment: Mapped[str] = mapped_column(String(10))
    pickup_outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"))
    delivery_province_code: Mapped[int | None]
    delivery_ward_code: Mapped[int | None]
    delivery_street: Mapped[str | None] = mapped_column(String(200))
    subtotal_vnd: Mapped[int] = mapped_column()
    delivery_fee_vnd: Mapped[int] = mapped_column(default=0)
    total_vnd: Mapped[int] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default=OrderStatus.PLACED.value, index=True)
    payment_method: Mapped[str] = mapped_column(String(10), default=PaymentMethod.CASH.value)
    routing_note: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    locale: Mapped[str] = mapped_column(String(2), default="vi")
    expires_at: Mapped[datetime | None] = mapped_column(index=True)
    # When the order last became completed, cancelled or refunded: guest links stop opening some days after.
    closed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    user: Mapped[User | None] = relationship()
    pickup_outlet: Mapped[Outlet | None] = relationship()
    shipments: Mapped[list[Shipment]] = relationship(back_populates="order", order_by="Shipment.id")
    lines: Mapped[list[OrderLine]] = relationship(back_populates="order", order_by="OrderLine.id")


class Shipment(db.Model):
    """The part of an order that one outlet fulfils."""

    __tablename__ = "shipments"
    __table_args__ = (
        UniqueConstraint("order_id", "outlet_id"),
        CheckConstraint(f"status IN {ORDER_STATUSES!r}", name="status_known"),
        CheckConstraint("delivery_fee_vnd >= 0", name="fee_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=OrderStatus.PLACED.value, index=True)
    pickup_code: Mapped[str] = mapped_column(String(6))
    delivery_fee_vnd: Mapped[int] = mapped_column(default=0)
    cash_received_vnd: Mapped[int | None]
    # Wrong pickup codes typed at hand-over; at PICKUP_CODE_TRIES the shipment locks until a manager unlocks it.
    code_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    code_locked_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(index=True)  # the reports' period

    order: Mapped[Order] = relationship(back_populates="shipments")
    outlet: Mapped[Outlet] = relationship()
    lines: Mapped[list[OrderLine]] = relationship(back_populates="shipment", order_by="OrderLine.id")


class OrderLine(db.Model):
    """One line as sold: the name and price are copied so later edits never change history."""

    __tablename__ = "order_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price_vnd > 0", name="price_positive"),
        CheckConstraint("line_total_vnd = unit_price_vnd * quantity", name="line_total_adds_up"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id"), index=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id"), index=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    product_name: Mapped[str] = mapped_column(String(200))
    variant_label: Mapped[str] = mapped_column(String(80))
    sku: Mapped[str] = mapped_column(String(40))
    unit_price_vnd: Mapped[int] = mapped_column()
    quantity: Mapped[int] = mapped_column()
    line_total_vnd: Mapped[int] = mapped_column()

    order: Mapped[Order] = relationship(back_populates="lines")
    shipment: Mapped[Shipment] = relationship(back_populates="lines")
    variant: Mapped[Variant] = relationship()


class CheckoutDraft(db.Model):
    """The contact and delivery details typed at checkout, kept here between the form and the review;
    the visitor's session holds only the random key, so nothing personal travels in the cookie."""

    __tablename__ = "checkout_drafts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class OrderNote(db.Model):
    """A status change or remark on an order, shown on the order page."""

    __tablename__ = "order_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class FavouriteProduct(db.Model):
    """A product she keeps an eye on; she is told when it is back in stock at her outlet (any when unset)."""

    __tablename__ = "favourite_products"
    __table_args__ = (UniqueConstraint("user_id", "product_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_notice_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
    product: Mapped[Product] = relationship()
    outlet: Mapped[Outlet | None] = relationship()


class FavouriteSeller(db.Model):
    """A seller she follows."""

    __tablename__ = "favourite_sellers"
    __table_args__ = (UniqueConstraint("user_id", "seller_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    seller: Mapped[Seller] = relationship()
