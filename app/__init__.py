"""Chợ Phụ Nữ Khởi Nghiệp: the application factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix
from whitenoise import WhiteNoise

from app import models  # noqa: F401  (every table known to the metadata, for Alembic)
from app.accounts import bp as accounts_bp
from app.api import bp as api_bp
from app.catalog import bp as catalog_bp
from app.cli import register_cli
from app.config import ROOT, Config, config_from_env
from app.core import timeouts  # noqa: F401  (its engine events bound the SQL statements of every request)
from app.core.cache import configure_cache
from app.core.edge import init_edge
from app.core.errors import register_error_handlers
from app.core.extensions import compress, csrf, db, limiter, login_manager
from app.core.front_cache import init_front_cache
from app.core.headers import page_headers
from app.core.health import register_health
from app.core.i18n import init_i18n
from app.core.memo import init_memo
from app.core.migrations import init_migrations
from app.core.ratelimits import configure_rate_limits
from app.core.replica import register_replica_reads
from app.core.storage import register_media_route
from app.orders import bp as orders_bp
from app.outlet_desk import bp as outlets_bp
from app.payments import bp as payments_bp
from app.reports import bp as reports_bp
from app.reviews import bp as reviews_bp
from app.seller_desk import bp as sellers_bp
from app.staff import bp as staff_bp
from app.templating import STATIC_ROOT, init_templating, load_signed_in_user

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
    init_front_cache(app)  # before ProxyFix and WhiteNoise wrap it: it sees the request as Flask does
    register_proxies(app)
    register_static(app)
    return app


def register_extensions(app: Flask) -> None:
    init_edge(app)  # URL converters first: every route added later uses them
    init_memo(app)  # the request's memo is emptied before any other before-request step reads
    db.init_app(app)
    register_replica_reads(app)
    compress.init_app(app)
    configure_cache(app)  # after the database: it watches the engine's writes
    init_migrations(app)  # `flask db …`; Alembic loads only when a migration command runs
    csrf.init_app(app)
    configure_rate_limits(app)  # in-memory fall-back while Redis does not answer
    limiter.init_app(app)
    init_i18n(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message_category = "info"
    login_manager.login_message = _l("Please sign in to open this page.")

    # Called with the session's (or remember-me cookie's) value on every request: an ended session,
    # a closed account or a sign-in older than REMEMBER_COOKIE_DURATION is simply signed out.
    login_manager.user_loader(load_signed_in_user)


# Every blueprint of the shop, in one list: domains' own pages, then the faces on top of them.
BLUEPRINTS = (
    accounts_bp,
    catalog_bp,
    orders_bp,
    payments_bp,
    reviews_bp,
    reports_bp,
    sellers_bp,
    outlets_bp,
    staff_bp,
    api_bp,
)


def register_blueprints(app: Flask) -> None:
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)

    register_health(app)  # GET /healthz: database, Redis (when configured) and storage


def register_templating(app: Flask) -> None:
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
        return page_headers(response)  # no-store on personal pages, HSTS in production


def register_errors(app: Flask) -> None:
    register_error_handlers(app)


def register_commands(app: Flask) -> None:
    register_cli(app)


def register_proxies(app: Flask) -> None:
    """Believe X-Forwarded-For/-Proto only from the TRUSTED_PROXIES proxies in front (none by default),
    so the rate limits count the real client, and nobody else can choose the address they are counted as."""
    hops = app.config["TRUSTED_PROXIES"]
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def register_static(app: Flask) -> None:
    """WhiteNoise serves static/ (and compressed copies) for a year; stored images are served at /media/."""
    app.wsgi_app = WhiteNoise(app.wsgi_app, root=str(STATIC_ROOT), prefix="static/", max_age=ONE_YEAR)
    register_media_route(app)
