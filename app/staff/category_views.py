"""Back office: the category tree, new and changed categories, moving products, deleting empty ones."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.decorators import staff_required
from app.core.forms import EmptyForm, attach_errors
from app.core.i18n import locale_code
from app.staff import bp
from app.staff import categories as service
from app.staff.forms import CategoryForm, MoveProductsForm


def _choices(nodes, *, blank: str, skip: int | None = None) -> list[tuple[int, str]]:
    name = "name_en" if locale_code() == "en" else "name_vi"
    return [(0, blank)] + [
        (n.category.id, "— " * n.depth + getattr(n.category, name))
        for n in service.flat(nodes)
        if n.category.id != skip
    ]


def _page(*, form=None, edit=None, move_form=None, problem: str = "", status: int = 200):
    nodes = service.tree()
    form = form or CategoryForm(formdata=None, obj=edit)
    form.parent_id.choices = _choices(nodes, blank=_("(top level)"), skip=edit.id if edit else None)
    move_form = move_form or MoveProductsForm(formdata=None)
    move_form.target.choices = _choices(nodes, blank=_("— Choose —"))
    return render_template(
        "staff/categories.html", nodes=service.flat(nodes), form=form, edit=edit, move_form=move_form,
        button=EmptyForm(), problem=problem, locale=locale_code(),
    ), status  # fmt: skip


def _data(form: CategoryForm) -> service.CategoryData:
    text = (form.position.data or "0").strip()
    if not text.isdigit():
        raise service.CategoryError(_("Enter a whole number."), field="position")
    return service.CategoryData(
        name_vi=form.name_vi.data or "",
        name_en=form.name_en.data or "",
        parent_id=form.parent_id.data or None,
        position=int(text),
    )


@bp.route("/quan-tri/danh-muc", methods=["GET", "POST"], endpoint="categories")
@staff_required
def categories_page():
    edit = service.edit_target(request.args.get("sua", type=int))
    form = CategoryForm(obj=edit if request.method == "GET" else None)
    if request.method == "GET" and edit:
        form.position.data = str(edit.position)
    if request.method == "GET":
        return _page(form=form if edit else None, edit=edit)
    form.parent_id.choices = []
    if form.validate_on_submit():
        try:
            if edit:
                service.update_category(staff=current_user, category_id=edit.id, data=_data(form))
            else:
                service.create_category(staff=current_user, data=_data(form))
        except service.CategoryError as exc:
            attach_errors(form, exc.errors)
            return _page(form=form, edit=edit, status=422)
        flash(_("Saved."), "success")
        return redirect(url_for("staff.categories"))
    return _page(form=form, edit=edit, status=422)


@bp.post("/quan-tri/danh-muc/<int:category_id>/chuyen-san-pham")
@staff_required
def category_move_products(category_id: int):
    form = MoveProductsForm()
    form.target.choices = []
    if form.validate_on_submit():
        try:
            moved = service.move_products(staff=current_user, from_id=category_id, to_id=form.target.data)
        except service.CategoryError as exc:
            return _page(edit=service.edit_target(category_id), problem=exc.message, status=422)
        flash(_("%(n)s products moved.", n=moved), "success")
    return redirect(url_for("staff.categories"))


@bp.post("/quan-tri/danh-muc/<int:category_id>/xoa")
@staff_required
def category_delete(category_id: int):
    if EmptyForm().validate_on_submit():
        try:
            service.delete_category(staff=current_user, category_id=category_id)
        except service.CategoryError as exc:
            return _page(problem=exc.message, status=409)
        flash(_("The category is deleted."), "success")
    return redirect(url_for("staff.categories"))
