"""Search-engine helpers: absolute canonical URLs and schema.org Product data."""

from __future__ import annotations

from app.catalog.models import Product
from app.core.urls import absolute, external_url


def image_url(product: Product, size: int = 1280) -> str | None:
    """The absolute URL of the product's first photo at a given width, if it has one."""
    if not product.images:
        return None
    return absolute(f"/media/{product.images[0].storage_key}/{size}.webp")


def product_json_ld(product: Product, stock_by_variant: dict[int, int]) -> dict:
    """schema.org Product with one Offer per active variant, prices in VND."""
    url = external_url("catalog.product", slug=product.slug)
    offers = [
        {
            "@type": "Offer",
            "sku": v.sku,
            "name": v.label,
            "price": str(v.price_vnd),
            "priceCurrency": "VND",
            "availability": "https://schema.org/InStock"
            if stock_by_variant.get(v.id, 0) > 0
            else "https://schema.org/OutOfStock",
            "url": url,
        }
        for v in product.variants
        if v.is_active
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": product.summary or product.description[:300],
        "sku": product.slug,
        "url": url,
        "category": product.category.name_vi,
        "brand": {"@type": "Organization", "name": product.seller.name},
        "offers": offers,
    }
    if product.images:
        data["image"] = [image_url(product)]
    return data
