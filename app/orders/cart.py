"""The cart: in the database for account holders; for guests in a mapping the caller keeps
(the views pass the session), so these services never read the request themselves.

A line remembers the price the shopper saw. When the price or availability changes, the cart
page flags the line at the top and nothing changes until the shopper accepts it.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import ScalarSelect, delete, func, select
from sqlalchemy.orm import joinedload

from app.catalog.models import Product, Variant
from app.catalog.queries import availability, is_visible
from app.core import signals
from app.core.errors import DomainError
from app.core.extensions import db
from app.orders.models import Cart, CartLine

SESSION_KEY = "cart"  # the key of a guest's lines in the mapping the caller passes as ``guest``
GuestStore = MutableMapping | None
MAX_QUANTITY = 999
MAX_LINES = 50


class CartError(DomainError):
    code = "cart"


@dataclass(frozen=True)
class CartItem:
    variant_id: int
    quantity: int
    price_seen_vnd: int


@dataclass(frozen=True)
class CartRow:
    variant: Variant
    quantity: int
    price_seen_vnd: int
    available: int
    visible: bool

    @property
    def price_changed(self) -> bool:
        return self.visible and self.variant.price_vnd != self.price_seen_vnd

    @property
    def short(self) -> bool:
        return self.visible and self.quantity > self.available

    @property
    def line_total_vnd(self) -> int:
        return self.variant.price_vnd * self.quantity


@dataclass(frozen=True)
class CartView:
    rows: list[CartRow]

    @property
    def flagged(self) -> list[CartRow]:
        return [r for r in self.rows if not r.visible or r.price_changed or r.short]

    @property
    def subtotal_vnd(self) -> int:
        return sum(r.line_total_vnd for r in self.rows if r.visible)

    @property
    def seller_count(self) -> int:
        return len({r.variant.seller_id for r in self.rows})


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def _account_cart(user, *, create: bool) -> Cart | None:
    cart = db.session.scalar(select(Cart).where(Cart.user_id == user.id))
    if cart is None and create:
        cart = Cart(user_id=user.id)
        db.session.add(cart)
        db.session.flush()
    return cart


def load_items(user, guest: GuestStore = None) -> list[CartItem]:
    """The cart's lines as plain data, oldest first."""
    if _signed_in(user):
        rows = db.session.execute(
            select(CartLine.variant_id, CartLine.quantity, CartLine.price_seen_vnd)
            .join(Cart)
            .where(Cart.user_id == user.id)
            .order_by(CartLine.id)
        ).all()
        return [CartItem(*row) for row in rows]
    stored = (guest or {}).get(SESSION_KEY) or {}
    return [CartItem(int(v), int(d["q"]), int(d["p"])) for v, d in stored.items()]


def lines_count_of(user_id) -> ScalarSelect:
    """How many lines the account's cart holds, as SQL (``user_id`` may be ``User.id`` of an
    enclosing statement, so the page header reads it with the user)."""
    return select(func.count(CartLine.id)).join(Cart).where(Cart.user_id == user_id).scalar_subquery()


def count(user, guest: GuestStore = None) -> int:
    """How many lines the cart holds (the header's badge)."""
    if _signed_in(user):
        return db.session.scalar(select(lines_count_of(user.id))) or 0
    return len((guest or {}).get(SESSION_KEY) or {})


def load_variants(variant_ids: list[int], *, photos: bool = True) -> tuple[dict[int, Variant], set[int]]:
    """The variants (product and seller loaded, and photos unless ``photos`` is False: placing an
    order shows none) and which of them a shopper may buy."""
    if not variant_ids:
        return {}, set()
    statement = (
        select(Variant)
        .where(Variant.id.in_(variant_ids))
        .options(joinedload(Variant.product).joinedload(Product.seller))
    )
    if photos:
        statement = statement.options(joinedload(Variant.product).selectinload(Product.images))
    variants = db.session.scalars(statement).all()
    buyable = {v.id for v in variants if v.is_active and is_visible(v.product)}
    return {v.id: v for v in variants}, buyable


def cart_view(user, guest: GuestStore = None) -> CartView:
    """The cart as the page shows it, with each line's flags, at a fixed number of queries."""
    items = load_items(user, guest)
    ids = [i.variant_id for i in items]
    variants, buyable = load_variants(ids)
    stock = availability(ids)
    rows = [
        CartRow(
            variants[i.variant_id], i.quantity, i.price_seen_vnd, stock.get(i.variant_id, 0), i.variant_id in buyable
        )
        for i in items
        if i.variant_id in variants
    ]
    return CartView(rows)


def _check_quantity(quantity: object) -> int:
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        raise CartError(_("Enter a quantity of at least 1."))
    if quantity > MAX_QUANTITY:
        raise CartError(_("You can buy at most %(n)s of one item per order.", n=MAX_QUANTITY))
    return quantity


def _buyable(variant_id: int, quantity: int) -> Variant:
    variants, buyable = load_variants([variant_id])
    variant = variants.get(variant_id)
    if variant is None or variant_id not in buyable:
        raise CartError(_("This item is not on sale any more."))
    available = availability([variant_id]).get(variant_id, 0)
    if available <= 0:
        raise CartError(_("“%(name)s” is out of stock at every outlet.", name=variant.product.name))
    if quantity > available:
        raise CartError(
            ngettext(
                "Only %(num)s of “%(name)s” is available at the outlets.",
                "Only %(num)s of “%(name)s” are available at the outlets.",
                available,
                name=variant.product.name,
            )
        )
    return variant


def add_item(*, user, variant_id: int, quantity: int, guest: GuestStore = None) -> Variant:
    """Add units of a variant; the price seen is remembered when the line is new."""
    quantity = _check_quantity(quantity)
    current = {i.variant_id: i for i in load_items(user, guest)}
    if variant_id not in current and len(current) >= MAX_LINES:
        raise CartError(_("Your cart is full. Place an order or remove something first."))
    existing = current.get(variant_id)
    total = _check_quantity(quantity + (existing.quantity if existing else 0))
    variant = _buyable(variant_id, total)
    price_seen = existing.price_seen_vnd if existing else variant.price_vnd
    _store(user, guest, CartItem(variant_id, total, price_seen))
    return variant


def set_quantity(*, user, variant_id: int, quantity: int, guest: GuestStore = None) -> None:
    """Change a line's quantity (0 and below are refused; use remove)."""
    quantity = _check_quantity(quantity)
    existing = {i.variant_id: i for i in load_items(user, guest)}.get(variant_id)
    if existing is None:
        raise CartError(_("This item is not in your cart."))
    _buyable(variant_id, quantity)
    _store(user, guest, CartItem(variant_id, quantity, existing.price_seen_vnd))


def swap_item(*, user, variant_id: int, replacement_id: int, guest: GuestStore = None) -> Variant:
    """Take another size or pack of the same product instead of a line (same quantity, added to a
    line of that size if there is one); the price seen is the replacement's own."""
    line = {i.variant_id: i for i in load_items(user, guest)}.get(variant_id)
    if line is None:
        raise CartError(_("This item is not in your cart."))
    variants, _buyable_ids = load_variants([variant_id, replacement_id])
    old, new = variants.get(variant_id), variants.get(replacement_id)
    if old is None or new is None or new.product_id != old.product_id or new.id == old.id:
        raise CartError(_("This item is not on sale any more."))
    existing = {i.variant_id: i for i in load_items(user, guest)}.get(replacement_id)
    total = _check_quantity(line.quantity + (existing.quantity if existing else 0))
    _buyable(replacement_id, total)
    price_seen = existing.price_seen_vnd if existing else new.price_vnd
    remove_item(user=user, variant_id=variant_id, guest=guest)
    _store(user, guest, CartItem(replacement_id, total, price_seen))
    return new


def remove_item(*, user, variant_id: int, guest: GuestStore = None) -> None:
    """Take a line out of the cart."""
    if _signed_in(user):
        cart = _account_cart(user, create=False)
        if cart is not None:
            db.session.execute(delete(CartLine).where(CartLine.cart_id == cart.id, CartLine.variant_id == variant_id))
            db.session.commit()
        return
    if guest is not None:
        stored = dict(guest.get(SESSION_KEY) or {})
        stored.pop(str(variant_id), None)
        guest[SESSION_KEY] = stored


def accept_changes(*, user, guest: GuestStore = None) -> None:
    """The shopper accepts the flagged changes: new prices, fewer units, unavailable lines removed."""
    view = cart_view(user, guest)
    kept = {r.variant.id for r in view.rows if r.visible and r.available > 0}
    for row in view.rows:
        if row.variant.id not in kept:
            remove_item(user=user, variant_id=row.variant.id, guest=guest)
        elif row.price_changed or row.short:
            _store(user, guest, CartItem(row.variant.id, min(row.quantity, row.available), row.variant.price_vnd))


def _store(user, guest: GuestStore, item: CartItem) -> None:
    if not _signed_in(user):
        if guest is None:
            raise CartError(_("Your cart could not be kept. Please allow cookies for this site."))
        stored = dict(guest.get(SESSION_KEY) or {})
        stored[str(item.variant_id)] = {"q": item.quantity, "p": item.price_seen_vnd}
        guest[SESSION_KEY] = stored
        return
    cart = _account_cart(user, create=True)
    line = db.session.scalar(
        select(CartLine).where(CartLine.cart_id == cart.id, CartLine.variant_id == item.variant_id)
    )
    if line is None:
        db.session.add(
            CartLine(
                cart_id=cart.id, variant_id=item.variant_id, quantity=item.quantity, price_seen_vnd=item.price_seen_vnd
            )
        )
    else:
        line.quantity, line.price_seen_vnd = item.quantity, item.price_seen_vnd
    db.session.commit()


def merge_guest_cart(user, guest: GuestStore = None) -> None:
    """After login: the guest's lines join the account's cart (quantities add up, capped)."""
    guest = (guest.pop(SESSION_KEY, None) if guest is not None else None) or {}
    if not guest:
        return
    cart = _account_cart(user, create=True)
    lines = {line.variant_id: line for line in cart.lines}
    for raw_id, data in guest.items():
        variant_id, quantity, price = int(raw_id), int(data["q"]), int(data["p"])
        line = lines.get(variant_id)
        if line is None:
            if len(lines) >= MAX_LINES:
                break
            lines[variant_id] = CartLine(
                cart=cart, variant_id=variant_id, quantity=min(quantity, MAX_QUANTITY), price_seen_vnd=price
            )
            db.session.add(lines[variant_id])
        else:
            line.quantity = min(line.quantity + quantity, MAX_QUANTITY)
    db.session.commit()


def clear(user, guest: GuestStore = None) -> None:
    """Empty the cart after an order (the caller commits)."""
    if _signed_in(user):
        cart_ids = select(Cart.id).where(Cart.user_id == user.id).scalar_subquery()
        db.session.execute(delete(CartLine).where(CartLine.cart_id == cart_ids))
    elif guest is not None:
        guest.pop(SESSION_KEY, None)


def _merge_on_sign_in(user, guest: GuestStore = None, **_ignored) -> None:
    merge_guest_cart(user, guest)


signals.signed_in.connect(_merge_on_sign_in)
