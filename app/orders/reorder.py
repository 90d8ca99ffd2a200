"""“Mua lại”: put the lines of a past order back in the cart, as far as they can still be bought.

Each line goes in through the cart's own rules (a small change of its own); a line that cannot
(no longer on sale, out of stock, fewer units left, a new price) is named with the reason, so
she sees at once what is missing instead of finding out at checkout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _

from app.catalog.queries import availability
from app.core.i18n import money
from app.orders import cart
from app.orders.models import Order


@dataclass
class ReorderResult:
    added: int = 0
    flagged: list[str] = field(default_factory=list)


def reorder(*, order: Order, user, guest: cart.GuestStore = None) -> ReorderResult:
    """Add what can still be bought from ``order`` to her cart; say why for each line that cannot."""
    result = ReorderResult()
    wanted: dict[int, tuple[str, int]] = {}
    for line in order.lines:
        name, quantity = wanted.get(line.variant_id, (f"{line.product_name} ({line.variant_label})", 0))
        wanted[line.variant_id] = (name, quantity + line.quantity)
    variants, buyable = cart.load_variants(list(wanted))
    stock = availability(list(wanted))
    in_cart = {item.variant_id: item.quantity for item in cart.load_items(user, guest)}
    for variant_id, (name, quantity) in wanted.items():
        left = stock.get(variant_id, 0) - in_cart.get(variant_id, 0)
        if variant_id not in buyable:
            result.flagged.append(_("“%(name)s” is no longer on sale.", name=name))
            continue
        if left <= 0:
            result.flagged.append(_("“%(name)s” is out of stock at every outlet.", name=name))
            continue
        try:
            cart.add_item(user=user, variant_id=variant_id, quantity=min(quantity, left), guest=guest)
        except cart.CartError as exc:
            result.flagged.append(_("“%(name)s”: %(why)s", name=name, why=exc.message))
            continue
        result.added += 1
        if left < quantity:
            result.flagged.append(_("“%(name)s”: only %(n)s could be added.", name=name, n=left))
        old_price = next(line.unit_price_vnd for line in order.lines if line.variant_id == variant_id)
        if variants[variant_id].price_vnd != old_price:
            result.flagged.append(
                _(
                    "“%(name)s” now costs %(price)s (it was %(old)s).",
                    name=name,
                    price=money(variants[variant_id].price_vnd),
                    old=money(old_price),
                )
            )
    return result
