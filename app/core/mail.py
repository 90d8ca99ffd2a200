"""Outgoing mail: printed to the console in development, SMTP in production, kept in memory in tests.

Services call ``queue_mail``: the message leaves only when their transaction commits, and is
dropped when it rolls back, so nobody is told about a change that did not happen.
"""

from __future__ import annotations

import smtplib
import sys
from dataclasses import dataclass
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.core.extensions import db

OUTBOX: list[EmailMessage] = []
QUEUE_KEY = "outbox"


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


def send_mail(mail: Mail) -> None:
    """Send one plain-text message through the configured backend."""
    cfg = current_app.config
    msg = EmailMessage()
    msg["From"] = cfg["MAIL_SENDER"]
    msg["To"] = mail.to
    msg["Subject"] = mail.subject
    msg.set_content(mail.body)
    backend = cfg["MAIL_BACKEND"]
    if backend == "memory":
        OUTBOX.append(msg)
    elif backend == "smtp":
        if not cfg["MAIL_SERVER"]:
            current_app.logger.error("MAIL_SERVER is not set; mail to %s not sent", mail.to)
            return
        with smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=20) as smtp:
            if cfg["MAIL_USE_TLS"]:
                smtp.starttls()
            if cfg["MAIL_USERNAME"]:
                smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"] or "")
            smtp.send_message(msg)
    else:
        print(f"--- mail ---\n{msg}\n--- end of mail ---", file=sys.stderr, flush=True)


def queue_mail(mail: Mail) -> None:
    """Send ``mail`` once the current database transaction commits (never if it rolls back)."""
    db.session.info.setdefault(QUEUE_KEY, []).append(mail)


@event.listens_for(Session, "after_commit")
def _send_queued(session: Session) -> None:
    for mail in session.info.pop(QUEUE_KEY, []):
        try:
            send_mail(mail)
        except Exception:  # a mail server failure must not undo what was committed
            current_app.logger.exception("Could not send mail to %s", mail.to)


@event.listens_for(Session, "after_rollback")
def _drop_queued(session: Session) -> None:
    session.info.pop(QUEUE_KEY, None)
