"""Shopper and outlet payment pages, and the Stripe webhook: thin views over the services."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.core.extensions import csrf, db
from app.core.forms import EmptyForm, attach_errors
from app.core.timeutil import utcnow
from app.core.urls import keep_secret_from_referrer
from app.core.vocab import OrderStatus, PaymentStatus
from app.orders.links import link_expired, order_token, token_opens
from app.outlets.access import outlet_id_of, outlet_staff_required
from app.payments import bank_feed, bp, panel, queries, refunds, reports, services, webhooks
from app.payments import stripe_gateway as gateway
from app.payments.forms import CashDayForm, PayoutAccountForm
from app.payments.vietqr import render_png


def _shopper_payment(number: str):
    """The payment, if this visitor placed the order (signed link or the buyer's account); else 404."""
    payment = queries.payment_page(number)
    owner = current_user.is_authenticated and payment.order.user_id == current_user.id
    token, key = request.values.get("t"), request.values.get("k")
    paying = services.token_is_valid(number, token) and not link_expired(payment.order)
    signed = paying or token_opens(payment.order, key)
    if not owner and not signed:
        abort(404)
    return payment


def _order_url(order) -> str:
    """The order's own page (signed for guests)."""
    if current_user.is_authenticated and order.user_id == current_user.id:
        return url_for("orders.order_page", number=order.number)
    return url_for("orders.order_page", number=order.number, k=order_token(order))


@bp.get("/don-hang/<number>/thanh-toan")
def pay(number: str):
    payment = _shopper_payment(number)
    waiting = payment.status == PaymentStatus.PENDING and payment.order.status == OrderStatus.AWAITING_PAYMENT
    transfer_panel = panel.transfer_view(payment, _link_args()) if panel.awaits_transfer(payment) else None
    page = render_template(
        "payments/pay.html",
        payment=payment,
        order=payment.order,
        panel=transfer_panel,
        link_args=_link_args(),
        form=EmptyForm(),
        card_offered=gateway.is_configured(),
        order_url=_order_url(payment.order),
        waiting=waiting,
        status_url=url_for("payments.payment_status", number=number, **_link_args()),
    )
    return keep_secret_from_referrer(make_response(page))


def _link_args() -> dict:
    return {key: request.values[key] for key in ("t", "k") if request.values.get(key)}


@bp.get("/don-hang/<number>/thanh-toan/vietqr.png")
def qr_png(number: str):
    """The transfer's QR code as a PNG file to save on the phone."""
    payment = _shopper_payment(number)
    if not panel.awaits_transfer(payment):
        abort(404)
    png = render_png(queries.transfer_details(payment.order).payload)
    headers = {"Content-Disposition": f"attachment; filename=vietqr-{number}.png", "Cache-Control": "private, no-store"}
    return Response(png, mimetype="image/png", headers=headers)


@bp.get("/don-hang/<number>/thanh-toan/trang-thai.json")
def payment_status(number: str):
    """The payment's state, polled by the order page every 20 seconds."""
    response = jsonify(panel.status(_shopper_payment(number)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/don-hang/<number>/hoan-tien/<int:refund_id>/tai-khoan", methods=["GET", "POST"])
def payout_account(number: str, refund_id: int):
    """The shopper gives the bank account her transfer refund goes to."""
    payment = _shopper_payment(number)
    form = PayoutAccountForm()
    if form.validate_on_submit():
        try:
            refunds.give_payout_account(
                number=number, refund_id=refund_id, bank=form.bank.data,
                account_no=form.account_no.data, account_name=form.account_name.data,
            )  # fmt: skip
        except refunds.PayoutAccountError as exc:
            attach_errors(form, exc.errors)
        else:
            flash(_("Thank you. We will transfer the refund to this account and tell you when it is done."), "success")
            return redirect(_order_url(payment.order))
    refund = next((r for r in payment.refunds if r.id == refund_id and r.needs_account), None)
    if refund is None:
        abort(404)
    status = 422 if form.errors and request.method == "POST" else 200
    return render_template(
        "payments/payout_account.html", form=form, refund=refund, order=payment.order,
        link_args=_link_args(), order_url=_order_url(payment.order),
    ), status  # fmt: skip


@bp.post("/don-hang/<number>/thanh-toan/the")
def pay_by_card(number: str):
    _shopper_payment(number)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        url = services.start_card_checkout(number=number)
    except gateway.GatewayError:
        current_app.logger.exception("Card checkout could not start for %s", number)
        flash(_("The card payment service did not answer. Please try again in a moment."), "error")
        return redirect(url_for("payments.pay", number=number, t=request.args.get("t")))
    return redirect(url, code=303)


@bp.post("/payments/stripe/webhook")
@csrf.exempt
def stripe_webhook():
    try:
        outcome = webhooks.handle_stripe_webhook(
            payload=request.get_data(cache=False), signature=request.headers.get("Stripe-Signature")
        )
    except gateway.InvalidWebhook:
        db.session.rollback()
        return {"error": "invalid signature"}, 400
    return {"received": True, "outcome": outcome}


@bp.get("/cua-hang-ban/tien-mat")
@outlet_staff_required
def cash_day():
    form = CashDayForm(request.args)
    day = (form.day.data if form.validate() and form.day.data else None) or reports.day_of(utcnow())
    form.day.data = day
    summary = reports.cash_day(outlet_id=outlet_id_of(current_user), day=day)
    return render_template("payments/cash_day.html", summary=summary, form=form, close_form=EmptyForm())


@bp.post("/cua-hang-ban/tien-mat/<day>/chot")
@outlet_staff_required
def close_cash_day(day: str):
    if not EmptyForm().validate_on_submit():
        abort(400)
    when = reports.parse_day(day)
    count = reports.close_cash_day(outlet_id=outlet_id_of(current_user), day=when, actor_id=current_user.id)
    flash(
        ngettext(
            "%(num)s cash payment counted into its order.", "%(num)s cash payments counted into the orders.", count
        ),
        "success",
    )
    return redirect(url_for("payments.cash_day", day=when.isoformat()))


@bp.post("/payments/<provider>/webhook")
@csrf.exempt
def bank_feed_webhook(provider: str):
    """A bank feed (SePay) posts one transaction; {"success": true} once it is safely recorded."""
    try:
        done = bank_feed.receive(provider=provider, headers=request.headers, body=request.get_data(cache=False))
    except bank_feed.FeedOff:
        abort(404)
    except bank_feed.FeedRefused as exc:
        db.session.rollback()
        current_app.logger.warning("Bank feed %s call refused: %s", provider, exc)
        return {"success": False, "message": "unauthorized"}, 401
    return {"success": done.status == 200, "outcome": done.outcome}, done.status
