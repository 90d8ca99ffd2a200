"""Every absolute URL the shop sends out is built on SITE_URL; a forged Host header changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

from app.core.extensions import db
from tests import factories
from tests.orders.factories import stocked_variant
from tests.orders.test_checkout import CONTACT, fill_cart, place, review_form

EVIL = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
APP = Path(__file__).resolve().parents[2] / "app"


def test_the_reset_link_follows_site_url_not_the_host_header(client, outbox, app):
    factories.user(email="lan@example.vn")
    db.session.commit()
    response = client.post("/quen-mat-khau", data={"email": "lan@example.vn"}, headers=EVIL)
    assert response.request.host == "evil.example"
    body = outbox[0].get_content()
    link = re.search(r"https?://\S+/dat-lai-mat-khau/\S+", body).group(0)
    assert link.startswith(app.config["SITE_URL"].rstrip("/") + "/dat-lai-mat-khau/")
    assert "evil.example" not in body


def test_the_order_mail_links_follow_site_url_not_the_host_header(client, outbox, app):
    rau, shop = stocked_variant(quantity=5)
    db.session.commit()
    inner = app.wsgi_app

    def forged_host(environ, start_response):  # every request of this visit claims the forged host
        environ["HTTP_HOST"] = environ["SERVER_NAME"] = "evil.example"
        seen.append(environ["HTTP_HOST"])
        return inner(environ, start_response)

    seen: list[str] = []
    app.wsgi_app = forged_host
    fill_cart(client, (rau, 1))
    client.post(
        "/thanh-toan", data={**CONTACT, "fulfilment": "pickup", "payment_method": "cash", "pickup_outlet_id": shop.id}
    )
    place(client, review_form(client))
    body = outbox[0].get_content()
    assert seen and set(seen) == {"evil.example"}
    assert app.config["SITE_URL"].rstrip("/") + "/don-hang/" in body
    assert "evil.example" not in body


def test_no_code_builds_a_url_from_the_request_host():
    """`_external=True`, `request.host`, `host_url` and `url_root` follow the Host header: none may come back."""
    forbidden = re.compile(r"_external\s*=\s*True|request\.host|host_url|url_root|force_external")
    offenders = [
        f"{path.relative_to(APP.parent)}:{n}"
        for path in APP.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if forbidden.search(line) and path.name != "urls.py"
    ]
    templates = APP.parent / "templates"
    offenders += [
        str(path.relative_to(APP.parent))
        for path in templates.rglob("*.*")
        if forbidden.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
