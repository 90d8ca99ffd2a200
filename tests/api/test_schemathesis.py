"""Schemathesis over /api/v1/openapi.json: generated valid and invalid requests, zero failures of any check.

Every operation of the document is called through the WSGI app with requests generated from its
schema (positive: the document says they are valid; negative: it says they are not), and every
check Schemathesis has runs on every answer: no server error, documented status codes, content
types and headers, answers that match their schema, valid requests accepted, invalid ones refused,
405 with Allow for methods the document does not list. Examples are bounded to keep it quick.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks

from app import create_app
from app.api.openapi import build
from app.config import TestConfig
from app.core.extensions import db
from tests.catalog.factories import shop

EXAMPLES_PER_OPERATION = 25
load_all_checks()
EVERY_CHECK = CHECKS.get_all()


def the_document() -> dict:
    """The OpenAPI document as the app serves it (it is built from the routes, no database needed)."""
    return build(create_app(TestConfig))


schema = schemathesis.openapi.from_dict(
    the_document(),
    config=schemathesis.Config.from_dict({"generation": {"mode": "all", "max-examples": EXAMPLES_PER_OPERATION}}),
)


@pytest.fixture
def stocked(app):
    shop()
    db.session.commit()
    return app


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_keeps_every_promise_of_its_document(case, stocked):
    # The checks read bodies as sent; compression is tested on its own (tests/core/test_speed_plumbing.py).
    case.call_and_validate(app=stocked, checks=EVERY_CHECK, headers={"Accept-Encoding": "identity"})


def test_every_check_runs():
    names = {check.__name__ for check in EVERY_CHECK}
    assert {"not_a_server_error", "negative_data_rejection", "positive_data_acceptance"} <= names
    assert {"response_schema_conformance", "status_code_conformance", "unsupported_method"} <= names


def test_the_document_served_is_the_one_tested(client):
    assert client.get("/api/v1/openapi.json").get_json() == the_document()
