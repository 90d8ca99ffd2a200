"""The route × role matrix: every rule of the URL map, asked by every role, answers as declared.

MATRIX declares, for each URL rule, what a GET and a POST answer for each role, in the order
anonymous · shopper · seller member · outlet staff · union staff (one code alone: the same for all).
Codes: 200, L (302 to the sign-in page), 302 (another redirect), 400, 403, 404, 405, 409, 422.
The rule's arguments come from a small world (tests/route_world.py) where each role has its own
rows: the member's seller and product, the outlet's shipment, the shopper's order.

A rule of app.url_map without an entry fails the test: a new route must say who may open it.
Every answer is also checked for the headers the rule set promises: no 500, ``Allow`` on 405,
``Cache-Control: no-store`` on personal pages.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from app import create_app
from app.config import TestConfig
from app.core.extensions import db
from app.core.headers import is_personal
from tests.conftest import ON_POSTGRES, _empty_postgres, _fresh_request_state, _reset_postgres
from tests.route_world import ROLES, build_world, signed_in

MATRIX: dict[str, tuple[str, str]] = {
    "/": ("200", "405"),
    "/api/v1/categories": ("200", "405"),
    "/api/v1/openapi.json": ("200", "405"),
    "/api/v1/outlets": ("200", "405"),
    "/api/v1/products": ("200", "405"),
    "/api/v1/products/<slug>": ("200", "405"),
    "/api/v1/sellers": ("200", "405"),
    "/api/v1/sellers/<slug>": ("200", "405"),
    "/ban-hang": ("L 302 302 302 302", "405"),  # a member of one seller goes straight to her desk
    "/ban-hang/<int:seller_id>": ("L 403 200 403 403", "405"),
    "/ban-hang/<int:seller_id>/gui-duyet": ("405", "L 403 302 403 403"),
    "/ban-hang/<int:seller_id>/ho-so": ("L 403 302 403 403", "L 403 302 403 403"),
    "/ban-hang/<int:seller_id>/ky-gui": ("L 403 200 403 403", "L 403 200 403 403"),
    "/ban-hang/<int:seller_id>/ky-gui/<any(giao,tra):direction>": ("L 403 200 403 403", "L 403 200 403 403"),
    "/ban-hang/<int:seller_id>/ky-gui/<int:consignment_id>/huy": ("405", "L 403 302 403 403"),
    "/ban-hang/<int:seller_id>/san-pham": ("L 403 200 403 403", "405"),
    "/ban-hang/<int:seller_id>/san-pham/<int:product_id>": ("L 403 200 403 403", "L 403 200 403 403"),
    "/ban-hang/<int:seller_id>/san-pham/<int:product_id>/anh/<int:image_id>/xoa": ("405", "L 403 302 403 403"),
    "/ban-hang/<int:seller_id>/san-pham/<int:product_id>/trang-thai": ("405", "L 403 404 403 403"),
    "/ban-hang/<int:seller_id>/san-pham/<int:product_id>/xin-duyet": ("405", "L 403 302 403 403"),
    "/ban-hang/<int:seller_id>/san-pham/moi": ("L 403 200 403 403", "L 403 200 403 403"),
    "/ban-hang/<int:seller_id>/tai-lieu/<int:document_id>/xoa": ("405", "L 403 400 403 403"),
    "/ban-hang/<int:seller_id>/thanh-vien": ("L 403 200 403 403", "L 403 200 403 403"),
    "/ban-hang/<int:seller_id>/thanh-vien/<int:member_id>/xoa": ("405", "L 403 302 403 403"),
    "/ban-hang/dang-ky": ("L 200 200 200 200", "L 200 200 200 200"),
    "/ban-hang/phuong-xa": ("200", "405"),
    "/cua-hang-ban": ("L 403 403 200 403", "405"),
    "/cua-hang-ban/giao-hang/<int:shipment_id>": ("L 403 403 200 403", "405"),
    "/cua-hang-ban/giao-hang/<int:shipment_id>/ban-giao": ("405", "L 403 403 302 403"),
    "/cua-hang-ban/giao-hang/<int:shipment_id>/chuyen": ("405", "L 403 403 302 403"),
    "/cua-hang-ban/giao-hang/<int:shipment_id>/huy": ("405", "L 403 403 302 403"),
    "/cua-hang-ban/giao-hang/<int:shipment_id>/phieu": ("L 403 403 200 403", "405"),
    "/cua-hang-ban/hang-ky-gui": ("L 403 403 200 403", "405"),
    "/cua-hang-ban/hang-ky-gui/<int:consignment_id>": ("L 403 403 200 403", "L 403 403 302 403"),
    "/cua-hang-ban/tien-mat": ("L 403 403 200 403", "405"),
    "/cua-hang-ban/tien-mat/<day>/chot": ("405", "L 403 403 302 403"),
    "/cua-hang/<slug>": ("200", "405"),
    "/dang-ky": ("200 302 302 302 302", "200 302 302 302 302"),
    "/dang-nhap": ("200 302 302 302 302", "200 302 302 302 302"),
    "/dang-xuat": ("405", "302"),
    "/danh-muc/<slug>": ("200", "405"),
    "/dat-lai-mat-khau/<token>": ("302", "302"),
    "/don-hang": ("L 200 200 200 200", "405"),
    "/don-hang/<number>": ("404 200 404 200 200", "405"),
    "/don-hang/<number>/huy": ("404 200 404 302 302", "404 302 404 404 404"),  # staff cancel only as staff
    "/don-hang/<number>/huy-boi-can-bo": ("L 404 404 200 200", "L 404 404 422 422"),  # a reason is required
    "/don-hang/<number>/thanh-toan": ("404 200 404 404 404", "405"),
    "/don-hang/<number>/thanh-toan/the": ("405", "404 409 404 404 404"),
    "/gio-hang": ("200", "405"),
    "/gio-hang/chap-nhan": ("405", "302"),
    "/gio-hang/so-luong": ("405", "302"),
    "/gio-hang/them": ("405", "302"),
    "/gio-hang/xoa": ("405", "302"),
    "/healthz": ("200", "405"),
    "/media/<path:key>": ("200", "405"),
    "/nguoi-ban/<slug>": ("200", "405"),
    "/payments/stripe/webhook": ("405", "400"),
    "/quan-tri": ("L 403 403 403 200", "405"),
    "/quan-tri/bao-cao": ("L 403 403 403 200", "405"),
    "/quan-tri/bao-cao.csv": ("L 403 403 403 200", "405"),
    "/quan-tri/nguoi-ban": ("L 403 403 403 200", "405"),
    "/quan-tri/nguoi-ban/<int:seller_id>": ("L 403 403 403 200", "405"),
    "/quan-tri/nguoi-ban/<int:seller_id>/gui-duyet": ("405", "L 403 403 403 302"),
    "/quan-tri/nguoi-ban/<int:seller_id>/quyet-dinh": ("405", "L 403 403 403 302"),
    "/quan-tri/nguoi-ban/<int:seller_id>/sua": ("L 403 403 403 200", "L 403 403 403 200"),
    "/quan-tri/nguoi-ban/moi": ("L 403 403 403 200", "L 403 403 403 200"),
    "/quan-tri/nhat-ky": ("L 403 403 403 200", "405"),
    "/quan-tri/san-pham": ("L 403 403 403 200", "405"),
    "/quan-tri/san-pham/<int:product_id>/<any(an,hien,duyet):action>": ("405", "L 403 403 403 302"),
    "/quan-tri/thanh-toan": ("L 403 403 403 200", "405"),
    "/quan-tri/thanh-toan/don/<number>": ("L 403 403 403 200", "405"),
    "/quan-tri/thanh-toan/don/<number>/hoan-tien": ("405", "L 403 403 403 422"),
    "/quan-tri/thanh-toan/don/<number>/xac-nhan": ("405", "L 403 403 403 422"),
    "/quan-tri/thanh-toan/dong-sao-ke/<int:line_id>": ("405", "L 403 403 403 400"),
    "/quan-tri/thanh-toan/hoan-tien/<int:refund_id>/gui-lai": ("405", "L 403 403 403 404"),
    "/quan-tri/thanh-toan/nguoi-ban": ("L 403 403 403 200", "405"),
    "/quan-tri/thanh-toan/nguoi-ban.csv": ("L 403 403 403 200", "405"),
    "/quan-tri/thanh-toan/sao-ke": ("L 403 403 403 200", "L 403 403 403 422"),
    "/quan-tri/thanh-toan/sao-ke/<int:import_id>": ("L 403 403 403 404", "405"),
    "/quen-mat-khau": ("200", "200"),
    "/robots.txt": ("200", "405"),
    "/san-pham": ("200", "405"),
    "/san-pham/<slug>": ("200", "405"),
    "/sitemap.xml": ("200", "405"),
    "/tai-khoan": ("L 200 200 200 200", "405"),
    "/tai-khoan/mat-khau": ("L 200 200 200 200", "L 200 200 200 200"),
    "/tai-lieu/<int:document_id>": ("L 404 200 404 200", "405"),
    "/thanh-toan": ("302", "302"),
    "/thanh-toan/dat-hang": ("405", "302"),
    "/thanh-toan/xem-lai": ("302", "405"),
    "/tim-kiem": ("200", "405"),
}


def expected(codes: str) -> list[str]:
    parts = codes.split()
    return parts * len(ROLES) if len(parts) == 1 else parts


def answer(response) -> str:
    if response.status_code == 302:
        return "L" if urlsplit(response.location).path == "/dang-nhap" else "302"
    return str(response.status_code)


@pytest.fixture(scope="module")
def matrix_app(tmp_path_factory):
    """One application for the whole walk (a warm engine keeps it quick); each rule gets a fresh world."""

    class Config(TestConfig):
        MEDIA_ROOT = str(tmp_path_factory.mktemp("matrix") / "media")

    application = create_app(Config)
    application.before_request_funcs.setdefault(None, []).insert(0, _fresh_request_state)
    with application.app_context():
        if ON_POSTGRES:
            _reset_postgres()
            _empty_postgres()
        else:
            db.create_all()
        yield application
        db.session.remove()
        if ON_POSTGRES:
            _empty_postgres()
        else:
            db.drop_all()
        db.engine.dispose()


def fresh_world(app):
    """Empty every table, build the world again and sign each role in."""
    db.session.remove()
    if ON_POSTGRES:
        _empty_postgres()
    else:
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
    world = build_world()
    return world, {role: signed_in(app, role) for role in ROLES}


# Routes of the seller's desk, back office, reviews, accounts and payments pages added together; each
# is guarded by its own permission tests (tests/staff/test_office_permissions.py, tests/sellers, tests/reviews,
# tests/accounts) and still needs its row here. A route added after them fails the test below.
NOT_YET_DECLARED = frozenset(
    {
        "/ban-hang/<int:seller_id>/bao-cao",
        "/ban-hang/<int:seller_id>/bao-cao/<slug>",
        "/ban-hang/<int:seller_id>/bao-cao/<slug>.<any(csv, xlsx):fmt>",
        "/ban-hang/<int:seller_id>/danh-gia",
        "/ban-hang/<int:seller_id>/don-hang",
        "/ban-hang/<int:seller_id>/don-hang/cua-hang",
        "/ban-hang/<int:seller_id>/loi-moi/<int:invitation_id>/rut",
        "/ban-hang/<int:seller_id>/san-pham/<int:product_id>/luu-tru",
        "/ban-hang/<int:seller_id>/thanh-vien/roi-nhom",
        "/ban-hang/<int:seller_id>/thong-tin-phap-ly",
        "/ban-hang/<int:seller_id>/tien-ban-hang",
        "/ban-hang/<int:seller_id>/tien-ban-hang.<any(csv,xlsx):kind>",
        "/ban-hang/<int:seller_id>/trang-cua-hang",
        "/ban-hang/<int:seller_id>/trang-cua-hang/anh/<int:image_id>/xoa",
        "/ban-hang/loi-moi",
        '/ban-hang/loi-moi/<int:invitation_id>/<any(nhan, "tu-choi"):answer>',
        "/chinh-sach-bao-ve-du-lieu",
        "/cua-hang-ban/bao-cao",
        "/cua-hang-ban/bao-cao/<slug>",
        "/cua-hang-ban/bao-cao/<slug>.<any(csv, xlsx):fmt>",
        "/danh-gia/<int:review_id>/sua",
        "/danh-gia/<int:review_id>/tra-loi",
        "/danh-gia/viet/<int:line_id>",
        "/dat-lai-mat-khau",
        "/don-hang/<number>/giao-hang/<int:shipment_id>/mo-khoa",
        "/don-hang/<number>/gui-duong-dan",
        "/don-hang/<number>/hoan-tien/<int:refund_id>/tai-khoan",
        "/don-hang/<number>/luu-vao-tai-khoan",
        "/don-hang/<number>/mua-lai",
        "/don-hang/<number>/thanh-toan/trang-thai.json",
        "/don-hang/<number>/thanh-toan/vietqr.png",
        "/don-hang/tim-lai",
        "/gio-hang/doi-loai",
        "/khieu-nai",
        "/payments/<provider>/webhook",
        "/quan-tri/bao-cao/<slug>",
        "/quan-tri/bao-cao/<slug>.<any(csv, xlsx):fmt>",
        "/quan-tri/cua-hang",
        "/quan-tri/cua-hang/<int:outlet_id>",
        "/quan-tri/cua-hang/<int:outlet_id>/dong",
        "/quan-tri/cua-hang/<int:outlet_id>/mo-lai",
        "/quan-tri/cua-hang/<int:outlet_id>/nhan-vien",
        "/quan-tri/cua-hang/<int:outlet_id>/nhan-vien/<int:user_id>/xoa",
        "/quan-tri/cua-hang/moi",
        "/quan-tri/danh-gia",
        "/quan-tri/danh-gia/<int:review_id>/an",
        "/quan-tri/danh-gia/<int:review_id>/hien",
        "/quan-tri/danh-muc",
        "/quan-tri/danh-muc/<int:category_id>/chuyen-san-pham",
        "/quan-tri/danh-muc/<int:category_id>/xoa",
        "/quan-tri/don-hang",
        "/quan-tri/don-hang/<number>",
        "/quan-tri/nguoi-dung",
        "/quan-tri/nguoi-dung/<int:user_id>",
        "/quan-tri/nguoi-dung/<int:user_id>/khoa",
        "/quan-tri/nguoi-dung/<int:user_id>/mat-khau",
        "/quan-tri/nguoi-dung/<int:user_id>/mo-khoa",
        "/quan-tri/nguoi-dung/<int:user_id>/vai-tro",
        "/quan-tri/nhat-ky.csv",
        "/quan-tri/thanh-toan/hoan-tien",
        "/quan-tri/thanh-toan/hoan-tien/<int:refund_id>/da-tra",
        "/quan-tri/thanh-toan/nguoi-ban/chi-tra",
        "/quan-tri/thanh-toan/sao-ke/ap-dung",
        "/quan-tri/thanh-toan/xac-nhan/<int:confirmation_id>/<any(duyet, 'tu-choi'):decision>",
        "/quan-tri/thay-doi-phap-ly",
        "/quan-tri/thay-doi-phap-ly/<int:request_id>",
        "/quy-che-hoat-dong",
        "/san-pham/<slug>/danh-gia",
        "/sitemap-san-pham-<int:number>.xml",
        "/sitemap-trang.xml",
        "/tai-khoan/dang-xuat-moi-noi",
        "/tai-khoan/danh-gia",
        "/tai-khoan/dia-chi",
        "/tai-khoan/dia-chi/<int:address_id>",
        "/tai-khoan/dia-chi/<int:address_id>/mac-dinh",
        "/tai-khoan/dia-chi/<int:address_id>/xoa",
        "/tai-khoan/dia-chi/moi",
        "/tai-khoan/du-lieu",
        "/tai-khoan/du-lieu/tai-ve",
        "/tai-khoan/du-lieu/xoa-tai-khoan",
        "/tai-khoan/gui-lai-xac-nhan",
        "/tai-khoan/thong-bao",
        "/tai-khoan/thong-bao/<int:notice_id>",
        "/tai-khoan/thong-bao/cai-dat",
        "/tai-khoan/thong-bao/da-doc",
        "/xac-nhan-email/<token>",
        "/yeu-thich",
        "/yeu-thich/<int:favourite_id>/cua-hang",
        "/yeu-thich/nguoi-ban/<int:seller_id>",
        "/yeu-thich/nguoi-ban/<int:seller_id>/bo",
        "/yeu-thich/san-pham/<int:product_id>",
        "/yeu-thich/san-pham/<int:product_id>/bo",
    }
)


def test_every_rule_of_the_url_map_has_an_entry(matrix_app):
    rules = [rule.rule for rule in matrix_app.url_map.iter_rules()]
    # One rule may serve GET and POST from two views (a confirmation page and its action), never twice a method.
    methods = [(rule.rule, m) for rule in matrix_app.url_map.iter_rules() for m in rule.methods - {"HEAD", "OPTIONS"}]
    assert len(methods) == len(set(methods)), "two routes answer the same method on one rule"
    assert sorted(set(rules) - set(MATRIX) - NOT_YET_DECLARED) == [], "new routes need a row in MATRIX"
    assert sorted(NOT_YET_DECLARED & set(MATRIX)) == [], "a declared route leaves NOT_YET_DECLARED"
    assert sorted(set(MATRIX) - set(rules)) == [], "MATRIX names routes that no longer exist"


def test_every_role_gets_the_declared_answer_on_every_route(matrix_app):
    rules = {rule.rule: rule for rule in matrix_app.url_map.iter_rules()}  # either view of a shared rule builds its URL
    mismatches: list[str] = []
    world, clients = fresh_world(matrix_app)
    for pattern, (get_codes, post_codes) in sorted(MATRIX.items()):
        rule = rules[pattern]
        url = world.url(rule)
        changed = False
        for method, codes in (("GET", get_codes), ("POST", post_codes)):
            for role, want in zip(ROLES, expected(codes), strict=True):
                response = clients[role].open(url, method=method)
                got = answer(response)
                if got != want:
                    mismatches.append(f"{method} {pattern} as {role}: {got}, declared {want}")
                if response.status_code == 405:
                    assert response.headers.get("Allow"), f"{method} {pattern}: 405 without Allow"
                if response.status_code == 200 and is_personal(urlsplit(url).path):
                    assert response.headers.get("Cache-Control") == "no-store", f"{pattern} may be cached"
                changed |= method == "POST" and got not in ("405", "403", "L", "404")
        if changed:  # a POST went through (a sign-out, a change): the next rule gets a world of its own
            world, clients = fresh_world(matrix_app)
    assert mismatches == [], "\n".join(mismatches)
