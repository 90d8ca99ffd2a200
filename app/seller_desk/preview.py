"""The product card as shoppers will see it, built from what the form holds (saved or not)."""

from __future__ import annotations

from types import SimpleNamespace

from app.sellers.forms import ProductForm


def _price_per_kg(price: int | None, grams: int | None, by_weight: bool) -> int | None:
    if not by_weight or not price or not grams:
        return None
    return round(price * 1000 / grams)


def preview_card(form: ProductForm, seller, product, drafts) -> SimpleNamespace:
    """An object the catalog's product_card macro can draw: the typed name, items, photos and badges."""
    by_weight = bool(form.sold_by_weight.data)
    variants = [
        SimpleNamespace(
            is_active=bool(row.is_active.data),
            price_vnd=row.price_vnd.data,
            label=row.label.data or "",
            weight_grams=row.weight_grams.data,
            price_per_kg=_price_per_kg(row.price_vnd.data, row.weight_grams.data, by_weight),
        )
        for row in (entry.form for entry in form.variants.entries)
        if row.price_vnd.data and (row.price_vnd.data or 0) > 0
    ]
    images = list(product.images) if product else []
    images += [SimpleNamespace(storage_key=d.storage_key) for d in drafts]
    codes = sorted(form.certifications.data or [])
    return SimpleNamespace(
        name=(form.name.data or "").strip() or "…",
        slug=product.slug if product else "",
        variants=variants,
        images=images,
        ocop_stars=form.ocop_stars.data or None,
        seller=seller,
        certifications=codes,
        certification_codes=codes,
    )
