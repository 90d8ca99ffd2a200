"""Shopper and outlet payment pages, and the Stripe webhook: thin views over the services."""

from __future__ import annotations

from flask import abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.extensions import csrf, db
from app.core.forms import EmptyForm
from app.core.timeutil import utcnow
from app.core.urls import keep_secret_from_referrer
from app.core.vocab import OrderStatus, PaymentStatus
from app.orders.links import link_expired, order_token, token_opens
from app.outlets.access import outlet_id_of, outlet_staff_required
from app.payments import bp, queries, reports, services, webhooks
from app.payments import stripe_gateway as gateway
from app.payments.forms import CashDayForm
from app.payments.vietqr import render_svg


def _shopper_payment(number: str):
    """The payment, if this visitor placed the order (signed link or the buyer's account); else 404."""
    payment = queries.payment_page(number)
    owner = current_user.is_authenticated and payment.order.user_id == current_user.id
    paying = services.token_is_valid(number, request.args.get("t")) and not link_expired(payment.order)
    signed = paying or token_opens(payment.order, request.args.get("k"))
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
    transfer = qr = None
    waiting = payment.status == PaymentStatus.PENDING and payment.order.status == OrderStatus.AWAITING_PAYMENT
    if payment.method == "vietqr" and waiting:
        transfer = queries.transfer_details(payment.order)
        qr = render_svg(transfer.payload, title=_("VietQR code for order %(number)s", number=number))
    page = render_template(
        "payments/pay.html",
        payment=payment,
        order=payment.order,
        transfer=transfer,
        qr=qr,
        link_args={key: request.args[key] for key in ("t", "k") if request.args.get(key)},
        form=EmptyForm(),
        card_offered=gateway.is_configured(),
        order_url=_order_url(payment.order),
        waiting=waiting,
    )
    return keep_secret_from_referrer(make_response(page))


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
    flash(_("%(n)s cash payments counted into the orders.", n=count), "success")
    return redirect(url_for("payments.cash_day", day=when.isoformat()))
