"""Union staff: the impact report page and its CSV."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from flask import Response, current_app, render_template, request

from app.accounts.decorators import staff_required
from app.core.i18n import locale_code
from app.core.timeutil import utcnow
from app.reports import bp, export, queries, specs
from app.reports.forms import PeriodForm
from app.reports.labels import KIND_LABELS, ORDER_STATUS_LABELS, PAYMENT_METHOD_LABELS

PREFIX = "/quan-tri/bao-cao"


def _period() -> tuple[PeriodForm, date, date]:
    """The period asked for, or the current calendar year (with the form's errors) when it is not usable."""
    year = utcnow().astimezone(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).year
    default = (date(year, 1, 1), date(year, 12, 31))
    form = PeriodForm(request.args)
    if not request.args:
        form.start.data, form.end.data = default
        return form, *default
    if not form.validate():
        return form, *default
    return form, form.start.data, form.end.data


@bp.get(PREFIX)
@staff_required
def impact():
    form, start, end = _period()
    report = queries.impact(start=start, end=end, locale=locale_code())
    return render_template(
        "reports/impact.html",
        form=form,
        report=report,
        kinds=KIND_LABELS,
        statuses=ORDER_STATUS_LABELS,
        methods=PAYMENT_METHOD_LABELS,
        reports=specs.for_audience(specs.STAFF),
        endpoint="reports.staff_report",
        link_args={},
        audience=specs.STAFF,
        spec=None,
    ), (422 if form.errors else 200)


@bp.get(f"{PREFIX}.csv")
@staff_required
def impact_csv():
    form, start, end = _period()
    report = queries.impact(start=start, end=end, locale=locale_code())
    name = f"bao-cao-tac-dong-{start.isoformat()}-{end.isoformat()}.csv"
    return Response(
        export.to_csv(report),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )
