"""The route × role matrix: every rule of the URL map, asked by every role, answers as declared.

MATRIX declares, for each URL rule, what a GET and a POST answer for each role, in the order
anonymous · shopper · seller member · outlet staff · union staff (one code alone: the same for all).
Codes: 200, L (302 to the sign-in page), 302 (another redirect), 400, 401, 403, 404, 405, 409, 422.
The rule's arguments come from a small world (tests/route_world.py) where each role has its own
rows: the member's seller and product, the outlet's shipment, the shopper's orders, review, address,
notice and favourite, the invitation to her, the transfer confirmation waiting for union staff.

A rule of app.url_map without an entry fails the test: a new route must say who may open it.
Every answer is also checked for the headers the rule set promises: no 500, ``Allow`` on 405,
``Cache-Control: no-store`` on personal pages (those of app.core.headers, and any page that sends
anonymous visitors to sign in).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import Table, select

from app import create_app
from app.config import TestConfig
from app.core.extensions import db
from app.core.headers import is_personal
from tests.conftest import ON_POSTGRES, _empty_postgres, _fresh_request_state, _reset_postgres
from tests.route_world import ROLES, World, build_world, signed_in

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
    "/ban-hang/<int:seller_id>/bao-cao": ("L 403 302 403 403", "405"),  # her seller's first report
    "/ban-hang/<int:seller_id>/bao-cao/<slug>": ("L 403 200 403 403", "405"),
    "/ban-hang/<int:seller_id>/bao-cao/<slug>.<any(csv, xlsx):fmt>": ("L 403 200 403 403", "405"),
    "/ban-hang/<int:seller_id>/danh-gia": ("L 403 200 403 403", "405"),
    "/ban-hang/<int:seller_id>/don-hang": ("L 403 200 403 403", "405"),
    "/ban-hang/<int:seller_id>/don-hang/cua-hang": ("L 403 200 403 403", "L 403 302 403 403"),
    "/ban-hang/<int:seller_id>/gui-duyet": ("405", "L 403 302 403 403"),
    "/ban-hang/<int:seller_id>/ho-so": ("L 403 302 403 403", "L 403 302 403 403"),
    "/ban-hang/<int:seller_id>/ky-gui": ("L 403 200 403 403", "L 403 200 403 403"),
    "/ban-hang/<int:seller_id>/ky-gui/<any(giao,tra):direction>": ("L 403 200 403 403", "L 403 200 403 403"),
    "/ban-hang/<int:seller_id>/ky-gui/<int:consignment_id>/huy": ("405", "L 403 302 403 403"),
    "/ban-hang/<int:seller_id>/loi-moi/<int:invitation_id>/rut": ("405", "L 403 302 403 403"),
    "/ban-hang/<int:seller_id>/san-pham": ("L 403 200 403 403", "405"),
    "/ban-hang/<int:seller_id>/san-pham/<int:product_id>": ("L 403 200 403 403", "L 403 200 403 403"),
    "/ban-hang/<int:seller_id>/san-pham/<int:product_id>/anh/<int:image_id>/xoa": ("405", "L 403 302 403 403"),
    "/ban-hang/<int:seller_id>/san-pham/<int:product_id>/luu-tru": ("L 403 200 403 403", "L 403 302 403 403"),
    "/ban-hang/<int:seller_id>/san-pham/<int:product_id>/trang-thai": ("405", "L 403 404 403 403"),
    "/ban-hang/<int:seller_id>/san-pham/<int:product_id>/xin-duyet": ("405", "L 403 302 403 403"),
    "/ban-hang/<int:seller_id>/san-pham/moi": ("L 403 200 403 403", "L 403 200 403 403"),
    "/ban-hang/<int:seller_id>/tai-lieu/<int:document_id>/xoa": ("405", "L 403 400 403 403"),
    "/ban-hang/<int:seller_id>/thanh-vien": ("L 403 200 403 403", "L 403 200 403 403"),
    "/ban-hang/<int:seller_id>/thanh-vien/<int:member_id>/xoa": ("405", "L 403 302 403 403"),
    "/ban-hang/<int:seller_id>/thanh-vien/roi-nhom": ("405", "L 403 403 403 403"),  # the owner may not leave her seller
    "/ban-hang/<int:seller_id>/thong-tin-phap-ly": ("L 403 200 403 403", "L 403 422 403 403"),
    "/ban-hang/<int:seller_id>/tien-ban-hang": ("L 403 200 403 403", "405"),
    "/ban-hang/<int:seller_id>/tien-ban-hang.<any(csv,xlsx):kind>": ("L 403 200 403 403", "405"),
    "/ban-hang/<int:seller_id>/trang-cua-hang": ("L 403 200 403 403", "L 403 302 403 403"),
    "/ban-hang/<int:seller_id>/trang-cua-hang/anh/<int:image_id>/xoa": ("405", "L 403 302 403 403"),
    "/ban-hang/dang-ky": ("L 200 200 200 200", "L 200 200 200 200"),
    "/ban-hang/loi-moi": ("L 200 200 200 200", "405"),  # the invitations sent to her own email
    # Only the invitee answers (the shopper, invited by the member's seller).
    '/ban-hang/loi-moi/<int:invitation_id>/<any(nhan, "tu-choi"):answer>': ("405", "L 302 404 404 404"),
    "/ban-hang/phuong-xa": ("200", "405"),
    "/chinh-sach-bao-ve-du-lieu": ("200", "405"),
    "/cua-hang-ban": ("L 403 403 200 403", "405"),
    "/cua-hang-ban/bao-cao": ("L 403 403 302 403", "405"),  # her outlet's first report
    "/cua-hang-ban/bao-cao/<slug>": ("L 403 403 200 403", "405"),
    "/cua-hang-ban/bao-cao/<slug>.<any(csv, xlsx):fmt>": ("L 403 403 200 403", "405"),
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
    "/danh-gia/<int:review_id>/sua": ("L 200 404 404 404", "L 200 404 404 404"),
    "/danh-gia/<int:review_id>/tra-loi": ("405", "L 403 302 403 403"),  # an empty reply: back with a message
    "/danh-gia/viet/<int:line_id>": ("L 200 404 404 404", "L 200 404 404 404"),
    "/danh-muc/<slug>": ("200", "405"),
    "/dat-lai-mat-khau": ("302", "302"),  # no link's token in the session: ask for a link
    "/dat-lai-mat-khau/<token>": ("302", "302"),
    "/don-hang": ("L 200 200 200 200", "405"),
    "/don-hang/<number>": ("404 200 404 200 200", "405"),
    "/don-hang/<number>/giao-hang/<int:shipment_id>/mo-khoa": ("405", "L 404 404 403 302"),  # a clerk is not a manager
    "/don-hang/<number>/gui-duong-dan": ("405", "404 302 404 404 404"),
    "/don-hang/<number>/hoan-tien/<int:refund_id>/tai-khoan": ("404 200 404 404 404", "404 422 404 404 404"),
    "/don-hang/<number>/huy": ("404 200 404 302 302", "404 302 404 404 404"),  # staff cancel only as staff
    "/don-hang/<number>/huy-boi-can-bo": ("L 404 404 200 200", "L 404 404 422 422"),  # a reason is required
    "/don-hang/<number>/luu-vao-tai-khoan": ("405", "L 404 404 404 404"),  # only a guest order, with its link
    "/don-hang/<number>/mua-lai": ("405", "404 302 404 404 404"),
    "/don-hang/<number>/thanh-toan": ("404 200 404 404 404", "405"),
    "/don-hang/<number>/thanh-toan/the": ("405", "404 409 404 404 404"),
    "/don-hang/<number>/thanh-toan/trang-thai.json": ("404 200 404 404 404", "405"),
    "/don-hang/<number>/thanh-toan/vietqr.png": ("404 200 404 404 404", "405"),
    "/don-hang/tim-lai": ("200", "200"),
    "/gio-hang": ("200", "405"),
    "/gio-hang/chap-nhan": ("405", "302"),
    "/gio-hang/doi-loai": ("405", "302"),
    "/gio-hang/so-luong": ("405", "302"),
    "/gio-hang/them": ("405", "302"),
    "/gio-hang/xoa": ("405", "302"),
    "/healthz": ("200", "405"),
    "/khieu-nai": ("200", "405"),
    "/media/<path:key>": ("200", "405"),
    "/nguoi-ban/<slug>": ("200", "405"),
    "/payments/<provider>/webhook": ("405", "401"),  # a call without SePay's API key
    "/payments/stripe/webhook": ("405", "400"),
    "/quan-tri": ("L 403 403 403 200", "405"),
    "/quan-tri/bao-cao": ("L 403 403 403 200", "405"),
    "/quan-tri/bao-cao.csv": ("L 403 403 403 200", "405"),
    "/quan-tri/bao-cao/<slug>": ("L 403 403 403 200", "405"),
    "/quan-tri/bao-cao/<slug>.<any(csv, xlsx):fmt>": ("L 403 403 403 200", "405"),
    "/quan-tri/cua-hang": ("L 403 403 403 200", "405"),
    "/quan-tri/cua-hang/<int:outlet_id>": ("L 403 403 403 200", "L 403 403 403 422"),
    "/quan-tri/cua-hang/<int:outlet_id>/dong": ("405", "L 403 403 403 422"),  # a reason is required
    "/quan-tri/cua-hang/<int:outlet_id>/mo-lai": ("405", "L 403 403 403 302"),
    "/quan-tri/cua-hang/<int:outlet_id>/nhan-vien": ("405", "L 403 403 403 422"),
    "/quan-tri/cua-hang/<int:outlet_id>/nhan-vien/<int:user_id>/xoa": ("405", "L 403 403 403 302"),
    "/quan-tri/cua-hang/moi": ("L 403 403 403 200", "L 403 403 403 422"),
    "/quan-tri/danh-gia": ("L 403 403 403 200", "405"),
    "/quan-tri/danh-gia/<int:review_id>/an": ("405", "L 403 403 403 302"),
    "/quan-tri/danh-gia/<int:review_id>/hien": ("405", "L 403 403 403 302"),
    "/quan-tri/danh-muc": ("L 403 403 403 200", "L 403 403 403 422"),
    "/quan-tri/danh-muc/<int:category_id>/chuyen-san-pham": ("405", "L 403 403 403 422"),
    "/quan-tri/danh-muc/<int:category_id>/xoa": ("405", "L 403 403 403 302"),
    "/quan-tri/don-hang": ("L 403 403 403 200", "405"),
    "/quan-tri/don-hang/<number>": ("L 403 403 403 200", "405"),
    "/quan-tri/nguoi-ban": ("L 403 403 403 200", "405"),
    "/quan-tri/nguoi-ban/<int:seller_id>": ("L 403 403 403 200", "405"),
    "/quan-tri/nguoi-ban/<int:seller_id>/gui-duyet": ("405", "L 403 403 403 302"),
    "/quan-tri/nguoi-ban/<int:seller_id>/quyet-dinh": ("405", "L 403 403 403 302"),
    "/quan-tri/nguoi-ban/<int:seller_id>/sua": ("L 403 403 403 200", "L 403 403 403 200"),
    "/quan-tri/nguoi-ban/moi": ("L 403 403 403 200", "L 403 403 403 200"),
    "/quan-tri/nguoi-dung": ("L 403 403 403 200", "405"),
    "/quan-tri/nguoi-dung/<int:user_id>": ("L 403 403 403 200", "405"),
    "/quan-tri/nguoi-dung/<int:user_id>/khoa": ("405", "L 403 403 403 422"),  # a reason is required
    "/quan-tri/nguoi-dung/<int:user_id>/mat-khau": ("405", "L 403 403 403 302"),
    "/quan-tri/nguoi-dung/<int:user_id>/mo-khoa": ("405", "L 403 403 403 302"),
    "/quan-tri/nguoi-dung/<int:user_id>/vai-tro": ("405", "L 403 403 403 422"),
    "/quan-tri/nhat-ky": ("L 403 403 403 200", "405"),
    "/quan-tri/nhat-ky.csv": ("L 403 403 403 200", "405"),
    "/quan-tri/san-pham": ("L 403 403 403 200", "405"),
    "/quan-tri/san-pham/<int:product_id>/<any(an,hien,duyet):action>": ("405", "L 403 403 403 302"),
    "/quan-tri/thanh-toan": ("L 403 403 403 200", "405"),
    "/quan-tri/thanh-toan/don/<number>": ("L 403 403 403 200", "405"),
    "/quan-tri/thanh-toan/don/<number>/hoan-tien": ("405", "L 403 403 403 422"),
    "/quan-tri/thanh-toan/don/<number>/xac-nhan": ("405", "L 403 403 403 422"),
    "/quan-tri/thanh-toan/dong-sao-ke/<int:line_id>": ("405", "L 403 403 403 400"),
    "/quan-tri/thanh-toan/hoan-tien": ("L 403 403 403 200", "405"),
    "/quan-tri/thanh-toan/hoan-tien/<int:refund_id>/da-tra": ("405", "L 403 403 403 302"),
    "/quan-tri/thanh-toan/hoan-tien/<int:refund_id>/gui-lai": ("405", "L 403 403 403 404"),
    "/quan-tri/thanh-toan/nguoi-ban": ("L 403 403 403 200", "405"),
    "/quan-tri/thanh-toan/nguoi-ban.csv": ("L 403 403 403 200", "405"),
    "/quan-tri/thanh-toan/nguoi-ban/chi-tra": ("405", "L 403 403 403 400"),  # no period given
    "/quan-tri/thanh-toan/sao-ke": ("L 403 403 403 200", "L 403 403 403 422"),
    "/quan-tri/thanh-toan/sao-ke/<int:import_id>": ("L 403 403 403 404", "405"),
    "/quan-tri/thanh-toan/sao-ke/ap-dung": ("405", "L 403 403 403 404"),  # no statement read to apply
    # Another staff member confirmed the short transfer; the world's staff approves it (four eyes).
    "/quan-tri/thanh-toan/xac-nhan/<int:confirmation_id>/<any(duyet, 'tu-choi'):decision>": (
        "405",
        "L 403 403 403 302",
    ),
    "/quan-tri/thay-doi-phap-ly": ("L 403 403 403 200", "405"),
    "/quan-tri/thay-doi-phap-ly/<int:request_id>": ("405", "L 403 403 403 302"),
    "/quen-mat-khau": ("200", "200"),
    "/quy-che-hoat-dong": ("200", "405"),
    "/robots.txt": ("200", "405"),
    "/san-pham": ("200", "405"),
    "/san-pham/<slug>": ("200", "405"),
    "/san-pham/<slug>/danh-gia": ("200", "405"),
    "/sitemap-san-pham-<int:number>.xml": ("200", "405"),
    "/sitemap-trang.xml": ("200", "405"),
    "/sitemap.xml": ("200", "405"),
    "/tai-khoan": ("L 200 200 200 200", "405"),
    "/tai-khoan/dang-xuat-moi-noi": ("405", "L"),  # signed out on every device
    "/tai-khoan/danh-gia": ("L 200 200 200 200", "405"),
    "/tai-khoan/dia-chi": ("L 200 200 200 200", "405"),
    "/tai-khoan/dia-chi/<int:address_id>": ("L 200 404 404 404", "L 200 404 404 404"),
    "/tai-khoan/dia-chi/<int:address_id>/mac-dinh": ("405", "L 302 404 404 404"),
    "/tai-khoan/dia-chi/<int:address_id>/xoa": ("405", "L 302 404 404 404"),
    "/tai-khoan/dia-chi/moi": ("L 200 200 200 200", "L 200 200 200 200"),
    "/tai-khoan/du-lieu": ("L 200 200 200 200", "405"),
    "/tai-khoan/du-lieu/tai-ve": ("L 200 200 200 200", "405"),
    "/tai-khoan/du-lieu/xoa-tai-khoan": ("405", "L 200 200 200 200"),  # without her password: the form again
    "/tai-khoan/gui-lai-xac-nhan": ("405", "L 302 302 302 302"),
    "/tai-khoan/mat-khau": ("L 200 200 200 200", "L 200 200 200 200"),
    "/tai-khoan/thong-bao": ("L 200 200 200 200", "405"),
    "/tai-khoan/thong-bao/<int:notice_id>": (
        "405",
        "L 302 302 302 302",
    ),  # hers leads to its page; another's is ignored
    "/tai-khoan/thong-bao/cai-dat": ("L 200 200 200 200", "L 302 302 302 302"),
    "/tai-khoan/thong-bao/da-doc": ("405", "L 302 302 302 302"),
    "/tai-lieu/<int:document_id>": ("L 404 200 404 200", "405"),
    "/thanh-toan": ("302", "302"),
    "/thanh-toan/dat-hang": ("405", "302"),
    "/thanh-toan/xem-lai": ("302", "405"),
    "/tim-kiem": ("200", "405"),
    "/xac-nhan-email/<token>": ("L 302 302 302 302", "405"),  # an invalid link: to her account
    "/yeu-thich": ("L 200 200 200 200", "405"),
    "/yeu-thich/<int:favourite_id>/cua-hang": ("405", "L 302 404 404 404"),
    "/yeu-thich/nguoi-ban/<int:seller_id>": ("405", "L 302 302 302 302"),
    "/yeu-thich/nguoi-ban/<int:seller_id>/bo": ("405", "L 302 302 302 302"),
    "/yeu-thich/san-pham/<int:product_id>": ("405", "L 302 302 302 302"),
    "/yeu-thich/san-pham/<int:product_id>/bo": ("405", "L 302 302 302 302"),
}


REFUSED = ("400", "401", "403", "404", "405", "409", "422", "L")  # answers of a POST that changed nothing


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
        SEPAY_API_KEY = "khoa-cua-sepay"  # the bank feed is on, so its webhook must refuse a call without the key

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


@dataclass
class Saved:
    """The world as first built: every table's rows and every file it wrote (photos, the document)."""

    world: World
    rows: dict[Table, list[dict]]
    files: dict[Path, bytes]


def build_and_save(app) -> Saved:
    """Build the world once in empty tables and keep what it holds."""
    world = build_world()
    db.session.remove()
    rows = {
        table: [dict(row._mapping) for row in db.session.execute(select(table).order_by(*table.primary_key.columns))]
        for table in db.metadata.sorted_tables
    }
    folder = Path(app.config["MEDIA_ROOT"]).parent  # media and private documents
    files = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    db.session.rollback()
    return Saved(world=world, rows=rows, files=files)


def fresh_world(app, saved: Saved):
    """Put the saved world back (rows deleted and written again, files a POST removed) and sign each role in.

    Much cheaper than building it again: no factories, no photo pipeline, and on PostgreSQL plain DELETEs
    of a few rows rather than a TRUNCATE of every table. Ids stay those of the saved world."""
    db.session.remove()
    tables = db.metadata.sorted_tables  # parents before children
    for table in reversed(tables):
        db.session.execute(table.delete())
    for table in tables:
        if saved.rows[table]:
            db.session.execute(table.insert(), saved.rows[table])
    db.session.commit()
    for path, content in saved.files.items():
        if not path.is_file() or path.read_bytes() != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    return saved.world, {role: signed_in(app, role) for role in ROLES}


def test_every_rule_of_the_url_map_has_an_entry(matrix_app):
    rules = [rule.rule for rule in matrix_app.url_map.iter_rules()]
    # One rule may serve GET and POST from two views (a confirmation page and its action), never twice a method.
    methods = [(rule.rule, m) for rule in matrix_app.url_map.iter_rules() for m in rule.methods - {"HEAD", "OPTIONS"}]
    assert len(methods) == len(set(methods)), "two routes answer the same method on one rule"
    assert sorted(set(rules) - set(MATRIX)) == [], "new routes need a row in MATRIX"
    assert sorted(set(MATRIX) - set(rules)) == [], "MATRIX names routes that no longer exist"


def test_every_role_gets_the_declared_answer_on_every_route(matrix_app):
    rules = {rule.rule: rule for rule in matrix_app.url_map.iter_rules()}  # either view of a shared rule builds its URL
    mismatches: list[str] = []
    saved = build_and_save(matrix_app)
    world, clients = fresh_world(matrix_app, saved)
    for pattern, (get_codes, post_codes) in sorted(MATRIX.items()):
        rule = rules[pattern]
        url = world.url(rule)
        personal = is_personal(urlsplit(url).path) or expected(get_codes)[0] == "L"
        changed = False
        for method, codes in (("GET", get_codes), ("POST", post_codes)):
            for role, want in zip(ROLES, expected(codes), strict=True):
                response = clients[role].open(url, method=method)
                response.close()  # a streamed body (the sitemaps) ends now, not when collected amid later requests
                got = answer(response)
                if got != want:
                    mismatches.append(f"{method} {pattern} as {role}: {got}, declared {want}")
                if response.status_code == 405:
                    assert response.headers.get("Allow"), f"{method} {pattern}: 405 without Allow"
                if response.status_code == 200 and personal:
                    assert response.headers.get("Cache-Control") == "no-store", f"{pattern} may be cached"
                # A POST went through (a refusal changes nothing), or a signed-in role was signed out.
                changed |= method == "POST" and (got not in REFUSED or (got == "L" and role != "anonymous"))
        if changed:  # the next rule gets a world of its own
            world, clients = fresh_world(matrix_app, saved)
    assert mismatches == [], "\n".join(mismatches)
