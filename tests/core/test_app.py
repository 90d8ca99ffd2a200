"""The factory, configuration, health check, error pages, static files and security headers."""

from __future__ import annotations

import pytest
from flask import Blueprint
from sqlalchemy.exc import OperationalError

from app import create_app
from app.config import ConfigError, ProductionConfig, TestConfig


def test_factory_builds_a_testing_app_without_any_environment(app):
    assert app.testing and app.config["SQLALCHEMY_DATABASE_URI"]


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/shop")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app(ProductionConfig)


def test_production_refuses_sqlite(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s3cret-" + "x" * 32)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///x.db")
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        create_app(ProductionConfig)


def test_production_starts_with_a_secret_and_postgres(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s3cret-" + "x" * 32)
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/shop")
    ProductionConfig.check()


def test_wsgi_prints_one_line_reason(monkeypatch):
    import subprocess
    import sys

    env = {"APP_ENV": "production", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", "import wsgi"], capture_output=True, text=True, env=env)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines()[-1] == "Cannot start: SECRET_KEY must be set in production."


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok", "storage": "ok"}}


def test_healthz_503_when_the_database_does_not_answer(client, monkeypatch):
    from app.core.extensions import db

    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("down"))

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.get_json()["status"] != "ok"


def test_unknown_page_is_a_404_in_both_languages(client):
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404 and "Không tìm thấy trang" in response.get_data(as_text=True)
    response = client.get("/khong-co-trang-nay?lang=en")
    assert response.status_code == 404 and "Page not found" in response.get_data(as_text=True)


def test_api_errors_are_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


boom = Blueprint("boom", __name__)


@boom.get("/boom")
def explode():
    raise RuntimeError("secret internals")


@pytest.fixture
def boom_client(tmp_path):
    class Config(TestConfig):
        MEDIA_ROOT = str(tmp_path)
        PROPAGATE_EXCEPTIONS = False

    application = create_app(Config)
    application.register_blueprint(boom)
    return application.test_client()


def test_a_crash_shows_a_friendly_500_without_a_stack_trace(boom_client):
    response = boom_client.get("/boom")
    text = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Đã có lỗi xảy ra" in text
    assert "secret internals" not in text and "Traceback" not in text


def test_static_files_have_a_long_cache_lifetime(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]


def test_pages_link_static_files_with_a_content_version(client):
    text = client.get("/").get_data(as_text=True)
    assert "/static/css/site.css?v=" in text
    assert "https://" not in text.split("</head>")[0], "no CDN in the head"


def test_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
