"""Two counters confirming the same delivery at once put it into stock once (PostgreSQL row locks)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

import app.models  # noqa: F401  (load every domain before app.outlets)
from app.accounts.models import User
from app.consignments import services as consignments
from app.consignments.models import Consignment, ConsignmentLine
from app.core.errors import DomainError
from app.core.extensions import db
from app.outlets import stock
from app.outlets.models import OutletStaff, StockMovement
from tests import factories
from tests.conftest import ON_POSTGRES

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="row locks need PostgreSQL")


def test_a_delivery_confirmed_twice_at_once_enters_stock_once(app):
    clerks = [factories.user(role="outlet"), factories.user(role="outlet")]
    outlet = factories.outlet()
    for clerk in clerks:
        db.session.add(OutletStaff(outlet_id=outlet.id, user_id=clerk.id))
    variant = factories.product().variants[0]
    consignment = Consignment(seller_id=variant.seller_id, outlet_id=outlet.id)
    consignment.lines = [ConsignmentLine(variant_id=variant.id, quantity_sent=10)]
    db.session.add(consignment)
    db.session.commit()
    ids = {"c": consignment.id, "line": consignment.lines[0].id, "clerks": [c.id for c in clerks]}
    db.session.remove()
    barrier, outcomes = threading.Barrier(2), []

    def worker(clerk_id: int) -> None:
        with app.app_context(), app.test_request_context():
            user = db.session.get(User, clerk_id)
            barrier.wait()
            try:
                consignments.confirm(user=user, consignment_id=ids["c"], quantities={ids["line"]: 10})
                outcomes.append("ok")
            except DomainError:
                db.session.rollback()
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(cid,)) for cid in ids["clerks"]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert len(db.session.scalars(select(StockMovement)).all()) == 1
    assert stock.verify() == []
