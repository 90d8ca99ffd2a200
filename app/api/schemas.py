"""JSON Schemas of the API's answers, registered in the OpenAPI document as components."""

from __future__ import annotations

from app.catalog.listing import MAX_RESULTS
from app.catalog.models import CERTIFICATIONS
from app.sellers.models import SELLER_KINDS


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: dict, *, optional: tuple[str, ...] = ()) -> dict:
    """A closed object: every listed property is required unless named optional."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
COUNT = {"type": "integer", "minimum": 0}
NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_INTEGER = {"type": ["integer", "null"]}
URL = {"type": "string", "format": "uri"}


def page_of(item: str) -> dict:
    return obj(
        {
            "items": {"type": "array", "items": ref(item)},
            "total": COUNT,
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
            "pages": {"type": "integer", "minimum": 1},
        }
    )


SCHEMAS: dict[str, dict] = {
    "Error": obj({"error": obj({"code": STRING, "message": STRING})}),
    "CategoryRef": obj({"slug": STRING, "name": STRING, "name_en": STRING}),
    "SellerRef": obj({"slug": STRING, "name": STRING, "kind": {"type": "string", "enum": list(SELLER_KINDS)}}),
    "Rating": obj(
        {
            "average": {
                "type": ["number", "null"],
                "minimum": 1,
                "maximum": 5,
                "description": "Buyers' average stars to one decimal; null before the first review",
            },
            "count": {**COUNT, "description": "Reviews shown (hidden ones are not counted)"},
        }
    ),
    "Image": obj({"url": URL, "thumbnail": URL, "width": COUNT, "height": COUNT, "alt": STRING}),
    "Variant": obj(
        {
            "sku": STRING,
            "label": STRING,
            "price_vnd": {"type": "integer", "minimum": 1, "description": "Whole đồng"},
            "price_per_kg_vnd": NULLABLE_INTEGER,
            "weight_grams": COUNT,
            "available": {**COUNT, "description": "Units on hand minus reserved, over active outlets"},
        }
    ),
    "Product": obj(
        {
            "slug": STRING,
            "name": STRING,
            "url": URL,
            "summary": STRING,
            "category": ref("CategoryRef"),
            "seller": ref("SellerRef"),
            "ocop_stars": {"type": ["integer", "null"], "minimum": 1, "maximum": 5},
            "certifications": {"type": "array", "items": {"type": "string", "enum": list(CERTIFICATIONS)}},
            "rating": ref("Rating"),
            "price_from_vnd": NULLABLE_INTEGER,
            "available": COUNT,
            "image": {"oneOf": [ref("Image"), {"type": "null"}]},
            "variants": {"type": "array", "items": ref("Variant")},
        }
    ),
    "OutletStock": obj(
        {
            "slug": STRING,
            "name": STRING,
            "short_name": {**STRING, "description": "The place shoppers know the outlet by, or empty"},
            "url": URL,
            "available": COUNT,
        }
    ),
    "Origin": obj(
        {
            "province_code": NULLABLE_INTEGER,
            "province": NULLABLE_STRING,
            "ward_code": NULLABLE_INTEGER,
            "ward": NULLABLE_STRING,
        }
    ),
    "Category": obj({"slug": STRING, "name": STRING, "name_en": STRING, "parent": NULLABLE_STRING, "url": URL}),
    "Seller": obj(
        {
            "slug": STRING,
            "name": STRING,
            "kind": {"type": "string", "enum": list(SELLER_KINDS)},
            "url": URL,
            "ward": NULLABLE_STRING,
            "province": NULLABLE_STRING,
            "members_count": COUNT,
            "women_members_count": COUNT,
            "story": STRING,
            "product_count": COUNT,
        }
    ),
    "Outlet": obj(
        {
            "slug": STRING,
            "name": STRING,
            "url": URL,
            "street": STRING,
            "ward": NULLABLE_STRING,
            "province": NULLABLE_STRING,
            "latitude": {"type": ["number", "null"]},
            "longitude": {"type": ["number", "null"]},
            "map_url": {"type": ["string", "null"], "format": "uri"},
            "phone": STRING,
            "hours": STRING,
            "opens_at": STRING,
            "closes_at": STRING,
            "offers_pickup": {"type": "boolean"},
            "offers_delivery": {"type": "boolean"},
        }
    ),
    "ProductPage": obj(
        {
            **page_of("Product")["properties"],
            "total": {
                **COUNT,
                "maximum": MAX_RESULTS,
                "description": f"Matching products, counted up to {MAX_RESULTS:,}; `capped` says whether more match",
            },
            "capped": {
                "type": "boolean",
                "description": f"More than {MAX_RESULTS:,} products match: only the first {MAX_RESULTS:,} in the "
                "chosen order can be paged through; narrow the search to reach the others",
            },
        }
    ),
    "SellerPage": page_of("Seller"),
    "CategoryList": obj({"items": {"type": "array", "items": ref("Category")}, "total": COUNT}),
    "OutletList": obj({"items": {"type": "array", "items": ref("Outlet")}, "total": COUNT}),
}

# The product detail is a product with more fields; spelt out so the object stays closed.
SCHEMAS["ProductDetail"] = obj(
    {
        **SCHEMAS["Product"]["properties"],
        "description": STRING,
        "origin": ref("Origin"),
        "images": {"type": "array", "items": ref("Image")},
        "outlets": {"type": "array", "items": ref("OutletStock")},
    }
)
