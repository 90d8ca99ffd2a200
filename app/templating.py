"""What every page template can use: static URLs, the header's categories, counts."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, current_app, request
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app.core.extensions import db


def asset(path: str) -> str:
    from app import asset_version

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
    from app.accounts.decorators import is_seller_member, outlet_id_of
    from app.accounts.services import unread_count
    from app.catalog.models import Category

    if request.path.startswith("/api/") or request.endpoint == "healthz":
        return {"url_endpoints": current_app.view_functions}
    context = {"nav_categories": [], "cart_count": 0, "url_endpoints": current_app.view_functions}
    try:
        context["nav_categories"] = db.session.scalars(
            select(Category).where(Category.parent_id.is_(None)).order_by(Category.position)
        ).all()
        counter = current_app.extensions.get("cart_count")
        context["cart_count"] = counter() if counter else 0
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
    app.jinja_env.globals.update(asset=asset, url_with=url_with)
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
