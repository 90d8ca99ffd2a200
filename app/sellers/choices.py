"""Choice lists for the seller application forms (kinds, places), in the current language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.vocab import SellerKind, SellerStatus
from app.sellers import places

KIND_LABELS = SellerKind.labels()
STATUS_LABELS = SellerStatus.labels()


def ward_choices(province_code: int | None, *, blank: str) -> list[tuple[int, str]]:
    return [(0, blank)] + list(places.wards(province_code or places.DEFAULT_PROVINCE))


def setup_application_form(form) -> None:
    """Fill the kind, province and ward lists; wards follow the chosen province."""
    form.kind.choices = [(k, str(v)) for k, v in KIND_LABELS.items()]
    form.province_code.choices = list(places.provinces())
    if not form.province_code.data:
        form.province_code.data = places.DEFAULT_PROVINCE
    form.ward_code.choices = ward_choices(form.province_code.data, blank=str(_l("— Choose —")))
