"""Coming back: “Mua lại”, a guest order joining her account, its link sent again, favourites."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.accounts.decorators import shopper_required
from app.catalog.queries import active_outlets
from app.core.extensions import limiter
from app.core.forms import EmptyForm, attach_errors
from app.orders import bp, favourites, guest_orders, queries, reorder
from app.orders.forms import FindOrderForm, GuestTokenForm, OrderLinkForm, WatchOutletForm
from app.orders.links import order_token, token_opens


def _limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _hers(number: str, token: str | None):
    """The order when she owns it (signed in) or holds its signed link; anything else is not found."""
    order = queries.order_by_number(number)
    owner = current_user.is_authenticated and order.user_id == current_user.id
    if not (owner or token_opens(order, token)):
        abort(404)
    return order


def _back_to(order, token: str | None) -> str:
    if current_user.is_authenticated and order.user_id == current_user.id:
        return url_for("orders.order_page", number=order.number)
    return url_for("orders.order_page", number=order.number, k=token or order_token(order))


@bp.post("/don-hang/<number>/mua-lai")
def buy_again(number: str):
    form = GuestTokenForm()
    order = _hers(number, form.k.data)
    if not form.validate_on_submit():
        return redirect(_back_to(order, form.k.data))
    result = reorder.reorder(order=order, user=current_user, guest=session)
    if result.added:
        flash(ngettext("%(num)s item from order %(n)s is in your cart.",
                       "%(num)s items from order %(n)s are in your cart.", result.added, n=order.number),
              "success")  # fmt: skip
    for message in result.flagged:
        flash(message, "error")
    return redirect(url_for("orders.cart"))


@bp.post("/don-hang/<number>/luu-vao-tai-khoan")
@shopper_required
def claim_order(number: str):
    form = GuestTokenForm()
    order = queries.order_by_number(number)
    if form.validate_on_submit():
        guest_orders.claim(order=order, user=current_user, token=form.k.data)
        flash(_("Order %(n)s is now in your account.", n=order.number), "success")
    return redirect(url_for("orders.order_page", number=order.number))


@bp.post("/don-hang/<number>/gui-duong-dan")
@limiter.limit(_limit)
def email_order_link(number: str):
    form = OrderLinkForm()
    order = _hers(number, form.k.data)
    if form.validate_on_submit():
        try:
            address = guest_orders.send_link_to(order=order, token=form.k.data, email=form.email.data)
        except guest_orders.OrderLinkError as exc:
            flash(exc.message, "error")
        else:
            flash(_("The link to this order is on its way to %(email)s.", email=address), "success")
    else:
        flash(_("Enter a valid email address, for example lan@example.com."), "error")
    return redirect(_back_to(order, form.k.data))


@bp.route("/don-hang/tim-lai", methods=["GET", "POST"])
@limiter.limit(_limit, methods=["POST"])
def find_order():
    form = FindOrderForm()
    if form.validate_on_submit():
        try:
            guest_orders.resend_link(number=form.number.data, phone=form.phone.data)
        except guest_orders.OrderLinkError as exc:
            attach_errors(form, exc.errors)
        else:
            flash(_("If this order exists and has an email address, its link has just been sent there."), "info")
            return redirect(url_for("orders.find_order"))
    return render_template("orders/find_order.html", form=form)


@bp.get("/yeu-thich")
@shopper_required
def favourites_page():
    rows, sellers = favourites.favourites_of(current_user)
    choices = [SelectChoice(0, _("Any outlet"))] + [SelectChoice(o.id, o.name) for o in active_outlets()]
    forms = {}
    for row in rows:
        form = WatchOutletForm(prefix=f"f{row.favourite.id}", data={"outlet_id": row.favourite.outlet_id or 0})
        form.outlet_id.choices = choices
        forms[row.favourite.id] = form
    return render_template("orders/favourites.html", rows=rows, sellers=sellers, forms=forms, button=EmptyForm())


@bp.post("/yeu-thich/san-pham/<int:product_id>")
@shopper_required
def favourite_product(product_id: int):
    if EmptyForm().validate_on_submit():
        favourites.add_product(user=current_user, product_id=product_id)
        flash(_("Saved to your favourites. We will tell you when it is back in stock."), "success")
    return redirect(_next_or_favourites())


@bp.post("/yeu-thich/san-pham/<int:product_id>/bo")
@shopper_required
def unfavourite_product(product_id: int):
    if EmptyForm().validate_on_submit():
        favourites.remove_product(user=current_user, product_id=product_id)
        flash(_("Removed from your favourites."), "info")
    return redirect(_next_or_favourites())


@bp.post("/yeu-thich/<int:favourite_id>/cua-hang")
@shopper_required
def watch_outlet(favourite_id: int):
    form = WatchOutletForm(prefix=f"f{favourite_id}")
    if form.validate_on_submit():
        favourites.watch_at(user=current_user, favourite_id=favourite_id, outlet_id=form.outlet_id.data)
        flash(_("Saved: we will tell you about the stock there."), "success")
    return redirect(url_for("orders.favourites_page"))


@bp.post("/yeu-thich/nguoi-ban/<int:seller_id>")
@shopper_required
def follow_seller(seller_id: int):
    if EmptyForm().validate_on_submit():
        favourites.follow_seller(user=current_user, seller_id=seller_id)
        flash(_("You follow this seller now."), "success")
    return redirect(_next_or_favourites())


@bp.post("/yeu-thich/nguoi-ban/<int:seller_id>/bo")
@shopper_required
def unfollow_seller(seller_id: int):
    if EmptyForm().validate_on_submit():
        favourites.unfollow_seller(user=current_user, seller_id=seller_id)
        flash(_("You no longer follow this seller."), "info")
    return redirect(url_for("orders.favourites_page"))


def _next_or_favourites() -> str:
    """Back to the page the button was on (a path on this site), else the favourites page."""
    target = request.form.get("next") or ""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("orders.favourites_page")
