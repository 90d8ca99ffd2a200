"""Her account pages: saved addresses, the notification centre and its preferences, her personal data."""

from __future__ import annotations

import json

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from wtforms.fields.choices import SelectChoice

from app.accounts import addresses, bp, notices, privacy
from app.accounts.forms import AddressForm, EraseAccountForm, NoticePreferencesForm
from app.accounts.services import AccountError
from app.core import places
from app.core.errors import FieldErrors
from app.core.forms import EmptyForm, attach_errors

DEFAULT_PROVINCE = 75  # Đồng Nai: where the union's outlets deliver


def _address_form(address=None) -> AddressForm:
    form = AddressForm(obj=None if request.method == "POST" else address)
    if request.method == "GET" and address is None:
        form.province_code.data = DEFAULT_PROVINCE
        form.recipient.data, form.phone.data = current_user.full_name, current_user.phone or ""
    form.province_code.choices = [SelectChoice(code, name) for code, name in places.provinces()]
    ward_choices = places.wards(form.province_code.data or 0)
    form.ward_code.choices = [SelectChoice(0, _("— Choose your ward —"))] + [
        SelectChoice(c, n) for c, n in ward_choices
    ]
    return form


def _address_data(form: AddressForm) -> addresses.AddressData:
    return addresses.AddressData(
        recipient=form.recipient.data or "", phone=form.phone.data or "", province_code=form.province_code.data,
        ward_code=form.ward_code.data, street=form.street.data or "", is_default=bool(form.is_default.data),
    )  # fmt: skip


@bp.get("/tai-khoan/dia-chi")
@login_required
def address_book():
    rows = [(a, addresses.one_line(a)) for a in addresses.addresses_of(current_user)]
    return render_template("accounts/addresses.html", rows=rows, button=EmptyForm())


@bp.route("/tai-khoan/dia-chi/moi", methods=["GET", "POST"], defaults={"address_id": None})
@bp.route("/tai-khoan/dia-chi/<int:address_id>", methods=["GET", "POST"])
@login_required
def address_form(address_id: int | None):
    address = addresses.address_of(current_user, address_id) if address_id is not None else None
    form = _address_form(address)
    if form.validate_on_submit() and "refresh" not in request.form:
        try:
            addresses.save_address(user=current_user, data=_address_data(form), address_id=address_id)
        except FieldErrors as exc:
            attach_errors(form, exc.errors)
        else:
            flash(_("The address is saved."), "success")
            return redirect(url_for("accounts.address_book"))
    return render_template("accounts/address_form.html", form=form, address=address)


@bp.post("/tai-khoan/dia-chi/<int:address_id>/mac-dinh")
@login_required
def default_address(address_id: int):
    if EmptyForm().validate_on_submit():
        addresses.set_default(user=current_user, address_id=address_id)
        flash(_("This is now your default address."), "success")
    return redirect(url_for("accounts.address_book"))


@bp.post("/tai-khoan/dia-chi/<int:address_id>/xoa")
@login_required
def delete_address(address_id: int):
    if EmptyForm().validate_on_submit():
        addresses.delete_address(user=current_user, address_id=address_id)
        flash(_("The address is deleted."), "info")
    return redirect(url_for("accounts.address_book"))


@bp.get("/tai-khoan/thong-bao")
@login_required
def notice_centre():
    page = notices.notices_page(current_user, request.args.get("page", 1, type=int))
    return render_template("accounts/notices.html", page=page, button=EmptyForm())


@bp.post("/tai-khoan/thong-bao/<int:notice_id>")
@login_required
def open_notice(notice_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    link = notices.open_notice(user=current_user, notice_id=notice_id)
    safe = link and link.startswith("/") and not link.startswith("//")
    return redirect(link if safe else url_for("accounts.notice_centre"))


@bp.post("/tai-khoan/thong-bao/da-doc")
@login_required
def read_all_notices():
    if EmptyForm().validate_on_submit():
        notices.mark_all_read(user=current_user)
        flash(_("Every notice is marked as read."), "info")
    return redirect(url_for("accounts.notice_centre"))


@bp.route("/tai-khoan/thong-bao/cai-dat", methods=["GET", "POST"])
@login_required
def notice_settings():
    saved = notices.preferences(current_user)
    form = NoticePreferencesForm(data=None if request.method == "POST" else _flatten(saved))
    if form.validate_on_submit():
        choices = {k: notices.Choice(form[f"{k}_in_site"].data, form[f"{k}_by_email"].data) for k in saved}
        notices.save_preferences(user=current_user, choices=choices)
        flash(_("Your notice settings are saved."), "success")
        return redirect(url_for("accounts.notice_settings"))
    return render_template("accounts/notice_settings.html", form=form, kinds=list(saved))


def _flatten(saved: dict[str, notices.Choice]) -> dict[str, bool]:
    flat = {}
    for kind, choice in saved.items():
        flat[f"{kind}_in_site"], flat[f"{kind}_by_email"] = choice.in_site, choice.by_email
    return flat


@bp.get("/tai-khoan/du-lieu")
@login_required
def my_data():
    return render_template("accounts/my_data.html", form=EraseAccountForm())


@bp.get("/tai-khoan/du-lieu/tai-ve")
@login_required
def download_data():
    body = json.dumps(privacy.export(current_user), ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="du-lieu-cua-toi.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/tai-khoan/du-lieu/xoa-tai-khoan")
@login_required
def erase_account():
    form = EraseAccountForm()
    if form.validate_on_submit():
        try:
            privacy.erase(user=current_user, password=form.password.data)
        except AccountError as exc:
            attach_errors(form, exc.errors)
        else:
            logout_user()
            flash(_("Your account is deleted. Your orders are kept for the accounts without your details."), "info")
            return redirect(url_for("catalog.home"))
    return render_template("accounts/my_data.html", form=form)
