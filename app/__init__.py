"""Chợ Phụ Nữ Khởi Nghiệp: the application factory."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, current_app, jsonify
from sqlalchemy import text
from whitenoise import WhiteNoise

from app.config import ROOT, Config, config_from_env
from app.core.extensions import csrf, db, limiter, login_manager, migrate

STATIC_ROOT = ROOT / "static"
ONE_YEAR = 60 * 60 * 24 * 365


def create_app(config: type[Config] | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, errors, CLI, static files."""
    config = config or config_from_env()
    config.check()
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=None,
        instance_path=str(ROOT / "instance"),
    )
    app.config.from_object(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    register_extensions(app)
    register_blueprints(app)
    register_templating(app)
    register_security_headers(app)
    register_errors(app)
    register_commands(app)
    register_static(app)
    return app


def register_extensions(app: Flask) -> None:
    from app.core.i18n import init_i18n

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    init_i18n(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"

    from flask_babel import lazy_gettext as _l

    login_manager.login_message = _l("Please sign in to open this page.")

    from app import models  # noqa: F401  (every table known to the metadata)
    from app.accounts.models import User

    @login_manager.user_loader
    def load_user(user_id: str):
        return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def register_blueprints(app: Flask) -> None:
    from app.accounts import bp as accounts_bp
    from app.api import bp as api_bp
    from app.catalog import bp as catalog_bp
    from app.orders import bp as orders_bp
    from app.outlets.views import bp as outlets_bp
    from app.payments import bp as payments_bp
    from app.payments import init_payments
    from app.reports import bp as reports_bp
    from app.sellers.blueprint import bp as sellers_bp
    from app.staff.blueprint import bp as staff_bp

    app.register_blueprint(accounts_bp)
    app.register_blueprint(catalog_bp)
    app.register_blueprint(orders_bp)
    app.register_blueprint(outlets_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(sellers_bp)
    app.register_blueprint(staff_bp)
    app.register_blueprint(payments_bp)
    app.register_blueprint(reports_bp)
    init_payments(app)

    @app.get("/healthz")
    @limiter.exempt
    def healthz():
        try:
            db.session.execute(text("SELECT 1"))
        except Exception:  # any database failure means "not healthy"
            db.session.rollback()
            return jsonify(status="unavailable"), 503
        return jsonify(status="ok")


def register_templating(app: Flask) -> None:
    from app.templating import init_templating

    init_templating(app)


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def security_headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'; base-uri 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response


def register_errors(app: Flask) -> None:
    from app.core.errors import register_error_handlers

    register_error_handlers(app)


def register_commands(app: Flask) -> None:
    from app.cli import register_cli

    register_cli(app)


def asset_version(path: str) -> str:
    """A short content hash of a static file, so URLs change when the file does."""
    cache = current_app.extensions.setdefault("asset_versions", {})
    if path not in cache:
        try:
            cache[path] = hashlib.sha256((STATIC_ROOT / path).read_bytes()).hexdigest()[:10]
        except OSError:
            cache[path] = "0"
    return cache[path]


def register_static(app: Flask) -> None:
    """WhiteNoise serves static/ (and compressed copies) for a year; stored images are served at /media/."""
    from app.core.storage import register_media_route

    app.wsgi_app = WhiteNoise(app.wsgi_app, root=str(STATIC_ROOT), prefix="static/", max_age=ONE_YEAR)
    register_media_route(app)
