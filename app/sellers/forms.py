"""Seller forms: input shape and per-field messages only; the rules live in the services."""

from __future__ import annotations

import re

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    Field,
    FieldList,
    Form,
    FormField,
    HiddenField,
    MultipleFileField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from app.core.edge import id_or_zero
from app.sellers.services import ApplicationData

REQUIRED = DataRequired(message=_l("This field is required."))


def at_most(n: int) -> Length:
    return Length(max=n, message=_l("At most %(n)s characters.", n=n))


class WholeNumberField(Field):
    """A whole number that also accepts the way people write it: "85.000", "85 000 đ"."""

    widget = TextInput()

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        # Thousands with dots, as people write đồng ("1.250.000"); the parser accepts it back.
        return "" if self.data is None else f"{self.data:,}".replace(",", ".")

    def process_formdata(self, valuelist):
        self.data = None
        raw = (valuelist[0] if valuelist else "").strip()
        if not raw:
            return
        compact = re.sub(r"[\s.,₫đĐ]|vnd|VND", "", raw)
        if not compact.isdigit() or len(compact) > 12:
            self.data = None
            raise ValueError(_l("Enter a whole number, for example 85000."))
        self.data = int(compact)


def int_or_zero(value) -> int:
    """Coerce a choice to an id; anything else becomes 0, which the services refuse with a clear message."""
    return id_or_zero(value)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ApplicationForm(FlaskForm):
    kind = RadioField(_l("Kind of seller"), validators=[REQUIRED], choices=[], validate_choice=False)
    name = StringField(_l("Name of the organisation or of the woman"), validators=[REQUIRED, at_most(160)])
    representative = StringField(_l("Representative (full name)"), validators=[at_most(120)])
    phone = TelField(_l("Phone number"), validators=[at_most(20)])
    email = EmailField(_l("Email"), validators=[at_most(254)])
    province_code = SelectField(_l("Province"), coerce=int_or_zero, choices=[], validate_choice=False)
    ward_code = SelectField(_l("Ward or commune"), coerce=int_or_zero, choices=[], validate_choice=False)
    street = StringField(_l("House number, street, hamlet"), validators=[at_most(200)])
    registration_no = StringField(_l("Registration number"), validators=[at_most(40)])
    members_count = WholeNumberField(_l("Number of members"), render_kw={"inputmode": "numeric"})
    women_members_count = WholeNumberField(_l("Of whom women"), render_kw={"inputmode": "numeric"})
    story = TextAreaField(_l("Your story"), validators=[at_most(3000)])
    documents = MultipleFileField(_l("Supporting documents (PDF, JPEG or PNG, up to 5 MB each)"))


class StaffSellerForm(ApplicationForm):
    owner_email = EmailField(_l("Email of her account (optional)"), validators=[Optional(), at_most(254)])


class DecisionForm(FlaskForm):
    action = HiddenField()
    reason = TextAreaField(_l("Reason (the seller will read it)"), validators=[at_most(1000)])


class VariantForm(Form):
    id = HiddenField()
    label = StringField(_l("What is sold"), validators=[at_most(80)])
    sku = StringField(_l("SKU (your item code)"), validators=[at_most(40)])
    price_vnd = WholeNumberField(_l("Price (đồng)"), render_kw={"inputmode": "numeric"})
    weight_grams = WholeNumberField(_l("Weight (grams)"), render_kw={"inputmode": "numeric"})
    is_active = BooleanField(_l("On sale"), default=True)


class ProductForm(FlaskForm):
    name = StringField(_l("Product name"), validators=[REQUIRED, at_most(200)])
    category_id = SelectField(_l("Category"), coerce=int_or_zero, choices=[], validate_choice=False)
    summary = StringField(_l("Short description"), validators=[at_most(300)])
    description = TextAreaField(_l("Description"), validators=[at_most(5000)])
    unit = SelectField(_l("Sold by"), choices=[], validate_choice=False)
    sold_by_weight = BooleanField(_l("Priced by weight (show the price per kg)"))
    origin_province_code = SelectField(_l("Province of origin"), coerce=int_or_zero, choices=[], validate_choice=False)
    origin_ward_code = SelectField(
        _l("Ward or commune of origin"), coerce=int_or_zero, choices=[], validate_choice=False
    )
    ocop_stars = SelectField(_l("OCOP stars"), coerce=int_or_zero, choices=[], validate_choice=False)
    certifications = MultiCheckboxField(_l("Certifications"), choices=[], validate_choice=False)
    variants = FieldList(FormField(VariantForm), min_entries=1)
    photos = MultipleFileField(_l("Add photos (JPEG, PNG or WebP)"))


class InviteForm(FlaskForm):
    email = EmailField(_l("Email of her account"), validators=[REQUIRED, at_most(254)])


class LineForm(Form):
    variant_id = SelectField(_l("Item"), coerce=int_or_zero, choices=[], validate_choice=False)
    quantity = WholeNumberField(_l("Quantity"), render_kw={"inputmode": "numeric"})


class ConsignmentForm(FlaskForm):
    outlet_id = SelectField(_l("Outlet"), coerce=int_or_zero, choices=[], validate_choice=False)
    note = TextAreaField(_l("Note for the outlet"), validators=[at_most(1000)])
    lines = FieldList(FormField(LineForm), min_entries=4)


def not_blank(form, field) -> None:
    if not (field.data or "").strip():
        raise ValidationError(_l("This field is required."))


def application_data(form: ApplicationForm) -> ApplicationData:
    """The form's fields as the service's input."""
    return ApplicationData(
        kind=form.kind.data or "",
        name=form.name.data or "",
        representative=form.representative.data or "",
        phone=form.phone.data or "",
        email=form.email.data or "",
        province_code=form.province_code.data or 0,
        ward_code=form.ward_code.data or 0,
        street=form.street.data or "",
        registration_no=form.registration_no.data or "",
        members_count=form.members_count.data if form.members_count.data is not None else 0,
        women_members_count=form.women_members_count.data if form.women_members_count.data is not None else 0,
        story=form.story.data or "",
    )


def uploads(field) -> list[tuple[bytes, str]]:
    return [(f.read(), f.filename) for f in (field.data or []) if getattr(f, "filename", "")]


def wants_ward_refresh() -> bool:
    """The no-JavaScript "show wards of this province" button re-renders the form without saving."""
    return "refresh" in request.form
