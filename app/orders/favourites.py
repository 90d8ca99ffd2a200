"""Favourites: products she keeps an eye on (and the outlet where she buys) and sellers she follows.

When a favourite product comes back in stock at her outlet, she gets a notice (in the site and by
email, as her preferences say), at most once a day per product. Stock changes only in the ledger
(app/outlets/stock.py), which announces ``stock_available``; this module listens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from app.accounts.notices import deliver
from app.catalog.models import Product, Variant
from app.catalog.queries import availability, product_availability, visible_products, with_card_data
from app.core import signals
from app.core.errors import NotFound
from app.core.extensions import db
from app.core.timeutil import as_utc, utcnow
from app.core.urls import external_url
from app.core.vocab import Fulfilment, NoticeKind
from app.orders.models import FavouriteProduct, FavouriteSeller, Order
from app.outlets.models import Outlet, StockRecord
from app.sellers.models import Seller

QUIET_HOURS = 20  # at most one "back in stock" notice per favourite in this time
MAX_FAVOURITES = 200


@dataclass(frozen=True)
class FavouriteRow:
    favourite: FavouriteProduct
    product: Product
    available_here: int  # at her outlet, or at every outlet when she chose none


def _last_pickup_outlet(user) -> int | None:
    return db.session.scalar(
        select(Order.pickup_outlet_id)
        .where(Order.user_id == user.id, Order.fulfilment == Fulfilment.PICKUP, Order.pickup_outlet_id.is_not(None))
        .order_by(Order.created_at.desc(), Order.id.desc())
        .limit(1)
    )


def _visible_product(product_id: int) -> Product:
    product = db.session.scalar(visible_products().where(Product.id == product_id))
    if product is None:
        raise NotFound(_("This product does not exist or is no longer on sale."))
    return product


def add_product(*, user, product_id: int) -> FavouriteProduct:
    """Keep a visible product among her favourites, watched at the outlet she last picked up from."""
    product = _visible_product(product_id)
    favourite = db.session.scalar(
        select(FavouriteProduct).where(FavouriteProduct.user_id == user.id, FavouriteProduct.product_id == product.id)
    )
    if favourite is None:
        favourite = FavouriteProduct(user_id=user.id, product_id=product.id, outlet_id=_last_pickup_outlet(user))
        db.session.add(favourite)
        db.session.commit()
    return favourite


def remove_product(*, user, product_id: int) -> None:
    favourite = db.session.scalar(
        select(FavouriteProduct).where(FavouriteProduct.user_id == user.id, FavouriteProduct.product_id == product_id)
    )
    if favourite is not None:
        db.session.delete(favourite)
        db.session.commit()


def watch_at(*, user, favourite_id: int, outlet_id: int | None) -> FavouriteProduct:
    """Choose the outlet whose stock she is told about (None: any outlet)."""
    favourite = db.session.scalar(
        select(FavouriteProduct).where(FavouriteProduct.id == favourite_id, FavouriteProduct.user_id == user.id)
    )
    if favourite is None:
        raise NotFound(_("This favourite does not exist."))
    if outlet_id:
        outlet = db.session.get(Outlet, outlet_id)
        if outlet is None or not outlet.is_active:
            raise NotFound(_("This outlet does not exist or is closed."))
    favourite.outlet_id = outlet_id or None
    db.session.commit()
    return favourite


def follow_seller(*, user, seller_id: int) -> None:
    seller = db.session.get(Seller, seller_id)
    if seller is None or seller.status != "approved":
        raise NotFound(_("This seller does not exist or is not selling here."))
    exists = db.session.scalar(
        select(FavouriteSeller.id).where(FavouriteSeller.user_id == user.id, FavouriteSeller.seller_id == seller.id)
    )
    if exists is None:
        db.session.add(FavouriteSeller(user_id=user.id, seller_id=seller.id))
        db.session.commit()


def unfollow_seller(*, user, seller_id: int) -> None:
    favourite = db.session.scalar(
        select(FavouriteSeller).where(FavouriteSeller.user_id == user.id, FavouriteSeller.seller_id == seller_id)
    )
    if favourite is not None:
        db.session.delete(favourite)
        db.session.commit()


def favourites_of(user) -> tuple[list[FavouriteRow], list[Seller]]:
    """Her favourite products still on sale (with the stock at her outlet) and the sellers she follows."""
    favourites = list(
        db.session.scalars(
            select(FavouriteProduct)
            .where(FavouriteProduct.user_id == user.id)
            .options(selectinload(FavouriteProduct.outlet))
            .order_by(FavouriteProduct.created_at.desc(), FavouriteProduct.id.desc())
            .limit(MAX_FAVOURITES)
        )
    )
    ids = [f.product_id for f in favourites]
    products = {
        p.id: p for p in db.session.scalars(with_card_data(visible_products().where(Product.id.in_(ids))))
    } if ids else {}  # fmt: skip
    everywhere = product_availability(list(products.values()))
    at_outlet = _stock_at_outlets([f for f in favourites if f.outlet_id and f.product_id in products])
    rows = [
        FavouriteRow(
            f,
            products[f.product_id],
            at_outlet.get((f.product_id, f.outlet_id), 0) if f.outlet_id else everywhere.get(f.product_id, 0),
        )  # fmt: skip
        for f in favourites
        if f.product_id in products
    ]
    sellers = list(
        db.session.scalars(
            select(Seller)
            .join(FavouriteSeller, FavouriteSeller.seller_id == Seller.id)
            .where(FavouriteSeller.user_id == user.id, Seller.status == "approved")
            .order_by(Seller.name)
        )
    )
    return rows, sellers


def _stock_at_outlets(favourites: list[FavouriteProduct]) -> dict[tuple[int, int], int]:
    if not favourites:
        return {}
    rows = db.session.execute(
        select(Variant.product_id, StockRecord.outlet_id, StockRecord.on_hand - StockRecord.reserved)
        .join(StockRecord, StockRecord.variant_id == Variant.id)
        .where(
            Variant.product_id.in_({f.product_id for f in favourites}),
            StockRecord.outlet_id.in_({f.outlet_id for f in favourites}),
            Variant.is_active.is_(True),
        )
    ).all()
    totals: dict[tuple[int, int], int] = {}
    for product_id, outlet_id, available in rows:
        totals[(product_id, outlet_id)] = totals.get((product_id, outlet_id), 0) + max(available, 0)
    return totals


def is_favourite(user, product_id: int) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return (
        db.session.scalar(
            select(FavouriteProduct.id).where(
                FavouriteProduct.user_id == user.id, FavouriteProduct.product_id == product_id
            )
        )
        is not None
    )


def tell_watchers(record: StockRecord) -> int:
    """The ledger says units became available at an outlet: tell who watches the product there."""
    variant = db.session.get(Variant, record.variant_id)
    outlet = db.session.get(Outlet, record.outlet_id)
    if variant is None or outlet is None or not variant.is_active or not outlet.is_active:
        return 0
    product = db.session.scalar(visible_products().where(Product.id == variant.product_id))
    if product is None:
        return 0
    # "Any outlet" watchers care only when no other outlet had any left.
    nowhere_else = availability([variant.id]).get(variant.id, 0) <= record.available
    since = utcnow() - timedelta(hours=QUIET_HOURS)
    where_ok = FavouriteProduct.outlet_id == outlet.id
    watchers = db.session.scalars(
        select(FavouriteProduct)
        .where(
            FavouriteProduct.product_id == product.id,
            or_(where_ok, FavouriteProduct.outlet_id.is_(None)) if nowhere_else else where_ok,
        )
        .options(selectinload(FavouriteProduct.user))
    ).all()
    told = 0
    for favourite in watchers:
        if favourite.last_notice_at is not None and as_utc(favourite.last_notice_at) > since:
            continue
        url = external_url("catalog.product", slug=product.slug)
        with force_locale(favourite.user.locale):
            sent = deliver(
                user=favourite.user,
                kind=NoticeKind.FAVOURITE,
                subject=_("“%(name)s” is back in stock", name=product.name),
                body=_(
                    "Your favourite “%(name)s” is available again at %(outlet)s.", name=product.name, outlet=outlet.name
                ),  # fmt: skip
                link=urlsplit(url).path,
                url=url,
            )
        if sent:
            favourite.last_notice_at = utcnow()
            told += 1
    return told


def _on_stock_available(record: StockRecord, **_ignored) -> None:
    tell_watchers(record)


def _on_product_shown(product: Product, viewer=None, **_ignored) -> dict:
    return {"is_favourite": is_favourite(viewer, product.id)}


signals.stock_available.connect(_on_stock_available)
signals.product_shown.connect(_on_product_shown)
