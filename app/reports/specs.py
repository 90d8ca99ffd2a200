"""The reports the union hands to its leadership: what each counts, who may read it, how it is built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.core.errors import NotFound
from app.reports import figures
from app.reports.facts import Scope
from app.reports.tables import Table

STAFF, OUTLET, SELLER = "staff", "outlet", "seller"
EVERYONE = frozenset({STAFF, OUTLET, SELLER})


@dataclass(frozen=True)
class ReportSpec:
    slug: str
    title: object
    lead: object
    build: Callable[[Scope, str], Table]
    audiences: frozenset[str] = EVERYONE
    by_outlet: bool = True  # the outlet filter applies


REPORTS: tuple[ReportSpec, ...] = (
    ReportSpec(
        "doanh-so-theo-thang",
        _l("Sales by month"),
        _l("Goods handed over to shoppers each month, less the money refunded that month."),
        lambda scope, locale: figures.sales_by_month(scope),
    ),
    ReportSpec(
        "doanh-so-theo-cua-hang",
        _l("Sales by outlet"),
        _l("Goods each outlet handed over, less the refunds of those goods."),
        lambda scope, locale: figures.sales_by_outlet(scope),
        frozenset({STAFF, SELLER}),
    ),
    ReportSpec(
        "doanh-so-theo-nguoi-ban",
        _l("Sales by seller"),
        _l("Each seller's goods handed over, less the refunds of those goods."),
        lambda scope, locale: figures.sales_by_seller(scope),
        frozenset({STAFF, OUTLET}),
    ),
    ReportSpec(
        "doanh-so-theo-danh-muc",
        _l("Sales by category"),
        _l("Goods handed over by top-level category, less the refunds of those goods."),
        figures.sales_by_category,
    ),
    ReportSpec(
        "khoi-luong-theo-danh-muc",
        _l("Weight sold by category"),
        _l("Quantity handed over times the weight of each pack or item, less goods brought back."),
        figures.weight_by_category,
    ),
    ReportSpec(
        "khoi-luong-theo-cua-hang",
        _l("Weight sold by outlet"),
        _l("Quantity handed over times the weight of each pack or item, less goods brought back."),
        lambda scope, locale: figures.weight_by_outlet(scope),
        frozenset({STAFF, SELLER}),
    ),
    ReportSpec(
        "nguoi-ban",
        _l("Sellers by kind and status"),
        _l("Sellers today by kind and status; members of approved sellers; sellers first approved in the period."),
        lambda scope, locale: figures.sellers(scope),
        frozenset({STAFF}),
        by_outlet=False,
    ),
    ReportSpec(
        "khong-tien-mat",
        _l("Paid without cash"),
        _l("Orders handed over and net sales by payment method, and the share paid by transfer or card."),
        lambda scope, locale: figures.payment_methods(scope),
    ),
    ReportSpec(
        "nhan-hang",
        _l("Pickup or delivery"),
        _l("Orders handed over and net sales by how shoppers got their goods."),
        lambda scope, locale: figures.pickup_or_delivery(scope),
    ),
    ReportSpec(
        "thoi-gian-giao",
        _l("Time to hand-over"),
        _l("Hours from the order to the hand-over, for each outlet's shipments handed over in the period."),
        lambda scope, locale: figures.hand_over_times(scope),
        frozenset({STAFF, OUTLET}),
    ),
)


def for_audience(audience: str) -> list[ReportSpec]:
    return [spec for spec in REPORTS if audience in spec.audiences]


def find(slug: str, audience: str) -> ReportSpec:
    """The report of that slug when this audience may read it; NotFound otherwise."""
    for spec in for_audience(audience):
        if spec.slug == slug:
            return spec
    raise NotFound(_("This report does not exist."))
