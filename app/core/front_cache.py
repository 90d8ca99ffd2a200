"""The front of the page cache: whole answers for visitors who bring no session, kept before Flask.

A visitor who comes without a session cookie (a first visit, a search engine, a shared link)
gets exactly the same catalog page as every other such visitor asking in the same language and
accepting the same compression: her header says "Sign in" and an empty cart, there are no
messages, and no form on the page carries a token of hers. ``cached_page`` marks such answers
(``MARK`` in the WSGI environ, with the catalog version and age of what they show); this layer
keeps them whole (status, headers, compressed body) and hands them to the next such visitor
without running Flask's request handling at all.

What is kept and for how long follows the page cache: an answer is served from here while it
shows the current catalog version and is younger than CATALOG_CACHE_REFRESH_SECONDS. Past that
age, one request at a time goes through Flask (where the page is rendered again) and its answer
replaces the kept one, while the others are still served the kept answer, until it is
CATALOG_CACHE_SECONDS old. After a new catalog version every request goes through Flask, whose
page cache renders the page once. Nothing here is shared between processes, and nothing here is personal:
a request with a session or remember-me cookie, an ``If-None-Match``, or any method but GET or
HEAD always goes through Flask, and so does any answer that sets a cookie. The API is not kept
here (its rate limit counts every request). FRONT_CACHE_ENTRIES bounds how many answers a process
keeps (0 switches this layer off).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from http.cookies import SimpleCookie
from typing import NamedTuple

from flask import Flask

from app.core import cache

MARK = "cho.front_cache"  # set by cached_page: (catalog version, when the page was rendered)
KEY_HEADERS = ("HTTP_HOST", "wsgi.url_scheme", "HTTP_ACCEPT_LANGUAGE", "HTTP_ACCEPT_ENCODING")
PERSONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_AUTHORIZATION")
FRESH, AGEING, STALE = cache.FRESH, cache.AGEING, "stale"


class Answer(NamedTuple):
    version: str
    born: float
    status: str
    headers: list[tuple[str, str]]
    body: bytes


class FrontCache:
    """WSGI middleware keeping marked answers for visitors without a session (see the module doc)."""

    def __init__(self, app: Flask, inner: Callable) -> None:
        self.app = app
        self.inner = inner
        self.answers: dict[tuple, Answer] = {}
        self.limit = int(app.config.get("FRONT_CACHE_ENTRIES") or 0)
        self.lock = threading.Lock()
        self.leading: set[tuple] = set()  # keys of ageing answers one request is refreshing
        self.cookie_names = {
            app.config["SESSION_COOKIE_NAME"],
            app.config.get("REMEMBER_COOKIE_NAME", "remember_token"),
        }

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        key = self._key(environ)
        if key is None:
            return self.inner(environ, start_response)
        kept = self.answers.get(key)
        state = self._state(kept)
        if state == FRESH or (state == AGEING and not self._lead(key)):
            start_response(kept.status, list(kept.headers))
            return [] if environ["REQUEST_METHOD"] == "HEAD" else [kept.body]
        if state == AGEING:  # this request refreshes it; the others keep getting the kept answer
            try:
                return self._through(key, environ, start_response)
            finally:
                with self.lock:
                    self.leading.discard(key)
        return self._through(key, environ, start_response)

    def _lead(self, key: tuple) -> bool:
        """Whether this request is the one to refresh an ageing answer (no other is doing it)."""
        with self.lock:
            if key in self.leading:
                return False
            self.leading.add(key)
            return True

    def _key(self, environ: dict) -> tuple | None:
        if not self.limit or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        if any(environ.get(name) for name in PERSONAL_HEADERS) or self._brings_a_session(environ):
            return None
        path = environ.get("PATH_INFO", "")
        if path.startswith(("/api/", "/static/", "/media/")):
            return None
        return (path, environ.get("QUERY_STRING", ""), *(environ.get(name, "") for name in KEY_HEADERS))

    def _brings_a_session(self, environ: dict) -> bool:
        header = environ.get("HTTP_COOKIE")
        if not header:
            return False
        try:
            names = set(SimpleCookie(header).keys())
        except Exception:  # noqa: BLE001 — a cookie header it cannot read goes through Flask
            return True
        return bool(names & self.cookie_names)

    def _state(self, kept: Answer | None) -> str:
        """The page cache's age rule (cache.age_state) for an answer of the current catalog
        version; STALE for one of an older version, or nothing kept: through Flask."""
        if kept is None:
            return STALE
        with self.app.app_context():
            if kept.version != cache.catalog_version():
                return STALE
            state = cache.age_state(kept.born)
        return STALE if state == cache.EXPIRED else state

    def _through(self, key: tuple, environ: dict, start_response: Callable) -> Iterable[bytes]:
        seen: dict = {}

        def remember_start(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        body = self.inner(environ, remember_start)
        mark = environ.get(MARK)
        if mark is None or environ["REQUEST_METHOD"] != "GET" or not seen.get("status", "").startswith("200"):
            return body
        if any(name.lower() == "set-cookie" for name, _value in seen["headers"]):
            return body
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        self._keep(key, Answer(mark[0], mark[1], seen["status"], list(seen["headers"]), data))
        return [data]

    def _keep(self, key: tuple, answer: Answer) -> None:
        with self.lock:
            if key not in self.answers and len(self.answers) >= self.limit:
                self.answers.pop(next(iter(self.answers)))  # the oldest kept goes first
            self.answers[key] = answer


def init_front_cache(app: Flask) -> None:
    """Put the front cache before Flask (inside ProxyFix and WhiteNoise, which wrap it later)."""
    if int(app.config.get("FRONT_CACHE_ENTRIES") or 0) > 0:
        app.wsgi_app = app.extensions["front_cache"] = FrontCache(app, app.wsgi_app)
