"""The impact report as CSV: one row per figure shown on the page, grouped by section."""

from __future__ import annotations

from flask_babel import gettext as _

from app.core.spreadsheet import csv_text
from app.reports.labels import KIND_LABELS, ORDER_STATUS_LABELS, PAYMENT_METHOD_LABELS
from app.reports.queries import ImpactReport, SalesRow


def headers() -> list[str]:
    return [_("Section"), _("Figure"), _("Number"), _("Units"), _("Amount (đồng)"), _("Weight (kg)")]


def _sales(section: str, name: str, row: SalesRow) -> list:
    return [section, name, row.orders, row.units, row.revenue_vnd, f"{row.weight_grams / 1000:.1f}"]


def rows(report: ImpactReport) -> list[list]:
    """Every figure of the report as a CSV row (numbers plain, money in whole đồng)."""
    out: list[list] = []
    for kind in report.sellers:
        out.append([_("Approved sellers"), str(KIND_LABELS.get(kind.kind, kind.kind)), kind.approved, "", "", ""])
    out.append([_("Approved sellers"), _("Total"), report.approved_total.approved, "", "", ""])
    out.append([_("Sellers waiting for review"), _("Total"), report.approved_total.pending, "", "", ""])
    out.append([_("Members of approved sellers"), _("All members"), report.approved_total.members, "", "", ""])
    out.append([_("Members of approved sellers"), _("Women members"), report.approved_total.women_members, "", "", ""])
    for status, count in report.orders_by_status.items():
        out.append([_("Orders placed"), str(ORDER_STATUS_LABELS.get(status, status)), count, "", "", ""])
    out.append(_sales(_("Completed sales"), _("Total"), report.sales))
    out += [_sales(_("Sales by category"), r.name, r) for r in report.by_category]
    out += [_sales(_("Sales by outlet"), r.name, r) for r in report.by_outlet]
    out += [_sales(_("Top sellers"), r.name, r) for r in report.top_sellers]
    out += [
        _sales(_("Payment methods"), str(PAYMENT_METHOD_LABELS.get(r.key, r.key)), r) for r in report.by_payment_method
    ]
    out.append([_("Refunds"), _("Refunds made"), report.refunds_count, "", report.refunds_vnd, ""])
    return out


def to_csv(report: ImpactReport) -> str:
    """UTF-8 with a BOM so spreadsheet programs read the accents; names that look like formulas stay text."""
    return csv_text(headers(), rows(report))
