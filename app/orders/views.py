"""Cart, checkout and order pages: thin views over the orders services."""

from __future__ import annotations

import secrets
from dataclasses import asdict
from urllib.parse import urlsplit

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.accounts.decorators import shopper_required
from app.core import signals
from app.core.edge import page_number
from app.core.forms import EmptyForm
from app.core.i18n import locale_code
from app.core.vocab import OrderStatus
from app.orders import bp, cart, placement, queries, services
from app.orders.addresses import provinces, wards
from app.orders.forms import (
    AddToCartForm,
    CheckoutForm,
    GuestTokenForm,
    PlaceOrderForm,
    QuantityForm,
    RemoveForm,
    StaffCancelForm,
)
from app.orders.links import order_token, token_opens
from app.orders.placement import CheckoutDetails, CheckoutError
from app.orders.status import SHOPPER_CANCELLABLE

CHECKOUT_KEY = "checkout"


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("orders.cart")


def _first_error(form) -> str:
    return next(iter(e for errors in form.errors.values() for e in errors), _("Please check the form."))


@bp.get("/gio-hang", endpoint="cart")
def cart_page():
    return render_template("orders/cart.html", view=cart.cart_view(current_user, session), button=EmptyForm())


@bp.post("/gio-hang/them")
def add_to_cart():
    form = AddToCartForm()
    if not form.validate_on_submit():
        flash(_first_error(form), "error")
    else:
        try:
            variant = cart.add_item(
                user=current_user, variant_id=form.variant_id.data, quantity=form.quantity.data, guest=session
            )
        except cart.CartError as exc:
            flash(exc.message, "error")
        else:
            flash(_("“%(name)s” is in your cart.", name=variant.product.name), "success")
    return redirect(_safe_next(form.next.data or request.args.get("next")))


@bp.post("/gio-hang/so-luong")
def update_quantity():
    form = QuantityForm()
    if not form.validate_on_submit():
        flash(_first_error(form), "error")
    else:
        try:
            cart.set_quantity(
                user=current_user, variant_id=form.variant_id.data, quantity=form.quantity.data, guest=session
            )
        except cart.CartError as exc:
            flash(exc.message, "error")
        else:
            flash(_("Quantity updated."), "success")
    return redirect(url_for("orders.cart"))


@bp.post("/gio-hang/xoa")
def remove_from_cart():
    form = RemoveForm()
    if form.validate_on_submit():
        cart.remove_item(user=current_user, variant_id=form.variant_id.data, guest=session)
        flash(_("The item was removed from your cart."), "info")
    return redirect(url_for("orders.cart"))


@bp.post("/gio-hang/chap-nhan")
def accept_cart_changes():
    if EmptyForm().validate_on_submit():
        cart.accept_changes(user=current_user, guest=session)
        flash(_("Your cart now shows the current prices and stock."), "info")
    return redirect(url_for("orders.cart"))


def _checkout_form() -> CheckoutForm:
    saved = session.get(CHECKOUT_KEY) or {}
    form = CheckoutForm(data=None if request.method == "POST" else _prefill(saved))
    form.pickup_outlet_id.choices = [SelectChoice(o.id, f"{o.name} — {o.street}") for o in placement.pickup_outlets()]
    form.province_code.choices = [SelectChoice(code, name) for code, name in provinces()]
    form.ward_code.choices = [SelectChoice(0, _("— Choose your ward —"))] + [SelectChoice(c, n) for c, n in wards(75)]
    methods = placement.offered_payment_methods()
    form.payment_method.choices = [SelectChoice(code, label) for code, label in methods]
    if not form.payment_method.data:
        form.payment_method.data = methods[0][0]
    return form


def _prefill(saved: dict) -> dict:
    if saved:
        return saved
    if current_user.is_authenticated:
        return {"contact_name": current_user.full_name, "contact_phone": current_user.phone or "",
                "contact_email": current_user.email}  # fmt: skip
    return {}


def _details(data: dict) -> CheckoutDetails:
    fields = CheckoutDetails.__dataclass_fields__
    return CheckoutDetails(**{k: v for k, v in data.items() if k in fields})


@bp.route("/thanh-toan", methods=["GET", "POST"])
def checkout():
    view = cart.cart_view(current_user, session)
    if not view.rows:
        return redirect(url_for("orders.cart"))
    form = _checkout_form()
    if form.validate_on_submit():
        data = {k: form.data[k] for k in CheckoutDetails.__dataclass_fields__}
        try:
            session[CHECKOUT_KEY] = asdict(placement.check_details(_details(data)))
        except CheckoutError as exc:
            getattr(form, exc.field or "contact_name").errors.append(exc.message)
        else:
            return redirect(url_for("orders.review"))
    return render_template("orders/checkout.html", form=form, view=view)


@bp.get("/thanh-toan/xem-lai")
def review():
    saved = session.get(CHECKOUT_KEY)
    if not saved:
        return redirect(url_for("orders.checkout"))
    try:
        quote = placement.quote(items=cart.load_items(current_user, session), details=_details(saved))
    except CheckoutError as exc:
        flash(exc.message, "error")
        return redirect(url_for("orders.checkout" if cart.load_items(current_user, session) else "orders.cart"))
    form = PlaceOrderForm(idempotency_key=secrets.token_urlsafe(24), expected_total=quote.total_vnd)
    return render_template("orders/review.html", quote=quote, form=form)


@bp.post("/thanh-toan/dat-hang")
def place():
    form, saved = PlaceOrderForm(), session.get(CHECKOUT_KEY)
    if form.validate_on_submit() and (twin := placement.find_by_key(form.idempotency_key.data)) is not None:
        return redirect(_order_url(twin))  # a second click on "place order"
    if not form.validate_on_submit() or not saved:
        flash(_("This form has expired. Please review your order again."), "error")
        return redirect(url_for("orders.review"))
    try:
        order = placement.place_order(
            user=current_user, items=cart.load_items(current_user, session), details=_details(saved),
            idempotency_key=form.idempotency_key.data, expected_total_vnd=form.expected_total.data,
            locale=locale_code(), guest_cart=session,
        )  # fmt: skip
    except CheckoutError as exc:
        flash(exc.message, "error")
        return redirect(url_for("orders.checkout"))
    session.pop(CHECKOUT_KEY, None)
    # Payments answers with where she pays (the QR page, or card checkout opened by this POST).
    return redirect(signals.first_answer(signals.checkout_completed, order) or _order_url(order))


def _order_url(order) -> str:
    if order.user_id is not None and current_user.is_authenticated and current_user.id == order.user_id:
        return url_for("orders.order_page", number=order.number)
    return url_for("orders.order_page", number=order.number, k=order_token(order))


def _viewable(number: str, token: str | None):
    """The order when this visitor may see it: its owner, a signed link, or staff who manage it."""
    order = queries.order_by_number(number)
    owner = current_user.is_authenticated and order.user_id == current_user.id
    staff = current_user.is_authenticated and not owner and services.may_manage(order, current_user)
    if not (owner or token_opens(order, token) or staff):
        abort(404)
    return order, staff


@bp.get("/don-hang/<number>")
def order_page(number: str):
    token = request.args.get("k")
    order, staff = _viewable(number, token)
    statuses = {order.status, *(s.status for s in order.shipments)}
    waiting = order.status == OrderStatus.AWAITING_PAYMENT and not staff
    pay_url = signals.first_answer(signals.payment_link_wanted, order) if waiting else None
    return render_template(
        "orders/order.html", order=order, notes=queries.notes_of(order), staff_view=staff, token=token,
        can_cancel=not staff and statuses <= SHOPPER_CANCELLABLE, cancel_form=GuestTokenForm(k=token),
        staff_form=StaffCancelForm(k=token), pay_url=pay_url,
    )  # fmt: skip


@bp.post("/don-hang/<number>/huy")
def cancel(number: str):
    form = GuestTokenForm()
    order, staff = _viewable(number, form.k.data)
    if form.validate_on_submit() and not staff:
        services.cancel_by_shopper(order=order)
        flash(_("Your order has been cancelled."), "info")
    return redirect(_order_url(order))


@bp.post("/don-hang/<number>/huy-boi-can-bo")
@shopper_required
def staff_cancel(number: str):
    form = StaffCancelForm()
    order, staff = _viewable(number, None)
    if not staff:
        abort(404)
    if form.validate_on_submit():
        services.cancel_by_staff(order=order, actor=current_user, reason=form.reason.data)
        flash(_("The order has been cancelled and the shopper told."), "info")
    else:
        flash(_first_error(form), "error")
    return redirect(url_for("orders.order_page", number=order.number))


@bp.get("/don-hang")
@shopper_required
def my_orders():
    page = queries.orders_of(current_user, request.args.get("page", 1, type=page_number))
    return render_template("orders/my_orders.html", page=page)
