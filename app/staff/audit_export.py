"""The audit trail as CSV: the same sentences as the page, a batch of rows at a time."""

from __future__ import annotations

import csv
import io

from flask_babel import gettext as _

from app.core.extensions import db
from app.core.i18n import date_time
from app.staff.audit_words import in_words

BATCH = 500
MAX_ROWS = 100_000


def to_csv(stmt) -> str:
    """UTF-8 with a BOM so spreadsheet programs read the accents; newest first, like the page."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("When"), _("Who"), _("What happened"), _("Action"), _("Changed record"), _("Reason")])
    for offset in range(0, MAX_ROWS, BATCH):
        events = list(db.session.scalars(stmt.limit(BATCH).offset(offset)))
        for line in in_words(events):
            e = line.event
            writer.writerow([date_time(e.created_at), line.actor, line.sentence, e.action,
                             f"{e.subject_type} #{e.subject_id}", e.reason or ""])  # fmt: skip
        if len(events) < BATCH:
            break
    return "\ufeff" + out.getvalue()
