"""Outgoing mail: printed to the console in development, SMTP in production, kept in memory in tests.

Services call ``queue_mail``: the message leaves only when their transaction commits, and is
dropped when it rolls back, so nobody is told about a change that did not happen. SMTP mail is
handed to a sender thread of the process, so a slow or unreachable mail server never holds up the
request that committed (placing an order, signing up).
"""

from __future__ import annotations

import atexit
import logging
import os
import queue
import smtplib
import sys
import threading
import time
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
        server = SmtpServer(
            cfg["MAIL_SERVER"], cfg["MAIL_PORT"], cfg["MAIL_USE_TLS"], cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"]
        )
        SENDER.hand_over(server, msg, current_app.logger)
    else:
        print(f"--- mail ---\n{msg}\n--- end of mail ---", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    use_tls: bool
    username: str | None
    password: str | None

    def deliver(self, msg: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=20) as smtp:
            if self.use_tls:
                smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password or "")
            smtp.send_message(msg)


class Sender:
    """One thread per process sends the SMTP mail handed over to it, in order; a failure is logged
    and the next mail is tried. It starts with the first mail (in each gunicorn worker: a thread
    does not survive a fork), and at exit the process waits a little for the mail still waiting."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._queue: queue.Queue[tuple[SmtpServer, EmailMessage, logging.Logger]] = queue.Queue()

    def hand_over(self, server: SmtpServer, msg: EmailMessage, logger: logging.Logger) -> None:
        with self._lock:
            if self._pid != os.getpid():
                self._pid, self._queue = os.getpid(), queue.Queue()
                threading.Thread(target=self._send_each, args=(self._queue,), name="mail-sender", daemon=True).start()
            self._queue.put((server, msg, logger))

    @staticmethod
    def _send_each(waiting: queue.Queue) -> None:
        while True:
            server, msg, logger = waiting.get()
            try:
                server.deliver(msg)
            except Exception:  # a mail server failure must not stop the mail after it
                logger.exception("Could not send mail to %s", msg["To"])
            finally:
                waiting.task_done()

    def wait(self, seconds: float) -> bool:
        """Wait until every mail handed over has been tried, at most ``seconds``; True if all were."""
        waiting, deadline = self._queue, time.monotonic() + seconds
        with waiting.all_tasks_done:
            while waiting.unfinished_tasks:
                if (left := deadline - time.monotonic()) <= 0:
                    return False
                waiting.all_tasks_done.wait(left)
        return True


SENDER = Sender()
atexit.register(SENDER.wait, 10)


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
