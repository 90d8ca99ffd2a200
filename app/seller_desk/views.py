"""Seller pages: the application, its documents, the overview and the members."""

from __future__ import annotations

from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.decorators import shopper_required
from app.core.edge import coerce_id
from app.core.forms import EmptyForm, attach_errors
from app.core.ratelimits import limit_uploads
from app.core.vocab import SellerStatus
from app.orders import seller_lines
from app.seller_desk import bp
from app.sellers import members, places, services
from app.sellers.access import seller_required
from app.sellers.choices import KIND_LABELS, STATUS_LABELS, setup_application_form
from app.sellers.forms import ApplicationForm, InviteForm, application_data, uploads, wants_ward_refresh
from app.sellers.services import SellerError
from app.sellers.status import EDITABLE


@bp.route("/ban-hang")
@shopper_required
def home():
    sellers = services.my_sellers(current_user)
    if not sellers:
        return redirect(url_for("sellers.apply"))
    if len(sellers) == 1:
        return redirect(url_for("sellers.overview", seller_id=sellers[0].id))
    return render_template("sellers/home.html", sellers=sellers, status_labels=STATUS_LABELS, kinds=KIND_LABELS)


@bp.route("/ban-hang/dang-ky", methods=["GET", "POST"])
@shopper_required
@limit_uploads
def apply():
    draft = next((s for s in services.my_sellers(current_user) if s.status == SellerStatus.DRAFT), None)
    if draft is not None and request.method == "GET":
        # One draft at a time: coming back to "apply" continues the one she started.
        return redirect(url_for("sellers.edit_application", seller_id=draft.id))
    form = ApplicationForm()
    setup_application_form(form)
    if form.is_submitted() and not wants_ward_refresh() and form.validate():
        try:
            seller = services.save_application(
                user=current_user, data=application_data(form), files=uploads(form.documents)
            )
        except SellerError as exc:
            attach_errors(form, exc.errors)
        else:
            return _after_save(seller.id)
    return render_template("sellers/application.html", form=form, seller=None)


@bp.route("/ban-hang/<int:seller_id>/ho-so", methods=["GET", "POST"])
@seller_required
@limit_uploads
def edit_application(seller_id: int):
    seller = services.seller_for_member(current_user, seller_id)
    if seller.status not in EDITABLE:
        return redirect(url_for("sellers.overview", seller_id=seller.id))
    form = ApplicationForm(obj=None if request.method == "POST" else seller)
    setup_application_form(form)
    if form.is_submitted() and not wants_ward_refresh() and form.validate():
        try:
            services.save_application(
                user=current_user, seller_id=seller.id, data=application_data(form), files=uploads(form.documents)
            )
        except SellerError as exc:
            attach_errors(form, exc.errors)
        else:
            return _after_save(seller.id)
    return render_template("sellers/application.html", form=form, seller=seller)


def _after_save(seller_id: int):
    if "send" not in request.form:
        flash(_("Your draft is saved. You can come back and finish it later."), "success")
        return redirect(url_for("sellers.edit_application", seller_id=seller_id))
    return submit(seller_id)


@bp.route("/ban-hang/<int:seller_id>/gui-duyet", methods=["POST"])
@seller_required
def submit(seller_id: int):
    try:
        services.submit_application(user=current_user, seller_id=seller_id)
    except SellerError as exc:
        flash(_("Your draft is saved, but some information is missing before it can be sent:"), "error")
        for message in dict.fromkeys(exc.errors.values()):
            flash(message, "error")
        return redirect(url_for("sellers.edit_application", seller_id=seller_id))
    flash(_("Your application is sent. The union will reply by email and here."), "success")
    return redirect(url_for("sellers.overview", seller_id=seller_id))


@bp.route("/ban-hang/<int:seller_id>")
@seller_required
def overview(seller_id: int):
    seller = services.seller_for_member(current_user, seller_id)
    return render_template(
        "sellers/overview.html",
        seller=seller,
        status_labels=STATUS_LABELS,
        kinds=KIND_LABELS,
        places=places,
        headline=seller_lines.headline(user=current_user, seller_id=seller.id) if seller.is_approved else None,
        my_sellers_count=len(services.my_sellers(current_user)),
    )


@bp.route("/ban-hang/<int:seller_id>/tai-lieu/<int:document_id>/xoa", methods=["POST"])
@seller_required
def delete_document(seller_id: int, document_id: int):
    if EmptyForm().validate_on_submit():
        services.delete_document(user=current_user, seller_id=seller_id, document_id=document_id)
        flash(_("The document is removed."), "success")
    return redirect(url_for("sellers.edit_application", seller_id=seller_id))


@bp.route("/tai-lieu/<int:document_id>")
@shopper_required
def document(document_id: int):
    doc, data = services.readable_document(user=current_user, document_id=document_id)
    response = Response(data, mimetype=doc.content_type)
    response.headers["Content-Disposition"] = "inline"
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/ban-hang/phuong-xa")
def wards():
    code = request.args.get("tinh", type=coerce_id)
    return jsonify([{"code": c, "name": n} for c, n in places.wards(code or 0)])


@bp.route("/ban-hang/<int:seller_id>/thanh-vien", methods=["GET", "POST"])
@seller_required
def team(seller_id: int):
    rows = members.members_of(user=current_user, seller_id=seller_id)
    form = InviteForm()
    if form.validate_on_submit():
        try:
            members.invite_member(user=current_user, seller_id=seller_id, email=form.email.data)
        except SellerError as exc:
            attach_errors(form, exc.errors)
        else:
            flash(_("Invitation sent. She becomes a member when she accepts it from her account."), "success")
            return redirect(url_for("sellers.team", seller_id=seller_id))
    me = next(r for r in rows if r.user_id == current_user.id)
    invitations = members.pending_invitations(user=current_user, seller_id=seller_id)
    return render_template(
        "sellers/team.html", rows=rows, form=form, me=me, seller=me.seller, invitations=invitations, button=EmptyForm()
    )


@bp.route("/ban-hang/<int:seller_id>/loi-moi/<int:invitation_id>/rut", methods=["POST"])
@seller_required
def withdraw_invitation(seller_id: int, invitation_id: int):
    if EmptyForm().validate_on_submit():
        members.withdraw_invitation(user=current_user, seller_id=seller_id, invitation_id=invitation_id)
        flash(_("The invitation is withdrawn."), "success")
    return redirect(url_for("sellers.team", seller_id=seller_id))


@bp.route("/ban-hang/loi-moi")
@shopper_required
def invitations():
    return render_template(
        "sellers/invitations.html", invitations=members.my_invitations(current_user), button=EmptyForm()
    )


@bp.route('/ban-hang/loi-moi/<int:invitation_id>/<any(nhan, "tu-choi"):answer>', methods=["POST"])
@shopper_required
def answer_invitation(invitation_id: int, answer: str):
    if EmptyForm().validate_on_submit():
        try:
            invitation = members.answer_invitation(
                user=current_user, invitation_id=invitation_id, accept=answer == "nhan"
            )
        except SellerError as exc:
            flash(exc.message, "error")
        else:
            if answer == "nhan":
                flash(_("You are now a member of %(name)s.", name=invitation.seller.name), "success")
                return redirect(url_for("sellers.overview", seller_id=invitation.seller_id))
            flash(_("The invitation is declined."), "info")
    return redirect(url_for("sellers.invitations"))


@bp.route("/ban-hang/<int:seller_id>/thanh-vien/roi-nhom", methods=["POST"])
@seller_required
def leave(seller_id: int):
    if EmptyForm().validate_on_submit():
        members.leave(user=current_user, seller_id=seller_id)
        flash(_("You have left the seller. Its pages are closed to you now."), "success")
        return redirect(url_for("catalog.home"))
    return redirect(url_for("sellers.team", seller_id=seller_id))


@bp.route("/ban-hang/<int:seller_id>/thanh-vien/<int:member_id>/xoa", methods=["POST"])
@seller_required
def remove_member(seller_id: int, member_id: int):
    if EmptyForm().validate_on_submit():
        members.remove_member(user=current_user, seller_id=seller_id, member_id=member_id)
        flash(_("The member is removed."), "success")
    return redirect(url_for("sellers.team", seller_id=seller_id))
