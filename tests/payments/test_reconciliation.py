"""Statement reconciliation: exact credits confirm orders; everything else waits for a person."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.errors import Conflict
from app.core.extensions import db
from app.orders import services as order_services
from app.payments import reconciliation
from app.payments.models import Payment, StatementLine
from tests import factories
from tests.payments import factories as pay_factories


def csv_of(*rows: tuple[str, str, str]) -> bytes:
    lines = ["Ngày giao dịch,Số tham chiếu,Số tiền ghi có,Mô tả"]
    lines += [f'{day},{ref},"{amount}",{text}' for day, ref, amount, text in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def clerk(app):
    user = factories.user(role="staff")
    db.session.commit()
    return user


def upload(raw: bytes, clerk):
    return reconciliation.import_statement(filename="sao-ke.csv", raw=raw, actor_id=clerk.id)


def payment_of(order) -> Payment:
    return db.session.scalar(select(Payment).where(Payment.order_id == order.id))


def test_an_exact_credit_confirms_the_order(clerk):
    order = pay_factories.order(prices=(600000,), quantity=2)  # 1.200.000 đ
    record = upload(csv_of(("01/06/2026", "FT1", "1.200.000", f"MBVCB.99.{order.number}.CT tu Lan")), clerk)
    assert (record.applied, record.to_review, record.duplicates) == (1, 0, 0)
    db.session.refresh(order)
    assert order.status == "confirmed"
    payment = payment_of(order)
    assert (payment.status, payment.paid_vnd) == ("paid", 1200000)
    assert [e.kind for e in payment.events] == ["created", "bank_transfer"]


def test_order_numbers_are_found_even_when_the_bank_changes_dashes_and_case(clerk):
    order = pay_factories.order(prices=(100000,), quantity=1)
    mangled = order.number.lower()[:2] + "-" + order.number.lower()[2:]
    upload(csv_of(("01/06/2026", "FT2", "100.000", f"chuyen tien {mangled} cam on")), clerk)
    db.session.refresh(order)
    assert order.status == "confirmed"


@pytest.mark.parametrize(("amount", "issue"), [("1.000.000", "under"), ("1.500.000", "over")])
def test_under_and_over_payments_wait_for_review(clerk, amount, issue):
    order = pay_factories.order(prices=(600000,), quantity=2)
    record = upload(csv_of(("01/06/2026", "FT3", amount, order.number)), clerk)
    line = record.lines[0]
    assert (line.status, line.issue, line.order_id) == ("review", issue, order.id)
    db.session.refresh(order)
    assert order.status == "awaiting_payment"
    assert payment_of(order).paid_vnd == 0


def test_unknown_references_and_two_order_numbers_wait_for_review(clerk):
    a = pay_factories.order(prices=(100000,), quantity=1)
    b = pay_factories.order(prices=(100000,), quantity=1)
    record = upload(
        csv_of(
            ("01/06/2026", "FT4", "100.000", "UNG HO QUY VAC XIN"),
            ("01/06/2026", "FT5", "100.000", f"{a.number} va {b.number}"),
        ),
        clerk,
    )
    assert [(ln.status, ln.issue) for ln in record.lines] == [("review", "unknown"), ("review", "ambiguous")]
    assert {a.status, b.status} == {"awaiting_payment"}


def test_the_same_statement_uploaded_twice_applies_nothing_twice(clerk):
    order = pay_factories.order(prices=(100000,), quantity=1)
    raw = csv_of(("01/06/2026", "FT6", "100.000", order.number), ("02/06/2026", "FT7", "5.000", "lai"))
    upload(raw, clerk)
    again = upload(raw, clerk)
    assert (again.credits, again.duplicates, again.applied, again.to_review, again.lines) == (2, 2, 0, 0, [])
    payment = payment_of(order)
    assert payment.paid_vnd == 100000
    assert db.session.scalar(select(db.func.count(StatementLine.id))) == 2


def test_a_second_transfer_for_a_paid_order_is_listed_not_applied(clerk):
    order = pay_factories.order(prices=(100000,), quantity=1)
    upload(csv_of(("01/06/2026", "FT8", "100.000", order.number)), clerk)
    record = upload(csv_of(("02/06/2026", "FT9", "100.000", order.number)), clerk)
    assert (record.lines[0].status, record.lines[0].issue) == ("review", "already_paid")
    assert payment_of(order).paid_vnd == 100000


def test_money_for_a_cancelled_order_is_listed(clerk):
    order = pay_factories.order(prices=(100000,), quantity=1)
    order_services.apply_cancel(order=order, reason="test")
    payment_of(order).status = "expired"
    db.session.commit()
    record = upload(csv_of(("01/06/2026", "FT10", "100.000", order.number)), clerk)
    assert record.lines[0].issue == "order_closed"


def test_staff_accept_a_short_payment_and_the_audit_says_who(clerk):
    order = pay_factories.order(prices=(600000,), quantity=2)
    record = upload(csv_of(("01/06/2026", "FT11", "1.190.000", order.number)), clerk)
    line = reconciliation.decide_line(
        line_id=record.lines[0].id,
        action="apply",
        order_number=None,
        accept_short=True,
        note="Bank fee taken by the buyer's bank",
        actor_id=clerk.id,
    )
    assert line.status == "resolved"
    db.session.refresh(order)
    assert order.status == "confirmed"
    assert (payment_of(order).status, payment_of(order).paid_vnd) == ("paid", 1190000)
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "payment.statement_line_resolved"))
    assert (audit.actor_id, audit.subject_id, audit.reason) == (
        clerk.id,
        order.id,
        "Bank fee taken by the buyer's bank",
    )


def test_a_short_payment_then_the_rest_confirms_by_itself(clerk):
    order = pay_factories.order(prices=(600000,), quantity=2)
    record = upload(csv_of(("01/06/2026", "FT12", "1.000.000", order.number)), clerk)
    reconciliation.decide_line(
        line_id=record.lines[0].id, action="apply", order_number=None, accept_short=False, note="", actor_id=clerk.id
    )
    db.session.refresh(order)
    assert order.status == "awaiting_payment" and payment_of(order).paid_vnd == 1000000
    top_up = upload(csv_of(("02/06/2026", "FT13", "200.000", f"{order.number} bo sung")), clerk)
    assert top_up.applied == 1
    db.session.refresh(order)
    assert order.status == "confirmed" and payment_of(order).paid_vnd == 1200000


def test_an_unknown_line_can_be_recorded_against_an_order_typed_by_staff(clerk):
    order = pay_factories.order(prices=(100000,), quantity=1)
    record = upload(csv_of(("01/06/2026", "FT14", "100.000", "CK cho chi Lan")), clerk)
    reconciliation.decide_line(
        line_id=record.lines[0].id,
        action="apply",
        order_number=order.number,
        accept_short=False,
        note="Buyer phoned",
        actor_id=clerk.id,
    )
    db.session.refresh(order)
    assert order.status == "confirmed"


def test_dismissing_needs_a_reason_and_a_line_is_decided_once(clerk):
    record = upload(csv_of(("01/06/2026", "FT15", "2.000.000", "Luong thang 6")), clerk)
    line_id = record.lines[0].id
    with pytest.raises(reconciliation.StatementRejected):
        reconciliation.decide_line(
            line_id=line_id, action="dismiss", order_number=None, accept_short=False, note=" ", actor_id=clerk.id
        )
    reconciliation.decide_line(
        line_id=line_id,
        action="dismiss",
        order_number=None,
        accept_short=False,
        note="Not a shop payment",
        actor_id=clerk.id,
    )
    with pytest.raises(Conflict):
        reconciliation.decide_line(
            line_id=line_id, action="dismiss", order_number=None, accept_short=False, note="again", actor_id=clerk.id
        )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "không phải tệp CSV"),
        (b"Name,Phone\nLan,0912\n", "Không tìm thấy các cột"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message_and_nothing_stored(clerk, raw, message):
    with pytest.raises(reconciliation.StatementRejected, match=message):
        upload(raw, clerk)
    assert db.session.scalar(select(db.func.count(StatementLine.id))) == 0


def test_unpaid_transfers_expire_and_release_their_stock(app, runner):
    from datetime import timedelta

    from app.core.timeutil import utcnow
    from app.outlets.models import StockRecord

    late = pay_factories.order(prices=(100000,), quantity=3)
    on_time = pay_factories.order(prices=(100000,), quantity=1)
    late.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    result = runner.invoke(args=["orders", "expire"])
    assert result.output.startswith("Expired 1")
    db.session.expire_all()
    assert (late.status, payment_of(late).status) == ("cancelled", "expired")
    assert on_time.status == "awaiting_payment"
    reserved = {r.id: r.reserved for r in db.session.scalars(select(StockRecord))}
    assert sorted(reserved.values()) == [0, 1]
