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
  closes a payment still waiting for money and opens a refund for any money held, same transaction.
- ``order_cancel_committed`` (Order; actor_id): sent by orders.services after a cancellation has
  committed; payments sends the card refunds it opened to Stripe (outside the cancel's transaction).
- ``cancellation_money_wanted`` (Order): sent by the cancel confirmation pages (a GET); payments
  answers with sentences saying what happens to the money. Nothing is written.
- ``order_money_wanted`` (Order; link_args): sent by the order page (a GET); payments answers with
  the page's money part (QR while a transfer is awaited, payments and refunds). Nothing is written.
- ``order_expired`` (Order): sent by orders.services before commit; payments marks it expired.
- ``payment_confirmed`` (Order; actor_id): sent by payments before commit; orders confirms the
  order and its shipments.
- ``seller_suspended`` (Seller; actor_id, reason): sent by sellers.workflow before commit.
- ``signed_in`` (User; guest): sent by the sign-in views; orders merges the guest's cart and links
  her earlier guest orders when her email is verified (answers with how many it linked).
- ``email_verified`` (User): sent by accounts when she opens the signed link, before commit; orders
  links the guest orders placed with that email (answers with how many).
- ``stock_available`` (StockRecord): sent by outlets.stock when a record's available units go from
  none to some, before the caller commits; orders tells the shoppers who favourited the product there.
- ``product_shown`` (Product; viewer): sent by the catalog's product page (a GET); each receiver may
  answer with a dict of extra template values (reviews: the ratings and latest reviews; orders:
  whether she favourited it). Read-only, a fixed number of queries each.
- ``personal_data_wanted`` (User): sent by the data download; each domain answers with a dict of
  the sections it holds about her (read-only).
- ``account_erasing`` (User): sent by accounts.privacy before it anonymises the account, in the same
  transaction; each domain deletes or anonymises her rows, or raises to refuse (an open order).
- ``media_requested`` (the content key of a stored file): sent by core.storage's /media/ route; the
  catalog answers "public" (a photo of a product on sale), "private" (only the seller's members
  and union staff may see it) or "hidden" (404). A file no receiver claims is not served.
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
order_cancel_committed = _events.signal(
    "order-cancel-committed", doc="Cancellation committed (kwargs: actor_id); card refunds are sent now."
)
cancellation_money_wanted = _events.signal(
    "cancellation-money-wanted", doc="Cancel confirmation shown; a receiver may return sentences about the money."
)
order_money_wanted = _events.signal(
    "order-money-wanted", doc="Order page shown; a receiver may return its money part as HTML (read-only)."
)
order_expired = _events.signal("order-expired", doc="Order's time to pay ended (kwargs: none).")
payment_confirmed = _events.signal("payment-confirmed", doc="Money for the order arrived in full (kwargs: actor_id).")
seller_suspended = _events.signal("seller-suspended", doc="Seller suspended (kwargs: actor_id, reason).")
signed_in = _events.signal("signed-in", doc="User signed in during this request (kwargs: none).")
email_verified = _events.signal("email-verified", doc="User confirmed her email address (kwargs: none).")
stock_available = _events.signal(
    "stock-available", doc="A stock record's available units went from none to some (kwargs: none)."
)
product_shown = _events.signal(
    "product-shown", doc="Product page shown; receivers may answer with extra template values (kwargs: viewer)."
)
personal_data_wanted = _events.signal(
    "personal-data-wanted", doc="Her data download; receivers answer with {section: data} (kwargs: none)."
)
account_erasing = _events.signal(
    "account-erasing", doc="Account about to be anonymised; receivers clean their rows or refuse (kwargs: none)."
)

media_requested = _events.signal(
    "media-requested", doc="A stored file was asked for; a receiver answers public, private or hidden."
)

stock_changed = _events.signal(
    "stock-changed", doc="A stock record moved through the ledger (kwargs: kind, available_before)."
)


def all_answers(signal, sender, **kwargs) -> list:
    """Send ``signal`` and return every receiver's answer that is not None, in connection order."""
    return [answer for _receiver, answer in signal.send(sender, **kwargs) if answer is not None]


def first_answer(signal, sender, **kwargs):
    """Send ``signal`` and return the first receiver's answer that is not None."""
    for _receiver, answer in signal.send(sender, **kwargs):
        if answer is not None:
            return answer
    return None
