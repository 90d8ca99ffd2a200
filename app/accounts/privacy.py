"""Her personal data (Decree 13/2023/NĐ-CP): download everything the shop holds about her, or close
the account for good.

Each domain knows its own rows: the download asks them through ``personal_data_wanted`` and the
deletion through ``account_erasing`` (in the same transaction; a domain may refuse, e.g. while an
order is still open). Orders are kept for the accounts with her details removed; the account row
stays (other records point at it) but holds nothing personal and can never sign in again.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, select
from werkzeug.security import check_password_hash

from app.accounts.addresses import addresses_of
from app.accounts.models import Address, NoticePreference, Notification, User
from app.accounts.notices import preferences
from app.accounts.services import AccountError
from app.core import audit, places, signals
from app.core.errors import DomainError
from app.core.extensions import db
from app.core.timeutil import utcnow
from app.core.vocab import Role

ERASED_NAME = "Tài khoản đã xóa"
UNUSABLE_PASSWORD = "!erased"  # nosec B105: not a werkzeug hash, so check_password_hash is always False


def plain(value: Any) -> Any:
    """Dates as ISO text, containers walked, everything else as it is (for JSON)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def export(user: User) -> dict:
    """Everything the shop holds about her, section by section, ready for ``json.dumps``."""
    data: dict[str, Any] = {
        "exported_at": utcnow(),
        "about": _(
            "Your personal data at Chợ Phụ Nữ Khởi Nghiệp, as Decree 13/2023/NĐ-CP gives you the right to receive it."
        ),
        "account": {
            "full_name": user.full_name,
            "email": user.email,
            "email_verified_at": user.email_verified_at,
            "phone": user.phone,
            "language": user.locale,
            "role": user.role,
            "created_at": user.created_at,
            "last_login_at": user.last_login_at,
            "privacy_notice_accepted_at": user.privacy_accepted_at,
            "privacy_notice_version": user.privacy_version,
        },
        "addresses": [
            {
                "recipient": a.recipient,
                "phone": a.phone,
                "province": places.province_name(a.province_code),
                "ward": places.ward_name(a.ward_code),
                "street": a.street,
                "is_default": a.is_default,
                "created_at": a.created_at,
            }
            for a in addresses_of(user)
        ],
        "notice_preferences": {k: {"in_site": c.in_site, "by_email": c.by_email} for k, c in preferences(user).items()},
        "notices": [
            {"kind": n.kind, "message": n.message, "link": n.link, "created_at": n.created_at, "read_at": n.read_at}
            for n in db.session.scalars(
                select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
            )
        ],
    }
    for answer in signals.all_answers(signals.personal_data_wanted, user):
        data.update(answer)
    return plain(data)


def erase(*, user: User, password: str) -> None:
    """Close her account for good: her password proves it is her; every domain cleans its rows."""
    if not check_password_hash(user.password_hash, password or ""):
        raise AccountError(_("The password is not correct."), field="password")
    if user.role != Role.SHOPPER:
        raise AccountError(
            _("Staff accounts are closed by the union's back office. Please write to the union."), field="password"
        )
    try:
        signals.account_erasing.send(user)  # receivers may raise to refuse; nothing is kept then
    except DomainError as exc:
        db.session.rollback()
        raise AccountError(exc.message) from None
    db.session.execute(delete(Address).where(Address.user_id == user.id))
    db.session.execute(delete(NoticePreference).where(NoticePreference.user_id == user.id))
    db.session.execute(delete(Notification).where(Notification.user_id == user.id))
    user.full_name, user.email, user.phone = ERASED_NAME, f"da-xoa-{user.id}@erased.invalid", None
    user.password_hash, user.is_active_account = UNUSABLE_PASSWORD, False
    user.email_verified_at, user.last_login_at, user.erased_at = None, None, utcnow()
    audit.record(actor_id=user.id, action="account.erase", subject_type="user", subject_id=user.id)
    db.session.commit()
