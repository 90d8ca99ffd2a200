"""Languages, money, dates and counted words: Vietnamese by default, English second.

Every date, time and number a person reads is formatted here, with the patterns in ``FORMATS``:
Vietnamese reads 30/11/2026 and 14:05; English reads Nov 30, 2026 and 14:05 (the shop's clock).
Counted words go through ``ngettext`` ("1 item", "2 items"; Vietnamese has one form).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_currency, format_decimal
from flask import Flask, current_app, request, session
from flask_babel import get_locale
from flask_login import current_user

from app.core.extensions import babel, db


def select_locale() -> str:
    """?lang= wins (and is remembered), then the session, the account, the browser, Vietnamese."""
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked in languages:
        return asked
    if session.get("lang") in languages:
        return session["lang"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return request.accept_languages.best_match(languages, default=languages[0]) or languages[0]


def remember_language() -> None:
    """Store a ?lang= choice in the session and on the signed-in account."""
    asked = request.args.get("lang")
    if asked not in current_app.config["LANGUAGES"]:
        return
    session["lang"] = asked
    if current_user.is_authenticated and current_user.locale != asked:
        current_user.locale = asked
        db.session.commit()


def locale_code() -> str:
    return str(get_locale() or "vi")


def money(amount: int | None) -> str:
    """Whole đồng as the locale writes it: 120.000 ₫ or ₫120,000."""
    if amount is None:
        return ""
    return format_currency(int(amount), "VND", locale=locale_code())


def number(value: float | int) -> str:
    return format_decimal(value, locale=locale_code())


# The one place the shop's date and time patterns are written (CLDR patterns, read by Babel).
FORMATS: dict[str, dict[str, str]] = {
    "vi": {"date": "dd/MM/yyyy", "time": "HH:mm", "datetime": "HH:mm dd/MM/yyyy"},
    "en": {"date": "MMM d, yyyy", "time": "HH:mm", "datetime": "MMM d, yyyy, HH:mm"},
}


def _pattern(kind: str) -> str:
    return FORMATS.get(locale_code(), FORMATS["vi"])[kind]


def _local(value: datetime) -> datetime:
    """A stored (UTC) moment as the shop's clock reads it; naive values are taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]))


def short_date(value: date | datetime | None) -> str:
    """30/11/2026 (vi), Nov 30, 2026 (en); a moment is read on the shop's clock first."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _local(value)
    return format_date(value, _pattern("date"), locale=locale_code())


def clock(value: time | datetime | str | None) -> str:
    """14:05 in both languages; a stored "07:00" string is read as a time of day."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = time.fromisoformat(value)
    elif isinstance(value, datetime):
        value = _local(value)
    return format_time(value, _pattern("time"), locale=locale_code())


def date_time(value: datetime | None) -> str:
    """14:05 30/11/2026 (vi), Nov 30, 2026, 14:05 (en), on the shop's clock."""
    if value is None:
        return ""
    return format_datetime(_local(value), _pattern("datetime"), locale=locale_code())


def init_i18n(app: Flask) -> None:
    """Bind Flask-Babel and the template filters."""
    babel.init_app(app, locale_selector=select_locale)
    app.before_request(remember_language)
    app.jinja_env.filters.update(money=money, number=number, date=short_date, datetime=date_time, clock=clock)
    app.jinja_env.globals.update(locale_code=locale_code)
