"""Junk into every form field and query parameter of the main pages: never a 500.

The forms are found the way a browser finds them: each main page is opened as the role that uses
it and every <form> on it (its action, method and the names of its inputs, selects, text areas
and buttons) is filled with junk: first one edge value in every field at once (SWEEP), then
Hypothesis field by field: NUL bytes, integers beyond 32 and 64 bits, days at the ends of the
calendar, long and strange text, random bytes as files. The API's query parameters get the same
treatment. Examples are bounded (EXAMPLES per form) to keep it quick; it runs on SQLite, and on
PostgreSQL when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import create_app
from app.config import TestConfig
from app.core.extensions import db
from tests.conftest import ON_POSTGRES, _empty_postgres, _fresh_request_state, _reset_postgres
from tests.route_world import build_world, signed_in

EXAMPLES = 5
# Sent into every field of every form at once, each in turn, before Hypothesis mixes junk field by field.
SWEEP = ["", "0", "-1", "2147483648", str(10**30), str(2**63), "9999-12-31", "0001-01-01", "1e309", "٣", "đ" * 300]
EDGE_VALUES = [
    "", " ", "0", "-1", "1", "2147483647", "2147483648", "-2147483649", str(2**63), str(10**30), "1e309", "NaN",
    "9999-12-31", "0001-01-01", "2026-02-30", "2026-13-01", "\x00", "a\x00b", "%00", "' OR 1=1 --",
    "<script>x</script>", "../../etc/passwd", "٣", "１２", "null", "true", "yến sào", "đ" * 300,
    "1.000.000.000.000.000.000",
]  # fmt: skip
JUNK = st.one_of(
    st.sampled_from(EDGE_VALUES),
    st.text(max_size=40),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.dates().map(str),
)
# Forms whose sending ends the visit (sign out) or leaves the site; the matrix covers them.
SKIPPED_ACTIONS = ("/dang-xuat", "https://")


@dataclass
class Form:
    method: str
    action: str
    fields: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        return self.method, self.action, tuple(sorted(self.fields)), tuple(sorted(self.files))


class FormFinder(HTMLParser):
    """Every <form> of a page with the names it sends."""

    def __init__(self, page_path: str):
        super().__init__()
        self.page_path = page_path
        self.forms: list[Form] = []
        self.current: Form | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urlsplit(attrs.get("action") or self.page_path).path or self.page_path
            self.current = Form(method=(attrs.get("method") or "get").upper(), action=action)
            self.forms.append(self.current)
        elif self.current is not None and tag in ("input", "select", "textarea", "button") and attrs.get("name"):
            name = attrs["name"]
            if name == "csrf_token":
                return
            target = self.current.files if attrs.get("type") == "file" else self.current.fields
            if name not in target:
                target.append(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


# Where each role fills forms: "{name}" is taken from the world's values and slugs.
PAGES = {
    "anonymous": ["/", "/san-pham", "/tim-kiem?q=rau", "/danh-muc/{category}", "/san-pham/{product}",
                  "/nguoi-ban/{seller}", "/cua-hang/{outlet}", "/dang-nhap", "/dang-ky", "/quen-mat-khau"],
    "shopper": ["/gio-hang", "/thanh-toan", "/tai-khoan/mat-khau", "/ban-hang/dang-ky", "/don-hang/{number}"],
    "member": ["/ban-hang/{seller_id}/san-pham/moi", "/ban-hang/{seller_id}/san-pham/{product_id}",
               "/ban-hang/{seller_id}/ky-gui", "/ban-hang/{seller_id}/ky-gui/tra", "/ban-hang/{seller_id}/thanh-vien"],
    "outlet": ["/cua-hang-ban", "/cua-hang-ban/giao-hang/{shipment_id}", "/cua-hang-ban/tien-mat",
               "/cua-hang-ban/hang-ky-gui/{consignment_id}"],
    "staff": ["/quan-tri/nguoi-ban", "/quan-tri/nguoi-ban/{seller_id}", "/quan-tri/nguoi-ban/moi",
              "/quan-tri/nguoi-ban/{seller_id}/sua", "/quan-tri/san-pham", "/quan-tri/nhat-ky", "/quan-tri/bao-cao",
              "/quan-tri/thanh-toan", "/quan-tri/thanh-toan/don/{number}", "/quan-tri/thanh-toan/nguoi-ban",
              "/quan-tri/thanh-toan/sao-ke"],
}  # fmt: skip
# Query parameters pages read besides their forms' fields, and forms the world's rows do not show.
PAGE_PARAMETERS = ["page", "sort", "lang", "q", "ds", "status"]
EXTRA = {
    "shopper": [Form("GET", "/don-hang", ["page"]), Form("GET", "/don-hang/{number}", ["k"])],
    "outlet": [
        Form("POST", "/cua-hang-ban/giao-hang/{shipment_id}/ban-giao", ["pickup_code", "cash_confirmed"]),
        Form("POST", "/cua-hang-ban/tien-mat/{day}/chot", []),
        Form("GET", "/cua-hang-ban", ["status"]),
    ],
    "staff": [
        Form("POST", "/quan-tri/thanh-toan/don/{number}/hoan-tien", ["amount_vnd", "reason", "return-1", "return-2"]),
        Form("POST", "/quan-tri/thanh-toan/don/{number}/xac-nhan", ["amount_vnd", "note"]),
        Form("POST", "/quan-tri/san-pham/{product_id}/an", ["reason"]),
        Form("GET", "/quan-tri/san-pham", ["ds", "page"]),
    ],
}
API = [
    Form("GET", "/api/v1/products", ["q", "category", "seller", "outlet", "sort", "page", "per_page", "lang"]),
    Form("GET", "/api/v1/sellers", ["page", "per_page"]),
    Form("GET", "/ban-hang/phuong-xa", ["tinh"]),
]


@pytest.fixture(scope="module")
def junk_app(tmp_path_factory):
    class Config(TestConfig):
        MEDIA_ROOT = str(tmp_path_factory.mktemp("junk") / "media")

    application = create_app(Config)
    application.before_request_funcs.setdefault(None, []).insert(0, _fresh_request_state)
    with application.app_context():
        if ON_POSTGRES:
            _reset_postgres()
            _empty_postgres()
        else:
            db.create_all()
        world = build_world()
        yield application, world
        db.session.remove()
        if ON_POSTGRES:
            _empty_postgres()
        else:
            db.drop_all()
        db.engine.dispose()


def forms_of(client, world, role: str) -> list[Form]:
    names = {**world.values, **{k.split(".")[1]: v for k, v in world.slugs.items() if k.startswith("catalog.")}}
    found: dict[tuple, Form] = {}
    for page in PAGES[role]:
        path = page.format(**names)
        response = client.get(path)
        assert response.status_code == 200, (role, path, response.status_code)
        finder = FormFinder(urlsplit(path).path)
        finder.feed(response.get_data(as_text=True))
        for form in finder.forms:
            if (form.fields or form.files) and not form.action.startswith(SKIPPED_ACTIONS):
                if form.method == "GET":
                    form.fields += [name for name in PAGE_PARAMETERS if name not in form.fields]
                found.setdefault(form.key, form)
    for extra in EXTRA.get(role, []):
        form = Form(extra.method, extra.action.format(**names), extra.fields)
        found.setdefault(form.key, form)
    return list(found.values())


def send_junk(client, form: Form, values: dict, files: dict) -> int:
    if form.method == "GET":
        return client.get(form.action, query_string=values).status_code
    data = {**values, **{name: (io.BytesIO(content), "tep.png") for name, content in files.items()}}
    return client.post(form.action, data=data, content_type="multipart/form-data" if files else None).status_code


def fill(form: Form, client) -> None:
    """Send the SWEEP, then EXAMPLES junk fillings of one form; any answer of 500 or more fails."""
    for value in SWEEP:
        values = dict.fromkeys(form.fields, value)
        status = send_junk(client, form, values, dict.fromkeys(form.files, value.encode()))
        assert status < 500, f"{form.method} {form.action} with every field {value[:20]!r} answered {status}"

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        values=st.fixed_dictionaries(dict.fromkeys(form.fields, JUNK)),
        files=st.fixed_dictionaries({}, optional={name: st.binary(max_size=64) for name in form.files}),
    )
    def junk(values, files):
        status = send_junk(client, form, values, files)
        assert status < 500, f"{form.method} {form.action} {values!r} answered {status}"

    junk()


@pytest.mark.parametrize("role", list(PAGES))
def test_junk_in_every_form_of_the_main_pages_never_gets_a_500(junk_app, role):
    app, world = junk_app
    client = signed_in(app, role)
    if role == "shopper":  # a cart, so that the checkout form is there
        client.post("/gio-hang/them", data={"variant_id": str(world.values["variant_id"]), "quantity": "1"})
    forms = forms_of(client, world, role)
    assert forms, f"no forms found for {role}"
    for form in forms:
        fill(form, client)


def test_junk_in_the_api_and_json_routes_never_gets_a_500(junk_app):
    app, _world = junk_app
    client = app.test_client()
    for form in API:
        fill(form, client)
