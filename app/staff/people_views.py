"""Back office: people, their roles, deactivation and password links."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.decorators import staff_required
from app.core.forms import EmptyForm, attach_errors
from app.core.vocab import Role
from app.staff import bp, people
from app.staff.forms import DeactivateForm, PeopleFilterForm, RoleForm


@bp.route("/quan-tri/nguoi-dung", endpoint="people")
@staff_required
def people_list():
    form = PeopleFilterForm(request.args, meta={"csrf": False})
    form.role.choices = [("", _("All")), *Role.choices()]
    form.active.choices = [("", _("All")), ("yes", _("Active")), ("no", _("Deactivated"))]
    filters = people.PeopleFilters(q=form.q.data or "", role=form.role.data or None, active=form.active.data or None)
    page = people.find_people(filters, page=request.args.get("page", 1, type=int))
    return render_template("staff/people.html", form=form, page=page)


def _role_form(user) -> RoleForm:
    form = RoleForm(formdata=None if request.method == "GET" else request.form, role=user.role)
    form.role.choices = [(code, Role(code).label) for code in people.ASSIGNABLE]
    return form


def _page(user_id: int, *, role_form=None, deactivate_form=None, problem: str = ""):
    view = people.person(user_id)
    failed = problem or any(f is not None and f.errors for f in (role_form, deactivate_form))
    return render_template(
        "staff/person.html", view=view, role_form=role_form or _role_form(view.user),
        deactivate_form=deactivate_form or DeactivateForm(formdata=None), button=EmptyForm(), problem=problem,
    ), (422 if failed else 200)  # fmt: skip


@bp.route("/quan-tri/nguoi-dung/<int:user_id>")
@staff_required
def person(user_id: int):
    return _page(user_id)


@bp.post("/quan-tri/nguoi-dung/<int:user_id>/vai-tro")
@staff_required
def person_role(user_id: int):
    form = _role_form(people.person(user_id).user)
    if form.validate_on_submit():
        try:
            people.change_role(staff=current_user, user_id=user_id, role=form.role.data)
        except people.PersonError as exc:
            attach_errors(form, exc.errors)
            return _page(user_id, role_form=form, problem=exc.errors.get("", ""))
        flash(_("The role is changed."), "success")
    return redirect(url_for("staff.person", user_id=user_id))


@bp.post("/quan-tri/nguoi-dung/<int:user_id>/khoa")
@staff_required
def person_deactivate(user_id: int):
    form = DeactivateForm()
    if form.validate_on_submit():
        try:
            people.deactivate(staff=current_user, user_id=user_id, reason=form.reason.data)
        except people.PersonError as exc:
            attach_errors(form, exc.errors)
            return _page(user_id, deactivate_form=form, problem=exc.errors.get("", ""))
        flash(_("The account is deactivated; she is signed out everywhere."), "success")
    return redirect(url_for("staff.person", user_id=user_id))


@bp.post("/quan-tri/nguoi-dung/<int:user_id>/mo-khoa")
@staff_required
def person_reactivate(user_id: int):
    if EmptyForm().validate_on_submit():
        people.reactivate(staff=current_user, user_id=user_id)
        flash(_("The account is active again."), "success")
    return redirect(url_for("staff.person", user_id=user_id))


@bp.post("/quan-tri/nguoi-dung/<int:user_id>/mat-khau")
@staff_required
def person_password(user_id: int):
    if EmptyForm().validate_on_submit():
        try:
            user = people.send_password_link(staff=current_user, user_id=user_id)
        except people.PersonError as exc:
            return _page(user_id, problem=exc.message)
        flash(_("A link to choose a new password was sent to %(email)s.", email=user.email), "success")
    return redirect(url_for("staff.person", user_id=user_id))
