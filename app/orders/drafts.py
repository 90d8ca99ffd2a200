"""Checkout details between the form and the review, kept in the database under a random key.

The visitor's session (a signed, not encrypted, cookie) holds only that key, so her name, phone,
email and address never travel in the cookie. Drafts older than a day are swept on each save.
"""

from __future__ import annotations

import secrets
from collections.abc import MutableMapping
from datetime import timedelta

from sqlalchemy import delete

from app.core.extensions import db
from app.core.timeutil import as_utc, utcnow
from app.orders.models import CheckoutDraft

SESSION_KEY = "checkout"
MAX_AGE = timedelta(days=1)


def save_details(store: MutableMapping, details: dict) -> None:
    """Keep the checked details; ``store`` (the session) receives only the draft's key."""
    key = store.get(SESSION_KEY)
    draft = db.session.get(CheckoutDraft, key) if isinstance(key, str) else None
    if draft is None:
        draft = CheckoutDraft(key=secrets.token_urlsafe(32), data=details)
        db.session.add(draft)
    else:
        draft.data, draft.created_at = details, utcnow()
    db.session.execute(delete(CheckoutDraft).where(CheckoutDraft.created_at < utcnow() - MAX_AGE))
    db.session.commit()
    store[SESSION_KEY] = draft.key


def load_details(store: MutableMapping) -> dict | None:
    """The details saved for this visitor, or None (none saved, swept, or an old cookie's value)."""
    key = store.get(SESSION_KEY)
    draft = db.session.get(CheckoutDraft, key) if isinstance(key, str) else None
    if draft is None or as_utc(draft.created_at) < utcnow() - MAX_AGE:
        return None
    return dict(draft.data)


def drop_details(store: MutableMapping) -> None:
    """Forget the details once the order is placed, in the order's own transaction (the caller commits)."""
    key = store.pop(SESSION_KEY, None)
    if isinstance(key, str):
        db.session.execute(delete(CheckoutDraft).where(CheckoutDraft.key == key))
