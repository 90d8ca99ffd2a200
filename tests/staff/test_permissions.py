"""Who may see and do what: every role against every seller, staff and outlet action."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import app.models  # noqa: F401  (load every domain before app.outlets)
from app.consignments.models import Consignment, ConsignmentLine
from app.core.extensions import db
from app.sellers.documents import check_document
from app.sellers.models import SellerDocument
from app.sellers.services import attach_documents
from tests import factories
from tests.sellers.factories import pdf_bytes

ROLES = ("anonymous", "shopper", "member", "owner", "other_seller", "outlet", "other_outlet", "staff")
LOGIN = 302  # sent to the sign-in page

# action -> expected status per role, in ROLES order
MATRIX = {
    "seller overview": (LOGIN, 403, 200, 200, 404, 403, 403, 403),
    "product list": (LOGIN, 403, 200, 200, 404, 403, 403, 403),
    "product editor": (LOGIN, 403, 200, 200, 404, 403, 403, 403),
    "publish product": (LOGIN, 403, 302, 302, 404, 403, 403, 403),
    "consignments": (LOGIN, 403, 200, 200, 404, 403, 403, 403),
    "members": (LOGIN, 403, 200, 200, 404, 403, 403, 403),
    "invite member": (LOGIN, 403, 403, 302, 404, 403, 403, 403),  # an invitation goes out, account or not
    "document": (LOGIN, 404, 200, 200, 404, 404, 404, 200),
    "review queue": (LOGIN, 403, 403, 403, 403, 403, 403, 200),
    "application page": (LOGIN, 403, 403, 403, 403, 403, 403, 200),
    "decide": (LOGIN, 403, 403, 403, 403, 403, 403, 302),
    "register on behalf": (LOGIN, 403, 403, 403, 403, 403, 403, 200),
    "moderation queue": (LOGIN, 403, 403, 403, 403, 403, 403, 200),
    "hide product": (LOGIN, 403, 403, 403, 403, 403, 403, 302),
    "audit trail": (LOGIN, 403, 403, 403, 403, 403, 403, 200),
    "outlet consignments": (LOGIN, 403, 403, 403, 403, 200, 200, 403),
    "confirm consignment": (LOGIN, 403, 403, 403, 403, 200, 404, 403),
}


@pytest.fixture
def world(app, tmp_path):
    people = {
        "shopper": factories.user(email="shopper@x.vn"),
        "member": factories.user(email="member@x.vn"),
        "owner": factories.user(email="owner@x.vn"),
        "other_seller": factories.user(email="other_seller@x.vn"),
        "outlet": factories.user(email="outlet@x.vn", role="outlet"),
        "other_outlet": factories.user(email="other_outlet@x.vn", role="outlet"),
        "staff": factories.user(email="staff@x.vn", role="staff"),
    }
    seller = factories.seller(status="approved", members=[people["owner"]])
    factories.add_member(seller, people["member"])
    factories.seller(members=[people["other_seller"]])
    pending = factories.seller(status="pending")
    product = factories.product(seller_obj=seller, status="draft")
    outlet = factories.outlet(staff=people["outlet"])
    factories.outlet(staff=people["other_outlet"])
    consignment = Consignment(seller_id=seller.id, outlet_id=outlet.id)
    consignment.lines = [ConsignmentLine(variant_id=product.variants[0].id, quantity_sent=2)]
    db.session.add(consignment)
    attach_documents(seller, [check_document(pdf_bytes(), "giay.pdf")], uploader_id=people["owner"].id)
    factories.user(email="newbie@x.vn")
    db.session.commit()
    doc = db.session.scalar(select(SellerDocument))
    s, p, c = seller.id, product.id, consignment.id
    actions = {
        "seller overview": ("GET", f"/ban-hang/{s}", None),
        "product list": ("GET", f"/ban-hang/{s}/san-pham", None),
        "product editor": ("GET", f"/ban-hang/{s}/san-pham/{p}", None),
        "publish product": ("POST", f"/ban-hang/{s}/san-pham/{p}/trang-thai", {"status": "active"}),
        "consignments": ("GET", f"/ban-hang/{s}/ky-gui", None),
        "members": ("GET", f"/ban-hang/{s}/thanh-vien", None),
        "invite member": ("POST", f"/ban-hang/{s}/thanh-vien", {"email": "nobody@x.vn"}),
        "document": ("GET", f"/tai-lieu/{doc.id}", None),
        "review queue": ("GET", "/quan-tri/nguoi-ban", None),
        "application page": ("GET", f"/quan-tri/nguoi-ban/{pending.id}", None),
        "decide": ("POST", f"/quan-tri/nguoi-ban/{pending.id}/quyet-dinh", {"action": "approve"}),
        "register on behalf": ("GET", "/quan-tri/nguoi-ban/moi", None),
        "moderation queue": ("GET", "/quan-tri/san-pham", None),
        "hide product": ("POST", f"/quan-tri/san-pham/{p}/an", {"reason": "Kiểm tra"}),
        "audit trail": ("GET", "/quan-tri/nhat-ky", None),
        "outlet consignments": ("GET", "/cua-hang-ban/hang-ky-gui", None),
        "confirm consignment": ("GET", f"/cua-hang-ban/hang-ky-gui/{c}", None),
    }
    return people, actions


@pytest.mark.parametrize("action", list(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_role_action_matrix(client, auth, world, role, action):
    people, actions = world
    if role != "anonymous":
        auth.login(people[role].email)
    method, url, data = actions[action]
    response = client.get(url) if method == "GET" else client.post(url, data=data)
    expected = MATRIX[action][ROLES.index(role)]
    assert response.status_code == expected, f"{role} → {action}: {response.status_code}"
    if expected == LOGIN and role == "anonymous":
        assert "/dang-nhap" in response.location


def test_a_document_is_served_with_its_real_type_and_never_cached(client, auth, world):
    people, actions = world
    auth.login(people["staff"].email)
    response = client.get(actions["document"][1])
    assert response.mimetype == "application/pdf"
    assert response.data == pdf_bytes()
    assert "no-store" in response.headers["Cache-Control"]


def test_no_document_url_is_public(client, world):
    doc = db.session.scalar(select(SellerDocument))
    assert client.get(f"/media/{doc.storage_key}").status_code == 404
