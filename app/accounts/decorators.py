"""Role decorators: who may open a view. Services still check ownership of each row.

The roles that rest on another domain's rows live with that domain: ``seller_required`` in
app.sellers.access, ``outlet_staff_required`` in app.outlets.access.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def _role_required(check: Callable[[object], bool]) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not check(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def role_required(check: Callable[[object], bool]) -> Callable:
    """A view decorator: signed in (else the login page), and ``check(current_user)`` (else 403)."""
    return _role_required(check)


shopper_required = _role_required(lambda user: user.is_authenticated)
staff_required = _role_required(lambda user: user.role == "staff")
