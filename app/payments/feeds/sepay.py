"""SePay: it watches the union's bank account and posts each transaction to the shop.

The call carries ``Authorization: Apikey <SEPAY_API_KEY>``; when ``SEPAY_WEBHOOK_SECRET`` is set it
must also carry ``X-SePay-Timestamp`` (Unix seconds, at most 5 minutes off) and
``X-SePay-Signature: sha256=<hex>``, the HMAC-SHA256 of "<timestamp>.<raw body>" with that secret.
The body is one JSON object: ``id`` (SePay's transaction id), ``gateway``, ``transactionDate``
("2026-05-30 14:02:37"), ``accountNumber``, ``code``, ``content``, ``transferType`` ("in"/"out"),
``transferAmount`` (whole đồng), ``accumulated``, ``subAccount``, ``referenceCode``, ``description``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime

from app.payments.feeds.base import FeedMalformed, FeedRefused, FeedTransaction

NAME = "sepay"
TOLERANCE_SECONDS = 300


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The value of X-SePay-Signature for a body sent at ``timestamp``."""
    digest = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


class SePay:
    name = NAME

    def is_configured(self, config) -> bool:
        return bool(config.get("SEPAY_API_KEY"))

    def authenticate(self, *, headers, body: bytes, config, now: float) -> None:
        scheme, _, key = (headers.get("Authorization") or "").partition(" ")
        if scheme.lower() != "apikey" or not hmac.compare_digest(
            key.strip().encode(), config["SEPAY_API_KEY"].encode()
        ):
            raise FeedRefused("wrong or missing API key")
        secret = config.get("SEPAY_WEBHOOK_SECRET")
        if not secret:
            return
        stamp = (headers.get("X-SePay-Timestamp") or "").strip()
        if not stamp.isdigit() or abs(now - int(stamp)) > TOLERANCE_SECONDS:
            raise FeedRefused("missing or stale timestamp")
        given = (headers.get("X-SePay-Signature") or "").strip()
        if not hmac.compare_digest(given.encode(), signature(secret, stamp, body).encode()):
            raise FeedRefused("bad signature")

    def parse(self, body: bytes) -> FeedTransaction:
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise FeedMalformed("not JSON") from None
        if not isinstance(data, dict):
            raise FeedMalformed("not a JSON object")
        tx_id, kind, amount = data.get("id"), data.get("transferType"), data.get("transferAmount")
        if isinstance(tx_id, bool) or not isinstance(tx_id, int | str) or not str(tx_id).strip():
            raise FeedMalformed("no transaction id")
        if kind not in ("in", "out"):
            raise FeedMalformed("transferType is neither in nor out")
        if isinstance(amount, float) and amount.is_integer():
            amount = int(amount)
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise FeedMalformed("transferAmount is not a whole number of đồng above zero")
        try:
            booked = datetime.strptime(str(data.get("transactionDate", "")).strip(), "%Y-%m-%d %H:%M:%S")
        except ValueError:
            raise FeedMalformed("transactionDate is not YYYY-MM-DD HH:MM:SS") from None
        content = data.get("content") or data.get("description") or ""
        if not isinstance(content, str):
            raise FeedMalformed("content is not text")
        return FeedTransaction(
            provider=NAME,
            transaction_id=str(tx_id).strip()[:60],
            incoming=kind == "in",
            amount_vnd=amount,
            booked_on=booked.date(),
            description=" ".join(content.split())[:500],
            reference=str(data.get("referenceCode") or "").strip()[:80],
            account_no=str(data.get("accountNumber") or "").strip(),
            raw=data,
        )


ADAPTER = SePay()
