"""Reviews seen from the seller's desk (reply once) and the union's back office (hide with a reason)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.decorators import staff_required
from app.core.forms import EmptyForm
from app.reviews import bp, queries, services
from app.reviews.forms import HideForm, ReplyForm
from app.sellers.access import seller_required
from app.sellers.services import seller_for_member


@bp.get("/ban-hang/<int:seller_id>/danh-gia")
@seller_required
def seller_reviews(seller_id: int):
    seller = seller_for_member(current_user, seller_id)
    waiting = request.args.get("cho") == "1"
    page = queries.seller_reviews(seller.id, waiting_only=waiting, page=request.args.get("page", 1, type=int))
    return render_template("reviews/seller.html", seller=seller, page=page, waiting=waiting, form=ReplyForm())


@bp.post("/danh-gia/<int:review_id>/tra-loi")
@seller_required
def reply(review_id: int):
    form = ReplyForm()
    back = request.form.get("seller_id", type=int)
    if form.validate_on_submit():
        try:
            services.reply(user=current_user, review_id=review_id, text=form.text.data)
        except services.ReviewError as exc:
            flash(exc.message, "error")
        else:
            flash(_("Your reply is published under the review."), "success")
    else:
        flash(_("Write a reply of 2 to %(n)s characters.", n=services.MAX_REPLY), "error")
    if back:
        return redirect(url_for("reviews.seller_reviews", seller_id=back))
    return redirect(url_for("sellers.home"))


@bp.get("/quan-tri/danh-gia")
@staff_required
def moderation():
    hidden = request.args.get("an") == "1"
    page = queries.staff_reviews(hidden_only=hidden, page=request.args.get("page", 1, type=int))
    return render_template("reviews/staff.html", page=page, hidden=hidden, form=HideForm(), button=EmptyForm())


@bp.post("/quan-tri/danh-gia/<int:review_id>/an")
@staff_required
def hide(review_id: int):
    form = HideForm()
    if form.validate_on_submit():
        try:
            services.hide(staff=current_user, review_id=review_id, reason=form.reason.data)
        except services.ReviewError as exc:
            flash(exc.message, "error")
        else:
            flash(_("The review is hidden and no longer counts in the product's rating."), "info")
    return redirect(url_for("reviews.moderation"))


@bp.post("/quan-tri/danh-gia/<int:review_id>/hien")
@staff_required
def show(review_id: int):
    if EmptyForm().validate_on_submit():
        services.show(staff=current_user, review_id=review_id)
        flash(_("The review is shown again."), "info")
    return redirect(url_for("reviews.moderation", an=1))
