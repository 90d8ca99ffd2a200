"""What every page template can use: static URLs, the header's categories, counts."""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from flask import Flask, current_app, request, session
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app.accounts.services import unread_count
from app.catalog.models import Category
from app.config import ROOT
from app.core.extensions import db
from app.core.forms import error_summary
from app.core.vocab import VOCABULARIES, label
from app.orders import cart
from app.outlets.access import outlet_id_of
from app.sellers.access import is_seller_member

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


def header_context() -> dict:
    """The header's categories, cart count and role menu, at a fixed number of queries."""
    if request.path.startswith("/api/") or request.endpoint == "healthz":
        return {"url_endpoints": current_app.view_functions}
    context = {"nav_categories": [], "cart_count": 0, "url_endpoints": current_app.view_functions}
    try:
        context["nav_categories"] = db.session.scalars(
            select(Category).where(Category.parent_id.is_(None)).order_by(Category.position)
        ).all()
        context["cart_count"] = cart.count(current_user, session)
        if current_user.is_authenticated:
            context.update(
                is_seller=is_seller_member(current_user),
                is_outlet_staff=outlet_id_of(current_user) is not None,
                unread_notices=unread_count(current_user),
            )
    except SQLAlchemyError:
        # An error page must still render when the database is the problem.
        db.session.rollback()
    return context


def init_templating(app: Flask) -> None:
    app.jinja_env.globals.update(asset=asset, url_with=url_with, form_error_list=error_summary, **VOCABULARIES)
    app.jinja_env.filters["label"] = label
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
