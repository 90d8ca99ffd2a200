"""The report period: two days given in the URL."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.validators import InputRequired, ValidationError

EARLIEST = date(2000, 1, 1)
LATEST = date(2999, 12, 31)


def _sane_day(form, field) -> None:
    if field.data is not None and not EARLIEST <= field.data <= LATEST:
        raise ValidationError(_l("Enter a day between the years 2000 and 2999."))


class DayField(DateField):
    """A date field whose "not a date" message is the project's own, in the user's language."""

    def process_formdata(self, valuelist) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(_l("This is not a valid day.")) from None


class PeriodForm(FlaskForm):
    class Meta:
        csrf = False

    start = DayField(_l("From"), validators=[InputRequired(_l("Choose a day.")), _sane_day])
    end = DayField(_l("To"), validators=[InputRequired(_l("Choose a day.")), _sane_day])

    def validate_end(self, field) -> None:
        if self.start.data and field.data and field.data < self.start.data:
            raise ValidationError(_l("The end day must not be before the start day."))


class ScopeForm(PeriodForm):
    """The period and, for union staff, one outlet, province or seller kind (0 or empty: all)."""

    outlet = SelectField(_l("Outlet"), coerce=int, choices=[], default=0)
    province = SelectField(_l("Province of the seller"), coerce=int, choices=[], default=0)
    kind = SelectField(_l("Seller kind"), choices=[], default="")
