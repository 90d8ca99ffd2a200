"""A small local stand-in for the Stripe endpoints payments call, served on 127.0.0.1.

Checkout Sessions create/retrieve and Refunds create, with Stripe's idempotency-key replay,
bearer-key check, form-encoded parameters and JSON errors; every request is kept for asserts.
"""

from __future__ import annotations

import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl


def unflatten(pairs: list[tuple[str, str]]) -> dict:
    """`a[b][0][c]=1` form fields back into nested dicts (lists stay dicts keyed "0", "1", …)."""
    root: dict = {}
    for key, value in pairs:
        parts = key.replace("]", "").split("[")
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return root


class FakeStripe:
    def __init__(self, api_key: str = "sk_test_fake"):
        self.api_key = api_key
        self.sessions: dict[str, dict] = {}
        self.refunds: dict[str, dict] = {}
        self.requests: list[dict] = []
        self.replies: dict[str, tuple[int, dict]] = {}
        self.refund_status = "succeeded"
        self.down = False
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeStripe:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    # What Stripe does on its side, driven by the tests.
    def pay(self, session_id: str) -> dict:
        session = self.sessions[session_id]
        session.update(payment_status="paid", status="complete", payment_intent=f"pi_{session_id[3:]}")
        return dict(session)

    def _create_session(self, params: dict) -> tuple[int, dict]:
        items = params.get("line_items", {}).values()
        total = sum(int(i["price_data"]["unit_amount"]) * int(i["quantity"]) for i in items)
        session_id = f"cs_test_{next(self._ids)}"
        currencies = {i["price_data"]["currency"] for i in params.get("line_items", {}).values()}
        session = {
            "id": session_id,
            "object": "checkout.session",
            "url": f"{self.url}/pay/{session_id}",
            "status": "open",
            "payment_status": "unpaid",
            "payment_intent": None,
            "amount_total": total,
            "currency": currencies.pop() if len(currencies) == 1 else None,
            "client_reference_id": params.get("client_reference_id"),
            "metadata": params.get("metadata", {}),
            "expires_at": int(params["expires_at"]),
        }
        self.sessions[session_id] = session
        return 200, session

    def _create_refund(self, params: dict) -> tuple[int, dict]:
        intent = params.get("payment_intent")
        session = next((s for s in self.sessions.values() if s["payment_intent"] == intent and intent), None)
        if session is None:
            return 400, {"error": {"type": "invalid_request_error", "message": "No such payment_intent"}}
        amount = int(params.get("amount", session["amount_total"]))
        done = sum(r["amount"] for r in self.refunds.values() if r["payment_intent"] == intent)
        if amount > session["amount_total"] - done:
            return 400, {"error": {"type": "invalid_request_error", "message": "Refund amount exceeds charge"}}
        refund = {
            "id": f"re_{next(self._ids)}",
            "object": "refund",
            "amount": amount,
            "currency": session["currency"],
            "payment_intent": intent,
            "status": self.refund_status,
            "metadata": params.get("metadata", {}),
        }
        self.refunds[refund["id"]] = refund
        return 200, refund

    def _route(self, method: str, path: str, params: dict) -> tuple[int, dict]:
        if method == "POST" and path == "/v1/checkout/sessions":
            return self._create_session(params)
        if method == "GET" and path.startswith("/v1/checkout/sessions/"):
            session = self.sessions.get(path.rsplit("/", 1)[1])
            if session is None:
                return 404, {"error": {"type": "invalid_request_error", "message": "No such checkout.session"}}
            return 200, session
        if method == "POST" and path == "/v1/refunds":
            return self._create_refund(params)
        return 404, {"error": {"type": "invalid_request_error", "message": f"Unrecognized request URL {path}"}}

    def handle(self, method: str, path: str, headers, body: bytes) -> tuple[int, dict]:
        with self._lock:
            if headers.get("Authorization") != f"Bearer {self.api_key}":
                return 401, {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided"}}
            params = unflatten(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
            key = headers.get("Idempotency-Key")
            self.requests.append({"method": method, "path": path, "params": params, "idempotency_key": key})
            if self.down:
                return 500, {"error": {"type": "api_error", "message": "Stripe is down"}}
            if method == "POST" and key and (method, path, key) in self.replies:
                return self.replies[(method, path, key)]
            reply = self._route(method, path.split("?")[0], params)
            if method == "POST" and key:
                self.replies[(method, path, key)] = reply
            return reply

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status, payload = fake.handle(self.command, self.path, self.headers, body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Request-Id", f"req_{next(fake._ids)}")
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve

            def log_message(self, *args):
                pass

        return Handler
