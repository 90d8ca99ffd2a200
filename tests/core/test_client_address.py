"""Rate limits count the real client: X-Forwarded-For is believed only from TRUSTED_PROXIES proxies;
failed sign-ins are limited per account too, the same way whether or not the account exists;
registration is limited per address."""

from __future__ import annotations

import os
import uuid

import pytest

from app import create_app
from app.config import TestConfig
from app.core.extensions import db, limiter
from tests import factories


def limited_app(tmp_path, **settings):
    class Limited(TestConfig):
        SQLALCHEMY_DATABASE_URI = "sqlite://"  # its own database: never the shared PostgreSQL one
        RATELIMIT_ENABLED = True
        RATELIMIT_STORAGE_URI = os.environ.get("TEST_REDIS_URL") or "memory://"
        RATELIMIT_KEY_PREFIX = f"test-{uuid.uuid4().hex}"
        LOGIN_RATE_LIMIT = "3 per minute"
        ACCOUNT_RATE_LIMIT = "5 per minute"
        REGISTER_RATE_LIMIT = "2 per minute"
        MEDIA_ROOT = str(tmp_path)

    for key, value in settings.items():
        setattr(Limited, key, value)
    application = create_app(Limited)
    # The limiter is one object for every app built in this process: start each test with empty counters.
    limiter.reset()
    return application


@pytest.fixture
def behind_one_proxy(tmp_path):
    application = limited_app(tmp_path, TRUSTED_PROXIES=1)
    with application.app_context():
        db.create_all()
        factories.user(email="lan@example.vn")
        db.session.commit()
        yield application.test_client()
        db.session.remove()
        db.drop_all()


@pytest.fixture
def direct(tmp_path):
    application = limited_app(tmp_path)
    with application.app_context():
        db.create_all()
        factories.user(email="lan@example.vn")
        db.session.commit()
        yield application.test_client()
        db.session.remove()
        db.drop_all()


def bad_login(client, identifier: str, client_address: str | None = None, *, remote: str = "10.0.0.1") -> int:
    headers = {"X-Forwarded-For": client_address} if client_address else {}
    return client.post(
        "/dang-nhap",
        data={"identifier": identifier, "password": "sai-mat-khau"},
        headers=headers,
        environ_base={"REMOTE_ADDR": remote},
    ).status_code


def test_behind_the_proxy_each_shopper_has_her_own_bucket(behind_one_proxy):
    client = behind_one_proxy
    assert [bad_login(client, f"a{i}@example.vn", "203.0.113.7") for i in range(4)] == [200, 200, 200, 429]
    # Another shopper behind the same load balancer (same REMOTE_ADDR) is not locked out.
    assert bad_login(client, "b@example.vn", "198.51.100.9") == 200


def test_without_trusted_proxies_a_forged_header_does_not_buy_new_attempts(direct):
    statuses = [bad_login(direct, f"a{i}@example.vn", f"203.0.113.{i}") for i in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_a_client_cannot_pick_its_address_past_the_trusted_proxy(behind_one_proxy):
    """Only the last hop (added by our proxy) counts: a forged first entry changes nothing."""
    client = behind_one_proxy
    statuses = [bad_login(client, f"a{i}@example.vn", f"10.9.9.{i}, 203.0.113.7") for i in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_failed_sign_ins_are_limited_per_account_from_any_address(direct):
    statuses = [bad_login(direct, "lan@example.vn", remote=f"192.0.2.{i}") for i in range(6)]
    assert statuses == [200, 200, 200, 200, 200, 429]
    # The same limit, spelled differently, is the same account.
    assert bad_login(direct, "LAN@Example.vn", remote="192.0.2.99") == 429


def test_the_account_limit_does_not_tell_who_has_an_account(direct):
    known = [bad_login(direct, "lan@example.vn", remote=f"192.0.2.{i}") for i in range(6)]
    unknown = [bad_login(direct, "khong-co@example.vn", remote=f"198.51.100.{i}") for i in range(6)]
    assert known == unknown


def test_a_good_password_is_not_counted_as_a_failure(direct):
    for i in range(6):
        response = direct.post(
            "/dang-nhap",
            data={"identifier": "lan@example.vn", "password": factories.PASSWORD},
            environ_base={"REMOTE_ADDR": f"192.0.2.{i}"},
        )
        assert response.status_code == 302
        direct.post("/dang-xuat")


def test_registration_is_limited_per_address(direct):
    def register(i: int) -> int:
        data = {
            "full_name": "Nguyễn Thị Hồng",
            "email": "lan@example.vn",
            "phone": f"091234567{i}",
            "password": "hoa-sen-2026",
            "confirm": "hoa-sen-2026",
        }
        return direct.post("/dang-ky", data=data).status_code

    assert [register(i) for i in range(3)] == [200, 200, 429]
