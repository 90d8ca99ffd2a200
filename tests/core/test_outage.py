"""When the database does not answer: 503 with Retry-After and a page in Vietnamese, never a 500."""

from __future__ import annotations

import time

import pytest

from app import create_app
from app.config import TestConfig

CLOSED_PORT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:9/no_such_database?connect_timeout=2"


@pytest.fixture
def lost_database(tmp_path):
    class Lost(TestConfig):
        SQLALCHEMY_DATABASE_URI = CLOSED_PORT_DATABASE
        MEDIA_ROOT = str(tmp_path / "media")

    application = create_app(Lost)
    return application.test_client()


@pytest.mark.parametrize("path", ["/", "/san-pham", "/san-pham/rau-muong", "/danh-muc/rau", "/tim-kiem?q=yen"])
def test_pages_answer_503_with_retry_after_when_the_database_is_lost(lost_database, path):
    response = lost_database.get(path)
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert "Chúng tôi tạm thời không kết nối được" in response.get_data(as_text=True)


def test_a_signed_in_visitor_also_gets_the_503_page(lost_database):
    with lost_database.session_transaction() as session:
        session["_user_id"] = f"1:0:{int(time.time())}"  # id:session version:signed-in time (User.get_id)
        session["_fresh"] = True
    response = lost_database.get("/tai-khoan")
    assert response.status_code == 503
    assert response.headers["Retry-After"]


def test_a_form_sent_during_the_outage_gets_503_not_500(lost_database):
    response = lost_database.post("/dang-nhap", data={"identifier": "lan@example.vn", "password": "mat-khau-tot-1"})
    assert response.status_code == 503


def test_the_api_answers_503_in_json(lost_database):
    response = lost_database.get("/api/v1/products")
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "unavailable"
    assert response.headers["Retry-After"]
