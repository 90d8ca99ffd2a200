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
    "/ban-hang": ("L 302 200 302 302", "405"),
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
    "/don-hang/<number>/huy": ("405", "404 302 404 302 302"),
    "/don-hang/<number>/huy-boi-can-bo": ("405", "L 404 404 302 302"),
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
    "/quan-tri": ("L 403 403 403 302", "405"),
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


def test_every_rule_of_the_url_map_has_an_entry(matrix_app):
    rules = [rule.rule for rule in matrix_app.url_map.iter_rules()]
    assert len(rules) == len(set(rules)), "two routes share a rule: key the matrix by something else"
    assert sorted(set(rules) - set(MATRIX)) == [], "new routes need a row in MATRIX"
    assert sorted(set(MATRIX) - set(rules)) == [], "MATRIX names routes that no longer exist"


def test_every_role_gets_the_declared_answer_on_every_route(matrix_app):
    rules = {rule.rule: rule for rule in matrix_app.url_map.iter_rules()}
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
    assert mismatches == []
