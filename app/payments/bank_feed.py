"""The bank feed: each transaction a provider posts is logged once, matched like a statement line.

Authenticated first (anything else: 401 and nothing written). Every authentic call is kept in the
payment event log, keyed by the provider's transaction id, which is unique: a retry or ten
concurrent replays find it and change nothing. A credit goes through the statement matcher (order
number in the text, amount equal) and confirms the order or waits on the review list; a credit the
statement already brought (or will bring: see ``reconciliation.recognised_line``) is not applied twice.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.core.extensions import db
from app.payments import feeds, reconciliation
from app.payments.feeds import FeedMalformed, FeedRefused, FeedTransaction
from app.payments.models import Payment, PaymentEvent, StatementLine


class FeedOff(LookupError):
    """No such provider, or it is not configured: the endpoint does not exist (404)."""


@dataclass(frozen=True)
class Outcome:
    status: int
    outcome: str


def _log_malformed(provider: str, body: bytes, error: str) -> None:
    text = body[:4000].decode("utf-8", errors="replace")
    db.session.add(PaymentEvent(provider=provider, kind="feed_malformed", data={"error": error, "body": text}))
    db.session.commit()


def _payment_id(order_id: int | None) -> int | None:
    if order_id is None:
        return None
    return db.session.scalar(select(Payment.id).where(Payment.order_id == order_id))


def _apply_credit(tx: FeedTransaction, event: PaymentEvent) -> str:
    if not tx.incoming:
        return "debit_ignored"
    account = current_app.config.get("VIETQR_ACCOUNT_NO")
    if tx.account_no and account and tx.account_no != account:
        return "other_account"
    twin = reconciliation.recognised_line(
        amount_vnd=tx.amount_vnd, booked_on=tx.booked_on, reference=tx.reference,
        description=tx.description, from_feed=False,
    )  # fmt: skip
    if twin is not None:
        event.payment_id = _payment_id(twin.order_id)
        return "already_in_statement"
    line = StatementLine(
        statement=None,
        source=tx.provider,
        provider_transaction_id=event.provider_event_id,
        line_hash=hashlib.sha256(event.provider_event_id.encode("utf-8")).hexdigest(),
        row_number=0,
        booked_on=tx.booked_on,
        amount_vnd=tx.amount_vnd,
        description=tx.description or "-",
        bank_reference=tx.reference,
        status="review",
    )
    db.session.add(line)
    reconciliation.match_line(line)
    event.payment_id = _payment_id(line.order_id)
    return "applied" if line.status == "applied" else f"review_{line.issue}"


def receive(*, provider: str, headers, body: bytes) -> Outcome:
    """Authenticate, log and apply one call of a bank feed; the answer's status and what was done."""
    adapter = feeds.ADAPTERS.get(provider)
    config = current_app.config
    if adapter is None or not adapter.is_configured(config):
        raise FeedOff(provider)
    adapter.authenticate(headers=headers, body=body, config=config, now=time.time())  # FeedRefused: 401
    try:
        tx = adapter.parse(body)
    except FeedMalformed as exc:
        _log_malformed(provider, body, str(exc))
        return Outcome(400, "malformed")
    event_id = f"{provider}:{tx.transaction_id}"
    if db.session.scalar(select(PaymentEvent.id).where(PaymentEvent.provider_event_id == event_id)):
        return Outcome(200, "duplicate")
    event = PaymentEvent(
        provider=provider,
        provider_event_id=event_id,
        kind="feed_credit" if tx.incoming else "feed_debit",
        amount_vnd=tx.amount_vnd,
        data={"transaction": tx.raw},
    )
    db.session.add(event)
    try:
        # Written first: a concurrent replay of the same transaction waits here, then finds it.
        db.session.flush()
        outcome = _apply_credit(tx, event)
        event.data = {"transaction": tx.raw, "outcome": outcome}
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return Outcome(200, "duplicate")
    return Outcome(200, outcome)


__all__ = ["FeedOff", "FeedRefused", "Outcome", "receive"]
