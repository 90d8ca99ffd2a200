"""The yearly reports as pages, CSV and XLSX: union staff for any scope, outlet staff for their outlet,
a seller's members for their seller. A report outside a reader's reach is not found."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from flask import Response, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.accounts.decorators import staff_required
from app.core.extensions import db
from app.core.i18n import locale_code, short_date
from app.core.places import province_name, provinces
from app.core.timeutil import utcnow
from app.core.vocab import SellerKind
from app.outlets.access import outlet_id_of, outlet_staff_required
from app.outlets.models import Outlet
from app.reports import bp, charts, files, specs
from app.reports.facts import Scope
from app.reports.forms import ScopeForm
from app.reports.tables import show
from app.sellers.access import seller_required
from app.sellers.services import seller_for_member

STAFF_PREFIX = "/quan-tri/bao-cao"
OUTLET_PREFIX = "/cua-hang-ban/bao-cao"
SELLER_PREFIX = "/ban-hang/<int:seller_id>/bao-cao"
FORMATS = "<any(csv, xlsx):fmt>"
QUERY_KEYS = ("start", "end", "outlet", "province", "kind")


def _this_year() -> tuple[date, date]:
    year = utcnow().astimezone(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).year
    return date(year, 1, 1), date(year, 12, 31)


def _scope_form(audience: str) -> ScopeForm:
    form = ScopeForm(request.args)
    if audience != specs.STAFF:
        for name in ("outlet", "province", "kind"):
            del form[name]
        return form
    outlets = db.session.execute(select(Outlet.id, Outlet.name).order_by(Outlet.name)).all()
    form.outlet.choices = [(0, _("All outlets")), *((o.id, o.name) for o in outlets)]
    form.province.choices = [(0, _("All provinces")), *provinces()]
    form.kind.choices = [("", _("All kinds")), *SellerKind.choices()]
    return form


def _scope(audience: str, *, outlet_id: int | None = None, seller_id: int | None = None) -> tuple[ScopeForm, Scope]:
    """The scope asked for; this calendar year (with the form's errors) when the period is not usable."""
    form = _scope_form(audience)
    start, end = _this_year()
    if not request.args:
        form.start.data, form.end.data = start, end
    elif form.validate():
        start, end = form.start.data, form.end.data
    if audience == specs.STAFF and not form.errors:
        return form, Scope(
            start=start,
            end=end,
            outlet_id=form.outlet.data or None,
            province_code=form.province.data or None,
            seller_kind=form.kind.data or None,
        )
    return form, Scope(start=start, end=end, outlet_id=outlet_id, seller_id=seller_id)


def _about(scope: Scope, spec: specs.ReportSpec, who: str) -> list[str]:
    """What the figures cover, in words: the period, and each filter that applies."""
    lines = [_("From %(start)s to %(end)s", start=short_date(scope.start), end=short_date(scope.end))]
    if who:
        lines.append(who)
    if scope.outlet_id and (spec.by_outlet or not who):
        lines.append(_("Outlet: %(name)s", name=db.session.get(Outlet, scope.outlet_id).name))
    if scope.province_code:
        lines.append(_("Sellers based in %(province)s", province=province_name(scope.province_code)))
    if scope.seller_kind:
        lines.append(_("Seller kind: %(kind)s", kind=SellerKind(scope.seller_kind).label))
    return lines


def _report(audience: str, slug: str, fmt: str | None, *, endpoint: str, who: str = "", **ids):
    spec = specs.find(slug, audience)
    form, scope = _scope(audience, outlet_id=ids.get("outlet_id"), seller_id=ids.get("seller_id"))
    title = str(spec.title)
    table = spec.build(scope, locale_code())
    about = _about(scope, spec, who)
    name = f"{spec.slug}-{scope.start.isoformat()}-{scope.end.isoformat()}"
    if fmt == "csv":
        return _download(files.to_csv(table), f"{name}.csv", "text/csv; charset=utf-8")
    if fmt == "xlsx":
        return _download(files.to_xlsx(table, title=title, about=about), f"{name}.xlsx", files.XLSX_MIMETYPE)
    link_args = {k: v for k, v in ids.items() if k == "seller_id"}
    return render_template(
        "reports/report.html", spec=spec, form=form, table=table, about=about, endpoint=endpoint,
        link_args=link_args, reports=specs.for_audience(audience), audience=audience,
        chart=charts.bar_chart(table, title=title, locale=locale_code()), locale=locale_code(),
        file_args={**link_args, **_query(form)}, show=show,
    ), (422 if form.errors else 200)  # fmt: skip


def _query(form: ScopeForm) -> dict:
    """The filters of the page, carried to its downloads (none when they were not usable)."""
    return {} if form.errors else {k: v for k, v in request.args.items() if k in QUERY_KEYS}


def _download(body, filename: str, mimetype: str) -> Response:
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={filename}"})


@bp.get(f"{STAFF_PREFIX}/<slug>")
@bp.get(f"{STAFF_PREFIX}/<slug>.{FORMATS}")
@staff_required
def staff_report(slug: str, fmt: str | None = None):
    return _report(specs.STAFF, slug, fmt, endpoint="reports.staff_report")


@bp.get(OUTLET_PREFIX)
@outlet_staff_required
def outlet_reports():
    return _first_report("reports.outlet_report", specs.OUTLET)


@bp.get(f"{OUTLET_PREFIX}/<slug>")
@bp.get(f"{OUTLET_PREFIX}/<slug>.{FORMATS}")
@outlet_staff_required
def outlet_report(slug: str, fmt: str | None = None):
    return _report(specs.OUTLET, slug, fmt, endpoint="reports.outlet_report", outlet_id=outlet_id_of(current_user))


@bp.get(SELLER_PREFIX)
@seller_required
def seller_reports(seller_id: int):
    seller_for_member(current_user, seller_id)
    return _first_report("reports.seller_report", specs.SELLER, seller_id=seller_id)


@bp.get(f"{SELLER_PREFIX}/<slug>")
@bp.get(f"{SELLER_PREFIX}/<slug>.{FORMATS}")
@seller_required
def seller_report(seller_id: int, slug: str, fmt: str | None = None):
    seller = seller_for_member(current_user, seller_id)
    who = _("Seller: %(name)s", name=seller.name)
    return _report(specs.SELLER, slug, fmt, endpoint="reports.seller_report", who=who, seller_id=seller.id)


def _first_report(endpoint: str, audience: str, **args):
    return redirect(url_for(endpoint, slug=specs.for_audience(audience)[0].slug, **args))
