"""Outgoing mail: printed to the console in development, SMTP in production, kept in memory in tests."""

from __future__ import annotations

import smtplib
import sys
from dataclasses import dataclass
from email.message import EmailMessage

from flask import current_app

OUTBOX: list[EmailMessage] = []


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
