"""Her money: the settlement of a period (the staff page's figures for her alone), as a page, CSV and XLSX."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app.core.spreadsheets import to_csv, to_xlsx
from app.core.timeutil import utcnow
from app.payments import reports
from app.seller_desk import bp
from app.sellers.access import seller_required
from app.sellers.forms import PeriodForm
from app.sellers.services import seller_for_member

MAX_DAYS = 366
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def period_from_args() -> tuple[PeriodForm, date, date, bool]:
    """The period asked for (this month so far by default); False when it cannot be shown."""
    form = PeriodForm(request.args)
    today = reports.day_of(utcnow())
    form.validate()
    start = form.start.data or today.replace(day=1)
    end = form.end.data or today
    form.start.data, form.end.data = start, end
    if start > end:
        form.end.errors = [*form.end.errors, _("The last day must not be before the first.")]
    elif end - start > timedelta(days=MAX_DAYS):
        form.end.errors = [*form.end.errors, _("Choose at most one year.")]
    return form, start, end, not (form.start.errors or form.end.errors)


def month_links(today: date) -> list[tuple[str, date, date]]:
    """This month so far and the two before it, as quick choices ("05/2026", first day, last day)."""
    links, first = [], today.replace(day=1)
    for _n in range(3):
        last = min(today, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1))
        links.append((f"{first.month:02d}/{first.year}", first, last))
        first = (first - timedelta(days=1)).replace(day=1)
    return links


@bp.route("/ban-hang/<int:seller_id>/tien-ban-hang")
@seller_required
def money(seller_id: int):
    form, start, end, ok = period_from_args()
    statement = reports.seller_statement(user=current_user, seller_id=seller_id, start=start, end=end) if ok else None
    seller = statement.seller if statement else seller_for_member(current_user, seller_id)
    return render_template(
        "sellers/money.html",
        seller=seller,
        form=form,
        statement=statement,
        months=month_links(reports.day_of(utcnow())),
    ), (200 if ok else 422)


def statement_rows(statement: reports.SellerStatement) -> tuple[list[list], list[list], list[list]]:
    """(summary, orders, payouts) as rows for a spreadsheet: words first, whole đồng as numbers."""
    row = statement.row
    summary = [
        [_("Seller"), statement.seller.name],
        [_("From"), statement.start.isoformat()],
        [_("To"), statement.end.isoformat()],
        [_("Orders handed over"), row.orders],
        [_("Sales handed over (đồng)"), row.gross_vnd],
        [_("Refunds (đồng)"), row.refunds_vnd],
        [_("Net sales (đồng)"), row.net_vnd],
        [_("Commission %(p)s%% (đồng)", p=statement.commission_percent), row.commission_vnd],
        [_("The union owes you (đồng)"), row.payout_vnd],
        [_("Paid out to you (đồng)"), row.paid_out_vnd],
        [_("Still to be paid (đồng)"), row.still_owed_vnd],
    ]
    orders = [[_("Order"), _("Handed over on"), _("Sales (đồng)"), _("Refunds (đồng)"), _("Net (đồng)")]]
    orders += [
        [s.order_number, reports.day_of(s.completed_at).isoformat(), s.gross_vnd, s.refunds_vnd, s.net_vnd]
        for s in row.shares
    ]
    payouts = [[_("Paid on"), _("For the period"), _("Amount (đồng)"), _("Reference")]]
    payouts += [
        [p.paid_on.isoformat(), f"{p.period_start.isoformat()} – {p.period_end.isoformat()}", p.amount_vnd, p.reference]
        for p in statement.payouts
    ]
    return summary, orders, payouts


@bp.route("/ban-hang/<int:seller_id>/tien-ban-hang.<any(csv,xlsx):kind>")
@seller_required
def money_export(seller_id: int, kind: str):
    form, start, end, ok = period_from_args()
    if not ok:
        return money(seller_id)
    statement = reports.seller_statement(user=current_user, seller_id=seller_id, start=start, end=end)
    summary, orders, payouts = statement_rows(statement)
    name = f"tien-ban-hang-{statement.seller.slug}-{start.isoformat()}-{end.isoformat()}.{kind}"
    if kind == "csv":
        body, mimetype = to_csv([*summary, [], *orders, [], *payouts]), "text/csv; charset=utf-8"
    else:
        sheets = [(_("Summary"), summary), (_("Orders in this period"), orders), (_("Payouts"), payouts)]
        body, mimetype = to_xlsx(sheets), XLSX
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={name}"})
