"""What the accounts domain does: register, authenticate, passwords and reset tokens."""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, or_, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.accounts.models import Notification, User
from app.core.errors import FieldErrors
from app.core.extensions import db
from app.core.mail import Mail, queue_mail
from app.core.timeutil import utcnow
from app.core.urls import external_url
from app.core.validation import normalise_email, normalise_phone

# A real hash to compare against when no account matches, so a wrong email costs the same time.
_DUMMY_HASH_CACHE: dict[str, str] = {}


class AccountError(FieldErrors):
    """A problem with an account request; ``field`` names the form field it belongs to."""


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def find_by_identifier(identifier: str) -> User | None:
    """The account whose email or phone number is ``identifier``."""
    email = normalise_email(identifier) if "@" in identifier else None
    phone = None if email else normalise_phone(identifier)
    if not email and not phone:
        return None
    clause = func.lower(User.email) == email if email else User.phone == phone
    return db.session.scalar(select(User).where(clause))


def register_user(*, full_name: str, email: str, phone: str, password: str, locale: str = "vi") -> User:
    """Create a shopper account; a taken email or phone raises AccountError on that field."""
    email_n = normalise_email(email)
    phone_n = normalise_phone(phone)
    if email_n is None:
        raise AccountError(_("Enter a valid email address, for example lan@example.com."), field="email")
    if phone_n is None:
        raise AccountError(_("Enter a Vietnamese phone number: 0 followed by 9 digits, or +84."), field="phone")
    taken = db.session.execute(
        select(User.email, User.phone).where(or_(func.lower(User.email) == email_n, User.phone == phone_n))
    ).all()
    if any(row.email.lower() == email_n for row in taken):
        raise AccountError(_("An account with this email already exists."), field="email")
    if taken:
        raise AccountError(_("An account with this phone number already exists."), field="phone")
    user = User(
        full_name=full_name.strip(),
        email=email_n,
        phone=phone_n,
        password_hash=hash_password(password),
        locale=locale if locale in ("vi", "en") else "vi",
    )
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(*, identifier: str, password: str) -> User:
    """The account for these credentials; one message whether or not the account exists."""
    user = find_by_identifier(identifier.strip())
    if user is None:
        check_password_hash(_dummy_hash(), password)
    elif check_password_hash(user.password_hash, password) and user.is_active:
        user.last_login_at = utcnow()
        db.session.commit()
        return user
    raise AccountError(_("The email/phone number or the password is not correct."), field="identifier")


def _dummy_hash() -> str:
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method not in _DUMMY_HASH_CACHE:
        _DUMMY_HASH_CACHE[method] = generate_password_hash("not-a-real-password", method=method)
    return _DUMMY_HASH_CACHE[method]


def change_password(*, user: User, current: str, new: str) -> None:
    """Replace the password after checking the current one."""
    if not check_password_hash(user.password_hash, current):
        raise AccountError(_("The current password is not correct."), field="current")
    user.password_hash = hash_password(new)
    db.session.commit()


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def make_reset_token(user: User) -> str:
    """A signed token that stops working once the password changes or an hour passes."""
    return _serializer().dumps({"id": user.id, "h": user.password_hash[-12:]})


def user_for_reset_token(token: str) -> User | None:
    try:
        data = _serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except (SignatureExpired, BadSignature):
        return None
    user = db.session.get(User, data.get("id")) if isinstance(data, dict) else None
    if user is None or user.password_hash[-12:] != data.get("h"):
        return None
    return user


def request_password_reset(*, email: str) -> None:
    """Email a reset link when the account exists; say nothing either way."""
    user = find_by_identifier(email)
    if user is None:
        return
    link = external_url("accounts.reset_password", token=make_reset_token(user))
    with force_locale(user.locale):
        queue_mail(
            Mail(
                to=user.email,
                subject=_("Reset your password"),
                body=_(
                    "Hello %(name)s,\n\nTo choose a new password, open this link within one hour:\n%(link)s\n\n"
                    "If you did not ask for this, ignore this email.",
                    name=user.full_name,
                    link=link,
                ),
            )
        )
    db.session.commit()  # nothing else to write: the commit sends the queued mail


def reset_password(*, user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    db.session.commit()


def create_staff(*, email: str, password: str, full_name: str = "Cán bộ Hội") -> User:
    """Create (or promote) a union staff account."""
    email_n = normalise_email(email)
    if email_n is None:
        raise AccountError(_("Enter a valid email address, for example lan@example.com."), field="email")
    user = find_by_identifier(email_n)
    if user is None:
        user = User(email=email_n, full_name=full_name, password_hash=hash_password(password))
        db.session.add(user)
    else:
        user.password_hash = hash_password(password)
    user.role = "staff"
    db.session.commit()
    return user


def end_sessions(user: User) -> None:
    """End every session of this account at once (the caller commits).

    Sessions and "remember me" cookies name the account only; the user loader (app/__init__.py)
    refuses an inactive account, so a deactivated user is signed out on her very next request.
    This is the one place to call when her sessions must end.
    """
    if user.is_active:
        raise ValueError("end_sessions is for an account that was just deactivated")
    db.session.flush()


def notify(user_id: int, message: str, link: str | None = None) -> Notification:
    """Add an in-site notice for a user (the caller commits)."""
    notice = Notification(user_id=user_id, message=message, link=link)
    db.session.add(notice)
    return notice


def unread_count(user: User) -> int:
    return (
        db.session.scalar(
            select(func.count(Notification.id)).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        )
        or 0
    )
