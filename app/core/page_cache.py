"""Cached catalog pages for visitors who are not signed in, and cached API answers.

A page is kept with holes where each visitor's own parts go: the header's cart and account links,
the flashed messages and the CSRF tokens of its forms. Every request fills the holes afresh from
its own session, so no visitor ever sees another's cart count, messages or token. Signed-in
shoppers always get a page rendered for them (their menu, favourites and cart are theirs).

Keys: ``page:<catalog version>:<language>:<path and query>`` and ``api:<version>:<path and
query>``; entries live CATALOG_CACHE_SECONDS. Each answer also carries a weak ETag made of the
same parts plus a digest of the visitor's session, and a matching If-None-Match is answered
304 without reading the database or rendering anything.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import wraps

from flask import Response, current_app, g, make_response, render_template, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from app.core import cache
from app.core.i18n import locale_code

HOLES = {
    "<!--hole:header-actions-->": "_header_actions.html",
    "<!--hole:flashes-->": "_flashes.html",
}
CSRF_HOLE = "__csrf_token_hole__"
VARY = "Cookie, Accept-Language"


def capturing() -> bool:
    """Whether the page being rendered is kept for other visitors (templates leave holes then)."""
    return bool(g.get("capturing_page"))


def csrf_token_or_hole() -> Markup | str:
    """The template's ``csrf_token()``: this visitor's token, or a hole in a page that is kept."""
    return Markup(CSRF_HOLE) if capturing() else generate_csrf()  # nosec B704: a constant marker, no input


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def _session_digest() -> str:
    return _digest(json.dumps(dict(session), sort_keys=True, default=str)) if session else "-"


def _anonymous_page_applies() -> bool:
    return request.method in ("GET", "HEAD") and cache.enabled() and not current_user.is_authenticated


def _not_modified(etag: str) -> Response:
    response = Response(status=304)
    response.set_etag(etag, weak=True)
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Vary"] = VARY
    return response


def _fill_holes(html: str) -> str:
    if not session and CSRF_HOLE not in html:
        fills = _fills_without_session()
    else:
        fills = {hole: render_template(template) for hole, template in HOLES.items() if hole in html}
    for hole, text in fills.items():
        html = html.replace(hole, text, 1)
    if CSRF_HOLE in html:
        html = html.replace(CSRF_HOLE, generate_csrf())
    return html


def _fills_without_session() -> dict[str, str]:
    """What the holes hold for a visitor with no session at all (no cart, no messages, not signed in):
    the same for everyone in a language, so rendered once per process and language."""
    kept = current_app.extensions.setdefault("page_cache_no_session_fills", {})
    language = locale_code()
    if language not in kept:
        kept[language] = {hole: render_template(template) for hole, template in HOLES.items()}
    return kept[language]


def cached_page(view: Callable) -> Callable:
    """Serve a catalog page from the cache to visitors who are not signed in (see the module doc)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not _anonymous_page_applies():
            return view(*args, **kwargs)
        version = cache.catalog_version()
        key = f"page:{version}:{locale_code()}:{_digest(request.full_path)}"
        if request.if_none_match.contains_weak(_digest(key, _session_digest())) and not session.get("_flashes"):
            return _not_modified(_digest(key, _session_digest()))
        kept = cache.get(key)
        if kept is None:
            g.capturing_page = True
            try:
                answer = view(*args, **kwargs)
            finally:
                g.capturing_page = False
            if not isinstance(answer, str):
                return answer
            kept = answer.replace(g.get("csrf_token") or CSRF_HOLE, CSRF_HOLE)
            if version != "unreachable":
                cache.put(key, kept)
        response = make_response(_fill_holes(kept))
        # The ETag describes what this visitor was sent, holes filled (her session may have changed).
        response.set_etag(_digest(key, _session_digest()), weak=True)
        response.headers["Cache-Control"] = "private, no-cache"
        response.headers["Vary"] = VARY
        return response

    return wrapper


def cached_json(view: Callable) -> Callable:
    """Serve an API answer (the same for everyone) from the cache, with an ETag and 304."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if request.method not in ("GET", "HEAD") or not cache.enabled():
            return view(*args, **kwargs)
        version = cache.catalog_version()
        key = f"api:{version}:{locale_code()}:{_digest(request.full_path)}"
        etag = _digest(key)
        if request.if_none_match.contains_weak(etag):
            return _not_modified(etag)
        kept = cache.get(key)
        if kept is None:
            response = current_app.make_response(view(*args, **kwargs))
            if response.status_code != 200 or response.mimetype != "application/json":
                return response
            kept = response.get_data()
            if version != "unreachable":
                cache.put(key, kept)
        response = current_app.response_class(kept, mimetype="application/json")
        response.set_etag(etag, weak=True)
        response.headers["Cache-Control"] = "public, no-cache"
        return response

    return wrapper
