"""Who reacts to what: the shop's named events, as blinker signals.

A lower layer announces an event here and never imports the layers that react; a higher layer
connects its receivers when its package is imported. Receivers run in the sender's transaction
(unless the signal says otherwise) and may raise to refuse: the sender rolls everything back.

- ``order_placed`` (Order): sent by orders.placement before commit; payments opens the payment row.
- ``checkout_completed`` (Order): sent by the checkout view after commit; payments answers with the
  URL where the shopper pays (the QR page, or Stripe's checkout opened by that POST).
- ``payment_link_wanted`` (Order): sent by the order page (a GET); payments answers with where the
  shopper pays: the card session already open, else its own pay page. Nothing is written or opened.
- ``order_cancelled`` (Order; actor_id, reason): sent by orders.services before commit; payments
  closes a payment still waiting for money.
- ``order_expired`` (Order): sent by orders.services before commit; payments marks it expired.
- ``payment_confirmed`` (Order; actor_id): sent by payments before commit; orders confirms the
  order and its shipments.
- ``seller_suspended`` (Seller; actor_id, reason): sent by sellers.workflow before commit.
- ``signed_in`` (User; guest): sent by the sign-in views; orders merges the guest's cart.
- ``stock_changed`` (StockRecord; kind, available_before): sent by outlets.stock after each ledger
  move; the catalog tells the seller when a variant's available stock at an outlet falls below
  the level she set. (``payment_confirmed`` also reaches orders.seller_notices: the seller is told.)
"""

from __future__ import annotations

from blinker import Namespace

_events = Namespace()

order_placed = _events.signal("order-placed", doc="Order written at placement (kwargs: none).")
checkout_completed = _events.signal(
    "checkout-completed", doc="Order committed; a receiver may return the URL where the shopper pays next."
)
payment_link_wanted = _events.signal(
    "payment-link-wanted", doc="Order page shown; a receiver may return the URL to pay at (read-only)."
)
order_cancelled = _events.signal("order-cancelled", doc="Order cancelled (kwargs: actor_id, reason).")
order_expired = _events.signal("order-expired", doc="Order's time to pay ended (kwargs: none).")
payment_confirmed = _events.signal("payment-confirmed", doc="Money for the order arrived in full (kwargs: actor_id).")
seller_suspended = _events.signal("seller-suspended", doc="Seller suspended (kwargs: actor_id, reason).")
signed_in = _events.signal("signed-in", doc="User signed in during this request (kwargs: none).")
stock_changed = _events.signal(
    "stock-changed", doc="A stock record moved through the ledger (kwargs: kind, available_before)."
)


def first_answer(signal, sender, **kwargs):
    """Send ``signal`` and return the first receiver's answer that is not None."""
    for _receiver, answer in signal.send(sender, **kwargs):
        if answer is not None:
            return answer
    return None
