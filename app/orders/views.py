"""Cart, checkout and order pages: thin views over the orders services."""

from __future__ import annotations

import secrets
from dataclasses import asdict
from urllib.parse import urlsplit

from flask import abort, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.accounts.decorators import shopper_required
from app.core import signals
from app.core.edge import page_number
from app.core.forms import EmptyForm
from app.core.i18n import locale_code
from app.core.urls import keep_secret_from_referrer
from app.core.vocab import OrderStatus
from app.orders import bp, cart, drafts, fulfilment, outlet_choice, placement, queries, services
from app.orders.addresses import SERVED_PROVINCES, default_address_id, provinces, saved_address_choices, wards
from app.orders.forms import (
    AddToCartForm,
    CheckoutForm,
    GuestTokenForm,
    OrderLinkForm,
    PlaceOrderForm,
    QuantityForm,
    RemoveForm,
    StaffCancelForm,
    SwapForm,
)
from app.orders.links import order_token, token_opens
from app.orders.placement import CheckoutDetails, CheckoutError
from app.orders.status import OPEN_STATUSES, SHOPPER_CANCELLABLE

CANCELLABLE_BY_STAFF = OPEN_STATUSES

NEAR_KEY = "near_ward"  # the ward a shopper measures outlet distances from


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
    return redirect(_safe_next(form.next.data))


@bp.post("/gio-hang/doi-loai")
def swap_in_cart():
    form = SwapForm()
    if not form.validate_on_submit():
        flash(_first_error(form), "error")
        return redirect(url_for("orders.cart"))
    try:
        variant = cart.swap_item(
            user=current_user, variant_id=form.variant_id.data, replacement_id=form.replacement_id.data, guest=session
        )
    except cart.CartError as exc:
        flash(exc.message, "error")
    else:
        item = f"{variant.product.name} ({variant.label})"
        flash(_("Your cart now has %(item)s.", item=item), "success")
    return redirect(_safe_next(form.next.data))


@bp.post("/gio-hang/chap-nhan")
def accept_cart_changes():
    if EmptyForm().validate_on_submit():
        cart.accept_changes(user=current_user, guest=session)
        flash(_("Your cart now shows the current prices and stock."), "info")
    return redirect(url_for("orders.cart"))


def _checkout_form() -> CheckoutForm:
    saved = drafts.load_details(session) or {}
    form = CheckoutForm(data=None if request.method == "POST" else _prefill(saved))
    form.address_id.choices = saved_address_choices(current_user)
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
                "contact_email": current_user.email, "address_id": default_address_id(current_user)}  # fmt: skip
    return {}


def _details(data: dict) -> CheckoutDetails:
    fields = CheckoutDetails.__dataclass_fields__
    return CheckoutDetails(**{k: v for k, v in data.items() if k in fields})


def _pickup(value) -> dict:
    """The outlet radio's value ("3", or "3+7" for two pickups) as the two outlet ids."""
    parts = str(value or "").split("+")
    if not all(p.isdigit() for p in parts) or len(parts) > 2:
        return {"pickup_outlet_id": None, "split_outlet_id": None}
    ids = [int(p) for p in parts]
    return {"pickup_outlet_id": ids[0], "split_outlet_id": ids[1] if len(ids) == 2 else None}


def _chosen(saved: dict) -> str:
    """The radio value of the pickup saved in this checkout."""
    ids = [saved.get("pickup_outlet_id"), saved.get("split_outlet_id")]
    return "+".join(str(i) for i in ids if i is not None)


def _near_ward(saved: dict) -> int | None:
    """The ward asked for (?phuong= or the form's, remembered in the session), else the one remembered,
    else the delivery ward saved."""
    served = {code for province in SERVED_PROVINCES for code, _n in wards(province)}
    asked = request.values.get("phuong", type=int)
    if asked in served:
        session[NEAR_KEY] = asked
    ward = session.get(NEAR_KEY) or saved.get("ward_code")
    return ward if ward in served else None


def _remembered() -> int | None:
    if current_user.is_authenticated and current_user.pickup_outlet_id:
        return current_user.pickup_outlet_id
    return session.get(outlet_choice.REMEMBERED_KEY)


@bp.route("/thanh-toan", methods=["GET", "POST"])
def checkout():
    view = cart.cart_view(current_user, session)
    if not view.rows:
        return redirect(url_for("orders.cart"))
    form, saved = _checkout_form(), drafts.load_details(session) or {}
    # "Show distances" sends the whole form back, so what she typed stays; nothing is checked yet.
    if "show_near" not in request.form and form.validate_on_submit():
        data = {k: v for k, v in form.data.items() if k in CheckoutDetails.__dataclass_fields__}
        try:
            details = placement.with_saved_address(
                _details({**data, **_pickup(form.pickup_outlet_id.data)}), current_user
            )  # another shopper's address: 404
            drafts.save_details(session, asdict(placement.check_details(details)))
        except CheckoutError as exc:
            getattr(form, exc.field or "contact_name").errors.append(exc.message)
        else:
            return redirect(url_for("orders.review"))
    items = cart.load_items(current_user, session)
    choice = outlet_choice.pickup_choice(items=items, ward_code=_near_ward(saved), remembered=_remembered())
    # A new ward offers its nearest outlet again; otherwise her choice (sent, or saved in this checkout) stays.
    kept = _chosen(saved) if request.method == "GET" else form.pickup_outlet_id.data
    chosen = ("" if "show_near" in request.form else kept) or str(choice.preselected or "")
    return render_template(
        "orders/checkout.html", form=form, view=view, choice=choice, chosen=chosen, near_wards=wards(75)
    )


@bp.get("/thanh-toan/xem-lai")
def review():
    saved = drafts.load_details(session)
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
    form, saved = PlaceOrderForm(), drafts.load_details(session)
    valid = form.validate_on_submit()
    # A second click on "place order" after the first was placed (its draft is gone); one that
    # arrives while the first is being placed finds it in place_order, once the stock rows are locked.
    if valid and not saved and (twin := placement.find_by_key(form.idempotency_key.data)) is not None:
        return redirect(_order_url(twin))
    if not valid or not saved:
        flash(_("This form has expired. Please review your order again."), "error")
        return redirect(url_for("orders.review"))
    try:
        order = placement.place_order(
            user=current_user, items=cart.load_items(current_user, session), details=_details(saved),
            idempotency_key=form.idempotency_key.data, expected_total_vnd=form.expected_total.data,
            locale=locale_code(), guest_cart=session, draft_store=session,
        )  # fmt: skip
    except CheckoutError as exc:
        flash(exc.message, "error")
        return redirect(url_for("orders.checkout"))
    if order.pickup_outlet_id is not None:
        session[outlet_choice.REMEMBERED_KEY] = order.pickup_outlet_id  # a guest's outlet, offered first next time
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
    # Payments answers with the page's money part: the QR while a transfer is awaited, payments, refunds.
    money = signals.first_answer(
        signals.order_money_wanted, order, link_args={"k": token} if token else {}, staff=staff
    )
    page = render_template(
        "orders/order.html", order=order, notes=queries.notes_of(order), staff_view=staff, token=token,
        can_cancel=not staff and statuses <= SHOPPER_CANCELLABLE, pay_url=pay_url, money=money,
        staff_can_cancel=staff and order.status in CANCELLABLE_BY_STAFF, cancel_form=GuestTokenForm(k=token),
        staff_form=StaffCancelForm(), unlock_form=EmptyForm(),
        link_form=OrderLinkForm(k=token),
    )  # fmt: skip
    return keep_secret_from_referrer(make_response(page)) if token else page


def _cancel_page(order, *, staff: bool, form, status: int = 200):
    """The confirmation before a cancellation: what happens to the goods and to the money."""
    words = signals.first_answer(signals.cancellation_money_wanted, order, staff=staff) or []
    return render_template(
        "orders/cancel.html", order=order, staff_view=staff, form=form, money_words=words, back=_order_url(order)
    ), status


@bp.get("/don-hang/<number>/huy")
def cancel_confirm(number: str):
    token = request.args.get("k")
    order, staff = _viewable(number, token)
    statuses = {order.status, *(s.status for s in order.shipments)}
    if staff or not statuses <= SHOPPER_CANCELLABLE:
        flash(_("This order can no longer be cancelled here."), "error")
        return redirect(_order_url(order))
    return _cancel_page(order, staff=False, form=GuestTokenForm(k=token))


@bp.post("/don-hang/<number>/huy")
def cancel(number: str):
    """The shopper's own cancel: her account or her signed link, nobody else (staff use the staff action,
    which is audited); the answer sends her back with the link she came with, never a new one."""
    form = GuestTokenForm()
    order = queries.order_by_number(number)
    owner = current_user.is_authenticated and order.user_id == current_user.id
    signed = not owner and token_opens(order, form.k.data)
    if not (owner or signed):
        abort(404)
    if form.validate_on_submit():
        services.cancel_by_shopper(order=order)
        flash(_("Your order has been cancelled."), "info")
    return redirect(url_for("orders.order_page", number=order.number, k=form.k.data if signed else None))


@bp.get("/don-hang/<number>/huy-boi-can-bo")
@shopper_required
def staff_cancel_confirm(number: str):
    order, staff = _viewable(number, None)
    if not staff:
        abort(404)
    return _cancel_page(order, staff=True, form=StaffCancelForm())


@bp.post("/don-hang/<number>/huy-boi-can-bo")
@shopper_required
def staff_cancel(number: str):
    form = StaffCancelForm()
    order, staff = _viewable(number, None)
    if not staff:
        abort(404)
    if not form.validate_on_submit():
        return _cancel_page(order, staff=True, form=form, status=422)
    services.cancel_by_staff(order=order, actor=current_user, reason=form.reason.data)
    flash(_("The order has been cancelled and the shopper told."), "info")
    return redirect(url_for("orders.order_page", number=order.number))


@bp.post("/don-hang/<number>/giao-hang/<int:shipment_id>/mo-khoa")
@shopper_required
def unlock_pickup_code(number: str, shipment_id: int):
    """An outlet manager or union staff gives a shipment locked by wrong pickup codes its tries back."""
    order, staff = _viewable(number, None)
    if not staff or shipment_id not in {s.id for s in order.shipments}:
        abort(404)
    if EmptyForm().validate_on_submit():
        fulfilment.unlock_pickup_code(shipment_id=shipment_id, actor=current_user)
        flash(_("The shipment is unlocked: it takes pickup codes again."), "success")
    if request.form.get("back") == "desk":
        return redirect(url_for("outlets.shipment", shipment_id=shipment_id))
    return redirect(url_for("orders.order_page", number=order.number))


@bp.get("/don-hang")
@shopper_required
def my_orders():
    page = queries.orders_of(current_user, request.args.get("page", 1, type=page_number))
    return render_template("orders/my_orders.html", page=page, button=EmptyForm())
