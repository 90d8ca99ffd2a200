"""Headers: HSTS in production, no-store on personal pages, Allow on 405 answers."""

from __future__ import annotations

import pytest

from app import create_app
from app.config import ProductionConfig
from app.core.extensions import db
from app.core.headers import is_personal
from tests import factories


@pytest.fixture
def production_client(tmp_path):
    class Production(ProductionConfig):
        SQLALCHEMY_DATABASE_URI = "sqlite://"
        SECRET_KEY = "a-production-key-that-is-long-enough-0123456789"
        MEDIA_ROOT = str(tmp_path / "media")
        RATELIMIT_ENABLED = False

        @classmethod
        def check(cls) -> None:  # the environment checks have their own tests
            return None

    application = create_app(Production)
    with application.app_context():
        db.create_all()
        yield application.test_client()
        db.session.remove()
        db.drop_all()


def test_production_answers_carry_hsts(production_client):
    response = production_client.get("/", base_url="https://cho.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_development_answers_carry_no_hsts(client):
    assert "Strict-Transport-Security" not in client.get("/").headers


@pytest.mark.parametrize(
    "path", ["/tai-khoan", "/gio-hang", "/thanh-toan", "/don-hang", "/ban-hang", "/quan-tri", "/yeu-thich"]
)
def test_pages_with_personal_data_are_never_stored(client, auth, path):
    factories.user(email="shopper@example.vn")
    db.session.commit()
    auth.login("shopper@example.vn")
    response = client.get(path)
    assert response.headers["Cache-Control"] == "no-store"


def test_public_pages_may_be_cached(client):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    assert not is_personal("/cua-hang/cua-hang-1") and not is_personal("/san-pham/yen-sao")
    assert is_personal("/cua-hang-ban/tien-mat") and is_personal("/quan-tri/bao-cao.csv")
    assert is_personal("/danh-gia/12/sua") and not is_personal("/san-pham/yen-sao/danh-gia")


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("GET", "/dang-xuat", {"POST"}),
    ("POST", "/san-pham", {"GET", "HEAD"}),
    ("DELETE", "/gio-hang", {"GET", "HEAD"}),
    ("PUT", "/api/v1/products", {"GET", "HEAD"}),
])  # fmt: skip
def test_a_405_answer_says_which_methods_are_allowed(client, method, path, allowed):
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert allowed <= {m.strip() for m in response.headers["Allow"].split(",")}
