"""Members of a seller: the owner invites by email, the invitee accepts or declines from her account.

An invitation says nothing about the invitee to the owner: the answer to "invite" is the same whether
or not an account uses the email, no name is shown before she accepts, and nobody becomes a member
without saying yes. A member may leave and the owner may remove one; access rests on the
membership row alone, read on every request, so it ends at once.
"""

from __future__ import annotations

from datetime import timedelta

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.accounts.services import find_by_identifier, notify
from app.core import audit
from app.core.errors import Forbidden, NotFound
from app.core.extensions import db
from app.core.mail import Mail, queue_mail
from app.core.timeutil import utcnow
from app.core.urls import external_url
from app.core.validation import normalise_email
from app.core.vocab import InvitationStatus
from app.sellers.models import SellerInvitation, SellerMember
from app.sellers.services import SellerError, membership, seller_for_member

# Invitations waiting for an answer, per seller: enough for a cooperative, too few to spam with.
MAX_PENDING_INVITATIONS = 20


def members_of(*, user: User, seller_id: int) -> list[SellerMember]:
    """The members of a seller the user belongs to, owners first."""
    seller_for_member(user, seller_id)
    stmt = (
        select(SellerMember)
        .where(SellerMember.seller_id == seller_id)
        .options(selectinload(SellerMember.user))
        .order_by(SellerMember.is_owner.desc(), SellerMember.id)
    )
    return list(db.session.scalars(stmt))


def pending_invitations(*, user: User, seller_id: int) -> list[SellerInvitation]:
    """Invitations of this seller still waiting for an answer (the emails the owner typed, nothing more)."""
    seller_for_member(user, seller_id)
    stmt = (
        select(SellerInvitation)
        .where(SellerInvitation.seller_id == seller_id, SellerInvitation.status == InvitationStatus.PENDING)
        .order_by(SellerInvitation.id)
    )
    return list(db.session.scalars(stmt))


def _owner(user: User, seller_id: int) -> SellerMember:
    row = membership(user, seller_id)
    if not row.is_owner:
        raise Forbidden(_("Only the owner can invite or remove members."))
    return row


def invite_member(*, user: User, seller_id: int, email: str) -> SellerInvitation:
    """Invite an email to join: she is told by email (and in her account if she has one) and decides."""
    owner = _owner(user, seller_id)
    email_n = normalise_email(email)
    if email_n is None:
        raise SellerError({"email": _("Enter a valid email address, for example lan@example.com.")})
    pending = db.session.scalars(
        select(SellerInvitation.email).where(
            SellerInvitation.seller_id == seller_id, SellerInvitation.status == InvitationStatus.PENDING
        )
    ).all()
    if email_n in pending:
        raise SellerError({"email": _("An invitation to this email is already waiting for her answer.")})
    if len(pending) >= MAX_PENDING_INVITATIONS:
        raise SellerError({"email": _("Too many invitations are waiting for an answer. Withdraw some first.")})
    # The owner already sees her members' emails, so this tells her nothing new.
    member = db.session.scalar(
        select(SellerMember.id)
        .join(User, User.id == SellerMember.user_id)
        .where(SellerMember.seller_id == seller_id, func.lower(User.email) == email_n)
    )
    if member:
        raise SellerError({"email": _("She is already a member.")})
    invitation = SellerInvitation(seller_id=seller_id, email=email_n, invited_by_id=user.id)
    db.session.add(invitation)
    _tell_invitee(email_n, owner.seller.name)
    db.session.commit()
    return invitation


def _tell_invitee(email: str, seller_name: str) -> None:
    account = find_by_identifier(email)
    with force_locale(account.locale if account else "vi"):
        if account is not None:
            notify(
                account.id,
                _("You are invited to join %(name)s as a member. Accept or decline it.", name=seller_name),
                url_for("sellers.invitations"),
            )
        queue_mail(
            Mail(
                to=email,
                subject=_("Invitation to join %(name)s", name=seller_name),
                body=_(
                    "You are invited to sell with %(name)s on the market. Sign in (or register with this email) "
                    "to accept or decline:\n%(link)s\n\nIf you do not know this seller, ignore this email.",
                    name=seller_name,
                    link=external_url("sellers.invitations"),
                ),
            )
        )


def my_invitations(user: User) -> list[SellerInvitation]:
    """Invitations sent to this account's email that wait for her answer."""
    stmt = (
        select(SellerInvitation)
        .where(
            SellerInvitation.email == (user.email or "").lower(), SellerInvitation.status == InvitationStatus.PENDING
        )
        .options(selectinload(SellerInvitation.seller))
        .order_by(SellerInvitation.id)
    )
    return list(db.session.scalars(stmt))


def answer_invitation(*, user: User, invitation_id: int, accept: bool) -> SellerInvitation:
    """She accepts (and becomes a member) or declines; only the invitee may answer, and only once."""
    invitation = db.session.get(SellerInvitation, invitation_id, with_for_update=True)
    if invitation is None or invitation.email != (user.email or "").lower():
        raise NotFound(_("This page does not exist."))
    if invitation.status != InvitationStatus.PENDING:
        raise SellerError({"": _("This invitation has already been answered or withdrawn.")})
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.decided_at = utcnow()
    if accept and membership_of(user, invitation.seller_id) is None:
        db.session.add(SellerMember(seller_id=invitation.seller_id, user_id=user.id, is_owner=False))
    if invitation.invited_by_id is not None:
        inviter = db.session.get(User, invitation.invited_by_id)
        with force_locale(inviter.locale if inviter else "vi"):
            message = (
                _("%(name)s accepted your invitation.", name=user.full_name)
                if accept
                else _("The invitation to %(email)s was declined.", email=invitation.email)
            )
            notify(invitation.invited_by_id, message, url_for("sellers.team", seller_id=invitation.seller_id))
    db.session.commit()
    return invitation


def membership_of(user: User, seller_id: int) -> SellerMember | None:
    return db.session.scalar(
        select(SellerMember).where(SellerMember.seller_id == seller_id, SellerMember.user_id == user.id)
    )


def withdraw_invitation(*, user: User, seller_id: int, invitation_id: int) -> None:
    """The owner takes back an invitation not answered yet."""
    _owner(user, seller_id)
    invitation = db.session.scalar(
        select(SellerInvitation).where(SellerInvitation.id == invitation_id, SellerInvitation.seller_id == seller_id)
    )
    if invitation is None:
        raise NotFound(_("This page does not exist."))
    if invitation.status == InvitationStatus.PENDING:
        invitation.status, invitation.decided_at = InvitationStatus.WITHDRAWN, utcnow()
        db.session.commit()


def remove_member(*, user: User, seller_id: int, member_id: int) -> None:
    """Remove a member who is not an owner."""
    _owner(user, seller_id)
    row = db.session.scalar(
        select(SellerMember).where(SellerMember.id == member_id, SellerMember.seller_id == seller_id)
    )
    if row is None:
        raise NotFound(_("This page does not exist."))
    if row.is_owner:
        raise Forbidden(_("The owner cannot be removed."))
    audit.record(
        actor_id=user.id,
        action="seller.member_removed",
        subject_type="seller",
        subject_id=seller_id,
        details={"user": row.user_id},
    )
    db.session.delete(row)
    db.session.commit()


def leave(*, user: User, seller_id: int) -> None:
    """A member who is not the owner leaves the seller; her access ends with this commit."""
    row = membership(user, seller_id)
    if row.is_owner:
        raise Forbidden(_("The owner cannot leave. Ask the union to hand the seller to another member."))
    audit.record(
        actor_id=user.id, action="seller.member_left", subject_type="seller", subject_id=seller_id, details=None
    )
    db.session.delete(row)
    db.session.commit()


ACTIVITY_STEP = timedelta(minutes=5)


def note_activity(*, user_id: int, seller_id: int) -> None:
    """Remember that a member used the seller's pages (at most one write per five minutes)."""
    now = utcnow()
    result = db.session.execute(
        update(SellerMember)
        .where(
            SellerMember.seller_id == seller_id,
            SellerMember.user_id == user_id,
            or_(SellerMember.last_active_at.is_(None), SellerMember.last_active_at < now - ACTIVITY_STEP),
        )
        .values(last_active_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount:
        db.session.commit()
