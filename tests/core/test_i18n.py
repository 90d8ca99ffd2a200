"""Languages: Vietnamese by default, ?lang= switches and is remembered, money and dates by locale."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale, ngettext

from app.core.extensions import db
from app.core.i18n import clock, date_time, money, short_date
from tests import factories
from tests.orders.factories import stocked_variant

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
        assert short_date(date(2026, 11, 30)) == "30/11/2026"
        assert short_date(date(2026, 1, 5)) == "05/01/2026"
    with app.test_request_context(), force_locale("en"):
        assert short_date(date(2026, 11, 30)) == "Nov 30, 2026"


def test_times_read_on_the_shops_clock_as_hours_and_minutes(app):
    moment = datetime(2026, 11, 30, 2, 5, tzinfo=UTC)  # 09:05 in Vietnam
    late = datetime(2026, 11, 30, 18, 30, tzinfo=UTC)  # 01:30 the next day in Vietnam
    with app.test_request_context(), force_locale("vi"):
        assert date_time(moment) == "09:05 30/11/2026"
        assert date_time(late) == "01:30 01/12/2026"
        assert short_date(late) == "01/12/2026"
        assert clock(moment) == "09:05" and clock("07:00") == "07:00" and clock("18:30") == "18:30"
    with app.test_request_context(), force_locale("en"):
        assert date_time(moment) == "Nov 30, 2026, 09:05"
        assert clock("18:30") == "18:30"


def test_a_naive_moment_is_taken_as_utc(app):
    with app.test_request_context(), force_locale("vi"):
        assert date_time(datetime(2026, 11, 30, 2, 5)) == "09:05 30/11/2026"


def test_pages_show_dates_as_dd_mm_yyyy(client, auth):
    user = factories.user(email="lan@example.vn")
    user.created_at = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
    db.session.commit()
    auth.login("lan@example.vn")
    html = client.get("/tai-khoan").get_data(as_text=True)
    assert "30/11/2026" in html and "thg 11" not in html


@pytest.mark.parametrize(
    ("count", "english", "vietnamese"), [(1, "1 item", "1 sản phẩm"), (2, "2 items", "2 sản phẩm")]
)
def test_counted_words_agree_with_the_count(app, count, english, vietnamese):
    with app.test_request_context(), force_locale("en"):
        assert ngettext("%(num)s item", "%(num)s items", count) == english
    with app.test_request_context(), force_locale("vi"):
        assert ngettext("%(num)s item", "%(num)s items", count) == vietnamese


def test_the_cart_badge_counts_in_the_singular_for_one_line(client):
    rau, _shop = stocked_variant(quantity=5)
    db.session.commit()
    client.get("/?lang=en")
    client.post("/gio-hang/them", data={"variant_id": rau.id, "quantity": 1})
    html = client.get("/").get_data(as_text=True)
    assert 'aria-label="1 item in cart"' in html


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
