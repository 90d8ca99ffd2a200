"""What one request has already read: the category tree, the active outlets, units available.

A page asks for the same reference rows from several places (the header's categories, the filter
form, the breadcrumbs); the first asker loads them and the others reuse them, so a page costs a
fixed, small number of SQL statements. The memo lives on ``g`` and is emptied when a request
starts and whenever the session flushes, so nothing read before a write is shown after it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Flask, g, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

T = TypeVar("T")
_KEY = "_request_memo"


def _store() -> dict:
    memo = g.get(_KEY)
    if memo is None:
        memo = {}
        setattr(g, _KEY, memo)
    return memo


def remembered(name: str, load: Callable[[], T]) -> T:
    """``load()`` once per request (outside a request or app context: every time)."""
    if not has_app_context():
        return load()
    memo = _store()
    if name not in memo:
        memo[name] = load()
    return memo[name]


def shelf(name: str) -> dict:
    """A dict kept for the rest of the request (e.g. units available by variant id)."""
    if not has_app_context():
        return {}
    return _store().setdefault(name, {})


def forget() -> None:
    """Drop everything remembered (a request starts, or something was written)."""
    if has_app_context():
        g.pop(_KEY, None)


def _after_flush(session, flush_context) -> None:
    forget()


def init_memo(app: Flask) -> None:
    """Empty the memo when each request starts and after every flush."""
    app.before_request_funcs.setdefault(None, []).insert(0, forget)
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
