"""Settings read from the environment.

Development needs no environment at all (SQLite in ``instance/``); production refuses to
start without a secret key and a real database.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The configuration cannot run; the message says why in one line."""


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def database_url(raw: str | None) -> str | None:
    """Normalise a DATABASE_URL so SQLAlchemy uses the psycopg 3 driver for PostgreSQL."""
    if not raw:
        return None
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            return "postgresql+psycopg://" + raw[len(prefix) :]
    return raw


DEVELOPMENT_SECRET_KEY = "dev-only-not-secret"  # nosec B105: the development key, refused in production
MIN_SECRET_KEY_BYTES = 32


class Config:
    """Shared defaults; every value can come from the environment."""

    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("DATABASE_URL")) or (
        f"sqlite:///{ROOT / 'instance' / 'cho.db'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    # No statement of a web request may hold a worker longer than this (PostgreSQL's statement_timeout; on SQLite
    # a progress handler interrupts it); the shopper gets a 503 page asking her to try again.
    STATEMENT_TIMEOUT_MS = int(os.environ.get("STATEMENT_TIMEOUT_MS") or 5000)
    # A read replica for the public catalog and the API (GET only); unset, everything reads the primary.
    DATABASE_REPLICA_URL = database_url(os.environ.get("DATABASE_REPLICA_URL")) or None
    REPLICA_BLUEPRINTS = ("catalog", "api")
    # HTML, JSON and XML compressed for clients that accept it; static files are pre-compressed
    # by WhiteNoise.
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_MIMETYPES = ["text/html", "application/json", "application/xml", "text/plain", "text/csv"]
    COMPRESS_MIN_SIZE = 500
    COMPRESS_BR_LEVEL = 4
    REDIS_URL = os.environ.get("REDIS_URL") or None
    # Anonymous catalog pages and API answers are cached (app/core/cache.py): in Redis with REDIS_URL,
    # else in each process's memory; NullCache switches caching off. No entry lives longer than
    # CATALOG_CACHE_SECONDS, which bounds how stale a price or stock figure can be.
    CACHE_TYPE = os.environ.get("CACHE_TYPE") or ("RedisCache" if REDIS_URL else "SimpleCache")
    CATALOG_CACHE_SECONDS = _int("CATALOG_CACHE_SECONDS", 5)
    # Past this age (or a new catalog version) one request renders the page again while the others
    # are served the kept one; with nothing kept, they wait this long for that render.
    CATALOG_CACHE_REFRESH_SECONDS = _int("CATALOG_CACHE_REFRESH_SECONDS", 3)
    CATALOG_CACHE_WAIT_SECONDS = 2
    # Whole answers kept per process for visitors without a session (app/core/front_cache.py).
    FRONT_CACHE_ENTRIES = _int("FRONT_CACHE_ENTRIES", 200)
    CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX") or "cho:"  # several shops may share one Redis

    MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or str(ROOT / "instance" / "media")
    # Sellers' documents, never served by /media/ (instance/private when unset).
    PRIVATE_DOCUMENTS_ROOT = os.environ.get("PRIVATE_DOCUMENTS_ROOT") or None
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024
    # What one account may upload (documents and photos): per day, per request, per hour.
    UPLOAD_DAILY_FILES = _int("UPLOAD_DAILY_FILES", 60)
    UPLOAD_DAILY_BYTES = _int("UPLOAD_DAILY_BYTES", 100 * 1024 * 1024)
    UPLOAD_MAX_PIXELS_PER_REQUEST = _int("UPLOAD_MAX_PIXELS_PER_REQUEST", 60_000_000)
    UPLOAD_RATE_LIMIT = os.environ.get("UPLOAD_RATE_LIMIT", "30 per hour")
    # Set when a reverse proxy serves /media/ files itself after the app allowed them (nginx X-Accel-Redirect).
    MEDIA_ACCEL_REDIRECT = os.environ.get("MEDIA_ACCEL_REDIRECT") or None
    SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:5000")

    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    # Each domain keeps its own catalog (app/<domain>/translations); Flask-Babel merges them.
    BABEL_TRANSLATION_DIRECTORIES = ";".join(
        str(path) for path in sorted((ROOT / "app").glob("*/translations")) + [ROOT / "app" / "translations"]
    )
    LANGUAGES = ("vi", "en")

    # A sign-in lasts at most this long, remembered or not; the server refuses older ones.
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * _int("REMEMBER_ME_DAYS", 14)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    PASSWORD_RESET_MAX_AGE = 60 * _int("PASSWORD_RESET_MINUTES", 30)
    # How many reverse proxies stand in front of the app (each adds itself to X-Forwarded-For);
    # 0 trusts no forwarded header, so nobody can pick their own address for the rate limits.
    TRUSTED_PROXIES = _int("TRUSTED_PROXIES", 0)
    # A guest's order and payment links stop opening this many days after the order is closed.
    ORDER_LINK_DAYS_AFTER_CLOSE = _int("ORDER_LINK_DAYS_AFTER_CLOSE", 90)
    PASSWORD_HASH_METHOD = "scrypt"  # nosec B105: a hash method's name, not a password
    WTF_CSRF_TIME_LIMIT = None

    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = _int("MAIL_PORT", 587)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "Chợ Phụ Nữ Khởi Nghiệp <no-reply@chophunu.vn>")
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "console")

    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL") or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")
    # Failed sign-ins (and reset requests) for one email or phone, from any address.
    ACCOUNT_RATE_LIMIT = os.environ.get("ACCOUNT_RATE_LIMIT", "10 per 15 minutes")
    REGISTER_RATE_LIMIT = os.environ.get("REGISTER_RATE_LIMIT", "10 per hour")
    # Looking up an order by pickup code, phone or number at the outlet desk, per staff member.
    DESK_SEARCH_RATE_LIMIT = os.environ.get("DESK_SEARCH_RATE_LIMIT", "60 per minute")

    # How long an unpaid (bank transfer) order holds its stock before `orders expire` releases it.
    PAYMENT_WINDOW_MINUTES = _int("PAYMENT_WINDOW_MINUTES", 1440)

    STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY") or None
    STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET") or None
    STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE") or None

    # The union's bank account shown on VietQR transfer pages (demo values until set);
    # an empty VIETQR_ACCOUNT_NO turns the bank-transfer option off.
    VIETQR_BANK_BIN = os.environ.get("VIETQR_BANK_BIN", "970436")
    VIETQR_ACCOUNT_NO = os.environ.get("VIETQR_ACCOUNT_NO", "1017686868") or None
    VIETQR_ACCOUNT_NAME = os.environ.get("VIETQR_ACCOUNT_NAME", "HOI LIEN HIEP PHU NU TINH DONG NAI")
    VIETQR_BANK_NAME = os.environ.get("VIETQR_BANK_NAME", "Vietcombank – Chi nhánh Đồng Nai")
    # The bank feed (SePay): with no key the webhook answers 404 and statements remain the way.
    SEPAY_API_KEY = os.environ.get("SEPAY_API_KEY") or None
    SEPAY_WEBHOOK_SECRET = os.environ.get("SEPAY_WEBHOOK_SECRET") or None
    STATEMENT_MAX_BYTES = _int("STATEMENT_MAX_BYTES", 2 * 1024 * 1024)
    STATEMENT_MAX_ROWS = _int("STATEMENT_MAX_ROWS", 5000)
    SETTLEMENT_COMMISSION_PERCENT = float(os.environ.get("SETTLEMENT_COMMISSION_PERCENT") or 0)

    # Back-office home: a shipment still open this many hours after the order is late; a product an
    # outlet sells is low when what is left there covers fewer than LOW_STOCK_DAYS of its recent sales.
    SHIPMENT_LATE_HOURS = _int("SHIPMENT_LATE_HOURS", 24)
    LOW_STOCK_DAYS = _int("LOW_STOCK_DAYS", 7)
    # Memory PostgreSQL may use for each sort or hash of a report (SET LOCAL work_mem), so a year of
    # sales is grouped without spilling to disk.
    REPORT_WORK_MEM = os.environ.get("REPORT_WORK_MEM", "64MB")

    UNION_NAME = "Hội Liên hiệp Phụ nữ tỉnh Đồng Nai"
    UNION_ADDRESS = os.environ.get("UNION_ADDRESS", "Số 2 đường Nguyễn Văn Trị, phường Trấn Biên, tỉnh Đồng Nai")
    UNION_PHONE = os.environ.get("UNION_PHONE", "0251 3822 345")
    UNION_EMAIL = os.environ.get("UNION_EMAIL", "lienhe@chophunu.vn")

    SEND_FILE_MAX_AGE_DEFAULT = 60 * 60 * 24 * 365
    # Strict-Transport-Security in production (0 turns it off, e.g. before HTTPS is in place).
    HSTS_SECONDS = _int("HSTS_SECONDS", 60 * 60 * 24 * 365)

    @classmethod
    def check(cls) -> None:
        """Raise ConfigError when this configuration cannot run."""


class DevelopmentConfig(Config):
    DEBUG = False
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "console")


class TestConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-secret"  # nosec B105: the test suite's key, never used outside tests
    SQLALCHEMY_DATABASE_URI = database_url(os.environ.get("TEST_DATABASE_URL")) or "sqlite://"
    DATABASE_REPLICA_URL = None
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    CACHE_TYPE = "NullCache"  # every test sees fresh data; the cache's own tests switch it on
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # nosec B105: a hash method's name (fast for tests), not a password
    MAIL_BACKEND = "memory"
    SERVER_NAME = None


class ProductionConfig(Config):
    ENV_NAME = "production"
    # Never send real shoppers' money to the demo account: production offers transfers only when set.
    VIETQR_ACCOUNT_NO = os.environ.get("VIETQR_ACCOUNT_NO") or None
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "smtp")

    @classmethod
    def check(cls) -> None:
        key = os.environ.get("SECRET_KEY") or ""
        if not key:
            raise ConfigError("SECRET_KEY must be set in production.")
        if key == DEVELOPMENT_SECRET_KEY:
            raise ConfigError("SECRET_KEY must not be the development value in production.")
        if len(key.encode("utf-8")) < MIN_SECRET_KEY_BYTES:
            raise ConfigError(f"SECRET_KEY must be at least {MIN_SECRET_KEY_BYTES} bytes long in production.")
        url = os.environ.get("DATABASE_URL", "")
        if not url or url.startswith("sqlite"):
            raise ConfigError("DATABASE_URL must point to a real database (PostgreSQL) in production.")


CONFIGS = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "testing": TestConfig,
}


def config_from_env() -> type[Config]:
    """The configuration class named by APP_ENV (development when unset)."""
    name = os.environ.get("APP_ENV", "development").strip().lower()
    if name not in CONFIGS:
        raise ConfigError(f"APP_ENV must be one of {', '.join(CONFIGS)}, not {name!r}.")
    return CONFIGS[name]
