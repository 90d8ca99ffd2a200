"""The seller status table: every legal move works, every other move is refused and changes nothing."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent
from app.core.extensions import db
from app.sellers.models import SELLER_STATUSES
from app.sellers.status import ACTIONS, TRANSITIONS, IllegalSellerTransition, ReasonRequired, target_of
from app.sellers.workflow import apply_transition
from tests import factories

LEGAL = {
    ("draft", "submit"): "pending",
    ("rejected", "submit"): "pending",
    ("pending", "approve"): "approved",
    ("pending", "reject"): "rejected",
    ("approved", "suspend"): "suspended",
    ("suspended", "reinstate"): "approved",
}
ALL_PAIRS = list(itertools.product(SELLER_STATUSES, ACTIONS))


def test_the_table_is_exactly_the_designed_one():
    assert {(s, a): target_of(s, a) for (s, a) in LEGAL} == LEGAL
    assert {
        "draft": {"pending"},
        "pending": {"approved", "rejected"},
        "rejected": {"pending"},
        "approved": {"suspended"},
        "suspended": {"approved"},
    } == TRANSITIONS


@pytest.mark.parametrize(("status", "action"), [p for p in ALL_PAIRS if p in LEGAL])
def test_every_legal_move_changes_the_status_and_writes_one_audit_row(app, status, action):
    staff = factories.user(role="staff")
    seller = factories.seller(status=status, members=[factories.user()])
    with app.test_request_context():
        apply_transition(seller, action=action, actor_id=staff.id, reason="Lý do rõ ràng")
    db.session.commit()
    assert seller.status == LEGAL[(status, action)]
    event = db.session.scalar(select(AuditEvent))
    assert (event.action, event.subject_id, event.details) == (
        f"seller.{action}",
        seller.id,
        {"from": status, "to": LEGAL[(status, action)]},
    )


@pytest.mark.parametrize(("status", "action"), [p for p in ALL_PAIRS if p not in LEGAL])
def test_every_illegal_move_is_refused(app, status, action):
    seller = factories.seller(status=status)
    with app.test_request_context(), pytest.raises(IllegalSellerTransition):
        apply_transition(seller, action=action, actor_id=None, reason="Lý do")
    assert seller.status == status
    assert db.session.scalar(select(AuditEvent)) is None


def test_an_unknown_action_is_refused(app):
    seller = factories.seller(status="pending")
    with app.test_request_context(), pytest.raises(IllegalSellerTransition):
        apply_transition(seller, action="delete", actor_id=None)


@pytest.mark.parametrize(
    ("status", "action"), [("pending", "reject"), ("approved", "suspend"), ("suspended", "reinstate")]
)
@pytest.mark.parametrize("reason", [None, "", "   "])
def test_reject_suspend_and_reinstate_need_a_reason(app, status, action, reason):
    seller = factories.seller(status=status)
    with app.test_request_context(), pytest.raises(ReasonRequired):
        apply_transition(seller, action=action, actor_id=None, reason=reason)
    assert seller.status == status


def test_the_reason_is_kept_for_the_applicant_and_cleared_on_approval(app):
    seller = factories.seller(status="pending", members=[factories.user()])
    with app.test_request_context():
        apply_transition(seller, action="reject", actor_id=None, reason="Thiếu giấy phép")
        assert seller.status_reason == "Thiếu giấy phép"
        apply_transition(seller, action="submit", actor_id=None)
        apply_transition(seller, action="approve", actor_id=None)
    assert seller.status_reason is None
