"""Outlet forms: input shape only; numbers are read here with messages in the reader's language."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length

from app.core.edge import coerce_id
from app.staff.outlets import OutletData, OutletError

AT_MOST = _l("Too long.")


class OutletForm(FlaskForm):
    name = StringField(_l("Name"), validators=[Length(max=160, message=AT_MOST)])
    short_name = StringField(_l("Short name for shoppers"), validators=[Length(max=60, message=AT_MOST)])
    street = StringField(_l("House number and street"), validators=[Length(max=200, message=AT_MOST)])
    ward_code = SelectField(_l("Ward or commune"), coerce=coerce_id, choices=[], validate_choice=False)
    latitude = StringField(_l("Latitude"), validators=[Length(max=20, message=AT_MOST)])
    longitude = StringField(_l("Longitude"), validators=[Length(max=20, message=AT_MOST)])
    phone = StringField(_l("Phone number"), validators=[Length(max=20, message=AT_MOST)])
    hours = StringField(_l("Opening hours, in words"), validators=[Length(max=120, message=AT_MOST)])
    opens_at = StringField(_l("Opens at"), default="07:00", validators=[Length(max=5, message=AT_MOST)])
    closes_at = StringField(_l("Closes at"), default="20:00", validators=[Length(max=5, message=AT_MOST)])
    offers_pickup = BooleanField(_l("Shoppers can pick up here"), default=True)
    offers_delivery = BooleanField(_l("Delivers to nearby wards"), default=True)
    delivery_fee_vnd = StringField(_l("Delivery fee (đồng)"), default="20000")
    priority = StringField(_l("Priority (smaller goes first)"), default="100")
    delivery_wards = SelectMultipleField(
        _l("Wards it delivers to"), coerce=coerce_id, choices=[], validate_choice=False
    )


class CloseOutletForm(FlaskForm):
    reason = TextAreaField(_l("Why the outlet closes"), validators=[Length(max=1000, message=AT_MOST)])


class StaffMemberForm(FlaskForm):
    email = StringField(_l("Email or phone number of her account"), validators=[Length(max=254, message=AT_MOST)])


def _number(text: str | None, kind: type, field: str, errors: dict[str, str]):
    text = (text or "").strip().replace(" ", "")
    if not text:
        return None
    try:
        return kind(text.replace(",", ".") if kind is float else text.replace(".", ""))
    except ValueError:
        errors[field] = _("Enter a number, for example 10.9477.") if kind is float else _("Enter a whole number.")
        return None


def outlet_data(form: OutletForm) -> OutletData:
    """The form's data, typed; a number that is not one raises OutletError on its field."""
    errors: dict[str, str] = {}
    latitude = _number(form.latitude.data, float, "latitude", errors)
    longitude = _number(form.longitude.data, float, "longitude", errors)
    fee = _number(form.delivery_fee_vnd.data, int, "delivery_fee_vnd", errors)
    priority = _number(form.priority.data, int, "priority", errors)
    if errors:
        raise OutletError(errors=errors)
    return OutletData(
        name=form.name.data or "",
        short_name=form.short_name.data or "",
        street=form.street.data or "",
        ward_code=form.ward_code.data or None,
        latitude=latitude,
        longitude=longitude,
        phone=form.phone.data or "",
        hours=form.hours.data or "",
        opens_at=(form.opens_at.data or "").strip(),
        closes_at=(form.closes_at.data or "").strip(),
        offers_pickup=bool(form.offers_pickup.data),
        offers_delivery=bool(form.offers_delivery.data),
        delivery_fee_vnd=fee if fee is not None else 0,
        priority=priority if priority is not None else 100,
        delivery_wards=tuple(sorted(set(form.delivery_wards.data or []))),
    )


def fill(form: OutletForm, data: OutletData) -> None:
    """Show an outlet's data in the form (numbers as text)."""
    for key, value in data.__dict__.items():
        field = getattr(form, key)
        field.data = list(value) if key == "delivery_wards" else ("" if value is None else value)
    for key in ("latitude", "longitude", "delivery_fee_vnd", "priority"):
        value = getattr(data, key)
        getattr(form, key).data = "" if value is None else str(value)
