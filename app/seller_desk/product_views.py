"""Seller dashboard: the product list, the product editor and archiving (a separate, confirmed step)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.catalog import editing as products
from app.catalog import photos
from app.catalog.editing import ProductData, VariantData
from app.core.forms import EmptyForm, attach_errors, field_errors
from app.core.ratelimits import limit_uploads
from app.seller_desk import bp
from app.seller_desk.choices import CERT_LABELS, PRODUCT_STATUS_LABELS, UNIT_LABELS, setup_product_form
from app.seller_desk.preview import preview_card
from app.sellers.access import seller_required
from app.sellers.forms import ProductForm
from app.sellers.services import SellerError, seller_for_member

NEW_PRODUCT_ROWS = 3  # without JavaScript she still has room for three sizes before the first save
EXTRA_VARIANT_ROWS = 2


def product_data(form: ProductForm) -> ProductData:
    """The editor's fields as the service's input."""
    return ProductData(
        name=form.name.data or "",
        category_id=form.category_id.data or None,
        summary=form.summary.data or "",
        description=form.description.data or "",
        unit=form.unit.data or "",
        sold_by_weight=bool(form.sold_by_weight.data),
        origin_province_code=form.origin_province_code.data or None,
        origin_ward_code=form.origin_ward_code.data or None,
        ocop_stars=form.ocop_stars.data or None,
        certifications=list(form.certifications.data or []),
        variants=[
            VariantData(
                id=int(row.id.data) if (row.id.data or "").isdigit() else None,
                label=row.label.data or "",
                sku=row.sku.data or "",
                price_vnd=row.price_vnd.data,
                weight_grams=row.weight_grams.data,
                is_active=bool(row.is_active.data),
            )
            for row in (entry.form for entry in form.variants.entries)
        ],
    )


def _fill_from(form: ProductForm, product) -> None:
    form.process(obj=product)  # variants fill their rows (ids included) from the product's variants
    form.certifications.data = product.certification_codes
    form.ocop_stars.data = product.ocop_stars or 0
    form.origin_ward_code.data = product.origin_ward_code or 0


def _draft_ids() -> list[int]:
    return [int(v) for v in request.form.getlist("draft_images") if v.isdigit()][: photos.MAX_PHOTOS * 2]


def _files(form: ProductForm) -> list[tuple[bytes, str]]:
    return [(f.read(), f.filename) for f in (form.photos.data or []) if getattr(f, "filename", "")]


def _save(form: ProductForm, seller_id: int, product_id: int | None = None):
    """Validate and save; on refusal the messages go next to their fields. Returns (product or None, drafts)."""
    input_errors = {} if form.validate() else field_errors(form)
    try:
        product = products.save_product(
            user=current_user,
            seller_id=seller_id,
            product_id=product_id,
            data=product_data(form),
            files=_files(form),
            draft_ids=_draft_ids(),
            input_errors=input_errors,
        )
    except products.ProductRefused as exc:
        attach_errors(form, {k: v for k, v in exc.errors.items() if k not in input_errors})
        return None, exc.drafts
    return product, []


def _editor(form: ProductForm, seller, product, drafts):
    wanted = len(product.variants) + EXTRA_VARIANT_ROWS if product else NEW_PRODUCT_ROWS
    while len(form.variants.entries) < wanted:
        form.variants.append_entry()
    return render_template(
        "sellers/product_form.html",
        form=form,
        seller=seller,
        product=product,
        drafts=drafts,
        preview=preview_card(form, seller, product, drafts),
        status_form=EmptyForm(),
        status_labels=PRODUCT_STATUS_LABELS,
        units=UNIT_LABELS,
        certs=CERT_LABELS,
    )


@bp.route("/ban-hang/<int:seller_id>/san-pham")
@seller_required
def products_list(seller_id: int):
    seller, rows = products.products_of(user=current_user, seller_id=seller_id)
    return render_template(
        "sellers/products.html", seller=seller, products=rows, status_labels=PRODUCT_STATUS_LABELS, units=UNIT_LABELS
    )


@bp.route("/ban-hang/<int:seller_id>/san-pham/moi", methods=["GET", "POST"])
@seller_required
@limit_uploads
def product_new(seller_id: int):
    seller = seller_for_member(current_user, seller_id)
    form = ProductForm()
    setup_product_form(form, products.categories())
    drafts = photos.drafts_of(user_id=current_user.id, seller_id=seller.id, ids=_draft_ids())
    if form.is_submitted() and "refresh" not in request.form:
        product, drafts = _save(form, seller.id)
        if product is not None:
            flash(_("The product is saved as a draft."), "success")
            return redirect(url_for("sellers.product_edit", seller_id=seller.id, product_id=product.id))
    return _editor(form, seller, None, drafts)


@bp.route("/ban-hang/<int:seller_id>/san-pham/<int:product_id>", methods=["GET", "POST"])
@seller_required
@limit_uploads
def product_edit(seller_id: int, product_id: int):
    product = products.product_for_member(user=current_user, seller_id=seller_id, product_id=product_id)
    form = ProductForm()
    if request.method == "GET":
        _fill_from(form, product)
    setup_product_form(form, products.categories())
    drafts = photos.drafts_of(user_id=current_user.id, seller_id=seller_id, ids=_draft_ids())
    if form.is_submitted() and "refresh" not in request.form:
        saved, drafts = _save(form, seller_id, product.id)
        if saved is not None:
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("sellers.product_edit", seller_id=seller_id, product_id=product.id))
    return _editor(form, product.seller, product, drafts)


@bp.route("/ban-hang/<int:seller_id>/san-pham/<int:product_id>/trang-thai", methods=["POST"])
@seller_required
def product_status(seller_id: int, product_id: int):
    if EmptyForm().validate_on_submit():
        try:
            products.set_status(
                user=current_user, seller_id=seller_id, product_id=product_id, status=request.form.get("status", "")
            )
        except SellerError as exc:
            flash(exc.message, "error")
        else:
            flash(_("The status is changed."), "success")
    return redirect(url_for("sellers.product_edit", seller_id=seller_id, product_id=product_id))


@bp.route("/ban-hang/<int:seller_id>/san-pham/<int:product_id>/luu-tru", methods=["GET", "POST"])
@seller_required
def product_archive(seller_id: int, product_id: int):
    """Archiving stands apart from saving: a page of its own that asks before it hides the product."""
    product = products.product_for_member(user=current_user, seller_id=seller_id, product_id=product_id)
    form = EmptyForm()
    if form.validate_on_submit():
        products.set_status(user=current_user, seller_id=seller_id, product_id=product.id, status="archived")
        flash(_("The product is archived. Shoppers no longer see it."), "success")
        return redirect(url_for("sellers.products_list", seller_id=seller_id))
    return render_template("sellers/archive_confirm.html", seller=product.seller, product=product, form=form)


@bp.route("/ban-hang/<int:seller_id>/san-pham/<int:product_id>/xin-duyet", methods=["POST"])
@seller_required
def product_review(seller_id: int, product_id: int):
    if EmptyForm().validate_on_submit():
        products.request_review(user=current_user, seller_id=seller_id, product_id=product_id)
        flash(_("The union will look at your product again."), "success")
    return redirect(url_for("sellers.product_edit", seller_id=seller_id, product_id=product_id))


@bp.route("/ban-hang/<int:seller_id>/san-pham/<int:product_id>/anh/<int:image_id>/xoa", methods=["POST"])
@seller_required
def photo_delete(seller_id: int, product_id: int, image_id: int):
    if EmptyForm().validate_on_submit():
        products.remove_photo(user=current_user, seller_id=seller_id, product_id=product_id, image_id=image_id)
        flash(_("The photo is removed."), "success")
    return redirect(url_for("sellers.product_edit", seller_id=seller_id, product_id=product_id))
