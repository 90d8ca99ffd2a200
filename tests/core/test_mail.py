"""SMTP mail leaves from a sender thread: the request that committed never waits for the mail server."""

from __future__ import annotations

import email
import email.policy
import socket
import socketserver
import threading

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.core.mail import SENDER
from app.orders.models import Order
from tests.orders.factories import stocked_variant
from tests.orders.test_checkout import details, fill_cart, place, review_form


class _Conversation(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: greets, says yes, takes DATA; holds its answer to the end of a
    message until the server's ``answer`` event is set."""

    def handle(self) -> None:
        self.wfile.write(b"220 mail.example.vn ESMTP\r\n")
        lines: list[bytes] | None = None
        while line := self.rfile.readline():
            if lines is not None:
                if line != b".\r\n":
                    lines.append(line[1:] if line.startswith(b"..") else line)
                    continue
                self.server.answer.wait(30)
                self.server.received.append(email.message_from_bytes(b"".join(lines), policy=email.policy.default))
                lines = None
                self.wfile.write(b"250 queued\r\n")
            elif line[:4].upper() == b"DATA":
                lines = []
                self.wfile.write(b"354 end with a dot\r\n")
            elif line[:4].upper() == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


class MailServer(socketserver.ThreadingTCPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Conversation)
        self.received: list[email.message.EmailMessage] = []
        self.answer = threading.Event()
        self.answer.set()


@pytest.fixture
def mail_server(app):
    server = MailServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app.config.update(
        MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=server.server_address[1], MAIL_USE_TLS=False
    )
    yield server
    server.answer.set()
    assert SENDER.wait(30)
    server.shutdown()
    server.server_close()


def _place_an_order(client) -> tuple[object, str]:
    rau, shop = stocked_variant(name="Rau muống", quantity=5)
    db.session.commit()
    fill_cart(client, (rau, 2))
    details(client, pickup_outlet_id=shop.id)
    response = place(client, review_form(client))
    return response, db.session.scalar(select(Order.number).order_by(Order.id.desc()).limit(1))


def test_the_order_notice_goes_out_through_smtp_in_vietnamese(client, mail_server):
    response, number = _place_an_order(client)
    assert response.status_code == 302 and f"/don-hang/{number}?k=" in response.headers["Location"]
    assert SENDER.wait(30)
    [mail] = mail_server.received
    assert mail["To"] == "lan@example.vn"
    assert mail["From"] == "Chợ Phụ Nữ Khởi Nghiệp <no-reply@chophunu.vn>"
    assert number in mail["Subject"]
    assert f"/don-hang/{number}?k=" in mail.get_content()


def test_placing_an_order_does_not_wait_for_a_busy_mail_server(client, mail_server):
    mail_server.answer.clear()  # the server takes the message and holds its answer
    response, number = _place_an_order(client)
    # Sent from the request, this would hang until the server answers; it is placed and answered.
    assert response.status_code == 302 and f"/don-hang/{number}?k=" in response.headers["Location"]
    assert db.session.scalar(select(func.count(Order.id))) == 1
    assert not SENDER.wait(0) and mail_server.received == []
    mail_server.answer.set()
    assert SENDER.wait(30)
    assert [number in m["Subject"] for m in mail_server.received] == [True]


def test_an_unreachable_mail_server_is_logged_and_the_order_stays(app, client, caplog):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False)
    response, number = _place_an_order(client)
    assert response.status_code == 302 and f"/don-hang/{number}?k=" in response.headers["Location"]
    assert SENDER.wait(30)
    assert "Could not send mail to lan@example.vn" in caplog.text
    assert db.session.scalar(select(Order.status).where(Order.number == number)) == "confirmed"
    # The next mail is tried again, and goes once the server is back.
    server = MailServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        app.config["MAIL_PORT"] = server.server_address[1]
        _response, second = _place_an_order(client)
        assert SENDER.wait(30)
    finally:
        server.shutdown()
        server.server_close()
    assert [second in m["Subject"] for m in server.received] == [True]
