"""Shoppers' review pages: write and change hers, read a product's reviews."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.decorators import shopper_required
from app.catalog.queries import product_by_slug
from app.core.errors import NotFound
from app.core.forms import attach_errors
from app.reviews import bp, queries, services
from app.reviews.forms import ReviewForm


def _input(form: ReviewForm) -> services.ReviewInput:
    photos = tuple((f.read(), f.filename) for f in (form.photos.data or []) if getattr(f, "filename", ""))
    removed = tuple(int(v) for v in request.form.getlist("remove_photo") if v.isdigit())
    return services.ReviewInput(
        stars=form.stars.data, text=form.text.data or "", photos=photos, remove_photo_ids=removed
    )


@bp.route("/danh-gia/viet/<int:line_id>", methods=["GET", "POST"])
@shopper_required
def write(line_id: int):
    line = services.line_to_review(user=current_user, line_id=line_id)
    if (existing := services.review_of_line(line.id)) is not None:
        return redirect(url_for("reviews.edit", review_id=existing.id))
    form = ReviewForm()
    if form.validate_on_submit():
        try:
            review = services.write_review(user=current_user, line_id=line.id, data=_input(form))
        except services.ReviewError as exc:
            attach_errors(form, exc.errors)
        else:
            flash(_("Thank you! Your review is published."), "success")
            return redirect(url_for("reviews.product_reviews", slug=review.product.slug) + f"#review-{review.id}")
    return render_template("reviews/form.html", form=form, line=line, review=None)


@bp.route("/danh-gia/<int:review_id>/sua", methods=["GET", "POST"])
@shopper_required
def edit(review_id: int):
    review = services.her_review(user=current_user, review_id=review_id)
    form = ReviewForm(obj=None if request.method == "POST" else review)
    if form.validate_on_submit():
        try:
            services.edit_review(user=current_user, review_id=review.id, data=_input(form))
        except services.ReviewError as exc:
            attach_errors(form, exc.errors)
        else:
            flash(_("Your review is updated."), "success")
            return redirect(url_for("reviews.mine"))
    return render_template(
        "reviews/form.html", form=form, line=review.line, review=review, editable=services.editable(review)
    )


@bp.get("/tai-khoan/danh-gia")
@shopper_required
def mine():
    return render_template(
        "reviews/mine.html", waiting=services.waiting_lines(current_user), reviews=queries.her_reviews(current_user),
        editable=services.editable,
    )  # fmt: skip


@bp.get("/san-pham/<slug>/danh-gia")
def product_reviews(slug: str):
    product = product_by_slug(slug)
    if product is None:
        raise NotFound(_("This product does not exist or is no longer on sale."))
    stars = request.args.get("sao", type=int)
    page = queries.product_reviews(product, stars=stars, page=request.args.get("page", 1, type=int))
    return render_template(
        "reviews/product_reviews.html", product=product, page=page, stars=stars, reviews=queries.summary(product)
    )
