"""Form plumbing shared by every domain: the POST-only button, service errors put next to fields, and the
fields that check ids and days at the edge (app/core/edge.py)."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField

from app.core import edge


class EmptyForm(FlaskForm):
    """A POST-only button (log out, approve, cancel): the CSRF token and nothing else."""


def attach_errors(form: FlaskForm, errors: dict[str, str]) -> None:
    """Put a service's field errors next to their fields ("variants-0-sku" reaches into a list);
    a key that names no field becomes an error of the whole form."""
    for key, message in errors.items():
        field = _find(form, key)
        if field is None:
            form.form_errors.append(message)
        else:
            field.errors = [*list(field.errors or []), message]


def _find(form: FlaskForm, key: str):
    match = re.fullmatch(r"(\w+?)-(\d+)-(\w+)", key)
    if match:
        group, index, name = match.group(1), int(match.group(2)), match.group(3)
        entries = getattr(form, group, None)
        if entries is None or index >= len(entries.entries):
            return None
        return entries.entries[index].form._fields.get(name)
    return form._fields.get(key) if key else None


class IdField(IntegerField):
    """A row id from a form (1 to edge.MAX_ID); anything else is "not a choice", never a database error."""

    def process_formdata(self, valuelist):
        self.data = None
        raw = valuelist[0] if valuelist else ""
        if raw in ("", None):
            return
        self.data = edge.parse_id(raw)
        if self.data is None:
            raise ValueError(_l("Choose an item from the list."))


class DayField(DateField):
    """A yyyy-mm-dd day between the years 2000 and 2099 (edge.EARLIEST_DAY, edge.LATEST_DAY)."""

    def process_formdata(self, valuelist):
        self.data = None
        raw = valuelist[0] if valuelist else ""
        if raw in ("", None):
            return
        self.data = edge.parse_day(raw)
        if self.data is None:
            raise ValueError(_l("Enter a day between the years 2000 and 2099, for example 2026-06-03."))


def field_errors(form) -> dict[str, str]:
    """The first message of every field with an error, by field id ("variants-0-price_vnd")."""
    found: dict[str, str] = {}
    for field in form:
        if field.type == "FieldList":
            for entry in field.entries:
                found |= field_errors(entry.form) if hasattr(entry, "form") else {}
        elif field.errors:
            found[field.id] = str(list(field.errors)[0])
    return found


def error_summary(form, groups: dict[str, str] | None = None) -> list[tuple[str | None, str]]:
    """What the summary at the top of a form lists: (field id to link to, "Label: message"), in the
    form's order; rows of a list are named by ``groups`` ("Item 2 · Price: …"), form-wide errors have no id."""
    items: list[tuple[str | None, str]] = [(None, str(message)) for message in form.form_errors]
    for field in form:
        if field.type == "CSRFTokenField":
            if field.errors:
                items.append((None, str(_l("The form had expired. Please check it and send it again."))))
        elif field.type == "FieldList":
            for i, entry in enumerate(field.entries):
                prefix = f"{(groups or {}).get(field.name, field.label.text)} {i + 1} · "
                items += [(sub.id, f"{prefix}{sub.label.text}: {sub.errors[0]}") for sub in entry.form if sub.errors]
        elif field.errors:
            items.append((field.id, f"{field.label.text}: {field.errors[0]}"))
    return items
