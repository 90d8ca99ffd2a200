"""Cached catalog pages for visitors who are not signed in, and cached API answers.

A page is kept with holes where each visitor's own parts go: the header's cart and account links,
the flashed messages and the CSRF tokens of its forms. Every request fills the holes afresh from
its own session, so no visitor ever sees another's cart count, messages or token. Signed-in
shoppers always get a page rendered for them (their menu, favourites and cart are theirs).

Keys: ``page:<language>:<path and query>`` and ``api:<language>:<path and query>``. Each entry
holds the catalog version it was rendered under, when, and the body. An entry of the current
version younger than CATALOG_CACHE_REFRESH_SECONDS is served as it is. Past that age, or once the
catalog version has changed, the first request to see it takes a short lease and renders the page
afresh while requests arriving meanwhile are served the previous entry; with no entry at all, they
wait for that one render instead of each rendering the page again. No entry is ever served older
than CATALOG_CACHE_SECONDS, which the cache itself enforces.

Each answer also carries a weak ETag made of the entry's version, language, URL and a digest of
the visitor's session, and a matching If-None-Match is answered 304 without reading the database
or rendering anything.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import NamedTuple

from flask import Response, current_app, g, make_response, render_template, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from app.core import cache, front_cache
from app.core.front_cache import CSRF_HOLE, PLAIN_SESSION_KEYS, digest
from app.core.i18n import locale_code

HOLES = {
    "<!--hole:header-actions-->": "_header_actions.html",
    "<!--hole:flashes-->": "_flashes.html",
}
VARY = "Cookie, Accept-Language"
LEASE_SECONDS = 10  # a render that died holding its lease blocks no one longer than this
WAIT_STEP_SECONDS = 0.01


class Entry(NamedTuple):
    """A kept page or answer: the catalog version it shows, when it was rendered, the body."""

    version: str
    born: float
    body: str | bytes


def _fresh(entry: Entry | None, version: str) -> bool:
    return entry is not None and entry.version == version and cache.age_state(entry.born) == cache.FRESH


def _servable(entry: Entry | None) -> bool:
    return entry is not None and cache.age_state(entry.born) != cache.EXPIRED


def _kept(key: str) -> Entry | None:
    entry = cache.get(key)
    return entry if isinstance(entry, Entry) else None


def serve_kept(key: str, version: str, render: Callable[[], str | bytes | None]) -> Entry | None:
    """The entry to send for ``key``: kept and fresh, or rendered by the one request that holds the
    lease while the others get the previous entry (or wait for the new one). None when ``render``
    gave nothing worth keeping (the caller then sends the view's own answer)."""
    entry = _kept(key)
    if _fresh(entry, version):
        return entry
    lease = f"lease:{key}"
    if cache.claim(lease, LEASE_SECONDS):
        try:
            return _render_and_keep(key, version, render)
        finally:
            cache.release(lease)
    if _servable(entry):
        return entry  # someone is rendering the new one: this is at most CATALOG_CACHE_SECONDS old
    deadline = time.monotonic() + current_app.config["CATALOG_CACHE_WAIT_SECONDS"]
    while time.monotonic() < deadline:
        time.sleep(WAIT_STEP_SECONDS)
        entry = _kept(key)
        if _servable(entry) and entry.version == version:
            return entry
    return _render_and_keep(key, version, render)  # the lease holder is slow or gone: render anyway


def _render_and_keep(key: str, version: str, render: Callable[[], str | bytes | None]) -> Entry | None:
    body = render()
    if body is None:
        return None
    entry = Entry(version, time.time(), body)
    if version != "unreachable":
        cache.put(key, entry)
    return entry


def capturing() -> bool:
    """Whether the page being rendered is kept for other visitors (templates leave holes then)."""
    return bool(g.get("capturing_page"))


def csrf_token_or_hole() -> Markup | str:
    """The template's ``csrf_token()``: this visitor's token, or a hole in a page that is kept."""
    return Markup(CSRF_HOLE) if capturing() else generate_csrf()  # nosec B704: a constant marker, no input


def _anonymous_page_applies() -> bool:
    return request.method in ("GET", "HEAD") and cache.enabled() and not current_user.is_authenticated


def _not_modified(etag: str) -> Response:
    response = Response(status=304)
    response.set_etag(etag, weak=True)
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Vary"] = VARY
    return response


def _fill_holes(html: str, fills: dict[str, str] | None = None) -> str:
    if fills is None:
        fills = {hole: render_template(template) for hole, template in HOLES.items() if hole in html}
    for hole, text in fills.items():
        html = html.replace(hole, text, 1)
    return html


def _fills_without_session() -> dict[str, str]:
    """What the holes hold for a visitor with nothing of her own in her session (no cart, no
    messages, not signed in): the same for everyone in a language, so rendered once per process
    and language."""
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
        key = f"page:{locale_code()}:{digest(request.full_path)}"
        if request.if_none_match.contains_weak(_page_etag(version, key)) and not session.get("_flashes"):
            return _not_modified(_page_etag(version, key))
        answers: list = []

        def render() -> str | None:
            g.capturing_page = True
            try:
                answer = view(*args, **kwargs)
            finally:
                g.capturing_page = False
            if not isinstance(answer, str):
                answers.append(answer)
                return None
            return answer.replace(g.get("csrf_token") or CSRF_HOLE, CSRF_HOLE)

        entry = serve_kept(key, version, render)
        if entry is None:
            return answers[0]
        plain = session.keys() <= PLAIN_SESSION_KEYS
        html = _fill_holes(entry.body, _fills_without_session() if plain else None)
        if plain and entry.version != "unreachable" and "lang" not in request.args:
            # Her page differs from anyone else's only by her form token: the front cache keeps the
            # template and fills the token in itself.
            template = front_cache.Template(entry.version, entry.born, key, html.encode())
            request.environ[front_cache.TEMPLATE_MARK] = template
        if not session and entry.version != "unreachable":
            # The same answer for every visitor without a session: the front cache may keep it whole.
            request.environ[front_cache.MARK] = (entry.version, entry.born)
        if CSRF_HOLE in html:
            html = html.replace(CSRF_HOLE, generate_csrf())
        response = make_response(html)
        # The ETag describes what this visitor was sent, holes filled (her session may have changed).
        response.set_etag(_page_etag(entry.version, key), weak=True)
        response.headers["Cache-Control"] = "private, no-cache"
        response.headers["Vary"] = VARY
        return response

    return wrapper


def _page_etag(version: str, key: str) -> str:
    return front_cache.page_etag(version, key, dict(session))


def cached_json(view: Callable) -> Callable:
    """Serve an API answer (the same for everyone) from the cache, with an ETag and 304."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if request.method not in ("GET", "HEAD") or not cache.enabled():
            return view(*args, **kwargs)
        version = cache.catalog_version()
        key = f"api:{locale_code()}:{digest(request.full_path)}"
        if request.if_none_match.contains_weak(digest(version, key)):
            return _not_modified(digest(version, key))
        answers: list = []

        def render() -> bytes | None:
            response = current_app.make_response(view(*args, **kwargs))
            if response.status_code != 200 or response.mimetype != "application/json":
                answers.append(response)
                return None
            return response.get_data()

        entry = serve_kept(key, version, render)
        if entry is None:
            return answers[0]
        response = current_app.response_class(entry.body, mimetype="application/json")
        response.set_etag(digest(entry.version, key), weak=True)
        response.headers["Cache-Control"] = "public, no-cache"
        return response

    return wrapper
