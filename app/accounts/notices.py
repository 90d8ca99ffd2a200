"""The notification centre: every notice she is sent by email is also kept here, read or unread.

Order updates and the union's decisions always reach her; favourites back in stock and review
replies follow her preferences (in the site, by email, both or neither).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from app.accounts.models import NoticePreference, Notification, User
from app.core.extensions import db
from app.core.mail import Mail, queue_mail
from app.core.timeutil import utcnow
from app.core.vocab import NoticeKind

PER_PAGE = 20
OPTIONAL_KINDS = tuple(kind for kind in NoticeKind if kind.optional)


@dataclass(frozen=True)
class Choice:
    in_site: bool = True
    by_email: bool = True


def preferences(user: User) -> dict[str, Choice]:
    """Her choice for every optional kind (both on unless she turned them off)."""
    rows = db.session.scalars(select(NoticePreference).where(NoticePreference.user_id == user.id))
    saved = {row.kind: Choice(row.in_site, row.by_email) for row in rows}
    return {kind.value: saved.get(kind.value, Choice()) for kind in OPTIONAL_KINDS}


def choice_for(user: User, kind: str) -> Choice:
    """Whether a notice of this kind goes to her page and her email; mandatory kinds always do."""
    if not NoticeKind(kind).optional:
        return Choice()
    return preferences(user)[kind]


def save_preferences(*, user: User, choices: dict[str, Choice]) -> None:
    """Store her choices for the optional kinds; anything said about the mandatory ones is ignored."""
    existing = {
        row.kind: row for row in db.session.scalars(select(NoticePreference).where(NoticePreference.user_id == user.id))
    }
    for kind in OPTIONAL_KINDS:
        choice = choices.get(kind.value, Choice())
        row = existing.get(kind.value) or NoticePreference(user_id=user.id, kind=kind.value)
        row.in_site, row.by_email = choice.in_site, choice.by_email
        db.session.add(row)
    db.session.commit()


def deliver(*, user: User, kind: str, subject: str, body: str, link: str | None = None, url: str | None = None) -> bool:
    """Send one notice as she chose: kept in her centre and/or emailed (the caller commits).

    ``link`` is the site path the centre links to, ``url`` the absolute address written in the mail.
    Returns whether anything was sent. Accounts that were closed receive nothing.
    """
    if not user.is_active or user.erased_at is not None:
        return False
    choice = choice_for(user, kind)
    if choice.in_site:
        db.session.add(Notification(user_id=user.id, kind=kind, message=f"{subject}. {body}", link=link))
    if choice.by_email:
        text = f"{body}\n\n{url}" if url else body
        queue_mail(Mail(to=user.email, subject=subject, body=text))
    return choice.in_site or choice.by_email


def notices_page(user: User, page: int = 1):
    """Her notices, newest first, one page at a time."""
    stmt = (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    return db.paginate(stmt, page=max(page, 1), per_page=PER_PAGE, error_out=False)


def open_notice(*, user: User, notice_id: int) -> str | None:
    """Mark one of her notices read and say where it leads; someone else's is ignored (None)."""
    notice = db.session.scalar(
        select(Notification).where(Notification.id == notice_id, Notification.user_id == user.id)
    )
    if notice is None:
        return None
    if notice.read_at is None:
        notice.read_at = utcnow()
        db.session.commit()
    return notice.link


def mark_all_read(*, user: User) -> int:
    """Mark every unread notice of hers read; returns how many."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.commit()
    return result.rowcount or 0
