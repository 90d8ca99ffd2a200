"""Her orders: the lines of her goods across orders, and what each outlet holds and sold this week."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.catalog.stock_alerts import set_low_stock_levels
from app.core.forms import EmptyForm
from app.core.vocab import SellerLineState
from app.orders import seller_lines
from app.seller_desk import bp
from app.sellers.access import seller_required
from app.sellers.services import SellerError


@bp.route("/ban-hang/<int:seller_id>/don-hang")
@seller_required
def orders(seller_id: int):
    outlet_id = request.args.get("cua-hang", type=int)
    state = request.args.get("state") or None
    page = seller_lines.seller_lines(
        user=current_user,
        seller_id=seller_id,
        outlet_id=outlet_id,
        state=state,
        page=request.args.get("page", 1, type=int),
    )
    return render_template(
        "sellers/orders.html",
        seller=page.seller,
        page=page,
        outlet_id=outlet_id,
        state=state if state in SellerLineState.codes() else None,
        states=list(SellerLineState),
    )


def parse_levels(form) -> tuple[dict[int, int | None], dict[str, str]]:
    """The low-stock level of each variant from the form ("level-<variant id>"); empty means none."""
    levels: dict[int, int | None] = {}
    errors: dict[str, str] = {}
    for key, raw in form.items():
        if not key.startswith("level-") or not key[6:].isdigit():
            continue
        text = raw.strip().replace(".", "")
        if text.isdigit() and len(text) <= 7:
            levels[int(key[6:])] = int(text)
        elif text:
            errors[key] = _("Enter a whole number from 1 to 100,000, or leave it empty.")
        else:
            levels[int(key[6:])] = None
    return levels, errors


@bp.route("/ban-hang/<int:seller_id>/don-hang/cua-hang", methods=["GET", "POST"])
@seller_required
def stock_at_outlets(seller_id: int):
    outlet_id = request.args.get("cua-hang", type=int)
    form, errors = EmptyForm(), {}
    if form.validate_on_submit():
        levels, errors = parse_levels(request.form)
        if not errors:
            try:
                set_low_stock_levels(user=current_user, seller_id=seller_id, levels=levels)
            except SellerError as exc:
                errors = exc.errors
            else:
                flash(_("Saved. You will get a notice when an outlet runs low."), "success")
                return redirect(url_for("sellers.stock_at_outlets", seller_id=seller_id))
    seller, outlets, variants = seller_lines.stock_choices(user=current_user, seller_id=seller_id)
    return render_template(
        "sellers/stock_at_outlets.html",
        seller=seller,
        groups=seller_lines.holdings(user=current_user, seller_id=seller_id, outlet_id=outlet_id),
        outlets=outlets,
        variants=variants,
        outlet_id=outlet_id,
        week_start=seller_lines.week_start(),
        form=form,
        errors=errors,
        posted=request.form if errors else {},
    ), (200 if not errors else 422)
