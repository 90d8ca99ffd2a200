"""Bank statement reconciliation: match credits to orders; anything not exact waits for a person."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.core import audit
from app.core.errors import Conflict, DomainError, NotFound
from app.core.extensions import db
from app.core.storage import get_storage
from app.core.timeutil import utcnow
from app.core.vocab import PaymentStatus
from app.orders.models import Order
from app.payments.models import STATEMENT_SOURCE, Payment, StatementImport, StatementLine
from app.payments.services import PAID_STATUSES, apply_money_received, payment_of
from app.payments.statements import Credit, StatementError, read_statement

LOOKBACK = timedelta(days=180)
UPLOAD_PREFIX = "statements"  # uploaded files kept (privately) between the preview and applying them
HASH_CHUNK = 500


class StatementRejected(DomainError):
    code = "statement"


def _message(exc: StatementError) -> str:
    messages = {
        "empty": _("The file is empty."),
        "not_csv": _(
            "This is not a CSV or Excel file. "
            "Export the statement from the bank as Excel (.xlsx, .xls) or CSV and try again."
        ),
        "encoding": _("The file's text encoding is not UTF-8 or Windows-1258."),
        "too_large": _("The file is too large (at most %(kb)s KB).", kb=exc.details.get("limit", 0) // 1024),
        "too_many_rows": _("The file has too many rows (at most %(n)s).", n=exc.details.get("limit", 0)),
        "columns": _(
            "No columns for date, credit amount and description were found. "
            "Check that the file is a statement with a header row."
        ),
        "amount": _("Row %(row)s: the amount “%(value)s” cannot be read.", **exc.details),
    }
    return messages.get(exc.code, _("The file cannot be read."))


def normalise(text: str) -> str:
    """Upper-case letters and digits only: banks drop or change spaces and dashes in descriptions."""
    return re.sub(r"[^A-Z0-9]", "", text.upper())


@dataclass
class OrderIndex:
    by_number: dict[str, int]
    lengths: list[int]

    def numbers_in(self, description: str) -> set[str]:
        """The order numbers written in a description (a number inside a longer one does not count)."""
        text = normalise(description)
        found = {
            text[i : i + n] for n in self.lengths for i in range(len(text) - n + 1) if text[i : i + n] in self.by_number
        }
        return {a for a in found if not any(a != b and a in b for b in found)}


def _order_index() -> OrderIndex:
    rows = db.session.execute(
        select(Order.number, Payment.id)
        .join(Payment, Payment.order_id == Order.id)
        .where(Payment.method == "vietqr", Order.created_at >= utcnow() - LOOKBACK)
    ).all()
    by_number = {normalise(number): payment_id for number, payment_id in rows if normalise(number)}
    return OrderIndex(by_number, sorted({len(k) for k in by_number}))


def _same_reference(a: str, b: str) -> bool:
    """Bank references as the feed and the statement write them ("MBVCB.3278907687" and "3278907687")."""
    a, b = normalise(a), normalise(b)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 6 and long.endswith(short))


def recognised_line(
    *, amount_vnd: int, booked_on, reference: str, description: str, from_feed: bool, skip: set[int] = frozenset()
) -> StatementLine | None:
    """The same credit already recorded by the other way in (bank feed or statement), if any.

    Same amount within a day, and the same bank reference; without a reference, the same day and
    one description containing the other."""
    source = StatementLine.source != STATEMENT_SOURCE if from_feed else StatementLine.source == STATEMENT_SOURCE
    candidates = db.session.scalars(
        select(StatementLine).where(
            source,
            StatementLine.amount_vnd == amount_vnd,
            StatementLine.booked_on.between(booked_on - timedelta(days=1), booked_on + timedelta(days=1)),
        )
    )
    text = normalise(description)
    for line in candidates:
        if line.id in skip:
            continue
        if reference and line.bank_reference:
            if _same_reference(reference, line.bank_reference):
                return line
            continue
        other = normalise(line.description)
        if line.booked_on == booked_on and text and other and (text in other or other in text):
            return line
    return None


def _existing_hashes(hashes: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(hashes), HASH_CHUNK):
        chunk = hashes[i : i + HASH_CHUNK]
        found.update(db.session.scalars(select(StatementLine.line_hash).where(StatementLine.line_hash.in_(chunk))))
    return found


def _decide(amount_vnd: int, payment: Payment, *, already: bool = False) -> tuple[str, str | None]:
    """(status, issue) for a credit naming this payment's order: applied only when exact and awaited."""
    outstanding = payment.amount_vnd - payment.paid_vnd
    if payment.status in PAID_STATUSES or already:
        return "review", "already_paid"
    if payment.status != PaymentStatus.PENDING or payment.order.status != "awaiting_payment":
        return "review", "order_closed"
    if amount_vnd != outstanding:
        return "review", ("under" if amount_vnd < outstanding else "over")
    return "applied", None


def _match(line: StatementLine, index: OrderIndex) -> None:
    numbers = index.numbers_in(line.description)
    if len(numbers) != 1:
        line.status, line.issue = "review", ("unknown" if not numbers else "ambiguous")
        return
    payment = db.session.get(Payment, index.by_number[numbers.pop()], with_for_update=True)
    line.order_id = payment.order_id
    line.status, line.issue = _decide(line.amount_vnd, payment)
    if line.status == "applied":
        db.session.flush()
        apply_money_received(
            payment=payment, amount_vnd=line.amount_vnd, kind="bank_transfer", data={"statement_line": line.id}
        )


@dataclass(frozen=True)
class PreviewRow:
    credit: Credit
    outcome: str  # "applied", "review" or "seen" (already recorded from an earlier file or the bank feed)
    issue: str | None = None
    order_number: str | None = None


@dataclass
class Preview:
    """What an upload would do, shown before anything is written."""

    filename: str
    digest: str
    layout: str
    rows_read: int
    rows: list[PreviewRow]

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)


def _preview_row(credit: Credit, index: OrderIndex, confirmed: set[int]) -> PreviewRow:
    numbers = index.numbers_in(credit.description)
    if len(numbers) != 1:
        return PreviewRow(credit, "review", "unknown" if not numbers else "ambiguous")
    payment = db.session.get(Payment, index.by_number[numbers.pop()])
    status, issue = _decide(credit.amount_vnd, payment, already=payment.id in confirmed)
    if status == "applied":
        confirmed.add(payment.id)
    return PreviewRow(credit, status, issue, payment.order.number)


def preview_statement(*, filename: str, raw: bytes) -> Preview:
    """Read a statement and say what importing it would do; writes nothing but the file, kept to apply."""
    statement = _read(raw)
    fresh = {c.line_hash for c in _not_yet_recorded(statement.credits)}
    index, confirmed = _order_index(), set()
    rows = [
        _preview_row(c, index, confirmed) if c.line_hash in fresh else PreviewRow(c, "seen") for c in statement.credits
    ]
    digest = hashlib.sha256(raw).hexdigest()
    get_storage().save(f"{UPLOAD_PREFIX}/{digest}", raw)
    return Preview(filename[:200], digest, " · ".join(statement.columns.values())[:200], statement.rows_read, rows)


def apply_uploaded(*, digest: str, filename: str, actor_id: int) -> StatementImport:
    """Import a statement previewed before (kept under its SHA-256)."""
    if not re.fullmatch(r"[0-9a-f]{64}", digest or ""):
        raise NotFound(_("This upload was not found. Upload the statement again."))
    try:
        raw = get_storage().open(f"{UPLOAD_PREFIX}/{digest}")
    except FileNotFoundError:
        raise NotFound(_("This upload was not found. Upload the statement again.")) from None
    return import_statement(filename=filename or "statement", raw=raw, actor_id=actor_id)


def match_line(line: StatementLine) -> None:
    """Match one new line (from the bank feed) to an order: confirm it, or leave it for review."""
    _match(line, _order_index())


def _read(raw: bytes):
    cfg = current_app.config
    try:
        return read_statement(
            raw,
            max_bytes=cfg["STATEMENT_MAX_BYTES"],
            max_rows=cfg["STATEMENT_MAX_ROWS"],
            extra_aliases=cfg.get("STATEMENT_COLUMN_ALIASES"),
        )
    except StatementError as exc:
        raise StatementRejected(_message(exc)) from None


def _store_and_match(record: StatementImport, credits: list[Credit]) -> None:
    index = _order_index()
    for credit in credits:
        line = StatementLine(
            statement=record,
            line_hash=credit.line_hash,
            row_number=credit.row_number,
            booked_on=credit.booked_on,
            amount_vnd=credit.amount_vnd,
            description=credit.description,
            bank_reference=credit.reference,
            status="review",
        )
        db.session.add(line)
        _match(line, index)
    record.applied = sum(1 for ln in record.lines if ln.status == "applied")
    record.to_review = sum(1 for ln in record.lines if ln.status == "review")


def _not_yet_recorded(credits: list[Credit]) -> list[Credit]:
    """Credits neither uploaded before (same line hash) nor already received from the bank feed."""
    seen = _existing_hashes([c.line_hash for c in credits])
    fresh, used = [], set()
    for credit in credits:
        if credit.line_hash in seen:
            continue
        twin = recognised_line(
            amount_vnd=credit.amount_vnd, booked_on=credit.booked_on, reference=credit.reference,
            description=credit.description, from_feed=True, skip=used,
        )  # fmt: skip
        if twin is not None:
            used.add(twin.id)
            continue
        fresh.append(credit)
    return fresh


def import_statement(*, filename: str, raw: bytes, actor_id: int) -> StatementImport:
    """Read a statement, skip lines seen before, confirm exact matches, list the rest for review."""
    statement = _read(raw)
    new = _not_yet_recorded(statement.credits)
    record = StatementImport(
        filename=filename[:200],
        file_sha256=hashlib.sha256(raw).hexdigest(),
        layout=" · ".join(statement.columns.values())[:200],
        rows_read=statement.rows_read,
        credits=len(statement.credits),
        duplicates=len(statement.credits) - len(new),
        uploaded_by_id=actor_id,
    )
    db.session.add(record)
    _store_and_match(record, new)
    db.session.flush()
    audit.record(
        actor_id=actor_id,
        action="payment.statement_imported",
        subject_type="statement",
        subject_id=record.id,
        details={"credits": record.credits, "applied": record.applied, "review": record.to_review},
    )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_("This statement is being imported by someone else right now. Reload and check.")) from None
    return record


def _record_line(line: StatementLine, order_number: str | None, accept_short: bool, actor_id: int) -> tuple:
    """Count a statement line's money into an order's transfer; the audit subject and details."""
    number = (order_number or (line.order.number if line.order else "")).strip()
    payment = payment_of(number, lock=True)
    if payment.method != "vietqr":
        raise Conflict(_("Only orders paid by bank transfer can take a statement line."))
    outcome = apply_money_received(
        payment=payment,
        amount_vnd=line.amount_vnd,
        kind="bank_transfer",
        actor_id=actor_id,
        accept_short=accept_short,
        data={"statement_line": line.id},
    )
    line.status, line.order_id = "resolved", payment.order_id
    return ("order", payment.order_id), {"amount_vnd": line.amount_vnd, "statement_line": line.id, "outcome": outcome}


def decide_line(
    *, line_id: int, action: str, order_number: str | None, accept_short: bool, note: str, actor_id: int
) -> StatementLine:
    """A person's decision on a statement line: record it against an order, or dismiss it."""
    line = db.session.get(StatementLine, line_id, with_for_update=True)
    if line is None:
        raise NotFound(_("This statement line was not found."))
    if line.status != "review":
        raise Conflict(_("This statement line has already been decided."))
    if action == "dismiss":
        if not note.strip():
            raise StatementRejected(_("Say why this line is dismissed."))
        line.status = "dismissed"
        subject = ("statement_line", line.id)
        details: dict = {"amount_vnd": line.amount_vnd}
    else:
        subject, details = _record_line(line, order_number, accept_short, actor_id)
    line.decided_by_id, line.decided_at, line.decision_note = actor_id, utcnow(), note.strip() or None
    audit.record(
        actor_id=actor_id,
        action=f"payment.statement_line_{line.status}",
        subject_type=subject[0],
        subject_id=subject[1],
        reason=note.strip() or None,
        details=details,
    )
    db.session.commit()
    return line
