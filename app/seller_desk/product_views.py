"""Seller dashboard: the product list and the product editor."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.catalog import editing as products
from app.catalog.editing import ProductData, VariantData
from app.core.forms import EmptyForm, attach_errors
from app.core.ratelimits import limit_uploads
from app.seller_desk import bp
from app.seller_desk.choices import CERT_LABELS, PRODUCT_STATUS_LABELS, UNIT_LABELS, setup_product_form
from app.sellers.access import seller_required
from app.sellers.forms import ProductForm
from app.sellers.services import SellerError, seller_for_member

EXTRA_VARIANT_ROWS = 1


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


def _editor(form: ProductForm, seller, product):
    while len(form.variants.entries) < (len(product.variants) if product else 0) + EXTRA_VARIANT_ROWS:
        form.variants.append_entry()
    return render_template(
        "sellers/product_form.html",
        form=form,
        seller=seller,
        product=product,
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
    if form.is_submitted() and "refresh" not in request.form and form.validate():
        try:
            product = products.save_product(
                user=current_user, seller_id=seller.id, data=product_data(form), files=_files(form)
            )
        except SellerError as exc:
            attach_errors(form, exc.errors)
        else:
            flash(_("The product is saved as a draft."), "success")
            return redirect(url_for("sellers.product_edit", seller_id=seller.id, product_id=product.id))
    return _editor(form, seller, None)


@bp.route("/ban-hang/<int:seller_id>/san-pham/<int:product_id>", methods=["GET", "POST"])
@seller_required
@limit_uploads
def product_edit(seller_id: int, product_id: int):
    product = products.product_for_member(user=current_user, seller_id=seller_id, product_id=product_id)
    form = ProductForm()
    if request.method == "GET":
        _fill_from(form, product)
    setup_product_form(form, products.categories())
    if form.is_submitted() and "refresh" not in request.form and form.validate():
        try:
            products.save_product(
                user=current_user,
                seller_id=seller_id,
                product_id=product.id,
                data=product_data(form),
                files=_files(form),
            )
        except SellerError as exc:
            attach_errors(form, exc.errors)
        else:
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("sellers.product_edit", seller_id=seller_id, product_id=product.id))
    return _editor(form, product.seller, product)


def _files(form: ProductForm) -> list[tuple[bytes, str]]:
    return [(f.read(), f.filename) for f in (form.photos.data or []) if getattr(f, "filename", "")]


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
