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

    kind = SelectField(_l("Kind"), choices=[], validate_choice=False)
    person = SelectField(_l("Person"), coerce=coerce_id, choices=[], validate_choice=False)
    action = StringField(_l("Action"), validators=[Optional(), Length(max=64)])
    subject_type = StringField(_l("About"), validators=[Optional(), Length(max=32)])
    subject_id = IdField(_l("Record number"), validators=[Optional()])
    actor = StringField(_l("Staff email"), validators=[Optional(), Length(max=254)])
    on_behalf = BooleanField(_l("Only actions on behalf of a seller"))
    since = DayField(_l("From"), validators=[Optional()])
    until = DayField(_l("Until"), validators=[Optional()])


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason (the seller will read it)"), validators=[Length(max=1000)])


class OrderFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Order number, phone, email or pickup code"), validators=[Optional(), Length(max=254)])
    status = SelectField(_l("Status"), choices=[], validate_choice=False)
    outlet = SelectField(_l("Outlet"), coerce=coerce_id, choices=[], validate_choice=False)
    method = SelectField(_l("Payment method"), choices=[], validate_choice=False)
    seller = SelectField(_l("Seller"), coerce=coerce_id, choices=[], validate_choice=False)
    since = DayField(_l("Placed from"), validators=[Optional()])
    until = DayField(_l("Placed until"), validators=[Optional()])


class PeopleFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Name, email or phone number"), validators=[Optional(), Length(max=254)])
    role = SelectField(_l("Role"), choices=[], validate_choice=False)
    active = SelectField(_l("Account"), choices=[], validate_choice=False)


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=[], validate_choice=False)


class DeactivateForm(FlaskForm):
    reason = TextAreaField(_l("Why the account is deactivated"), validators=[Length(max=1000)])


class CategoryForm(FlaskForm):
    name_vi = StringField(_l("Name in Vietnamese"), validators=[Length(max=120, message=_l("At most 120 characters."))])
    name_en = StringField(_l("Name in English"), validators=[Length(max=120, message=_l("At most 120 characters."))])
    parent_id = SelectField(_l("Under"), coerce=coerce_id, choices=[], validate_choice=False)
    position = StringField(_l("Position (smaller comes first)"), default="0", validators=[Length(max=6)])


class MoveProductsForm(FlaskForm):
    target = SelectField(_l("Move all its products to"), coerce=coerce_id, choices=[], validate_choice=False)
