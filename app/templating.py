"""What every page template can use: static URLs, the header's categories, counts."""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from flask import Flask, current_app, request, session
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app.accounts.models import User
from app.accounts.services import session_user, unread_count_of
from app.catalog.queries import top_categories
from app.config import ROOT
from app.core.extensions import db
from app.core.forms import error_summary
from app.core.memo import shelf
from app.core.page_cache import capturing, csrf_token_or_hole
from app.core.vocab import VOCABULARIES, label
from app.orders import cart
from app.outlets.access import outlet_of
from app.sellers.access import member_of_a_seller

STATIC_ROOT = ROOT / "static"


def asset_version(path: str) -> str:
    """A short content hash of a static file, so URLs change when the file does."""
    cache = current_app.extensions.setdefault("asset_versions", {})
    if path not in cache:
        try:
            cache[path] = hashlib.sha256((STATIC_ROOT / path).read_bytes()).hexdigest()[:10]
        except OSError:
            cache[path] = "0"
    return cache[path]


def asset(path: str) -> str:
    return f"/static/{path}?v={asset_version(path)}"


def url_with(**changes) -> str:
    """The current URL with some query parameters replaced (None removes one)."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = [value]
    query = urlencode(args, doseq=True)
    return request.path + ("?" + query if query else "")


def _header_numbers(user_id) -> list:
    """What her header shows, as SQL: cart lines, whether she sells or works at an outlet, unread notices."""
    return [cart.lines_count_of(user_id), member_of_a_seller(user_id), outlet_of(user_id), unread_count_of(user_id)]


def load_signed_in_user(value: str) -> User | None:
    """Flask-Login's user loader: the account and her header's numbers in one statement."""
    found = session_user(value, along=_header_numbers(User.id))
    if found is None:
        return None
    user, numbers = found
    shelf("header")["numbers"] = numbers  # forgotten at the next flush: a write may change them
    return user


def her_numbers() -> tuple:
    """(cart lines, sells, outlet id, unread notices) of the signed-in shopper, read with her account
    unless something was written since; then asked again in one statement."""
    kept = shelf("header")
    if "numbers" not in kept:
        kept["numbers"] = tuple(db.session.execute(select(*_header_numbers(current_user.id))).one())
    return kept["numbers"]


class LazyList:
    """A list loaded when a template first looks at it (the header's holes filled per request
    do not show the categories, so they do not read them)."""

    def __init__(self, load):
        self._load, self._items = load, None

    def _loaded(self) -> list:
        if self._items is None:
            self._items = self._load()
        return self._items

    def __iter__(self):
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())

    def __bool__(self) -> bool:
        return bool(self._loaded())


def _nav_categories() -> list:
    try:
        return top_categories()
    except SQLAlchemyError:
        # An error page must still render when the database is the problem.
        db.session.rollback()
        return []


def header_context() -> dict:
    """The header's categories, cart count and role menu, at a fixed number of queries."""
    if request.path.startswith("/api/") or request.endpoint == "healthz":
        return {"url_endpoints": current_app.view_functions}
    context = {
        "nav_categories": [],
        "cart_count": 0,
        "url_endpoints": current_app.view_functions,
        "capturing_page": capturing(),
    }
    try:
        context["nav_categories"] = LazyList(_nav_categories)  # read only by the templates that show them
        if current_user.is_authenticated:
            lines, sells, outlet_id, unread = her_numbers()
            context.update(cart_count=lines or 0, is_seller=bool(sells), unread_notices=unread)
            context["is_outlet_staff"] = outlet_id is not None
        else:
            context["cart_count"] = cart.count(current_user, session)
    except SQLAlchemyError:
        # An error page must still render when the database is the problem.
        db.session.rollback()
    return context


def init_templating(app: Flask) -> None:
    app.jinja_env.globals.update(asset=asset, url_with=url_with, form_error_list=error_summary, **VOCABULARIES)
    app.jinja_env.filters["label"] = label
    # Flask-WTF's csrf_token(), but a hole in a page kept for other visitors (app/core/page_cache.py).
    app.jinja_env.globals["csrf_token"] = csrf_token_or_hole
    app.context_processor(header_context)
    app.context_processor(
        lambda: {
            "union": {
                "name": app.config["UNION_NAME"],
                "address": app.config["UNION_ADDRESS"],
                "phone": app.config["UNION_PHONE"],
                "email": app.config["UNION_EMAIL"],
            }
        }
    )
