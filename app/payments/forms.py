"""Payment forms: input shape and per-field messages only."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, DecimalField, HiddenField, StringField, TextAreaField
from wtforms.fields import Field
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import TextInput

from app.core.forms import DayField
from app.payments.statements import parse_amount

REQUIRED = DataRequired(message=_l("This field is required."))


class MoneyField(Field):
    """Whole đồng, typed the way people write it: 1.200.000, 1200000 or 1 200 000."""

    widget = TextInput()

    def _value(self) -> str:
        return self.raw_data[0] if self.raw_data else (str(self.data) if self.data is not None else "")

    def process_formdata(self, valuelist) -> None:
        self.data = None
        if valuelist and valuelist[0].strip():
            try:
                self.data = parse_amount(valuelist[0])
            except ValueError:
                raise ValueError(_l("Write the amount in whole đồng, for example 1.200.000.")) from None
            if self.data is None or self.data <= 0:
                self.data = None
                raise ValueError(_l("The amount must be above zero."))


NOTE = [Length(max=1000, message=_l("At most 1000 characters."))]


class ConfirmTransferForm(FlaskForm):
    amount_vnd = MoneyField(_l("Amount received (đồng)"), validators=[REQUIRED])
    note = TextAreaField(_l("Where you saw the transfer"), validators=[REQUIRED, *NOTE])


class StatementUploadForm(FlaskForm):
    statement = FileField(
        _l("Bank statement (Excel or CSV)"),
        validators=[
            FileRequired(message=_l("Choose the statement file.")),
            FileAllowed(
                ["csv", "txt", "xlsx", "xls"],
                message=_l("Only Excel (.xlsx, .xls) or CSV files exported from the bank."),
            ),
        ],
    )


class LineDecisionForm(FlaskForm):
    action = HiddenField(validators=[REQUIRED])
    order_number = StringField(_l("Order number"), validators=[Optional(), Length(max=20)])
    accept_short = BooleanField(_l("Accept the shortfall and confirm the order"))
    note = TextAreaField(_l("Note"), validators=NOTE)


class RefundForm(FlaskForm):
    amount_vnd = MoneyField(_l("Amount to refund (đồng)"), validators=[REQUIRED])
    reason = TextAreaField(_l("Reason"), validators=[REQUIRED, *NOTE])


def returned_quantities(formdata, line_ids: list[int]) -> list[tuple[int, int]]:
    """The "return-<line id>" quantities of a refund form: whole numbers, missing or blank as none."""
    quantities = []
    for line_id in line_ids:
        raw = (formdata.get(f"return-{line_id}") or "").strip()
        if raw.isdigit() and int(raw) > 0:
            quantities.append((line_id, int(raw)))
    return quantities


class SettlementForm(FlaskForm):
    class Meta:
        csrf = False

    start = DayField(_l("From"), validators=[REQUIRED])
    end = DayField(_l("To"), validators=[REQUIRED])
    commission = DecimalField(
        _l("Commission (%)"),
        places=2,
        validators=[Optional(), NumberRange(min=0, max=100, message=_l("Between 0 and 100."))],
    )


class PayoutForm(FlaskForm):
    """A payout to one seller for the settlement period shown on the page."""

    seller_id = HiddenField()
    start = HiddenField()
    end = HiddenField()
    commission = HiddenField()
    amount_vnd = MoneyField(_l("Amount sent (đồng)"), validators=[REQUIRED])
    paid_on = DayField(_l("Sent on"), validators=[REQUIRED])
    reference = StringField(_l("Bank reference"), validators=[Optional(), Length(max=120)])


class CashDayForm(FlaskForm):
    class Meta:
        csrf = False

    day = DayField(_l("Day"), validators=[Optional()])


class PayoutAccountForm(FlaskForm):
    """Where the shopper wants her bank-transfer refund sent."""

    bank = StringField(_l("Bank"), validators=[REQUIRED, Length(max=120)])
    account_no = StringField(_l("Account number"), validators=[REQUIRED, Length(max=40)])
    account_name = StringField(_l("Account holder"), validators=[REQUIRED, Length(max=120)])
    k = HiddenField()
    t = HiddenField()


class CompleteRefundForm(FlaskForm):
    note = TextAreaField(_l("How it was paid back"), validators=NOTE)
