"""Languages, money and dates: Vietnamese by default, English second."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_datetime
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


def short_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return format_date(value, "medium", locale=locale_code())


def date_time(value: datetime | None) -> str:
    if value is None:
        return ""
    tz = current_app.config["BABEL_DEFAULT_TIMEZONE"]
    return format_datetime(value, "short", tzinfo=tz, locale=locale_code())


def init_i18n(app: Flask) -> None:
    """Bind Flask-Babel and the template filters."""
    babel.init_app(app, locale_selector=select_locale)
    app.before_request(remember_language)
    app.jinja_env.filters.update(money=money, number=number, date=short_date, datetime=date_time)
    app.jinja_env.globals.update(locale_code=locale_code)
