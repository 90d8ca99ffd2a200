"""Union back office: seller review, listing moderation and the audit trail.

The blueprint lives in app.staff.blueprint: other domains import app.core.audit inside their
own services, and loading the views from this file would make those imports circular.
"""
