"""Account forms: input shape and per-field messages only."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, TelField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from app.core.validation import normalise_email, normalise_mobile, password_problem

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


MOBILE_MESSAGE = _l("Enter a Vietnamese mobile number: 0 followed by 9 digits (03, 05, 07, 08, 09…), or +84.")


def vietnamese_phone(form, field) -> None:
    if field.data and normalise_mobile(field.data) is None:
        raise ValidationError(MOBILE_MESSAGE)


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
    consent = BooleanField(
        _l("I have read the privacy notice and agree that the union processes my data as it describes."),
        validators=[DataRequired(message=_l("Please read the privacy notice and agree to it to create an account."))],
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


class AddressForm(FlaskForm):
    """A saved address; the ward list follows the province (the service checks they belong together)."""

    recipient = StringField(
        _l("Recipient's name"), validators=[REQUIRED, Length(max=120, message=_l("At most 120 characters."))]
    )
    phone = TelField(
        _l("Recipient's phone number"),
        validators=[REQUIRED, Length(max=20, message=_l("At most 20 characters.")), vietnamese_phone],
    )
    province_code = SelectField(_l("Province"), coerce=int, choices=[], validate_choice=False)
    ward_code = SelectField(_l("Ward or commune"), coerce=int, choices=[], validate_choice=False)
    street = StringField(
        _l("House number and street"), validators=[REQUIRED, Length(max=200, message=_l("At most 200 characters."))]
    )
    is_default = BooleanField(_l("Use this address by default"))


class NoticePreferencesForm(FlaskForm):
    """Optional notices only: order updates and the union's decisions are always sent."""

    favourite_in_site = BooleanField(_l("In the site"))
    favourite_by_email = BooleanField(_l("By email"))
    review_in_site = BooleanField(_l("In the site"))
    review_by_email = BooleanField(_l("By email"))


class EraseAccountForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[REQUIRED, Length(max=128)])
    understood = BooleanField(
        _l("I understand that my account is closed for good and my personal details are removed."),
        validators=[DataRequired(message=_l("Tick the box to confirm that you want to delete your account."))],
    )
