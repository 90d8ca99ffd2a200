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

A visitor whose session holds nothing of hers but a form token, her language and Flask-Login's
settled "_fresh" mark (``PLAIN_SESSION_KEYS``), and a first visitor on a page with a form (the
product page), differ from the others only by that token. For them ``cached_page`` also marks
the page as a template (``TEMPLATE_MARK``): its header and messages filled as for anyone, its
token holes left open. This layer keeps it, uncompressed and without its cookie, and serves it by
filling in the visitor's own token: from her signed session cookie, or, for a first visitor, from
a new session made exactly as Flask-WTF makes one (and sent as Flask would send it). Her ETag is
the one ``cached_page`` would give her, and the body is compressed as Flask-Compress would. A
session cookie that does not verify, or holds anything else (a cart, a message, an account),
goes through Flask.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterable
from http.cookies import SimpleCookie
from typing import Any, NamedTuple

from flask import Flask
from flask_compress.flask_compress import _choose_algorithm, _compress_data
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.http import dump_cookie

from app.core import cache
from app.core.extensions import compress

MARK = "cho.front_cache"  # set by cached_page: (catalog version, when the page was rendered)
TEMPLATE_MARK = "cho.front_cache.template"  # set by cached_page: a Template without status and headers
CSRF_HOLE = "__csrf_token_hole__"
# What a session may hold and still leave the header and messages as for a visitor without one: her
# CSRF token, her language (the fills are kept per language) and Flask-Login's "_fresh" mark, which
# its session protection puts in any session without an account. A cart, a message or an account
# makes the page hers.
PLAIN_SESSION_KEYS = frozenset({"csrf_token", "lang", "_fresh"})
DROPPED_HEADERS = frozenset({"set-cookie", "content-length", "content-encoding", "etag"})
KEY_HEADERS = ("HTTP_HOST", "wsgi.url_scheme", "HTTP_ACCEPT_LANGUAGE")  # whole answers add Accept-Encoding
PERSONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_AUTHORIZATION")
FRESH, AGEING, STALE = cache.FRESH, cache.AGEING, "stale"
SEND, LEAD = "send", "lead"


class Answer(NamedTuple):
    version: str
    born: float
    status: str
    headers: list[tuple[str, str]]
    body: bytes


class Template(NamedTuple):
    version: str
    born: float
    page_key: str  # the page cache's key, which the ETag is made from
    body: bytes  # UTF-8, token holes open, uncompressed
    status: str = ""
    headers: tuple[tuple[str, str], ...] = ()  # without cookie, ETag, length and encoding


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def page_etag(version: str, page_key: str, session_data: dict[str, Any]) -> str:
    """The weak ETag of a cached page as a visitor with this session was sent it."""
    session_part = digest(json.dumps(session_data, sort_keys=True, default=str)) if session_data else "-"
    return digest(version, page_key, session_part)


class FrontCache:
    """WSGI middleware keeping marked answers for visitors without a session (see the module doc)."""

    def __init__(self, app: Flask, inner: Callable) -> None:
        self.app = app
        self.inner = inner
        self.answers: dict[tuple, Answer] = {}
        self.templates: dict[tuple, Template] = {}
        self.limit = int(app.config.get("FRONT_CACHE_ENTRIES") or 0)
        self.lock = threading.Lock()
        self.leading: set[tuple] = set()  # keys of ageing answers one request is refreshing
        self.session_cookie = app.config["SESSION_COOKIE_NAME"]
        self.remember_cookie = app.config.get("REMEMBER_COOKIE_NAME", "remember_token")

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        visitor = self._visitor(environ)
        if visitor is None:
            return self.inner(environ, start_response)
        base, session_data = visitor
        whole_key = (*base, environ.get("HTTP_ACCEPT_ENCODING", "")) if session_data is None else None
        template_key = ("template", *base, (session_data or {}).get("lang"))
        if whole_key is not None:
            kept = self.answers.get(whole_key)
            use = self._use(whole_key, kept)
            if use == SEND:
                start_response(kept.status, list(kept.headers))
                return [] if environ["REQUEST_METHOD"] == "HEAD" else [kept.body]
            if use == LEAD:
                return self._through(whole_key, template_key, environ, start_response, leading=whole_key)
        template = self.templates.get(template_key)
        use = self._use(template_key, template) if self._settled(session_data, template) else STALE
        if use == SEND:
            return self._fill(template, session_data, environ, start_response)
        leading = template_key if use == LEAD else None
        return self._through(whole_key, template_key, environ, start_response, leading=leading)

    def _use(self, key: tuple, kept: Answer | Template | None) -> str:
        """SEND ``kept`` (fresh, or ageing while another request refreshes it), LEAD (ageing, and
        this request goes through Flask to refresh it), or STALE (through Flask)."""
        state = self._state(kept)
        if state != AGEING:
            return SEND if state == FRESH else STALE
        with self.lock:
            if key in self.leading:
                return SEND
            self.leading.add(key)
            return LEAD

    def _visitor(self, environ: dict) -> tuple[tuple, dict | None] | None:
        """The request's key and the visitor's session (None without one), or None to go through Flask."""
        if not self.limit or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        if any(environ.get(name) for name in PERSONAL_HEADERS):
            return None
        path = environ.get("PATH_INFO", "")
        if path.startswith(("/api/", "/static/", "/media/")):
            return None
        base = (path, environ.get("QUERY_STRING", ""), *(environ.get(name, "") for name in KEY_HEADERS))
        header = environ.get("HTTP_COOKIE")
        if not header:
            return base, None
        try:
            cookies = SimpleCookie(header)
        except Exception:  # noqa: BLE001 — a cookie header it cannot read goes through Flask
            return None
        if self.remember_cookie in cookies:
            return None
        if self.session_cookie not in cookies:
            return base, None
        session_data = self._plain_session(cookies[self.session_cookie].value)
        return None if session_data is None else (base, session_data)

    def _plain_session(self, value: str) -> dict | None:
        """Her session, when it verifies and holds nothing of hers but the plain keys."""
        serializer = self.app.session_interface.get_signing_serializer(self.app)
        if serializer is None:
            return None
        try:
            data = serializer.loads(value, max_age=int(self.app.permanent_session_lifetime.total_seconds()))
        except BadSignature:
            return None
        if not isinstance(data, dict) or not data.keys() <= PLAIN_SESSION_KEYS:
            return None
        return data

    @staticmethod
    def _settled(session_data: dict | None, template: Template | None) -> bool:
        """Whether Flask would send this visitor the template with her token and no change to her
        session: none yet (Flask-WTF makes it), or one Flask-Login has already marked and that
        holds the token the page's forms need."""
        if template is None or session_data is None:
            return template is not None
        if session_data.get("_fresh") is not False:
            return False
        return "csrf_token" in session_data or CSRF_HOLE.encode() not in template.body

    def _state(self, kept: Answer | Template | None) -> str:
        """The page cache's age rule (cache.age_state) for an answer of the current catalog
        version; STALE for one of an older version, or nothing kept: through Flask."""
        if kept is None:
            return STALE
        with self.app.app_context():
            if kept.version != cache.catalog_version():
                return STALE
            state = cache.age_state(kept.born)
        return STALE if state == cache.EXPIRED else state

    def _fill(self, template: Template, session_data: dict | None, environ: dict, start_response: Callable):
        """The template with this visitor's token, her ETag, and a new session cookie if she had none."""
        headers = list(template.headers)
        body = template.body
        session_data = dict(session_data or {})
        if CSRF_HOLE.encode() in body:
            if "csrf_token" not in session_data:
                session_data["csrf_token"] = hashlib.sha1(os.urandom(64)).hexdigest()  # nosec B324: Flask-WTF's own
                headers.append(("Set-Cookie", self._session_cookie(session_data)))
            body = body.replace(CSRF_HOLE.encode(), self._csrf_token(session_data["csrf_token"]).encode())
        headers.append(("ETag", f'W/"{page_etag(template.version, template.page_key, session_data)}"'))
        algorithm = _choose_algorithm(compress.enabled_algorithms, environ.get("HTTP_ACCEPT_ENCODING", ""))
        if algorithm is not None and len(body) >= self.app.config["COMPRESS_MIN_SIZE"]:
            body = _compress_data(self.app, body, algorithm)
            headers.append(("Content-Encoding", algorithm))
        headers.append(("Content-Length", str(len(body))))
        start_response(template.status, headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def _csrf_token(self, raw: str) -> str:
        """The form token Flask-WTF's generate_csrf gives for this session's raw token."""
        config = self.app.config
        secret = config.get("WTF_CSRF_SECRET_KEY") or self.app.secret_key
        return URLSafeTimedSerializer(secret, salt="wtf-csrf-token").dumps(raw)

    def _session_cookie(self, session_data: dict) -> str:
        """The Set-Cookie header Flask's session interface sends for a new session."""
        interface, app = self.app.session_interface, self.app
        return dump_cookie(
            interface.get_cookie_name(app),
            interface.get_signing_serializer(app).dumps(session_data),
            path=interface.get_cookie_path(app),
            domain=interface.get_cookie_domain(app),
            secure=interface.get_cookie_secure(app),
            httponly=interface.get_cookie_httponly(app),
            samesite=interface.get_cookie_samesite(app),
            partitioned=interface.get_cookie_partitioned(app),
        )

    def _through(self, whole_key, template_key, environ: dict, start_response: Callable, leading=None):
        try:
            return self._answer_and_keep(whole_key, template_key, environ, start_response)
        finally:
            if leading is not None:
                with self.lock:
                    self.leading.discard(leading)

    def _answer_and_keep(self, whole_key, template_key, environ: dict, start_response: Callable):
        seen: dict = {}

        def remember_start(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        body = self.inner(environ, remember_start)
        whole, template = environ.get(MARK), environ.get(TEMPLATE_MARK)
        if environ["REQUEST_METHOD"] != "GET" or not seen.get("status", "").startswith("200"):
            return body
        if template is not None:
            headers = tuple((name, value) for name, value in seen["headers"] if name.lower() not in DROPPED_HEADERS)
            self._keep(self.templates, template_key, template._replace(status=seen["status"], headers=headers))
        setting_a_cookie = any(name.lower() == "set-cookie" for name, _value in seen["headers"])
        if whole is None or whole_key is None or setting_a_cookie:
            return body
        try:
            data = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        self._keep(self.answers, whole_key, Answer(whole[0], whole[1], seen["status"], list(seen["headers"]), data))
        return [data]

    def _keep(self, kept: dict, key: tuple, answer: Answer | Template) -> None:
        with self.lock:
            if key not in kept and len(kept) >= self.limit:
                kept.pop(next(iter(kept)))  # the oldest kept goes first
            kept[key] = answer


def init_front_cache(app: Flask) -> None:
    """Put the front cache before Flask (inside ProxyFix and WhiteNoise, which wrap it later)."""
    if int(app.config.get("FRONT_CACHE_ENTRIES") or 0) > 0:
        app.wsgi_app = app.extensions["front_cache"] = FrontCache(app, app.wsgi_app)
