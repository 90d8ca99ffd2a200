"""Models to the plain dicts the API answers with (shapes in app/api/schemas.py)."""

from __future__ import annotations

from app.catalog.models import Category, Product, ProductImage
from app.catalog.places import province_name, ward_name
from app.catalog.queries import lowest_price
from app.core.urls import absolute, external_url
from app.outlets.models import Outlet
from app.sellers.models import Seller


def image(item: ProductImage) -> dict:
    key = item.storage_key
    return {
        "url": absolute(f"/media/{key}/1280.webp"),
        "thumbnail": absolute(f"/media/{key}/320.webp"),
        "width": item.width,
        "height": item.height,
        "alt": item.alt or "",
    }


def product(item: Product, stock: dict[int, int]) -> dict:
    """A product for lists; ``stock`` maps variant id → units available."""
    variants = [v for v in item.variants if v.is_active]
    cheapest = lowest_price(item)
    return {
        "slug": item.slug,
        "name": item.name,
        "url": external_url("catalog.product", slug=item.slug),
        "summary": item.summary or "",
        "category": {"slug": item.category.slug, "name": item.category.name_vi, "name_en": item.category.name_en},
        "seller": {"slug": item.seller.slug, "name": item.seller.name, "kind": item.seller.kind},
        "ocop_stars": item.ocop_stars,
        "certifications": item.certification_codes,
        "rating": {"average": item.rating_average, "count": item.rating_count},
        "price_from_vnd": cheapest.price_vnd if cheapest else None,
        "available": sum(stock.get(v.id, 0) for v in variants),
        "image": image(item.images[0]) if item.images else None,
        "variants": [
            {
                "sku": v.sku,
                "label": v.label,
                "price_vnd": v.price_vnd,
                "price_per_kg_vnd": v.price_per_kg,
                "weight_grams": v.weight_grams,
                "available": stock.get(v.id, 0),
            }
            for v in variants
        ],
    }


def product_detail(item: Product, stock: dict[int, int], outlets: list[tuple[Outlet, int]]) -> dict:
    """A product with its description, origin, every photo and the outlets that hold it."""
    return {
        **product(item, stock),
        "description": item.description or "",
        "origin": {
            "province_code": item.origin_province_code,
            "province": province_name(item.origin_province_code),
            "ward_code": item.origin_ward_code,
            "ward": ward_name(item.origin_ward_code),
        },
        "images": [image(i) for i in item.images],
        "outlets": [
            {
                "slug": o.slug,
                "name": o.name,
                "short_name": o.short_name,
                "url": external_url("catalog.outlet", slug=o.slug),
                "available": n,
            }
            for o, n in outlets
        ],
    }


def category(item: Category, slugs: dict[int, str]) -> dict:
    return {
        "slug": item.slug,
        "name": item.name_vi,
        "name_en": item.name_en,
        "parent": slugs.get(item.parent_id) if item.parent_id else None,
        "url": external_url("catalog.category", slug=item.slug),
    }


def seller(item: Seller, product_count: int) -> dict:
    return {
        "slug": item.slug,
        "name": item.name,
        "kind": item.kind,
        "url": external_url("catalog.seller", slug=item.slug),
        "ward": ward_name(item.ward_code),
        "province": province_name(item.province_code),
        "members_count": item.members_count,
        "women_members_count": item.women_members_count,
        "story": item.story or "",
        "product_count": product_count,
    }


def outlet(item: Outlet) -> dict:
    has_place = item.latitude is not None and item.longitude is not None
    return {
        "slug": item.slug,
        "name": item.name,
        "url": external_url("catalog.outlet", slug=item.slug),
        "street": item.street,
        "ward": ward_name(item.ward_code),
        "province": province_name(item.province_code),
        "latitude": item.latitude,
        "longitude": item.longitude,
        "map_url": f"https://www.openstreetmap.org/?mlat={item.latitude:.5f}&mlon={item.longitude:.5f}"
        if has_place
        else None,
        "phone": item.phone or "",
        "hours": item.hours or "",
        "opens_at": item.opens_at,
        "closes_at": item.closes_at,
        "offers_pickup": item.offers_pickup,
        "offers_delivery": item.offers_delivery,
    }
