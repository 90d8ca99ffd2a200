"""Payment test fixtures: a local fake Stripe, signed webhooks, staff sign-in."""

from __future__ import annotations

import json
import time

import pytest
import stripe

from app.core.extensions import db
from tests import factories
from tests.payments.fake_stripe import FakeStripe

WEBHOOK_SECRET = "whsec_test_secret"


@pytest.fixture
def fake_stripe(app):
    with FakeStripe() as fake:
        app.config.update(
            STRIPE_SECRET_KEY=fake.api_key,
            STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
            STRIPE_API_BASE=fake.url,
            STRIPE_NETWORK_RETRIES=0,
            SERVER_NAME="cho.test",
        )
        yield fake


def signed(payload: str, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    return stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp=timestamp or int(time.time()))


def session_event(event_id: str, kind: str, session: dict) -> str:
    return json.dumps({"id": event_id, "object": "event", "type": kind, "data": {"object": session}})


@pytest.fixture
def post_event(client):
    def post(payload: str, signature: str | None = None):
        headers = {"Stripe-Signature": signature if signature is not None else signed(payload)}
        return client.post("/payments/stripe/webhook", data=payload, headers=headers, content_type="application/json")

    return post


@pytest.fixture
def staff(auth):
    user = factories.user(email="canbo@example.vn", role="staff")
    db.session.commit()
    auth.login("canbo@example.vn")
    return user


@pytest.fixture(autouse=True)
def request_context(app):
    """Services are called as views call them: inside a request (messages are translated there)."""
    with app.test_request_context():
        yield
