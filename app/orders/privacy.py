"""Her orders, cart and favourites in her data download, and what happens to them when she deletes
her account: orders stay for the accounts with her details removed; cart and favourites go."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import delete, select, update
from sqlalchemy.orm import selectinload

from app.core import places, signals
from app.core.extensions import db
from app.orders.models import Cart, CartLine, FavouriteProduct, FavouriteSeller, Order, Shipment
from app.orders.services import OrderError
from app.orders.status import OPEN_STATUSES
from app.sellers.models import SellerMember

ERASED_CONTACT = "Khách đã xóa tài khoản"


def _orders(user) -> list[dict]:
    orders = db.session.scalars(
        select(Order)
        .where(Order.user_id == user.id)
        .options(selectinload(Order.lines), selectinload(Order.shipments).selectinload(Shipment.outlet))
        .order_by(Order.id)
    )
    return [
        {
            "number": o.number,
            "placed_at": o.created_at,
            "status": o.status,
            "contact": {"name": o.contact_name, "phone": o.contact_phone, "email": o.contact_email},
            "fulfilment": o.fulfilment,
            "delivery_address": ", ".join(
                p
                for p in (
                    o.delivery_street,
                    places.ward_name(o.delivery_ward_code),
                    places.province_name(o.delivery_province_code),
                )
                if p
            )
            or None,  # fmt: skip
            "payment_method": o.payment_method,
            "total_vnd": o.total_vnd,
            "outlets": [s.outlet.name for s in o.shipments],
            "lines": [
                {
                    "product": line.product_name,
                    "pack": line.variant_label,
                    "quantity": line.quantity,
                    "unit_price_vnd": line.unit_price_vnd,
                }  # fmt: skip
                for line in o.lines
            ],
        }
        for o in orders
    ]


def _personal_data(user, **_ignored) -> dict:
    favourites = db.session.scalars(
        select(FavouriteProduct)
        .where(FavouriteProduct.user_id == user.id)
        .options(selectinload(FavouriteProduct.product))
    )
    sellers = db.session.scalars(
        select(FavouriteSeller).where(FavouriteSeller.user_id == user.id).options(selectinload(FavouriteSeller.seller))
    )
    cart = db.session.scalars(
        select(CartLine).join(Cart).where(Cart.user_id == user.id).options(selectinload(CartLine.variant))
    )
    return {
        "orders": _orders(user),
        "favourite_products": [{"product": f.product.name, "since": f.created_at} for f in favourites],
        "favourite_sellers": [{"seller": f.seller.name, "since": f.created_at} for f in sellers],
        "cart": [{"sku": line.variant.sku, "quantity": line.quantity} for line in cart],
    }


def _erase(user, **_ignored) -> None:
    """Refuse while she belongs to a seller or an order is still open; otherwise keep orders without
    her details. (Membership is checked here: the sellers domain connects no receivers of its own.)"""
    if db.session.scalar(select(SellerMember.id).where(SellerMember.user_id == user.id).limit(1)) is not None:
        raise OrderError(
            _("You are a member of a seller. Leave the seller (or ask the union) before deleting your account.")
        )
    open_orders = db.session.scalars(
        select(Order.number).where(Order.user_id == user.id, Order.status.in_(OPEN_STATUSES)).order_by(Order.id)
    ).all()
    if open_orders:
        raise OrderError(
            _(
                "Your orders %(numbers)s are still open. Wait until you have received them, or cancel them, "
                "then delete your account.",
                numbers=", ".join(open_orders),
            )
        )
    db.session.execute(
        update(Order)
        .where(Order.user_id == user.id)
        .values(contact_name=ERASED_CONTACT, contact_phone="", contact_email=None, delivery_street=None)
        .execution_options(synchronize_session=False)
    )
    cart_ids = select(Cart.id).where(Cart.user_id == user.id).scalar_subquery()
    db.session.execute(delete(CartLine).where(CartLine.cart_id.in_(cart_ids)))
    db.session.execute(delete(Cart).where(Cart.user_id == user.id))
    db.session.execute(delete(FavouriteProduct).where(FavouriteProduct.user_id == user.id))
    db.session.execute(delete(FavouriteSeller).where(FavouriteSeller.user_id == user.id))


signals.personal_data_wanted.connect(_personal_data)
signals.account_erasing.connect(_erase)
