"""Bank feeds: providers that post each transaction on the union's account as it happens.

A provider is one module here with an adapter (``base.FeedAdapter``: configured?, authentic?,
what transaction?) and one line in ``ADAPTERS``; ``app.payments.bank_feed`` does the rest (event
log, deduplication, the statement matcher, the review list) the same way for every provider.
"""

from __future__ import annotations

from app.payments.feeds import sepay
from app.payments.feeds.base import FeedAdapter, FeedMalformed, FeedRefused, FeedTransaction

ADAPTERS: dict[str, FeedAdapter] = {sepay.NAME: sepay.ADAPTER}

__all__ = ["ADAPTERS", "FeedAdapter", "FeedMalformed", "FeedRefused", "FeedTransaction"]
