"""A small world with one account of each role and a row of every kind a route can name.

The route × role matrix (tests/core/test_route_matrix.py) fills each URL rule's arguments from it,
and the junk-input test (tests/core/test_junk_input.py) signs in as these people.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from werkzeug.routing import Rule

from app.catalog.images import process_image
from app.catalog.models import ProductImage
from app.consignments.models import Consignment
from app.core.extensions import db
from app.sellers.models import SellerDocument
from tests import factories
from tests.payments import factories as pay_factories
from tests.sellers.factories import png_bytes

ROLES = ("anonymous", "shopper", "member", "outlet", "staff")
EMAILS = {
    "shopper": "khach@example.vn",
    "member": "chu@htx.vn",
    "outlet": "banhang@example.vn",
    "staff": "canbo@example.vn",
}
NO_SUCH_ROW = 999_999  # ids of rows the world does not hold (statement lines, refunds, imports)


@dataclass
class World:
    values: dict[str, object]
    slugs: dict[str, str]

    def url(self, rule: Rule) -> str:
        """The rule's URL with every argument taken from the world."""
        values = {}
        for name in rule.arguments:
            if name == "slug":
                values[name] = self.slugs[rule.endpoint]
            else:
                values[name] = self.values[name]
        return rule.build(values, append_unknown=False)[1]


def build_world() -> World:
    """Accounts of every role, an approved seller with a product, photo, document and second member,
    an outlet with stock, a consignment and the shopper's order routed to that outlet."""
    shopper = factories.user(email=EMAILS["shopper"])
    owner = factories.user(email=EMAILS["member"])
    helper = factories.user(email="phu@htx.vn")
    clerk = factories.user(email=EMAILS["outlet"], role="outlet")
    factories.user(email=EMAILS["staff"], role="staff")
    seller = factories.seller(status="approved", members=[owner])
    second = factories.add_member(seller, helper)
    outlet = factories.outlet(staff=clerk)
    product = factories.product(seller_obj=seller)
    factories.stock(variant=product.variants[0], outlet_obj=outlet, on_hand=20)
    photo = process_image(png_bytes((64, 64)))
    image = ProductImage(product_id=product.id, storage_key=photo.key, width=64, height=64)
    document = SellerDocument(
        seller_id=seller.id,
        title="Giấy phép",
        original_name="giay-phep.pdf",
        content_type="application/pdf",
        storage_key=f"{seller.id}/giay-phep.pdf",
        size_bytes=10,
    )
    consignment = Consignment(seller_id=seller.id, outlet_id=outlet.id, direction="delivery", status="sent")
    db.session.add_all([image, document, consignment])
    db.session.flush()
    # Documents live beside the test's media folder, never in the working tree's instance/.
    private = Path(current_app.config["MEDIA_ROOT"]).parent / "private"
    current_app.config["PRIVATE_DOCUMENTS_ROOT"] = str(private)
    (private / "documents" / str(seller.id)).mkdir(parents=True, exist_ok=True)
    (private / "documents" / document.storage_key).write_bytes(b"%PDF-1.4 giay phep")
    order = pay_factories.order(method="cash", user=shopper, outlet_obj=outlet, sellers=[seller])
    db.session.commit()
    return World(
        values={
            "seller_id": seller.id,
            "product_id": product.id,
            "variant_id": product.variants[0].id,
            "image_id": image.id,
            "document_id": document.id,
            "member_id": second.id,
            "consignment_id": consignment.id,
            "shipment_id": order.shipments[0].id,
            "number": order.number,
            "token": "khong-hop-le",
            "day": "2026-06-03",
            "key": f"{photo.key}/320.webp",
            "direction": "giao",
            "action": "an",
            "line_id": NO_SUCH_ROW,
            "refund_id": NO_SUCH_ROW,
            "import_id": NO_SUCH_ROW,
        },
        slugs={
            "catalog.product": product.slug,
            "catalog.seller": seller.slug,
            "catalog.outlet": outlet.slug,
            "catalog.category": product.category.slug,
            "api.product": product.slug,
            "api.seller": seller.slug,
        },
    )


def signed_in(app, role: str):
    """A test client signed in as the world's account of this role (none for anonymous)."""
    client = app.test_client()
    if role != "anonymous":
        response = client.post("/dang-nhap", data={"identifier": EMAILS[role], "password": factories.PASSWORD})
        assert response.status_code == 302, f"{role} could not sign in"
    return client
