"""Union staff pages: transfers to confirm, statement reconciliation, refunds, seller settlement."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.decorators import staff_required
from app.core.errors import DomainError, FieldErrors
from app.core.forms import EmptyForm
from app.core.timeutil import utcnow
from app.payments import bp, confirmations, history, payouts, queries, reconciliation, refunds, reports, services
from app.payments.forms import (
    CompleteRefundForm,
    ConfirmTransferForm,
    LineDecisionForm,
    PayoutForm,
    RefundForm,
    SettlementForm,
    StatementUploadForm,
    returned_quantities,
)

PREFIX = "/quan-tri/thanh-toan"


@bp.get(PREFIX)
@staff_required
def overview():
    number = request.args.get("so", "").strip().upper()
    if number:
        return redirect(url_for("payments.order_payment", number=number))
    return render_template(
        "payments/staff/overview.html",
        awaiting=queries.awaiting_transfers(),
        attention=queries.needing_attention(),
        refunds=queries.pending_refunds(),
        review_count=queries.review_count(),
        confirmations=confirmations.all_waiting(),
    )


def _order_page(number: str, *, confirm_form=None, refund_form=None, status: int = 200):
    payment = queries.order_payment(number)
    return render_template(
        "payments/staff/order.html",
        payment=payment,
        order=payment.order,
        confirm_form=confirm_form
        or ConfirmTransferForm(formdata=None, amount_vnd=payment.amount_vnd - payment.paid_vnd),
        refund_form=refund_form or RefundForm(formdata=None),
        resend_form=EmptyForm(),
        returned=refunds.returned_so_far(payment),
        history=history.rows(payment.events),
        confirmation=confirmations.waiting_for(payment.id),
        decision_form=EmptyForm(),
    ), status


@bp.get(f"{PREFIX}/don/<number>")
@staff_required
def order_payment(number: str):
    return _order_page(number)


@bp.post(f"{PREFIX}/don/<number>/xac-nhan")
@staff_required
def confirm_transfer(number: str):
    form = ConfirmTransferForm()
    if not form.validate_on_submit():
        return _order_page(number, confirm_form=form, status=422)
    outcome = services.confirm_transfer_by_hand(
        number=number, amount_vnd=form.amount_vnd.data, note=form.note.data, actor_id=current_user.id
    )
    if outcome == "awaiting_approval":
        flash(_("This amount differs from what is due: another staff member must approve it."), "info")
    else:
        flash(_("The transfer is confirmed."), "success")
    return redirect(url_for("payments.order_payment", number=number))


@bp.post(f"{PREFIX}/xac-nhan/<int:confirmation_id>/<any(duyet, 'tu-choi'):decision>")
@staff_required
def decide_confirmation(confirmation_id: int, decision: str):
    """A second staff member approves or refuses a transfer confirmed by hand for another amount."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    confirmation, _outcome = confirmations.decide(
        confirmation_id=confirmation_id, approve=decision == "duyet", actor_id=current_user.id
    )
    flash(_("Approved: the transfer is counted.") if decision == "duyet" else _("Refused: nothing is counted."), "info")
    return redirect(url_for("payments.order_payment", number=confirmation.payment.order.number))


@bp.post(f"{PREFIX}/don/<number>/hoan-tien")
@staff_required
def refund(number: str):
    form = RefundForm()
    if not form.validate_on_submit():
        return _order_page(number, refund_form=form, status=422)
    line_ids = [line.id for line in queries.order_payment(number).order.lines]
    try:
        done = refunds.create_refund(
            number=number,
            amount_vnd=form.amount_vnd.data,
            reason=form.reason.data,
            actor_id=current_user.id,
            returns=returned_quantities(request.form, line_ids),
        )
    except DomainError as exc:
        form.amount_vnd.errors.append(exc.message)
        return _order_page(number, refund_form=form, status=exc.status_code)
    flash(_("Refund recorded.") if done.status == "succeeded" else _("Refund sent; it is pending."), "success")
    return redirect(url_for("payments.order_payment", number=number))


@bp.post(f"{PREFIX}/hoan-tien/<int:refund_id>/gui-lai")
@staff_required
def resend_refund(refund_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    done = refunds.send_stripe_refund(refund_id=refund_id, actor_id=current_user.id)
    messages = {
        "succeeded": _("Refund recorded."),
        "pending": _("Refund sent; it is pending."),
        "failed": _("Stripe refused the refund."),
    }
    flash(messages[done.status], "success" if done.status == "succeeded" else "info")
    return redirect(url_for("payments.order_payment", number=done.payment.order.number))


@bp.get(f"{PREFIX}/hoan-tien")
@staff_required
def refund_list():
    return render_template("payments/staff/refunds.html", open=queries.pending_refunds(), done=queries.recent_refunds())


@bp.post(f"{PREFIX}/hoan-tien/<int:refund_id>/da-tra")
@staff_required
def complete_refund(refund_id: int):
    form = CompleteRefundForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        refunds.complete_refund(refund_id=refund_id, actor_id=current_user.id, note=form.note.data or "")
    except DomainError as exc:
        flash(exc.message, "error")
    else:
        flash(_("Refund recorded."), "success")
    return redirect(url_for("payments.refund_list"))


@bp.route(f"{PREFIX}/sao-ke", methods=["GET", "POST"])
@staff_required
def statements():
    form = StatementUploadForm()
    if form.validate_on_submit():
        upload = form.statement.data
        try:
            preview = reconciliation.preview_statement(
                filename=upload.filename or "statement.csv",
                raw=upload.read(current_app.config["STATEMENT_MAX_BYTES"] + 1),
            )
        except reconciliation.StatementRejected as exc:
            form.statement.errors.append(exc.message)
        else:
            return render_template("payments/staff/statement_preview.html", preview=preview, apply_form=EmptyForm())
    status = 422 if form.errors else 200
    return render_template(
        "payments/staff/statements.html",
        form=form,
        imports=queries.recent_imports(),
        lines=queries.review_lines(),
        decision=LineDecisionForm(formdata=None),
    ), status


@bp.post(f"{PREFIX}/sao-ke/ap-dung")
@staff_required
def apply_statement():
    if not EmptyForm().validate_on_submit():
        abort(400)
    record = reconciliation.apply_uploaded(
        digest=request.form.get("digest", ""), filename=request.form.get("filename", ""), actor_id=current_user.id
    )
    flash(_("%(a)s confirmed, %(r)s to review, %(d)s already imported", a=record.applied, r=record.to_review,
            d=record.duplicates), "success")  # fmt: skip
    return redirect(url_for("payments.statement", import_id=record.id))


@bp.get(f"{PREFIX}/sao-ke/<int:import_id>")
@staff_required
def statement(import_id: int):
    record = queries.statement_import(import_id)
    return render_template("payments/staff/statement.html", record=record, decision=LineDecisionForm(formdata=None))


@bp.post(f"{PREFIX}/dong-sao-ke/<int:line_id>")
@staff_required
def decide_line(line_id: int):
    form = LineDecisionForm()
    if not form.validate_on_submit() or form.action.data not in ("apply", "dismiss"):
        abort(400)
    try:
        line = reconciliation.decide_line(
            line_id=line_id,
            action=form.action.data,
            order_number=form.order_number.data,
            accept_short=form.accept_short.data,
            note=form.note.data or "",
            actor_id=current_user.id,
        )
    except DomainError as exc:
        flash(exc.message, "error")
        return redirect(request.referrer or url_for("payments.statements"))
    if line.statement_id is None:  # a bank-feed credit: back to the review list
        flash(_("The bank-feed credit is decided."), "success")
        return redirect(url_for("payments.statements") + "#review")
    flash(_("Line %(row)s decided.", row=line.row_number), "success")
    return redirect(url_for("payments.statement", import_id=line.statement_id))


def _settlement_from_args():
    today = reports.day_of(utcnow())
    form = SettlementForm(request.args)
    if not request.args:
        form.start.data, form.end.data = today.replace(day=1), today
        form.commission.data = Decimal(str(current_app.config["SETTLEMENT_COMMISSION_PERCENT"]))
    elif (
        not form.validate() or form.start.data > form.end.data or form.end.data - form.start.data > timedelta(days=366)
    ):
        return form, None
    report = reports.settlement(
        start=form.start.data, end=form.end.data, commission_percent=form.commission.data or Decimal(0)
    )
    return form, report


@bp.get(f"{PREFIX}/nguoi-ban")
@staff_required
def settlement():
    form, report = _settlement_from_args()
    payout_form = PayoutForm(formdata=None, paid_on=reports.day_of(utcnow()))
    return render_template("payments/staff/settlement.html", form=form, report=report, payout_form=payout_form), (
        200 if report else 422
    )


def _period_of(form: PayoutForm):
    try:
        return date.fromisoformat(form.start.data), date.fromisoformat(form.end.data), Decimal(form.commission.data)
    except (TypeError, ValueError, ArithmeticError):
        abort(400)


@bp.post(f"{PREFIX}/nguoi-ban/chi-tra")
@staff_required
def record_payout():
    form = PayoutForm()
    form.validate_on_submit()
    start, end, commission = _period_of(form)
    back = url_for("payments.settlement", start=start.isoformat(), end=end.isoformat(), commission=str(commission))
    if form.errors:
        for messages in form.errors.values():
            flash(str(messages[0]), "error")
        return redirect(back)
    try:
        payouts.record_payout(
            actor_id=current_user.id,
            seller_id=int(form.seller_id.data or 0),
            start=start,
            end=end,
            commission_percent=commission,
            amount_vnd=form.amount_vnd.data,
            paid_on=form.paid_on.data,
            reference=form.reference.data or "",
        )
    except FieldErrors as exc:
        for message in exc.errors.values():
            flash(message, "error")
    else:
        flash(_("The payout is recorded. The seller sees it on her money page."), "success")
    return redirect(back)


@bp.get(f"{PREFIX}/nguoi-ban.csv")
@staff_required
def settlement_csv():
    form, report = _settlement_from_args()
    if report is None:
        abort(400)
    headers = [
        _("Seller id"),
        _("Seller"),
        _("Orders"),
        _("Sales (đồng)"),
        _("Refunds (đồng)"),
        _("Net (đồng)"),
        _("Commission (đồng)"),
        _("To pay (đồng)"),
    ]
    body = reports.settlement_csv(report, headers, _("Total"))
    name = f"settlement-{report.start.isoformat()}-{report.end.isoformat()}.csv"
    return Response(
        body, mimetype="text/csv; charset=utf-8", headers={"Content-Disposition": f"attachment; filename={name}"}
    )
