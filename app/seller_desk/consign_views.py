"""Consignment pages: sellers send goods and ask for returns; outlet staff confirm what arrived."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.catalog import editing as products
from app.catalog.queries import active_outlets
from app.consignments import services as consignments
from app.core.forms import EmptyForm, attach_errors
from app.outlets.access import outlet_staff_required
from app.seller_desk import bp
from app.sellers.access import seller_required
from app.sellers.forms import ConsignmentForm
from app.sellers.services import SellerError


def _setup(form: ConsignmentForm, product_rows) -> None:
    form.outlet_id.choices = [(0, _("— Choose —"))] + [(o.id, o.name) for o in active_outlets()]
    items = [(v.id, f"{p.name} · {v.label} ({v.sku})") for p in product_rows for v in p.variants]
    for entry in form.lines.entries:
        entry.form.variant_id.choices = [(0, _("— Choose —"))] + items


def _lines(form: ConsignmentForm) -> list[tuple[int, int]]:
    return [(e.form.variant_id.data or 0, e.form.quantity.data or 0) for e in form.lines.entries]


@bp.route("/ban-hang/<int:seller_id>/ky-gui", methods=["GET", "POST"])
@bp.route("/ban-hang/<int:seller_id>/ky-gui/<any(giao,tra):direction>", methods=["GET", "POST"])
@seller_required
def consignments_page(seller_id: int, direction: str = "giao"):
    seller, product_rows = products.products_of(user=current_user, seller_id=seller_id)
    form = ConsignmentForm()
    _setup(form, product_rows)
    if form.validate_on_submit():
        action = consignments.record_delivery if direction == "giao" else consignments.request_return
        try:
            action(
                user=current_user,
                seller_id=seller.id,
                outlet_id=form.outlet_id.data,
                lines=_lines(form),
                note=form.note.data or "",
            )
        except SellerError as exc:
            attach_errors(form, exc.errors)
        else:
            flash(_("Recorded. The outlet will confirm the quantities."), "success")
            return redirect(url_for("sellers.consignments_page", seller_id=seller.id))
    return render_template(
        "sellers/consignments.html",
        seller=seller,
        form=form,
        direction=direction,
        rows=consignments.seller_consignments(user=current_user, seller_id=seller.id),
        stock=consignments.seller_stock(user=current_user, seller_id=seller.id),
        cancel_form=EmptyForm(),
    )


@bp.route("/ban-hang/<int:seller_id>/ky-gui/<int:consignment_id>/huy", methods=["POST"])
@seller_required
def consignment_cancel(seller_id: int, consignment_id: int):
    if EmptyForm().validate_on_submit():
        try:
            consignments.cancel(user=current_user, seller_id=seller_id, consignment_id=consignment_id)
        except SellerError as exc:
            flash(exc.message, "error")
        else:
            flash(_("The consignment is cancelled."), "success")
    return redirect(url_for("sellers.consignments_page", seller_id=seller_id))


@bp.route("/cua-hang-ban/hang-ky-gui")
@outlet_staff_required
def outlet_consignments():
    rows = consignments.outlet_consignments(user=current_user)
    return render_template("sellers/outlet_consignments.html", rows=rows)


def parse_quantities(lines) -> tuple[dict[int, int], dict[str, str]]:
    """The confirmed quantity of each line from the form, or a message for a field that is not a number."""
    quantities, errors = {}, {}
    for line in lines:
        raw = request.form.get(f"q-{line.id}", "").strip()
        if raw.isdigit() and len(raw) <= 7:
            quantities[line.id] = int(raw)
        else:
            errors[f"q-{line.id}"] = _("Enter a whole number from 0 to %(n)s.", n=line.quantity_sent)
    return quantities, errors


@bp.route("/cua-hang-ban/hang-ky-gui/<int:consignment_id>", methods=["GET", "POST"])
@outlet_staff_required
def outlet_confirm(consignment_id: int):
    consignment = consignments.consignment_for_outlet(user=current_user, consignment_id=consignment_id)
    form, errors = EmptyForm(), {}
    if form.validate_on_submit():
        quantities, errors = parse_quantities(consignment.lines)
        if not errors:
            try:
                consignments.confirm(user=current_user, consignment_id=consignment.id, quantities=quantities)
            except SellerError as exc:
                errors = exc.errors
            else:
                flash(_("Confirmed. The quantities are in the outlet's stock book."), "success")
                return redirect(url_for("sellers.outlet_consignments"))
    return render_template("sellers/outlet_confirm.html", c=consignment, form=form, errors=errors)
