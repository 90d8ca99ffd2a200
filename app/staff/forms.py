"""Back-office forms: filters and the moderation reason; input shape only."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from app.core.edge import coerce_id
from app.core.forms import DayField, IdField


class QueueFilterForm(FlaskForm):
    class Meta:
        csrf = False

    status = SelectField(_l("Status"), choices=[], validate_choice=False)
    kind = SelectField(_l("Kind"), choices=[], validate_choice=False)
    province = SelectField(_l("Province"), coerce=coerce_id, choices=[], validate_choice=False)
    ward = SelectField(_l("Ward or commune"), coerce=coerce_id, choices=[], validate_choice=False)


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    action = SelectField(_l("Action"), choices=[], validate_choice=False)
    subject_type = SelectField(_l("About"), choices=[], validate_choice=False)
    subject_id = IdField(_l("Record number"), validators=[Optional()])
    actor = StringField(_l("Staff email"), validators=[Optional(), Length(max=254)])
    on_behalf = BooleanField(_l("Only actions on behalf of a seller"))
    since = DayField(_l("From"), validators=[Optional()])
    until = DayField(_l("Until"), validators=[Optional()])


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason (the seller will read it)"), validators=[Length(max=1000)])
