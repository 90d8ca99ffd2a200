"""Her shop page: the owner edits the public parts; legal details go to the union as a request."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.catalog.shop_page import ShopPageData, remove_shop_photo, save_shop_page
from app.core.forms import EmptyForm, attach_errors
from app.seller_desk import bp
from app.sellers import legal
from app.sellers.access import seller_required
from app.sellers.choices import KIND_LABELS
from app.sellers.forms import LegalChangeForm, ShopPageForm, uploads
from app.sellers.services import SellerError, membership


def _shop_form(seller) -> ShopPageForm:
    if request.method == "POST":
        return ShopPageForm()
    return ShopPageForm(
        formdata=None,
        story=seller.story,
        public_phone=seller.public_phone or "",
        zalo=seller.zalo_url or "",
        pickup_at_home=seller.pickup_at_home,
        pickup_hours=seller.pickup_hours,
    )


@bp.route("/ban-hang/<int:seller_id>/trang-cua-hang", methods=["GET", "POST"])
@seller_required
def shop_page(seller_id: int):
    member = membership(current_user, seller_id)
    seller = member.seller
    form = _shop_form(seller)
    if form.validate_on_submit():  # the service refuses anyone but the owner
        data = ShopPageData(
            story=form.story.data or "",
            public_phone=form.public_phone.data or "",
            zalo=form.zalo.data or "",
            pickup_at_home=bool(form.pickup_at_home.data),
            pickup_hours=form.pickup_hours.data or "",
        )
        try:
            save_shop_page(user=current_user, seller_id=seller.id, data=data, files=uploads(form.photos))
        except SellerError as exc:
            attach_errors(form, exc.errors)
        else:
            flash(_("Your shop page is saved."), "success")
            return redirect(url_for("sellers.shop_page", seller_id=seller.id))
    return render_template(
        "sellers/shop_page.html",
        seller=seller,
        form=form,
        is_owner=member.is_owner,
        pending=legal.pending_request(seller.id),
        remove_form=EmptyForm(),
        kinds=KIND_LABELS,
    ), (422 if form.errors else 200)


@bp.route("/ban-hang/<int:seller_id>/trang-cua-hang/anh/<int:image_id>/xoa", methods=["POST"])
@seller_required
def shop_photo_delete(seller_id: int, image_id: int):
    if EmptyForm().validate_on_submit():
        remove_shop_photo(user=current_user, seller_id=seller_id, image_id=image_id)
        flash(_("The photo is removed."), "success")
    return redirect(url_for("sellers.shop_page", seller_id=seller_id))


@bp.route("/ban-hang/<int:seller_id>/thong-tin-phap-ly", methods=["GET", "POST"])
@seller_required
def legal_change(seller_id: int):
    member = membership(current_user, seller_id)
    seller = member.seller
    form = LegalChangeForm(formdata=None if request.method == "GET" else request.form, obj=seller)
    form.kind.choices = [(k, str(v)) for k, v in KIND_LABELS.items()]
    if form.validate_on_submit():  # the service refuses anyone but the owner
        data = legal.LegalDetails(
            name=form.name.data or "",
            kind=form.kind.data or "",
            registration_no=form.registration_no.data or "",
            note=form.note.data or "",
        )
        try:
            legal.request_change(user=current_user, seller_id=seller.id, data=data)
        except SellerError as exc:
            attach_errors(form, exc.errors)
        else:
            flash(_("Sent. The union will check the change and tell you here."), "success")
            return redirect(url_for("sellers.shop_page", seller_id=seller.id))
    return render_template(
        "sellers/legal_change.html",
        seller=seller,
        form=form,
        is_owner=member.is_owner,
        pending=legal.pending_request(seller.id),
        kinds=KIND_LABELS,
    ), (422 if form.errors else 200)
