"""Back office: the home page of the day, every order, and one order's story."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.decorators import staff_required
from app.core.extensions import db
from app.core.vocab import OrderStatus, PaymentMethod
from app.outlets.models import Outlet
from app.sellers.models import Seller
from app.staff import bp, home, orders
from app.staff.forms import OrderFilterForm


@bp.route("/quan-tri", endpoint="home")
@staff_required
def home_page():
    return render_template("staff/home.html", today=home.today())


def _filter_form() -> OrderFilterForm:
    form = OrderFilterForm(request.args, meta={"csrf": False})
    form.status.choices = [("", _("All")), ("open", _("Still open")), *OrderStatus.choices()]
    outlets = db.session.execute(select(Outlet.id, Outlet.name).order_by(Outlet.name)).all()
    form.outlet.choices = [(0, _("All")), *((o.id, o.name) for o in outlets)]
    form.method.choices = [("", _("All")), *((m.value, m.short_label) for m in PaymentMethod)]
    sellers = db.session.execute(select(Seller.id, Seller.name).order_by(Seller.name)).all()
    form.seller.choices = [(0, _("All")), *((s.id, s.name) for s in sellers)]
    return form


@bp.route("/quan-tri/don-hang", endpoint="orders")
@staff_required
def orders_list():
    form = _filter_form()
    valid = form.validate()
    q = (form.q.data or "").strip()
    number = (
        orders.exact_match(q) if q and not any(request.args.get(k) for k in ("status", "outlet", "method")) else None
    )
    if number:
        return redirect(url_for("staff.order", number=number))
    filters = orders.OrderFilters(
        q=q,
        status=form.status.data or None,
        outlet_id=form.outlet.data or None,
        method=form.method.data or None,
        seller_id=form.seller.data or None,
        since=form.since.data if valid else None,
        until=form.until.data if valid else None,
    )
    page = orders.find_orders(filters, page=request.args.get("page", 1, type=int))
    return render_template("staff/orders.html", form=form, page=page, q=q)


@bp.route("/quan-tri/don-hang/<number>")
@staff_required
def order(number: str):
    canonical = orders.order_number(number)
    if canonical and canonical != number:
        return redirect(url_for("staff.order", number=canonical))
    return render_template("staff/order.html", story=orders.order_story(number))
