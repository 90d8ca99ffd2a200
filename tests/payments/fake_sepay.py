"""A local stand-in for SePay's side of the bank feed: builds the transaction it posts and signs it
the way SePay does (``Authorization: Apikey …``, ``X-SePay-Timestamp`` and ``X-SePay-Signature``,
HMAC-SHA256 of "<timestamp>.<raw body>"), so the tests call the webhook exactly as SePay would."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from datetime import datetime

API_KEY = "sepay-test-key-0123456789"
SECRET = "sepay-test-hmac-secret"
ACCOUNT = "1017686868"


class FakeSePay:
    def __init__(self, api_key: str = API_KEY, secret: str | None = SECRET):
        self.api_key = api_key
        self.secret = secret
        self._ids = itertools.count(92704)

    def transaction(self, *, content: str, amount: int, incoming: bool = True, tx_id: int | None = None,
                    reference: str | None = None, when: datetime | None = None) -> dict:  # fmt: skip
        tx_id = tx_id if tx_id is not None else next(self._ids)
        return {
            "id": tx_id,
            "gateway": "Vietcombank",
            "transactionDate": (when or datetime(2026, 6, 1, 14, 2, 37)).strftime("%Y-%m-%d %H:%M:%S"),
            "accountNumber": ACCOUNT,
            "code": None,
            "content": content,
            "transferType": "in" if incoming else "out",
            "transferAmount": amount,
            "accumulated": 19077000,
            "subAccount": None,
            "referenceCode": reference or f"MBVCB.{3278907000 + tx_id}",
            "description": f"BankAPINotify {content}",
        }

    def headers(self, body: bytes, *, key: str | None = None, secret: str | None = None,
                timestamp: int | None = None) -> dict:  # fmt: skip
        headers = {"Authorization": f"Apikey {key or self.api_key}", "Content-Type": "application/json"}
        secret = secret or self.secret
        if secret:
            stamp = str(timestamp if timestamp is not None else int(time.time()))
            digest = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
            headers.update({"X-SePay-Timestamp": stamp, "X-SePay-Signature": f"sha256={digest}"})
        return headers

    def post(self, client, payload: dict | bytes, **header_options):
        body = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return client.post("/payments/sepay/webhook", data=body, headers=self.headers(body, **header_options))
