"""Form plumbing shared by every domain: the POST-only button and service errors put next to fields."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm


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
