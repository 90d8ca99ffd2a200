"""Choice lists for the seller forms (kinds, places, categories, units), in the current language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.catalog.models import CERTIFICATIONS, UNITS
from app.catalog.services import CERT_LABELS
from app.core.i18n import locale_code
from app.sellers import places

KIND_LABELS = {
    "cooperative": _l("Cooperative (HTX)"),
    "cooperative_group": _l("Cooperative group (tổ hợp tác)"),
    "linkage_group": _l("Women's linkage group (tổ liên kết)"),
    "household": _l("Household business"),
    "individual": _l("Woman entrepreneur (individual)"),
}
STATUS_LABELS = {
    "draft": _l("Draft"),
    "pending": _l("Waiting for review"),
    "approved": _l("Approved"),
    "rejected": _l("Needs changes"),
    "suspended": _l("Suspended"),
}
PRODUCT_STATUS_LABELS = {"draft": _l("Draft"), "active": _l("On sale"), "archived": _l("Archived")}
UNIT_LABELS = {
    "kg": _l("kg"),
    "box": _l("box"),
    "piece": _l("piece"),
    "bag": _l("bag"),
    "bottle": _l("bottle"),
    "jar": _l("jar"),
    "pack": _l("pack"),
}


def ward_choices(province_code: int | None, *, blank: str) -> list[tuple[int, str]]:
    return [(0, blank)] + list(places.wards(province_code or places.DEFAULT_PROVINCE))


def setup_application_form(form) -> None:
    """Fill the kind, province and ward lists; wards follow the chosen province."""
    form.kind.choices = [(k, str(v)) for k, v in KIND_LABELS.items()]
    form.province_code.choices = list(places.provinces())
    if not form.province_code.data:
        form.province_code.data = places.DEFAULT_PROVINCE
    form.ward_code.choices = ward_choices(form.province_code.data, blank=str(_l("— Choose —")))


def setup_product_form(form, categories) -> None:
    locale = locale_code()
    prefix = {c.id: ("— " if c.parent_id else "") for c in categories}
    form.category_id.choices = [(0, str(_l("— Choose —")))] + [
        (c.id, prefix[c.id] + c.name_for(locale)) for c in categories
    ]
    form.unit.choices = [(u, str(UNIT_LABELS[u])) for u in UNITS]
    form.origin_province_code.choices = list(places.provinces())
    if not form.origin_province_code.data:
        form.origin_province_code.data = places.DEFAULT_PROVINCE
    form.origin_ward_code.choices = ward_choices(form.origin_province_code.data, blank=str(_l("— Not given —")))
    form.ocop_stars.choices = [(0, str(_l("Not rated")))] + [(n, "★" * n) for n in range(1, 6)]
    form.certifications.choices = [(c, str(CERT_LABELS[c])) for c in CERTIFICATIONS]
