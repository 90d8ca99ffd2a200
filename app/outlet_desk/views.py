"""The outlet staff dashboard: shipments to prepare and hand over, packing slips."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.extensions import db, limiter
from app.core.forms import EmptyForm
from app.orders import fulfilment, queries, services
from app.orders.forms import AdvanceForm, DeskSearchForm, HandOverForm, StaffCancelForm
from app.outlet_desk import bp
from app.outlets.access import outlet_id_of, outlet_staff_required
from app.outlets.models import Outlet


def _outlet_id() -> int:
    return outlet_id_of(current_user)


def _search_limit() -> str:
    return current_app.config["DESK_SEARCH_RATE_LIMIT"]


def _desk_member() -> str:
    return f"desk-search:{current_user.id if current_user.is_authenticated else request.remote_addr}"


def _not_searching() -> bool:
    return not request.args.get("tim", "").strip()


@bp.get("/cua-hang-ban")
@outlet_staff_required
@limiter.limit(_search_limit, key_func=_desk_member, exempt_when=_not_searching)
def dashboard():
    outlet_id, status = _outlet_id(), request.args.get("status")
    search = DeskSearchForm(request.args)
    found = queries.find_at_outlet(outlet_id, search.tim.data) if search.validate() and search.tim.data else None
    if found is not None and len(found) == 1:
        return redirect(url_for("outlets.shipment", shipment_id=found[0].id))
    return render_template(
        "outlets/dashboard.html", outlet=db.session.get(Outlet, outlet_id), status=status,
        shipments=queries.outlet_shipments(outlet_id, status) if found is None else found, searched=found is not None,
        counts=queries.waiting_counts(outlet_id), search=search, next_step=fulfilment.next_step,
        advance_form=AdvanceForm(),
    )  # fmt: skip


@bp.get("/cua-hang-ban/giao-hang/<int:shipment_id>")
@outlet_staff_required
def shipment(shipment_id: int):
    return _shipment_page(shipment_id, HandOverForm())


def _shipment_page(shipment_id: int, hand_over_form: HandOverForm):
    found = queries.shipment_page(shipment_id, _outlet_id())
    return render_template(
        "outlets/shipment.html", shipment=found, next_step=fulfilment.next_step(found),
        amount_due=fulfilment.amount_due(found), advance_form=AdvanceForm(), hand_over_form=hand_over_form,
        cancel_form=StaffCancelForm(), may_unlock=fulfilment.may_unlock(found, current_user), unlock_form=EmptyForm(),
    )  # fmt: skip


@bp.get("/cua-hang-ban/giao-hang/<int:shipment_id>/phieu")
@outlet_staff_required
def packing_slip(shipment_id: int):
    found = queries.shipment_page(shipment_id, _outlet_id())
    return render_template("outlets/packing_slip.html", shipment=found, amount_due=fulfilment.amount_due(found))


@bp.post("/cua-hang-ban/giao-hang/<int:shipment_id>/chuyen")
@outlet_staff_required
def advance(shipment_id: int):
    form = AdvanceForm()
    if form.validate_on_submit():
        fulfilment.advance(
            shipment_id=shipment_id, outlet_id=_outlet_id(), target=form.target.data, actor_id=current_user.id
        )
        flash(_("Shipment updated; the shopper has been told."), "success")
    if request.form.get("back") == "list":
        return redirect(url_for("outlets.dashboard"))
    return redirect(url_for("outlets.shipment", shipment_id=shipment_id))


@bp.post("/cua-hang-ban/giao-hang/<int:shipment_id>/ban-giao")
@outlet_staff_required
def hand_over(shipment_id: int):
    form = HandOverForm()
    if form.validate_on_submit():
        try:
            fulfilment.hand_over(
                shipment_id=shipment_id, outlet_id=_outlet_id(), actor_id=current_user.id,
                pickup_code=form.pickup_code.data or "", cash_confirmed=bool(form.cash_confirmed.data),
            )  # fmt: skip
        except fulfilment.HandOverError as exc:
            if exc.field:  # a wrong code or unconfirmed cash: say so next to that field
                getattr(form, exc.field).errors.append(exc.message)
                return _shipment_page(shipment_id, form), 400
            flash(exc.message, "error")
        else:
            flash(_("Handed over. The order is complete."), "success")
    return redirect(url_for("outlets.shipment", shipment_id=shipment_id))


@bp.post("/cua-hang-ban/giao-hang/<int:shipment_id>/huy")
@outlet_staff_required
def cancel(shipment_id: int):
    form = StaffCancelForm()
    found = queries.shipment_page(shipment_id, _outlet_id())
    if form.validate_on_submit():
        services.cancel_by_staff(order=found.order, actor=current_user, reason=form.reason.data)
        flash(_("The order has been cancelled and the shopper told."), "info")
    else:
        flash(next(iter(form.reason.errors), _("Please check the form.")), "error")
    return redirect(url_for("outlets.shipment", shipment_id=shipment_id))
