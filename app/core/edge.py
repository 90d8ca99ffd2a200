"""Input at the edge: ids, whole numbers, days and text are checked once, before any query sees them.

Everything a request carries is text. The database refuses some of it with an error instead of an
answer: a NUL byte in a string (PostgreSQL), an integer beyond its column (INTEGER ids on
PostgreSQL, 64 bits on SQLite), a day whose next day does not exist (9999-12-31). These helpers are
the one place that decides what a request may carry:

- URL converters: ``<int:…>`` stops at the largest id a column holds (404 beyond), every text part
  of a path (``<slug>``, ``<number>``, ``<token>``) refuses NUL (404), ``<day:…>`` takes only a
  real day in the shop's calendar.
- ``reject_nul`` (before every request): a NUL byte in the query string or a form answers 400.
- ``parse_id``, ``parse_whole``, ``parse_day``, ``page_number``, ``id_or_zero``, ``coerce_id`` for views
  and forms (``request.args.get("page", 1, type=page_number)``, ``SelectField(coerce=coerce_id)``); the
  WTForms fields built on them are in ``app.core.forms``.
"""

from __future__ import annotations

import re
from datetime import date

from flask import Flask, abort, request
from werkzeug.routing import BaseConverter, IntegerConverter, UnicodeConverter, ValidationError

MAX_ID = 2**31 - 1  # ids are INTEGER columns on PostgreSQL
MAX_WHOLE = 2**63 - 1  # the largest whole number any column holds (BIGINT)
MAX_PAGE = 1_000_000  # far beyond any list the shop shows; keeps OFFSET within range
EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2099, 12, 31)

_DIGITS = re.compile(r"[-+]?[0-9]{1,19}")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def has_nul(text: str | None) -> bool:
    """Whether a string carries a NUL byte, which no column can store."""
    return bool(text) and "\x00" in text


def parse_whole(raw: object, *, minimum: int = 0, maximum: int = MAX_WHOLE) -> int | None:
    """A whole number written in ASCII digits (a sign allowed) within [minimum, maximum], else None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw if raw is not None else "").strip()
        if not _DIGITS.fullmatch(text):
            return None
        value = int(text)
    return value if minimum <= value <= maximum else None


def parse_id(raw: object) -> int | None:
    """A row id (1 to MAX_ID), else None."""
    return parse_whole(raw, minimum=1, maximum=MAX_ID)


def id_or_zero(raw: object) -> int:
    """A select box's id; anything that is not an id becomes 0, which services refuse with a message."""
    return parse_whole(raw, maximum=MAX_ID) or 0


def coerce_id(raw: object) -> int:
    """A select box's coerce: an id or a code (0 to MAX_ID); ValueError (an invalid choice) otherwise."""
    value = parse_whole(raw, maximum=MAX_ID)
    if value is None:
        raise ValueError("not an id")
    return value


def page_number(raw: object) -> int:
    """A page number for ``request.args.get("page", 1, type=page_number)``: ValueError outside 1..MAX_PAGE."""
    value = parse_whole(raw, minimum=1, maximum=MAX_PAGE)
    if value is None:
        raise ValueError("not a page number")
    return value


def parse_day(raw: object) -> date | None:
    """A yyyy-mm-dd day between EARLIEST_DAY and LATEST_DAY, else None."""
    if isinstance(raw, date):
        day = raw
    else:
        text = str(raw if raw is not None else "").strip()
        if not _ISO_DAY.fullmatch(text):
            return None
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return None
    return day if EARLIEST_DAY <= day <= LATEST_DAY else None


class IdConverter(IntegerConverter):
    """``<int:…>``: an id the database can hold; a larger number matches no route (404)."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = None, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=MAX_ID if max is None else max, signed=signed)


class TextConverter(UnicodeConverter):
    """``<slug>``, ``<string:…>``: one path segment without a NUL byte (with one: 404)."""

    def __init__(self, map, minlength: int = 1, maxlength: int | None = None, length: int | None = None):
        super().__init__(map, minlength=minlength, maxlength=maxlength, length=length)
        self.regex = self.regex.replace("[^/]", "[^/\x00]", 1)


class DayConverter(BaseConverter):
    """``<day:…>``: a real yyyy-mm-dd day of the shop's calendar, as a ``date``."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        day = parse_day(value)
        if day is None:
            raise ValidationError()
        return day

    def to_url(self, value: date | str) -> str:
        return value.isoformat() if isinstance(value, date) else str(value)


def reject_nul() -> None:
    """400 for a NUL byte anywhere in the query string or the form (names and values)."""
    pairs = list(request.args.items(multi=True))
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        pairs += list(request.form.items(multi=True))
    if any(has_nul(key) or has_nul(value) for key, value in pairs):
        abort(400)


def init_edge(app: Flask) -> None:
    """Install the converters (before any route is added) and the NUL check."""
    app.url_map.converters.update(int=IdConverter, default=TextConverter, string=TextConverter, day=DayConverter)
    app.before_request(reject_nul)
