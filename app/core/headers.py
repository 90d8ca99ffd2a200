"""Response headers that every answer carries: HSTS in production, no caching of personal pages.

The Content-Security-Policy and its companions are set by the application factory; this module
adds what depends on the page: ``Cache-Control: no-store`` on everything that shows a person's
own data (account, cart, checkout, orders, and the seller's, outlet's and union's desks), so
neither a shared computer's browser nor a proxy keeps a copy, and ``Strict-Transport-Security``
when the shop runs in production (behind HTTPS).
"""

from __future__ import annotations

from flask import Response, current_app, request

# Paths whose pages show personal data (the public catalog, the API and /media are not here).
PERSONAL_PREFIXES = (
    "/tai-khoan",  # account
    "/dat-lai-mat-khau",  # password reset
    "/gio-hang",  # cart
    "/thanh-toan",  # checkout
    "/don-hang",  # orders and their payment pages
    "/ban-hang",  # the seller's desk
    "/tai-lieu",  # seller documents
    "/cua-hang-ban",  # the outlet's desk
    "/quan-tri",  # the union's back office
    "/payments",  # provider callbacks
    "/yeu-thich",  # her favourites
    "/danh-gia",  # her reviews, written and changed (the product's reviews page is public)
)


def is_personal(path: str) -> bool:
    """Whether a path's pages show personal data and must never be stored by a cache."""
    return any(
        path == prefix or path.startswith(prefix + "/") or path.startswith(prefix + ".") for prefix in PERSONAL_PREFIXES
    )


def page_headers(response: Response) -> Response:
    """Add Cache-Control: no-store to personal pages and HSTS in production."""
    if is_personal(request.path):
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    seconds = current_app.config.get("HSTS_SECONDS") or 0
    if current_app.config.get("ENV_NAME") == "production" and seconds > 0:
        response.headers.setdefault("Strict-Transport-Security", f"max-age={int(seconds)}; includeSubDomains")
    return response
