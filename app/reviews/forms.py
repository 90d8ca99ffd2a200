"""Review forms: input shape only (the services check stars, lengths, photos and who may)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import MultipleFileField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from app.core.vocab import ReviewStars

REQUIRED = DataRequired(message=_l("This field is required."))


class StarsField(RadioField):
    """1 to 5 stars; anything that is not a whole number gets our own message."""

    def process_formdata(self, valuelist):
        if not valuelist or valuelist[0] in ("", None):
            self.data = None
            return
        try:
            self.data = int(str(valuelist[0]).strip())
        except ValueError:
            self.data = None
            raise ValueError(_l("Choose from 1 to 5 stars.")) from None

    def pre_validate(self, form):  # the service says what is out of range
        return None


def stars_field() -> StarsField:
    return StarsField(
        _l("Your rating"),
        choices=[SelectChoice(n, ReviewStars.labels()[str(n)]) for n in range(5, 0, -1)],
        coerce=int,
        validators=[InputRequired(message=_l("Choose from 1 to 5 stars."))],
    )


class ReviewForm(FlaskForm):
    stars = stars_field()
    text = TextAreaField(_l("What did you think of it? (optional)"), validators=[Length(max=2000)])
    photos = MultipleFileField(_l("Photos (up to 3, JPEG, PNG or WebP)"))


class ReplyForm(FlaskForm):
    text = TextAreaField(_l("Your reply (shown under the review)"), validators=[REQUIRED, Length(max=1000)])


class HideForm(FlaskForm):
    reason = TextAreaField(_l("Reason for hiding (kept in the audit trail)"), validators=[Length(max=1000)])
