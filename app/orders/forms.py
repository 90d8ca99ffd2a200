"""Order forms: input shape and per-field messages only."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from app.core.edge import MAX_WHOLE, coerce_id, parse_whole
from app.core.forms import IdField
from app.core.vocab import Fulfilment
from app.orders.cart import MAX_QUANTITY

REQUIRED = DataRequired(message=_l("This field is required."))


class WholeNumberField(IntegerField):
    """An integer field whose "not a number" message is ours (and translated)."""

    def process_formdata(self, valuelist):
        if not valuelist or valuelist[0] in ("", None):
            self.data = None
            return
        self.data = parse_whole(valuelist[0], minimum=-MAX_WHOLE)  # the range is the validators' to word
        if self.data is None:
            raise ValueError(_l("Enter a whole number, for example 2."))


def quantity_field() -> WholeNumberField:
    return WholeNumberField(
        _l("Quantity"),
        validators=[
            InputRequired(message=_l("Enter a quantity.")),
            NumberRange(min=1, max=MAX_QUANTITY, message=_l("Enter a quantity from 1 to %(max)s.")),
        ],
    )


class AddToCartForm(FlaskForm):
    variant_id = IdField(validators=[InputRequired(message=_l("Choose an item."))])
    quantity = quantity_field()
    next = HiddenField()


class QuantityForm(FlaskForm):
    variant_id = IdField(validators=[InputRequired(message=_l("Choose an item."))])
    quantity = quantity_field()


class RemoveForm(FlaskForm):
    variant_id = IdField(validators=[InputRequired(message=_l("Choose an item."))])
    next = HiddenField()


class SwapForm(FlaskForm):
    variant_id = IdField(validators=[InputRequired(message=_l("Choose an item."))])
    replacement_id = IdField(validators=[InputRequired(message=_l("Choose an item."))])
    next = HiddenField()


class CheckoutForm(FlaskForm):
    contact_name = StringField(_l("Full name"), validators=[REQUIRED, Length(max=120)])
    contact_phone = TelField(_l("Phone number"), validators=[REQUIRED, Length(max=20)])
    contact_email = EmailField(_l("Email (optional)"), validators=[Optional(), Length(max=254)])
    fulfilment = RadioField(
        _l("How do you want to receive it?"),
        choices=[
            SelectChoice("pickup", _l("Pick up at an outlet (free)")),
            SelectChoice("delivery", _l("Delivery to my address")),
        ],
        default=Fulfilment.PICKUP,
        validators=[REQUIRED],
    )
    # An outlet id, or two joined by "+" when she picks up in two places; the page draws the radios.
    pickup_outlet_id = StringField(_l("Outlet for pickup"), validators=[Optional(), Length(max=24)])
    address_id = RadioField(
        _l("Deliver to a saved address"), coerce=coerce_id, default=0, validators=[Optional()], validate_choice=False
    )
    province_code = SelectField(_l("Province"), coerce=coerce_id, validators=[Optional()], validate_choice=False)
    ward_code = SelectField(_l("Ward or commune"), coerce=coerce_id, validators=[Optional()], validate_choice=False)
    street = StringField(_l("House number and street"), validators=[Optional(), Length(max=200)])
    payment_method = RadioField(_l("Payment"), validators=[REQUIRED], validate_choice=False)


class PlaceOrderForm(FlaskForm):
    idempotency_key = HiddenField(validators=[REQUIRED, Length(min=16, max=64)])
    expected_total = WholeNumberField(validators=[InputRequired()], widget=HiddenInput())


class GuestTokenForm(FlaskForm):
    k = HiddenField()


class StaffCancelForm(FlaskForm):
    reason = TextAreaField(_l("Reason for cancelling"), validators=[REQUIRED, Length(min=5, max=500)])
    k = HiddenField()


class DeskSearchForm(FlaskForm):
    class Meta:
        csrf = False

    tim = StringField(_l("Pickup code, phone or order number"), validators=[Optional(), Length(max=40)])


class AdvanceForm(FlaskForm):
    target = HiddenField(validators=[REQUIRED])


class HandOverForm(FlaskForm):
    # Room for the code as people read it ("810 211", "810-211"); the service keeps the digits.
    pickup_code = StringField(
        _l("Pickup code (6 digits)"),
        validators=[Optional(), Length(max=20, message=_l("At most 20 characters."))],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    cash_confirmed = BooleanField(_l("I have received the cash"))


class OrderLinkForm(FlaskForm):
    email = EmailField(_l("Your email"), validators=[REQUIRED, Length(max=254)])
    k = HiddenField()


class FindOrderForm(FlaskForm):
    number = StringField(_l("Order number"), validators=[REQUIRED, Length(max=20)])
    phone = TelField(_l("Phone number given with the order"), validators=[REQUIRED, Length(max=20)])


class WatchOutletForm(FlaskForm):
    outlet_id = SelectField(_l("Tell me when it is back at"), coerce=coerce_id, validate_choice=False)
