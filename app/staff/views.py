"""Union back office: sellers to review, decisions, assisted onboarding, moderation, audit trail."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.decorators import staff_required
from app.core.edge import page_number
from app.core.errors import Forbidden
from app.core.forms import EmptyForm, attach_errors
from app.sellers import legal, places
from app.sellers.choices import KIND_LABELS, STATUS_LABELS, setup_application_form
from app.sellers.forms import DecisionForm, StaffSellerForm, application_data, uploads, wants_ward_refresh
from app.sellers.services import ApplicationData, SellerError
from app.sellers.status import ACTIONS, IllegalSellerTransition, ReasonRequired, allowed_actions
from app.staff import audit_export, audit_words, bp, moderation, queries
from app.staff import sellers as staff_sellers
from app.staff.forms import AuditFilterForm, QueueFilterForm, ReasonForm


@bp.route("/quan-tri/nguoi-ban")
@staff_required
def queue():
    form = QueueFilterForm(request.args, meta={"csrf": False})
    form.status.choices = [("", _("All"))] + [(k, str(v)) for k, v in STATUS_LABELS.items()]
    form.kind.choices = [("", _("All"))] + [(k, str(v)) for k, v in KIND_LABELS.items()]
    form.province.choices = [(0, _("All"))] + list(places.provinces())
    form.ward.choices = [(0, _("All"))] + list(places.wards(form.province.data or 0))
    status = request.args.get("status", "pending")
    filters = staff_sellers.QueueFilters(
        status=status or None,
        kind=form.kind.data or None,
        province_code=form.province.data or None,
        ward_code=form.ward.data or None,
    )
    form.status.data = status
    page = staff_sellers.review_queue(filters, page=request.args.get("page", 1, type=page_number))
    return render_template(
        "staff/queue.html", form=form, page=page, kinds=KIND_LABELS, status_labels=STATUS_LABELS, places=places
    )


@bp.route("/quan-tri/nguoi-ban/<int:seller_id>")
@staff_required
def seller(seller_id: int):
    obj = staff_sellers.seller_detail(seller_id)
    return render_template(
        "staff/seller.html",
        seller=obj,
        actions=[] if staff_sellers.is_own_seller(current_user, obj) else allowed_actions(obj.status),
        own_seller=staff_sellers.is_own_seller(current_user, obj),
        targets={a: ACTIONS[a][1] for a in ACTIONS},
        form=DecisionForm(),
        submit_form=EmptyForm(),
        orders=staff_sellers.open_orders(obj.id),
        history=staff_sellers.seller_history(obj.id),
        pending_change=legal.pending_request(obj.id),
        kinds=KIND_LABELS,
        status_labels=STATUS_LABELS,
        places=places,
    )


@bp.route("/quan-tri/nguoi-ban/<int:seller_id>/quyet-dinh", methods=["POST"])
@staff_required
def decide(seller_id: int):
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            staff_sellers.decide(
                staff=current_user, seller_id=seller_id, action=form.action.data, reason=form.reason.data
            )
        except (IllegalSellerTransition, ReasonRequired, Forbidden) as exc:
            flash(exc.message, "error")
        else:
            flash(_("Decision saved. The seller has been told by email and in the site."), "success")
    else:
        for errors in form.errors.values():
            flash(errors[0], "error")
    return redirect(url_for("staff.seller", seller_id=seller_id))


@bp.route("/quan-tri/nguoi-ban/moi", methods=["GET", "POST"])
@bp.route("/quan-tri/nguoi-ban/<int:seller_id>/sua", methods=["GET", "POST"])
@staff_required
def seller_form(seller_id: int | None = None):
    obj = staff_sellers.seller_detail(seller_id) if seller_id else None
    form = StaffSellerForm(obj=obj if obj and request.method == "GET" else None)
    setup_application_form(form)
    if form.is_submitted() and not wants_ward_refresh() and form.validate():
        try:
            obj = _save_on_behalf(form, seller_id)
        except SellerError as exc:
            attach_errors(form, exc.errors)
        else:
            flash(_("Saved on her behalf."), "success")
            if "send" in request.form:
                return submit_on_behalf(obj.id)
            return redirect(url_for("staff.seller", seller_id=obj.id))
    return render_template("staff/seller_form.html", form=form, seller=obj)


def _save_on_behalf(form: StaffSellerForm, seller_id: int | None):
    data: ApplicationData = application_data(form)
    files = uploads(form.documents)
    if seller_id is None:
        owner_email = form.owner_email.data or ""
        return staff_sellers.create_on_behalf(staff=current_user, data=data, files=files, owner_email=owner_email)
    return staff_sellers.update_on_behalf(staff=current_user, seller_id=seller_id, data=data, files=files)


@bp.route("/quan-tri/nguoi-ban/<int:seller_id>/gui-duyet", methods=["POST"])
@staff_required
def submit_on_behalf(seller_id: int):
    if EmptyForm().validate_on_submit():
        try:
            staff_sellers.submit_on_behalf(staff=current_user, seller_id=seller_id)
        except SellerError as exc:
            for message in dict.fromkeys(exc.errors.values()):
                flash(message, "error")
        else:
            flash(_("The application is sent for review."), "success")
    return redirect(url_for("staff.seller", seller_id=seller_id))


@bp.route("/quan-tri/san-pham")
@staff_required
def products():
    queue_name = request.args.get("ds", "review")
    queue_name = queue_name if queue_name in moderation.QUEUES else "review"
    page = moderation.moderation_queue(queue_name, page=request.args.get("page", 1, type=page_number))
    return render_template("staff/products.html", page=page, queue=queue_name, form=ReasonForm())


@bp.route("/quan-tri/san-pham/<int:product_id>/<any(an,hien,duyet):action>", methods=["POST"])
@staff_required
def product_action(product_id: int, action: str):
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            if action == "an":
                moderation.hide_product(staff=current_user, product_id=product_id, reason=form.reason.data)
            elif action == "hien":
                moderation.show_product(staff=current_user, product_id=product_id, reason=form.reason.data)
            else:
                moderation.mark_reviewed(staff=current_user, product_id=product_id)
        except ReasonRequired as exc:
            flash(exc.message, "error")
        else:
            flash(_("Done. The seller has been told."), "success")
    return redirect(_back_to_products(request.referrer))


def _back_to_products(referrer: str | None) -> str:
    """Back to the moderation list she came from (its path and filters only, never another site)."""
    parts = urlsplit(referrer or "")
    if parts.path.startswith("/quan-tri/san-pham") and not parts.path.startswith("//"):
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return url_for("staff.products")


def _audit_filters() -> tuple[AuditFilterForm, queries.AuditFilters]:
    form = AuditFilterForm(request.args, meta={"csrf": False})
    form.kind.choices = [("", _("All"))] + [(k, str(words)) for k, words in audit_words.KINDS.items()]
    form.person.choices = [(0, _("Everyone"))] + queries.actors()
    valid = form.validate()
    filters = queries.AuditFilters(
        action=form.action.data or None,
        subject_type=form.subject_type.data or None,
        subject_id=form.subject_id.data if valid else None,
        actor_email=(form.actor.data or "").strip() or None,
        actor_id=form.person.data or None,
        kind=form.kind.data if form.kind.data in audit_words.KINDS else None,
        on_behalf=bool(form.on_behalf.data),
        since=form.since.data if valid else None,
        until=form.until.data if valid else None,
    )
    return form, filters


@bp.route("/quan-tri/nhat-ky")
@staff_required
def audit_trail():
    form, filters = _audit_filters()
    page = queries.audit_events(filters, page=request.args.get("page", 1, type=page_number))
    return render_template("staff/audit.html", form=form, page=page, lines=audit_words.in_words(page.items))


@bp.route("/quan-tri/nhat-ky.csv")
@staff_required
def audit_csv():
    _form, filters = _audit_filters()
    body = audit_export.to_csv(queries.audit_query(filters))
    return Response(
        body, mimetype="text/csv; charset=utf-8", headers={"Content-Disposition": "attachment; filename=nhat-ky.csv"}
    )


@bp.route("/quan-tri/thay-doi-phap-ly")
@staff_required
def legal_changes():
    return render_template(
        "staff/legal_changes.html", requests=legal.pending_requests(), form=ReasonForm(), kinds=KIND_LABELS
    )


@bp.route("/quan-tri/thay-doi-phap-ly/<int:request_id>", methods=["POST"])
@staff_required
def decide_legal_change(request_id: int):
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            legal.decide(
                staff=current_user,
                request_id=request_id,
                approve=request.form.get("action") == "approve",
                reason=form.reason.data or "",
            )
        except SellerError as exc:
            flash(exc.message, "error")
        else:
            flash(_("Decision saved. The seller has been told in the site."), "success")
    return redirect(url_for("staff.legal_changes"))
