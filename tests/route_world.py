"""A small world with one account of each role and a row of every kind a route can name.

The route × role matrix (tests/core/test_route_matrix.py) fills each URL rule's arguments from it,
and the junk-input test (tests/core/test_junk_input.py) signs in as these people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from werkzeug.routing import Rule

from app.accounts.models import Address, Notification
from app.catalog.images import process_image
from app.catalog.models import ProductImage
from app.consignments.models import Consignment
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.vocab import OrderStatus, PaymentStatus
from app.orders.models import FavouriteProduct
from app.payments.models import Payment, Refund, TransferConfirmation
from app.sellers.models import SellerChangeRequest, SellerDocument, SellerImage, SellerInvitation
from tests import factories
from tests.payments import factories as pay_factories
from tests.reviews import factories as review_factories
from tests.sellers.factories import png_bytes

ROLES = ("anonymous", "shopper", "member", "outlet", "staff")
EMAILS = {
    "shopper": "khach@example.vn",
    "member": "chu@htx.vn",
    "outlet": "banhang@example.vn",
    "staff": "canbo@example.vn",
}
NO_SUCH_ROW = 999_999  # ids of rows the world does not hold (statement lines, imports, a card refund)
REPORT = "doanh-so-theo-thang"  # a report every audience may read


@dataclass
class World:
    values: dict[str, object]
    slugs: dict[str, str]
    # Where one endpoint needs another row than the shared value of the same name (a transfer order's
    # number for its QR code, a line still to review, a sitemap page): endpoint -> {argument: value}.
    by_endpoint: dict[str, dict[str, object]] = field(default_factory=dict)

    def url(self, rule: Rule) -> str:
        """The rule's URL with every argument taken from the world (a rule's own defaults stay)."""
        values = {}
        own = self.by_endpoint.get(rule.endpoint, {})
        for name in rule.arguments - set(rule.defaults or ()):
            if name in own:
                values[name] = own[name]
            elif name == "slug":
                values[name] = self.slugs[rule.endpoint]
            else:
                values[name] = self.values[name]
        return rule.build(values, append_unknown=False)[1]


def build_world() -> World:
    """Accounts of every role, an approved seller with a product, photos, document and second member,
    an outlet with stock, a consignment and the shopper's order routed to that outlet; and the rows the
    shopper's, member's and staff's own pages name: her received order (a line reviewed, a line to review,
    a refund waiting for her bank account), her transfer order waiting for a second staff member's approval,
    her address, notice and favourite, an invitation to her from the member's seller, that seller's request
    to change its legal details, a second outlet with its own clerk and a category without products."""
    shopper = factories.user(email=EMAILS["shopper"])
    owner = factories.user(email=EMAILS["member"])
    helper = factories.user(email="phu@htx.vn")
    clerk = factories.user(email=EMAILS["outlet"], role="outlet")
    staff = factories.user(email=EMAILS["staff"], role="staff")
    seller = factories.seller(status="approved", members=[owner])
    second = factories.add_member(seller, helper)
    outlet = factories.outlet(staff=clerk)
    product = factories.product(seller_obj=seller)
    factories.stock(variant=product.variants[0], outlet_obj=outlet, on_hand=20)
    desk = _seller_desk_rows(seller, product, outlet)
    order = pay_factories.order(method="cash", user=shopper, outlet_obj=outlet, sellers=[seller])
    received, refund = _received_order(shopper, outlet, seller, staff)
    reviewed, to_review = received.lines
    review = review_factories.review(shopper, reviewed, 5, "Rau tươi, đóng gói cẩn thận.")
    transfer, confirmation = _transfer_awaiting_approval(shopper, outlet, seller)
    hers = _her_account_rows(shopper, product, outlet, order)
    invitation = SellerInvitation(seller_id=seller.id, email=EMAILS["shopper"], invited_by_id=owner.id)
    legal_change = SellerChangeRequest(
        seller_id=seller.id, requested_by_id=owner.id, name=f"{seller.name} Đồng Nai", kind="cooperative",
        registration_no="3600123456", note="Đổi tên theo giấy phép mới.",
    )  # fmt: skip
    other_clerk = factories.user(email="thungan@example.vn", role="outlet")
    other_outlet = factories.outlet(staff=other_clerk)
    spare_category = factories.category(name_vi="Quà tặng")
    db.session.add_all([invitation, legal_change])
    db.session.commit()
    return World(
        values={
            "seller_id": seller.id,
            "product_id": product.id,
            "variant_id": product.variants[0].id,
            "image_id": desk["image"].id,
            "document_id": desk["document"].id,
            "member_id": second.id,
            "consignment_id": desk["consignment"].id,
            "shipment_id": order.shipments[0].id,
            "number": order.number,
            "token": "khong-hop-le",
            "day": "2026-06-03",
            "key": f"{desk['image'].storage_key}/320.webp",
            "direction": "giao",
            "action": "an",
            "line_id": NO_SUCH_ROW,
            "refund_id": NO_SUCH_ROW,
            "import_id": NO_SUCH_ROW,
            "invitation_id": invitation.id,
            "answer": "nhan",
            "review_id": review.id,
            "notice_id": hers["notice"].id,
            "address_id": hers["address"].id,
            "favourite_id": hers["favourite"].id,
            "outlet_id": other_outlet.id,
            "user_id": other_clerk.id,
            "category_id": spare_category.id,
            "confirmation_id": confirmation.id,
            "decision": "duyet",
            "request_id": legal_change.id,
            "provider": "sepay",
            "fmt": "csv",
            "kind": "csv",
        },
        slugs={
            "catalog.product": product.slug,
            "catalog.seller": seller.slug,
            "catalog.outlet": outlet.slug,
            "catalog.category": product.category.slug,
            "api.product": product.slug,
            "api.seller": seller.slug,
            "reviews.product_reviews": product.slug,
            "reports.staff_report": REPORT,
            "reports.outlet_report": REPORT,
            "reports.seller_report": REPORT,
        },
        by_endpoint={
            "sellers.shop_photo_delete": {"image_id": desk["shop_photo"].id},
            "reviews.write": {"line_id": to_review.id},
            "payments.payout_account": {"number": received.number, "refund_id": refund.id},
            "payments.complete_refund": {"refund_id": refund.id},
            "payments.qr_png": {"number": transfer.number},
            "payments.payment_status": {"number": transfer.number},
            "catalog.sitemap_products": {"number": 1},
        },
    )


def _seller_desk_rows(seller, product, outlet) -> dict:
    """The product's photo, a photo of the seller's shop page, a document (its file kept privately)
    and a consignment sent to the outlet."""
    photo, shop = process_image(png_bytes((64, 64))), process_image(png_bytes((48, 48)))
    rows = {
        "image": ProductImage(product_id=product.id, storage_key=photo.key, width=64, height=64),
        "shop_photo": SellerImage(seller_id=seller.id, storage_key=shop.key, width=48, height=48),
        "document": SellerDocument(
            seller_id=seller.id, title="Giấy phép", original_name="giay-phep.pdf", content_type="application/pdf",
            storage_key=f"{seller.id}/giay-phep.pdf", size_bytes=10,
        ),
        "consignment": Consignment(seller_id=seller.id, outlet_id=outlet.id, direction="delivery", status="sent"),
    }  # fmt: skip
    db.session.add_all(rows.values())
    db.session.flush()
    # Documents live beside the test's media folder, never in the working tree's instance/.
    private = Path(current_app.config["MEDIA_ROOT"]).parent / "private"
    current_app.config["PRIVATE_DOCUMENTS_ROOT"] = str(private)
    (private / "documents" / str(seller.id)).mkdir(parents=True, exist_ok=True)
    (private / "documents" / rows["document"].storage_key).write_bytes(b"%PDF-1.4 giay phep")
    return rows


def _her_account_rows(shopper, product, outlet, order) -> dict:
    """The shopper's saved address, a notice about her order and the product she favourited at the outlet."""
    rows = {
        "address": Address(
            user_id=shopper.id, recipient="Trần Thị Hoa", phone="0912345678", province_code=75, ward_code=25210,
            street="12 Phú Riềng Đỏ", is_default=True,
        ),
        "notice": Notification(
            user_id=shopper.id, kind="order", message="Đơn hàng của chị đã sẵn sàng.", link=f"/don-hang/{order.number}"
        ),
        "favourite": FavouriteProduct(user_id=shopper.id, product_id=product.id, outlet_id=outlet.id),
    }  # fmt: skip
    db.session.add_all(rows.values())
    db.session.flush()
    return rows


def _received_order(shopper, outlet, seller, staff):
    """Her order of two lines, paid by transfer and handed over, with a refund of the first line's
    money waiting for the bank account she wants it sent to."""
    order = pay_factories.order(
        method="vietqr", prices=(90000, 60000), quantity=1, user=shopper, outlet_obj=outlet, sellers=[seller]
    )
    order.status = order.shipments[0].status = OrderStatus.COMPLETED
    order.shipments[0].completed_at = utcnow()
    payment = _payment_of(order)
    payment.status, payment.paid_vnd = PaymentStatus.PAID, order.total_vnd
    refund = Refund(
        payment_id=payment.id, amount_vnd=90000, reason="Yến sào bị móp hộp.", created_by_id=staff.id,
        idempotency_key=f"hoan-{order.number}",
    )  # fmt: skip
    db.session.add(refund)
    db.session.commit()
    return order, refund


def _payment_of(order) -> Payment:
    return db.session.scalar(select(Payment).where(Payment.order_id == order.id))


def _transfer_awaiting_approval(shopper, outlet, seller):
    """Her order waiting for a transfer that one staff member confirmed for less than is due."""
    order = pay_factories.order(method="vietqr", user=shopper, outlet_obj=outlet, sellers=[seller])
    cashier = factories.user(email="ketoan@example.vn", role="staff")
    confirmation = TransferConfirmation(
        payment_id=_payment_of(order).id, amount_vnd=order.total_vnd - 1000, expected_vnd=order.total_vnd,
        note="Khách chuyển thiếu 1.000 ₫ phí ngân hàng.", requested_by_id=cashier.id,
    )  # fmt: skip
    db.session.add(confirmation)
    db.session.flush()
    return order, confirmation


def signed_in(app, role: str):
    """A test client signed in as the world's account of this role (none for anonymous)."""
    client = app.test_client()
    if role != "anonymous":
        response = client.post("/dang-nhap", data={"identifier": EMAILS[role], "password": factories.PASSWORD})
        assert response.status_code == 302, f"{role} could not sign in"
    return client
