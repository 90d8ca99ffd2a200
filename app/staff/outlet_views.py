"""Back office: the outlets, their details, staff, closing and reopening."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.decorators import staff_required
from app.core import places
from app.core.forms import EmptyForm, attach_errors
from app.staff import bp
from app.staff import outlets as service
from app.staff.outlet_forms import CloseOutletForm, OutletForm, StaffMemberForm, fill, outlet_data


def _form(outlet=None) -> OutletForm:
    form = OutletForm()
    if outlet is not None and request.method == "GET":
        fill(form, service.OutletData.from_outlet(outlet))
    wards = list(places.wards(service.PROVINCE))
    form.ward_code.choices = [(0, _("— Choose —")), *wards]
    form.delivery_wards.choices = wards
    return form


@bp.route("/quan-tri/cua-hang", endpoint="outlets")
@staff_required
def outlets_list():
    return render_template("staff/outlets.html", outlets=service.all_outlets(), places=places)


@bp.route("/quan-tri/cua-hang/moi", methods=["GET", "POST"])
@staff_required
def outlet_new():
    form = _form()
    if form.validate_on_submit():
        try:
            outlet = service.create_outlet(staff=current_user, data=outlet_data(form))
        except service.OutletError as exc:
            attach_errors(form, exc.errors)
        else:
            flash(_("The outlet is open. Add its staff below."), "success")
            return redirect(url_for("staff.outlet_edit", outlet_id=outlet.id))
    return render_template("staff/outlet_form.html", form=form, outlet=None, places=places), (
        422 if form.errors else 200
    )


@bp.route("/quan-tri/cua-hang/<int:outlet_id>", methods=["GET", "POST"])
@staff_required
def outlet_edit(outlet_id: int):
    outlet = service.outlet_detail(outlet_id)
    form = _form(outlet)
    if form.validate_on_submit():
        try:
            service.update_outlet(staff=current_user, outlet_id=outlet.id, data=outlet_data(form))
        except service.OutletError as exc:
            attach_errors(form, exc.errors)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("staff.outlet_edit", outlet_id=outlet.id))
    return _edit_page(outlet, form=form)


def _edit_page(outlet, *, form=None, close_form=None, member_form=None, problems=()):
    failed = any(f is not None and f.errors for f in (form, close_form, member_form)) or problems
    return render_template(
        "staff/outlet_form.html", outlet=outlet, form=form or _form(outlet), close_form=close_form or CloseOutletForm(),
        member_form=member_form or StaffMemberForm(), button=EmptyForm(), work=service.open_work(outlet.id),
        problems=problems, places=places,
    ), (422 if failed else 200)  # fmt: skip


@bp.post("/quan-tri/cua-hang/<int:outlet_id>/dong")
@staff_required
def outlet_close(outlet_id: int):
    form = CloseOutletForm()
    outlet = service.outlet_detail(outlet_id)
    if form.validate_on_submit():
        try:
            service.deactivate_outlet(staff=current_user, outlet_id=outlet_id, reason=form.reason.data)
        except service.OutletError as exc:
            problems = [m for k, m in exc.errors.items() if k != "reason"]
            attach_errors(form, {k: m for k, m in exc.errors.items() if k == "reason"})
            return _edit_page(outlet, close_form=form, problems=problems)
        flash(_("The outlet is closed: shoppers no longer see it."), "success")
    return redirect(url_for("staff.outlet_edit", outlet_id=outlet_id))


@bp.post("/quan-tri/cua-hang/<int:outlet_id>/mo-lai")
@staff_required
def outlet_reopen(outlet_id: int):
    if EmptyForm().validate_on_submit():
        service.reactivate_outlet(staff=current_user, outlet_id=outlet_id)
        flash(_("The outlet is open again."), "success")
    return redirect(url_for("staff.outlet_edit", outlet_id=outlet_id))


@bp.post("/quan-tri/cua-hang/<int:outlet_id>/nhan-vien")
@staff_required
def outlet_staff_add(outlet_id: int):
    form = StaffMemberForm()
    outlet = service.outlet_detail(outlet_id)
    if form.validate_on_submit():
        try:
            service.add_staff(staff=current_user, outlet_id=outlet_id, email=form.email.data)
        except service.OutletError as exc:
            attach_errors(form, exc.errors)
            return _edit_page(outlet, member_form=form)
        flash(_("She now works at this outlet."), "success")
    return redirect(url_for("staff.outlet_edit", outlet_id=outlet_id))


@bp.post("/quan-tri/cua-hang/<int:outlet_id>/nhan-vien/<int:user_id>/xoa")
@staff_required
def outlet_staff_remove(outlet_id: int, user_id: int):
    if EmptyForm().validate_on_submit():
        service.remove_staff(staff=current_user, outlet_id=outlet_id, user_id=user_id)
        flash(_("She no longer works at this outlet."), "success")
    return redirect(url_for("staff.outlet_edit", outlet_id=outlet_id))
