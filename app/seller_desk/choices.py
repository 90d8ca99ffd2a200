"""Choice lists for the product editor (categories, units, places, stars, certifications)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.i18n import locale_code
from app.core.vocab import Certification, ProductStatus, Unit
from app.sellers import places
from app.sellers.choices import ward_choices

CERT_LABELS = Certification.labels()
PRODUCT_STATUS_LABELS = ProductStatus.labels()
UNIT_LABELS = Unit.labels()


def setup_product_form(form, categories) -> None:
    locale = locale_code()
    prefix = {c.id: ("— " if c.parent_id else "") for c in categories}
    form.category_id.choices = [(0, str(_l("— Choose —")))] + [
        (c.id, prefix[c.id] + c.name_for(locale)) for c in categories
    ]
    form.unit.choices = Unit.choices()
    form.origin_province_code.choices = list(places.provinces())
    if not form.origin_province_code.data:
        form.origin_province_code.data = places.DEFAULT_PROVINCE
    form.origin_ward_code.choices = ward_choices(form.origin_province_code.data, blank=str(_l("— Not given —")))
    form.ocop_stars.choices = [(0, str(_l("Not rated")))] + [(n, "★" * n) for n in range(1, 6)]
    form.certifications.choices = Certification.choices()
