"""Account forms: input shape and per-field messages only."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField, TelField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from app.core.validation import normalise_email, normalise_phone, password_problem

PASSWORD_MESSAGES = {
    "too_short": _l("The password must have at least 8 characters."),
    "too_long": _l("The password must have at most 128 characters."),
    "too_simple": _l("The password is too simple: mix letters, digits or other characters."),
    "too_common": _l("This password is too common; please choose another."),
}


def strong_password(form, field) -> None:
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(PASSWORD_MESSAGES[problem])


def vietnamese_phone(form, field) -> None:
    if field.data and normalise_phone(field.data) is None:
        raise ValidationError(_l("Enter a Vietnamese phone number: 0 followed by 9 digits, or +84."))


def valid_email(form, field) -> None:
    if field.data and normalise_email(field.data) is None:
        raise ValidationError(_l("Enter a valid email address, for example lan@example.com."))


REQUIRED = DataRequired(message=_l("This field is required."))


class RegisterForm(FlaskForm):
    full_name = StringField(
        _l("Full name"), validators=[REQUIRED, Length(max=120, message=_l("At most 120 characters."))]
    )
    email = EmailField(
        _l("Email"), validators=[REQUIRED, Length(max=254, message=_l("At most 254 characters.")), valid_email]
    )
    phone = TelField(
        _l("Phone number"),
        validators=[REQUIRED, Length(max=20, message=_l("At most 20 characters.")), vietnamese_phone],
    )
    password = PasswordField(_l("Password"), validators=[REQUIRED, strong_password])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[REQUIRED, EqualTo("password", message=_l("The two passwords do not match."))],
    )


class LoginForm(FlaskForm):
    identifier = StringField(
        _l("Email or phone number"), validators=[REQUIRED, Length(max=254, message=_l("At most 254 characters."))]
    )
    password = PasswordField(_l("Password"), validators=[REQUIRED, Length(max=128)])
    remember = BooleanField(_l("Remember me"))


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[REQUIRED])
    password = PasswordField(_l("New password"), validators=[REQUIRED, strong_password])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[REQUIRED, EqualTo("password", message=_l("The two passwords do not match."))],
    )


class ResetRequestForm(FlaskForm):
    email = EmailField(
        _l("Email"), validators=[REQUIRED, Length(max=254, message=_l("At most 254 characters.")), valid_email]
    )


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[REQUIRED, strong_password])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[REQUIRED, EqualTo("password", message=_l("The two passwords do not match."))],
    )
