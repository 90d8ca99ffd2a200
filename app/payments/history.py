"""A payment's log in words, in the page's language: what happened, and an amount only where money moved.

Stripe's event names and internal codes never reach the page; an event we have no words for reads
"Other payment event", never its code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from app.core.i18n import money
from app.payments.models import PaymentEvent

# Events whose amount is money that actually came in or went back.
MONEY_MOVED = frozenset(
    {"bank_transfer", "confirmed_by_hand", "stripe_paid", "cash_collected", "refunded", "goods_returned"}
)


@dataclass(frozen=True)
class HistoryRow:
    when: datetime
    words: str
    amount_vnd: int | None


def _stripe_words(event: PaymentEvent) -> str:
    outcome = (event.data or {}).get("outcome", "")
    words = {
        "checkout.session.completed": _("Stripe reported the card checkout completed"),
        "checkout.session.async_payment_succeeded": _("Stripe reported the delayed card payment succeeded"),
        "checkout.session.async_payment_failed": _("Stripe reported the delayed card payment failed"),
        "checkout.session.expired": _("The card checkout expired unused"),
    }[event.kind]
    notes = {
        "already_paid": _("the order was already paid, nothing changed"),
        "amount_mismatch": _("the amount differs from the order: check it"),
        "unknown_order": _("no order of ours"),
        "waiting_for_async_payment": _("waiting for the bank to confirm"),
        "cancelled": _("the order was cancelled"),
    }
    if outcome.startswith("ignored_"):
        return words + " — " + _("the payment had already moved on, nothing changed")
    return words + (" — " + notes[outcome] if outcome in notes else "")


def _feed_words(event: PaymentEvent) -> str:
    outcome = (event.data or {}).get("outcome", "")
    if outcome == "applied":
        return _("The bank feed reported the transfer; it matched this order")
    if outcome == "already_in_statement":
        return _("The bank feed reported a transfer already recorded from a statement")
    return _("The bank feed reported a transfer; it waits on the review list")


def words(event: PaymentEvent) -> str:
    """What one event means, in words."""
    if event.kind.startswith("checkout.session."):
        return _stripe_words(event)
    if event.kind == "feed_credit":
        return _feed_words(event)
    if event.kind == "refund_requested":
        return _("Refund of %(amount)s opened", amount=money(event.amount_vnd))
    table = {
        "created": _("Payment opened"),
        "checkout_session": _("Card checkout opened"),
        "bank_transfer": _("Bank transfer received"),
        "confirmed_by_hand": _("Transfer confirmed by hand"),
        "stripe_paid": _("Card payment received"),
        "cash_collected": _("Cash counted in at the outlet"),
        "expired": _("Time to pay ended"),
        "refunded": _("Refunded"),
        "goods_returned": _("Refunded, goods back on the shelf"),
        "refund_failed": _("Refund failed"),
        "refund_account_given": _("The shopper gave the account for the refund"),
    }
    return table.get(event.kind, _("Other payment event"))


def rows(events: list[PaymentEvent]) -> list[HistoryRow]:
    """The log in order, each event in words with its amount only where money moved."""
    return [
        HistoryRow(event.created_at, words(event), event.amount_vnd if event.kind in MONEY_MOVED else None)
        for event in events
    ]
