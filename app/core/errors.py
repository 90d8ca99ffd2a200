"""One error handler set: pages in the user's language, JSON for the API, no stack traces."""

from __future__ import annotations

from flask import Flask, g, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from app.core.extensions import db, login_manager
from app.core.timeouts import is_statement_timeout

# How long a client should wait before trying again when the database does not answer.
OUTAGE_RETRY_AFTER_SECONDS = 30
# Headers an HTTP error carries that its answer must keep (405 says which methods are allowed).
_KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


class DomainError(Exception):
    """A rule of the shop was broken; the message is safe to show to the user."""

    status_code = 400
    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class FieldErrors(DomainError):
    """Bad input: ``errors`` maps form fields to the messages shown next to them.

    Raise it with one message for one field (``FieldErrors(msg, field="email")``) or with several
    (``FieldErrors(errors={"name": ..., "variants-0-sku": ...})``); views hand ``errors`` to
    ``app.core.forms.attach_errors``. An empty field name means the whole form.
    """

    def __init__(self, message: str | None = None, *, field: str | None = None, errors: dict[str, str] | None = None):
        errors = dict(errors or {})
        if message is not None:
            errors = {field or "": message, **errors}
        if not errors:
            raise ValueError("FieldErrors needs a message")
        super().__init__(message if message is not None else next(iter(errors.values())))
        self.errors = errors

    @property
    def field(self) -> str | None:
        """The first field named (None for an error of the whole form)."""
        return next(iter(self.errors)) or None


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Forbidden(DomainError):
    status_code = 403
    code = "forbidden"


class Conflict(DomainError):
    status_code = 409
    code = "conflict"


def _titles() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Bad request"), _("Something in the request was not right. Please check and try again.")),
        403: (_("Access denied"), _("You do not have permission to open this page.")),
        404: (_("Page not found"), _("The page you are looking for does not exist or has been moved.")),
        405: (_("Not allowed"), _("This action is not allowed here.")),
        409: (_("Conflict"), _("This change conflicts with another one. Please reload and try again.")),
        413: (_("File too large"), _("The file you sent is too large.")),
        429: (_("Too many requests"), _("You have made too many requests. Please wait a minute and try again.")),
        500: (_("Something went wrong"), _("We could not complete your request. Please try again in a moment.")),
        503: (
            _("The shop is resting for a moment"),
            _("We cannot reach our records right now. Nothing was changed; please try again in a minute."),
        ),
    }


def wants_json() -> bool:
    """API paths and clients that ask for JSON get JSON errors."""
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(status: int, message: str | None = None, code: str | None = None):
    """Render an error as a page or, for the API, as {"error": {...}}."""
    title, default_message = _titles().get(status, _titles()[500])
    message = message or default_message
    if wants_json():
        body = {"error": {"code": code or _error_code(status), "message": message}}
        return jsonify(body), status
    return render_template("errors/error.html", title=title, message=message, status=status), status


def _error_code(status: int) -> str:
    return {
        400: "bad_request",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        409: "conflict",
        413: "too_large",
        429: "rate_limited",
        503: "unavailable",
    }.get(status, "server_error")


def is_database_outage(exc: BaseException) -> bool:
    """Whether ``exc`` means the database cannot be reached (not that a statement was wrong)."""
    if isinstance(exc, OperationalError | InterfaceError | PoolTimeout):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


def register_error_handlers(app: Flask) -> None:
    """Attach the handlers for HTTP errors, domain errors and anything unexpected."""

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        message = None
        if status == 400 and wants_json() and exc.description:
            message = exc.description
        response = make_response(render_error(status, message))
        for name, value in exc.get_headers():
            if name in _KEPT_HEADERS:
                response.headers[name] = value
        return response

    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError):
        db.session.rollback()
        return render_error(exc.status_code, exc.message, exc.code)

    @app.errorhandler(Exception)
    def unexpected_error(exc: Exception):
        db.session.rollback()
        if is_statement_timeout(exc):
            app.logger.warning("Statement stopped after its time limit on %s %s", request.method, request.path)
            message = _("This page took too long to prepare. Please try again in a moment.")
            response = app.make_response(render_error(503, message))
            response.headers["Retry-After"] = "5"
            return response
        if is_database_outage(exc):
            return database_outage(exc)
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return render_error(500)

    def database_outage(exc: Exception):
        """503 with Retry-After: the database does not answer; the page needs no database to show."""
        app.logger.error("Database unavailable on %s %s: %s", request.method, request.path, exc.__class__.__name__)
        g._login_user = login_manager.anonymous_user()  # the account cannot be loaded without the database
        response = make_response(render_error(503))
        response.headers["Retry-After"] = str(OUTAGE_RETRY_AFTER_SECONDS)
        response.headers["Cache-Control"] = "no-store"
        return response
