"""What the accounts domain does: register, authenticate, sessions, passwords, reset and email-confirmation tokens."""

from __future__ import annotations

import time
from collections.abc import Sequence

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import ColumnElement, ScalarSelect, func, or_, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.accounts.models import Notification, User
from app.core import audit, signals
from app.core.errors import FieldErrors, NotFound
from app.core.extensions import db
from app.core.mail import Mail, queue_mail
from app.core.timeutil import utcnow
from app.core.urls import external_url
from app.core.validation import normalise_email, normalise_mobile, normalise_phone
from app.core.vocab import NoticeKind

# The privacy notice a new account accepts; raise it when the notice changes in substance.
PRIVACY_NOTICE_VERSION = "2026-01"
VERIFY_MAX_AGE = 7 * 24 * 60 * 60
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


def rate_limit_key(identifier: str | None) -> str:
    """The account an email or phone names, spelled one way, for counting attempts per account.

    Anything typed gets a key, whether or not an account uses it, so a limit never tells who exists.
    """
    raw = (identifier or "").strip()
    email = normalise_email(raw) if "@" in raw else None
    phone = None if email else normalise_phone(raw)
    return "account:" + (email or phone or raw.lower()[:254])


def user_for_session(value: str) -> User | None:
    """The user a session or remember-me cookie names ("id:version:time" from ``User.get_id``);
    None when the account is inactive, its sessions were ended since, or the sign-in is too old."""
    found = session_user(value)
    return found[0] if found else None


def session_user(value: str, *, along: Sequence[ColumnElement] = ()) -> tuple[User, tuple] | None:
    """Like ``user_for_session``, with the values of ``along`` (SQL expressions that may refer to
    ``User.id``) read in the same statement, e.g. the numbers her page header shows."""
    parts = value.split(":")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return None
    user_id, version, signed_in_at = (int(part) for part in parts)
    if time.time() - signed_in_at > current_app.config["REMEMBER_COOKIE_DURATION"]:
        return None
    if along:
        row = db.session.execute(select(User, *along).where(User.id == user_id)).first()
        user, values = (row[0], tuple(row[1:])) if row else (None, ())
    else:
        user, values = db.session.get(User, user_id), ()
    if user is None or not user.is_active or user.session_version != version:
        return None
    return user, values


def end_sessions(user: User) -> None:
    """Every session and remember-me cookie of this account stops working (the caller commits)."""
    user.session_version = (user.session_version or 0) + 1


def sign_out_everywhere(*, user: User) -> None:
    """Sign-out on this device and all others."""
    end_sessions(user)
    db.session.commit()


def deactivate_user(*, email: str, actor_id: int | None, reason: str) -> User:
    """Close an account: it can no longer sign in and its open sessions end at once; audited."""
    user = find_by_identifier(email.strip())
    if user is None:
        raise NotFound(_("No account uses this email."))
    user.is_active_account = False
    end_sessions(user)
    audit.record(actor_id=actor_id, action="user.deactivate", subject_type="user", subject_id=user.id, reason=reason)
    db.session.commit()
    return user


def register_user(
    *, full_name: str, email: str, phone: str, password: str, locale: str = "vi", consent: bool = False
) -> User:
    """Create a shopper account after she accepts the privacy notice; a taken email or phone raises
    AccountError on that field. A link to confirm the email leaves when the account is saved."""
    email_n = normalise_email(email)
    phone_n = normalise_mobile(phone)
    if email_n is None:
        raise AccountError(_("Enter a valid email address, for example lan@example.com."), field="email")
    if phone_n is None:
        raise AccountError(
            _("Enter a Vietnamese mobile number: 0 followed by 9 digits (03, 05, 07, 08, 09…), or +84."), field="phone"
        )
    if not consent:
        raise AccountError(_("Please read the privacy notice and agree to it to create an account."), field="consent")
    taken = db.session.execute(
        select(User.email, User.phone).where(or_(func.lower(User.email) == email_n, User.phone == phone_n))
    ).all()
    # Helpful to the woman who forgot she registered; the registration rate limit keeps it from
    # serving as a directory of who has an account.
    if any(row.email.lower() == email_n for row in taken):
        raise AccountError(
            _("An account with this email already exists. Sign in, or reset the password if you forgot it."),
            field="email",
        )
    if taken:
        raise AccountError(
            _("An account with this phone number already exists. Sign in, or reset the password if you forgot it."),
            field="phone",
        )
    user = User(
        full_name=full_name.strip(),
        email=email_n,
        phone=phone_n,
        password_hash=hash_password(password),
        locale=locale if locale in ("vi", "en") else "vi",
        privacy_accepted_at=utcnow(),
        privacy_version=PRIVACY_NOTICE_VERSION,
    )
    db.session.add(user)
    db.session.flush()
    _queue_verification(user)
    db.session.commit()
    return user


def _verify_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="email-verify")


def make_verify_token(user: User) -> str:
    """A signed token for this account and this email address (a changed email needs a new one)."""
    return _verify_serializer().dumps({"id": user.id, "e": user.email})


def _queue_verification(user: User) -> None:
    link = external_url("accounts.verify_email", token=make_verify_token(user))
    with force_locale(user.locale):
        queue_mail(
            Mail(
                to=user.email,
                subject=_("Confirm your email address"),
                body=_(
                    "Hello %(name)s,\n\nPlease confirm that this email address is yours by opening this link "
                    "within 7 days:\n%(link)s\n\nOnce it is confirmed, orders you placed as a guest with this "
                    "email join your account.",
                    name=user.full_name,
                    link=link,
                ),
            )
        )


def send_verification(*, user: User) -> None:
    """Send the confirmation link again (nothing to do once the email is confirmed)."""
    if user.email_verified_at is None:
        _queue_verification(user)
    db.session.commit()  # nothing else to write: the commit sends the queued mail


def verify_email(token: str) -> tuple[User, int] | None:
    """Confirm the email named by a signed token; guest orders with that email join the account.

    Returns the account and how many orders joined it, or None when the link is bad or expired.
    """
    try:
        data = _verify_serializer().loads(token, max_age=VERIFY_MAX_AGE)
    except (SignatureExpired, BadSignature):
        return None
    user = db.session.get(User, data.get("id")) if isinstance(data, dict) else None
    if user is None or user.email != data.get("e") or not user.is_active:
        return None
    linked = 0
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        linked = sum(signals.all_answers(signals.email_verified, user))
    db.session.commit()
    return user, linked


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
    """Replace the password after checking the current one; every other session ends."""
    if not check_password_hash(user.password_hash, current):
        raise AccountError(_("The current password is not correct."), field="current")
    user.password_hash = hash_password(new)
    end_sessions(user)
    db.session.commit()


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def make_reset_token(user: User) -> str:
    """A signed token that works once: it stops when the password or the session version changes
    (a reset, a password change, a sign-out) or PASSWORD_RESET_MAX_AGE passes."""
    return _serializer().dumps({"id": user.id, "h": user.password_hash[-12:], "v": user.session_version})


def user_for_reset_token(token: str | None) -> User | None:
    if not token:
        return None
    try:
        data = _serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except (SignatureExpired, BadSignature):
        return None
    user_id = data.get("id") if isinstance(data, dict) else None
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.is_active or user.password_hash[-12:] != data.get("h"):
        return None
    if user.session_version != data.get("v"):
        return None
    return user


def request_password_reset(*, email: str) -> None:
    """Email a reset link when the account exists; say nothing either way."""
    user = find_by_identifier(email)
    if user is None:
        return
    if not user.is_active:
        return
    link = external_url("accounts.reset_password", token=make_reset_token(user))
    minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
    with force_locale(user.locale):
        queue_mail(
            Mail(
                to=user.email,
                subject=_("Reset your password"),
                body=_(
                    "Hello %(name)s,\n\nTo choose a new password, open this link within %(minutes)s minutes "
                    "(it works once):\n%(link)s\n\nIf you did not ask for this, ignore this email.",
                    name=user.full_name,
                    link=link,
                    minutes=minutes,
                ),
            )
        )
    db.session.commit()  # nothing else to write: the commit sends the queued mail


def reset_password(*, user: User, password: str) -> None:
    """Set a new password from a reset link; the link and every open session stop working."""
    user.password_hash = hash_password(password)
    end_sessions(user)
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
        end_sessions(user)
    user.role = "staff"
    db.session.commit()
    return user


def notify(user_id: int, message: str, link: str | None = None, kind: str = NoticeKind.SERVICE) -> Notification:
    """Add an in-site notice for a user (the caller commits)."""
    notice = Notification(user_id=user_id, message=message, link=link, kind=kind)
    db.session.add(notice)
    return notice


def unread_count_of(user_id) -> ScalarSelect:
    """Her unread notices as SQL (``user_id`` may be ``User.id`` of an enclosing statement)."""
    return (
        select(func.count(Notification.id))
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .scalar_subquery()
    )


def unread_count(user: User) -> int:
    return db.session.scalar(select(unread_count_of(user.id))) or 0
