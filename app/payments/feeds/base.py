"""What every bank-feed provider gives the shop: one transaction, checked and read (pure: no database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


class FeedRefused(Exception):
    """The call is not from the provider (no key, wrong key, bad or stale signature): answer 401."""


class FeedMalformed(ValueError):
    """The call is authentic but its body is not a transaction we can read: answer 400."""


@dataclass(frozen=True)
class FeedTransaction:
    """One movement on the union's account as the provider reports it."""

    provider: str
    transaction_id: str
    incoming: bool
    amount_vnd: int
    booked_on: date
    description: str
    reference: str = ""
    account_no: str = ""
    raw: dict = field(default_factory=dict)


class FeedAdapter(Protocol):
    """A provider in one module: is it switched on, is this call really from it, what does it say."""

    name: str

    def is_configured(self, config) -> bool: ...

    def authenticate(self, *, headers, body: bytes, config, now: float) -> None: ...

    def parse(self, body: bytes) -> FeedTransaction: ...
