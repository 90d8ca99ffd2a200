"""Languages: Vietnamese by default, ?lang= switches and is remembered, money and dates by locale."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from babel.messages.pofile import read_po
from flask_babel import force_locale

from app.core.extensions import db
from app.core.i18n import money, short_date
from tests import factories

ROOT = Path(__file__).resolve().parents[2]


def html_lang(response) -> str:
    return re.search(r'<html lang="(\w+)"', response.get_data(as_text=True)).group(1)


def test_vietnamese_is_the_default(client):
    response = client.get("/")
    assert html_lang(response) == "vi"
    assert "Đăng nhập" in response.get_data(as_text=True)


def test_lang_switch_is_remembered(client):
    assert html_lang(client.get("/?lang=en")) == "en"
    assert html_lang(client.get("/")) == "en"
    assert "Sign in" in client.get("/").get_data(as_text=True)
    assert html_lang(client.get("/?lang=vi")) == "vi"
    assert html_lang(client.get("/")) == "vi"


def test_unknown_language_falls_back_to_vietnamese(client):
    assert html_lang(client.get("/?lang=fr")) == "vi"


def test_lang_choice_is_saved_on_the_account(client, auth):
    user = factories.user(email="lan@example.vn")
    db.session.commit()
    auth.login("lan@example.vn")
    client.get("/?lang=en")
    db.session.refresh(user)
    assert user.locale == "en"


def test_money_in_both_locales(app):
    with app.test_request_context(), force_locale("vi"):
        assert money(120000) == "120.000\xa0₫"
    with app.test_request_context(), force_locale("en"):
        assert money(120000) == "₫120,000"


def test_dates_in_both_locales(app):
    with app.test_request_context(), force_locale("vi"):
        assert short_date(date(2026, 11, 29)) == "29 thg 11, 2026"
    with app.test_request_context(), force_locale("en"):
        assert short_date(date(2026, 11, 29)) == "Nov 29, 2026"


def test_every_vietnamese_catalog_is_complete():
    catalogs = sorted(ROOT.glob("app/**/translations/vi/LC_MESSAGES/messages.po"))
    assert catalogs
    for path in catalogs:
        with path.open("rb") as handle:
            catalog = read_po(handle)
        untranslated = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
        assert not untranslated, f"{path}: {untranslated[:5]}"
        for message in catalog:
            if message.id and isinstance(message.id, str):
                assert set(re.findall(r"%\(\w+\)s", message.id)) == set(re.findall(r"%\(\w+\)s", message.string))


def test_a_message_shared_by_several_catalogs_is_translated_the_same_everywhere():
    """Flask-Babel merges the per-domain catalogs, so one English text must have one Vietnamese text."""
    seen: dict[str, tuple[str, Path]] = {}
    clashes = []
    for path in sorted(ROOT.glob("app/**/translations/vi/LC_MESSAGES/messages.po")):
        with path.open("rb") as handle:
            for message in read_po(handle):
                if not message.id or not isinstance(message.id, str):
                    continue
                if message.id in seen and seen[message.id][0] != message.string:
                    clashes.append((message.id, seen[message.id], (message.string, path)))
                seen.setdefault(message.id, (message.string, path))
    assert not clashes, clashes[:3]
