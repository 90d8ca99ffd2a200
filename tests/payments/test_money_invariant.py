"""The money invariant, over random sequences of pay / partial refund / cancel / hand-over.

For every order at every step: money received − refunded − refunds still owed = value of what the
shopper keeps; a cancelled order with money still held always has an open refund task; and never
more refunded or promised back than was received. Runs on SQLite and, with TEST_DATABASE_URL, on
PostgreSQL; card refunds go through the local fake Stripe.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from app.core.errors import DomainError
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.vocab import RefundStatus
from app.orders import fulfilment
from app.orders import services as order_services
from app.orders.models import Order
from app.payments import ledger, reconciliation, refunds, reports, services
from app.payments.models import Payment
from tests import factories
from tests.payments import factories as pay_factories
from tests.payments.conftest import session_event, signed

METHODS = st.sampled_from(["vietqr", "stripe", "cash"])


def make_machine(app, client, fake_stripe):
    class MoneyMachine(RuleBasedStateMachine):
        orders = Bundle("orders")

        @initialize()
        def people(self):
            self.clerk = factories.user(role="staff")
            self.outlet = factories.outlet()
            db.session.commit()
            self.refused = 0
            self.events = 0

        def _payment(self, number: str) -> Payment:
            db.session.expire_all()
            return db.session.scalar(select(Payment).join(Payment.order).where(Order.number == number))

        def _try(self, work) -> None:
            try:
                work()
            except DomainError:
                db.session.rollback()
                self.refused += 1

        @rule(target=orders, method=METHODS, price=st.integers(10, 900).map(lambda k: k * 1000), qty=st.integers(1, 3))
        def place(self, method, price, qty):
            order = pay_factories.order(method=method, prices=(price,), quantity=qty, outlet_obj=self.outlet)
            return order.number

        @rule(number=orders)
        def pay(self, number):
            payment = self._payment(number)
            if payment.method == "vietqr":
                self._try(
                    lambda: services.confirm_transfer_by_hand(
                        number=number, amount_vnd=payment.amount_vnd, note="seen on the account", actor_id=self.clerk.id
                    )
                )
            elif payment.method == "stripe" and payment.status == "pending":
                if not payment.provider_reference:
                    services.next_url(payment.order)
                    payment = self._payment(number)
                paid = fake_stripe.pay(payment.provider_reference)
                self.events += 1
                body = session_event(f"evt_{number}_{self.events}", "checkout.session.completed", paid)
                client.post("/payments/stripe/webhook", data=body, headers={"Stripe-Signature": signed(body)})

        @rule(number=orders)
        def late_transfer(self, number):
            """A transfer that reaches the account after the order was closed: staff record it against the order."""
            payment = self._payment(number)
            if payment.method != "vietqr" or payment.order.status != "cancelled" or payment.paid_vnd:
                return
            raw = f'Ngày giao dịch,Số tiền ghi có,Mô tả\n01/06/2026,"{payment.amount_vnd}",CT {number}\n'.encode()
            record = reconciliation.import_statement(filename="sk.csv", raw=raw, actor_id=self.clerk.id)
            for line in record.lines:
                if line.status == "review":
                    reconciliation.decide_line(
                        line_id=line.id, action="apply", order_number=number, accept_short=False,
                        note="late transfer", actor_id=self.clerk.id,
                    )  # fmt: skip

        @rule(number=orders, share=st.sampled_from([1, 3, 10]))
        def partial_refund(self, number, share):
            payment = self._payment(number)
            amount = max(1, ledger.held_vnd(payment) // share) if ledger.held_vnd(payment) > 0 else 1000
            self._try(
                lambda: refunds.create_refund(
                    number=number, amount_vnd=amount, reason="Một hộp bị móp", actor_id=self.clerk.id
                )
            )

        @rule(number=orders, by_shopper=st.booleans())
        def cancel(self, number, by_shopper):
            order = self._payment(number).order
            if by_shopper:
                self._try(lambda: order_services.cancel_by_shopper(order=order))
            else:
                self._try(lambda: order_services.cancel_by_staff(order=order, actor=self.clerk, reason="Hết hàng"))

        @rule(number=orders)
        def hand_over(self, number):
            order = self._payment(number).order
            for shipment in order.shipments:
                steps = {"confirmed": "preparing", "preparing": "ready_for_pickup"}
                while shipment.status in steps:
                    fulfilment.advance(
                        shipment_id=shipment.id, outlet_id=shipment.outlet_id, target=steps[shipment.status],
                        actor_id=self.clerk.id,
                    )  # fmt: skip
                self._try(
                    lambda s=shipment: fulfilment.hand_over(
                        shipment_id=s.id, outlet_id=s.outlet_id, actor_id=self.clerk.id, pickup_code=s.pickup_code,
                        cash_confirmed=True,
                    )
                )  # fmt: skip

        @rule()
        def close_cash_day(self):
            reports.close_cash_day(outlet_id=self.outlet.id, day=reports.day_of(utcnow()), actor_id=self.clerk.id)

        @rule(number=orders)
        def pay_back_tasks(self, number):
            """Staff pay back open transfer and cash refunds (the shopper gave her account first)."""
            payment = self._payment(number)
            for refund in [r for r in payment.refunds if r.status == RefundStatus.PENDING]:
                if payment.method == "vietqr":
                    refunds.give_payout_account(
                        number=number, refund_id=refund.id, bank="Vietcombank", account_no="0123456789",
                        account_name="Nguyen Thi Lan",
                    )  # fmt: skip
                if payment.method != "stripe":
                    refunds.complete_refund(refund_id=refund.id, actor_id=self.clerk.id)

        @invariant()
        def money_adds_up_for_every_order(self):
            db.session.expire_all()
            for payment in db.session.scalars(select(Payment)):
                where = ledger.position(payment)
                assert where.balanced, (payment.order.number, payment.order.status, payment.status, where)
                if payment.order.status == "cancelled" and where.received_vnd > where.refunded_vnd:
                    assert where.open_tasks > 0, (payment.order.number, where)
                assert payment.refunded_vnd == where.refunded_vnd

    return MoneyMachine


def test_money_received_refunded_and_owed_always_equals_what_the_shopper_keeps(app, client, fake_stripe):
    machine = make_machine(app, client, fake_stripe)
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=12, stateful_step_count=12, deadline=None, derandomize=True,
            suppress_health_check=list(HealthCheck),
        ),
    )  # fmt: skip
