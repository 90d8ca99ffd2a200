"""Seller forms: input shape and per-field messages only; the rules live in the services."""

from __future__ import annotations

import re

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
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

from app.core.amounts import AmountError, dong_text, grams_text, parse_dong, parse_grams
from app.core.edge import id_or_zero
from app.core.i18n import locale_code
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


class _TypedAmountField(Field):
    """A number typed as people write it, read by one parser of app/core/amounts.py; subclasses say
    how to read and show it and what to answer for a fraction or for anything else."""

    widget = TextInput()
    fraction_message = other_message = ""

    def _show(self, value) -> str:
        raise NotImplementedError

    def _parse(self, raw: str):
        raise NotImplementedError

    def _value(self) -> str:
        return self.raw_data[0] if self.raw_data else self._show(self.data)

    def process_formdata(self, valuelist):
        self.data = None
        raw = (valuelist[0] if valuelist else "").strip()
        if not raw:
            return
        try:
            self.data = self._parse(raw)
        except AmountError as exc:
            raise ValueError(self.fraction_message if exc.code == "fraction" else self.other_message) from None


class PriceField(_TypedAmountField):
    """Whole đồng typed as people write it: "85.000", "85000", "85k" (app/core/amounts.py)."""

    fraction_message = _l("No part of a đồng: write a whole number, for example 85.000.")
    other_message = _l("Enter a whole number of đồng, for example 85.000.")

    def _show(self, value) -> str:
        return dong_text(value)

    def _parse(self, raw: str):
        return parse_dong(raw)


class WeightField(_TypedAmountField):
    """Grams typed as people write them: "500 g", "500", "0,5 kg", "1.5kg" (app/core/amounts.py)."""

    fraction_message = _l("Write the weight in whole grams or in kg, for example 500 g or 0,5 kg.")
    other_message = _l("Write the weight with its unit, for example 500 g or 0,5 kg.")

    def _show(self, value) -> str:
        return grams_text(value, locale=locale_code())

    def _parse(self, raw: str):
        return parse_grams(raw)


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
    """One size or pack of a product; each field carries its one-line hint (``description``)."""

    id = HiddenField()
    label = StringField(
        _l("What is sold"), validators=[at_most(80)], description=_l("For example “Bag of 500 g” or “Size M”.")
    )
    price_vnd = PriceField(
        _l("Price (đồng)"),
        render_kw={"inputmode": "decimal", "autocomplete": "off"},
        description=_l("Write it as you say it: 85.000 or 85000."),
    )
    weight_grams = WeightField(
        _l("Weight"),
        render_kw={"inputmode": "decimal", "autocomplete": "off"},
        description=_l("With its unit: 500 g or 0,5 kg. Used for delivery."),
    )
    sku = StringField(
        _l("SKU (your item code)"),
        validators=[at_most(40)],
        render_kw={"autocapitalize": "characters", "autocomplete": "off"},
        description=_l("Leave it empty and the market makes one for you."),
    )
    is_active = BooleanField(_l("On sale"), default=True, description=_l("Untick when you have none to sell."))


class ProductForm(FlaskForm):
    name = StringField(
        _l("Product name"),
        validators=[REQUIRED, at_most(200)],
        description=_l("The name shoppers know, for example “Yến sào tinh chế”."),
    )
    category_id = SelectField(
        _l("Category"),
        coerce=int_or_zero,
        choices=[],
        validate_choice=False,
        description=_l("Where shoppers will look for it."),
    )
    summary = StringField(
        _l("Short description"), validators=[at_most(300)], description=_l("One line shown under the name.")
    )
    description = TextAreaField(
        _l("Description"),
        validators=[at_most(5000)],
        description=_l("How it is made, how to keep it, how to use it."),
    )
    unit = SelectField(_l("Sold by"), choices=[], validate_choice=False, description=_l("How you count what you sell."))
    sold_by_weight = BooleanField(
        _l("Priced by weight (show the price per kg)"),
        description=_l("Tick for fruit, vegetables, nuts sold by weight."),
    )
    origin_province_code = SelectField(
        _l("Province of origin"),
        coerce=int_or_zero,
        choices=[],
        validate_choice=False,
        description=_l("Where it is grown or made."),
    )
    origin_ward_code = SelectField(
        _l("Ward or commune of origin"),
        coerce=int_or_zero,
        choices=[],
        validate_choice=False,
        description=_l("You may leave it empty."),
    )
    ocop_stars = SelectField(
        _l("OCOP stars"),
        coerce=int_or_zero,
        choices=[],
        validate_choice=False,
        description=_l("Only if the product has an OCOP rating."),
    )
    certifications = MultiCheckboxField(
        _l("Certifications"),
        choices=[],
        validate_choice=False,
        description=_l("Tick only those you have papers for."),
    )
    variants = FieldList(FormField(VariantForm), min_entries=1)
    photos = MultipleFileField(
        _l("Add photos (JPEG, PNG or WebP)"),
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
        description=_l("Square photos in daylight look best. Up to 8 photos."),
    )


class PeriodForm(FlaskForm):
    """From and to days of a settlement (GET parameters, so the page can be bookmarked)."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()], description=_l("The first day counted."))
    end = DateField(_l("To"), validators=[Optional()], description=_l("The last day counted."))


class ShopPageForm(FlaskForm):
    story = TextAreaField(
        _l("Your story"), validators=[at_most(3000)], description=_l("Who you are and how you make your goods.")
    )
    public_phone = TelField(
        _l("Phone for shoppers"), validators=[at_most(20)], description=_l("Shown on your page; leave empty to hide.")
    )
    zalo = StringField(
        _l("Zalo"),
        validators=[at_most(200)],
        description=_l("Your Zalo link (https://zalo.me/…) or the phone number you use on Zalo."),
    )
    pickup_at_home = BooleanField(
        _l("Shoppers may pick up at my place"), description=_l("Tick only if someone is there to hand goods over.")
    )
    pickup_hours = StringField(
        _l("Opening hours for pickup"),
        validators=[at_most(200)],
        description=_l("For example “Mon–Sat, 8:00–17:00”."),
    )
    photos = MultipleFileField(
        _l("Add photos of your place or your work"),
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
        description=_l("Up to 6 photos, JPEG, PNG or WebP."),
    )


class LegalChangeForm(FlaskForm):
    kind = RadioField(_l("Kind of seller"), validators=[REQUIRED], choices=[], validate_choice=False)
    name = StringField(
        _l("Name of the organisation or of the woman"),
        validators=[REQUIRED, at_most(160)],
        description=_l("As written on the registration paper."),
    )
    registration_no = StringField(
        _l("Registration number"),
        validators=[at_most(40)],
        description=_l("Needed for a cooperative or household business."),
    )
    note = TextAreaField(
        _l("Why it changes"),
        validators=[at_most(1000)],
        description=_l("A line for the union, for example “new name since May”."),
    )


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
