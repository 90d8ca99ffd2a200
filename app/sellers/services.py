"""The seller application: save a draft, attach documents, submit; members see their own only."""

from __future__ import annotations

from dataclasses import dataclass, fields

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.core import uploads
from app.core.errors import FieldErrors, NotFound
from app.core.extensions import db
from app.core.slugs import unique_slug
from app.core.validation import normalise_email, normalise_phone
from app.core.vocab import SellerStatus
from app.sellers import documents as docs
from app.sellers import places
from app.sellers.models import SELLER_KINDS, Seller, SellerDocument, SellerMember
from app.sellers.status import EDITABLE
from app.sellers.workflow import apply_transition

REGISTRATION_REQUIRED = frozenset({"cooperative", "household"})
REGISTRATION_ALLOWED = REGISTRATION_REQUIRED | {"cooperative_group"}
MAX_MEMBERS = 100_000


class SellerError(FieldErrors):
    """Bad input for a seller; ``errors`` maps form fields to messages shown next to them."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors=errors)


@dataclass
class ApplicationData:
    kind: str
    name: str
    representative: str = ""
    phone: str = ""
    email: str = ""
    province_code: int = places.DEFAULT_PROVINCE
    ward_code: int = 0
    street: str = ""
    registration_no: str = ""
    members_count: int = 1
    women_members_count: int = 1
    story: str = ""

    @classmethod
    def from_seller(cls, seller: Seller) -> ApplicationData:
        values = {f.name: getattr(seller, f.name) for f in fields(cls)}
        return cls(**{k: v if v is not None else cls.__dataclass_fields__[k].default for k, v in values.items()})


def check_data(data: ApplicationData) -> dict[str, str]:
    """Problems that stop even a draft from being saved."""
    errors: dict[str, str] = {}
    if data.kind not in SELLER_KINDS:
        errors["kind"] = _("Choose the kind of organisation.")
    if not data.name.strip():
        errors["name"] = _("Write the name of the organisation or of the woman who sells.")
    if data.phone.strip() and normalise_phone(data.phone) is None:
        errors["phone"] = _("Enter a Vietnamese phone number: 0 followed by 9 digits, or +84.")
    if data.email.strip() and normalise_email(data.email) is None:
        errors["email"] = _("Enter a valid email address, for example lan@example.com.")
    if not places.province_name(data.province_code):
        errors["province_code"] = _("Choose a province from the list.")
    elif data.ward_code and not places.ward_in_province(data.province_code, data.ward_code):
        errors["ward_code"] = _("This ward or commune is not in the chosen province.")
    if not 0 <= data.members_count <= MAX_MEMBERS:
        errors["members_count"] = _("The number of members must be between 0 and 100,000.")
    elif not 0 <= data.women_members_count <= data.members_count:
        errors["women_members_count"] = _("Women members cannot be more than all members.")
    return errors


def check_complete(seller: Seller) -> dict[str, str]:
    """What is still missing before an application can be sent to the union."""
    missing: dict[str, str] = {}
    required = _("Please fill this in before sending the application.")
    for name in ("representative", "phone", "street", "story"):
        if not (getattr(seller, name) or "").strip():
            missing[name] = required
    if not seller.ward_code:
        missing["ward_code"] = _("Choose the ward or commune.")
    if seller.kind in REGISTRATION_REQUIRED and not seller.registration_no:
        missing["registration_no"] = _("This kind of organisation has a registration number: please enter it.")
    if seller.members_count < 1:
        missing["members_count"] = _("An organisation has at least one member.")
    return missing


def apply_data(seller: Seller, data: ApplicationData) -> None:
    """Copy checked data onto the seller (no commit)."""
    errors = check_data(data)
    if errors:
        raise SellerError(errors)
    seller.kind, seller.name = data.kind, data.name.strip()
    seller.representative = data.representative.strip()
    seller.phone = normalise_phone(data.phone) or ""
    seller.email = normalise_email(data.email) if data.email.strip() else None
    seller.province_code, seller.ward_code = data.province_code, data.ward_code or 0
    seller.street, seller.story = data.street.strip(), data.story.strip()
    reg = data.registration_no.strip()
    seller.registration_no = reg if reg and data.kind in REGISTRATION_ALLOWED else None
    seller.members_count, seller.women_members_count = data.members_count, data.women_members_count
    if not seller.slug:
        seller.slug = unique_slug(Seller.slug, seller.name, fallback="nguoi-ban", max_length=140)


def check_uploads(
    files: list[tuple[bytes, str]], already: int = 0, *, quota_of: int | None = None
) -> list[docs.CheckedDocument]:
    """Check every upload before anything is saved; raise on the documents field.

    Pictures are bounded in pixels together before any is decoded; ``quota_of`` (an account id)
    also checks that account's daily upload quota.
    """
    files = [(data, name) for data, name in files if name]
    if already + len(files) > docs.MAX_DOCUMENTS:
        raise SellerError({"documents": _("At most 10 documents per seller.")})
    try:
        uploads.check_pixels([data for data, _name in files], field="documents")
        if quota_of is not None:
            uploads.check_quota(user_id=quota_of, sizes=[len(data) for data, _name in files], field="documents")
    except uploads.UploadRefused as exc:
        raise SellerError(exc.errors) from None
    try:
        return [docs.check_document(data, name) for data, name in files]
    except docs.DocumentRejected as exc:
        raise SellerError({"documents": exc.message}) from None


def attach_documents(seller: Seller, checked: list[docs.CheckedDocument], *, uploader_id: int) -> None:
    """Write checked documents to private storage and add their rows (the caller commits)."""
    storage = docs.private_storage()
    uploads.record(user_id=uploader_id, sizes=[len(doc.data) for doc in checked], kind="document")
    for doc in checked:
        key = docs.new_key(seller.id, doc.content_type)
        storage.save(key, doc.data)
        title = doc.original_name.rsplit(".", 1)[0][:160] or doc.original_name[:160]
        db.session.add(
            SellerDocument(
                seller_id=seller.id,
                title=title,
                original_name=doc.original_name,
                content_type=doc.content_type,
                storage_key=key,
                size_bytes=len(doc.data),
                uploaded_by_id=uploader_id,
            )
        )


def my_sellers(user: User) -> list[Seller]:
    """The organisations a user belongs to."""
    stmt = (
        select(Seller)
        .join(SellerMember)
        .where(SellerMember.user_id == user.id)
        .options(selectinload(Seller.documents))
        .order_by(Seller.id)
    )
    return list(db.session.scalars(stmt))


def seller_for_member(user: User, seller_id: int) -> Seller:
    """The seller when ``user`` is one of its members; NotFound otherwise, so ids reveal nothing."""
    seller = db.session.scalar(
        select(Seller).join(SellerMember).where(Seller.id == seller_id, SellerMember.user_id == user.id)
    )
    if seller is None:
        raise NotFound(_("This page does not exist."))
    return seller


def membership(user: User, seller_id: int) -> SellerMember:
    row = db.session.scalar(
        select(SellerMember).where(SellerMember.seller_id == seller_id, SellerMember.user_id == user.id)
    )
    if row is None:
        raise NotFound(_("This page does not exist."))
    return row


def save_application(
    *, user: User, data: ApplicationData, files: list[tuple[bytes, str]], seller_id: int | None = None
) -> Seller:
    """Create or update the applicant's draft (also a rejected one she corrects); one commit.

    An account holds one draft at a time: a second "new application" is refused.
    """
    if seller_id is None:
        _refuse_second_draft(user)
        seller = Seller(status="draft")
        checked = check_uploads(files, quota_of=user.id)
        apply_data(seller, data)
        db.session.add(seller)
        db.session.flush()
        db.session.add(SellerMember(seller_id=seller.id, user_id=user.id, is_owner=True))
    else:
        seller = seller_for_member(user, seller_id)
        _check_editable(seller)
        checked = check_uploads(files, already=len(seller.documents), quota_of=user.id)
        apply_data(seller, data)
    attach_documents(seller, checked, uploader_id=user.id)
    db.session.commit()
    return seller


def _refuse_second_draft(user: User) -> None:
    """SellerError when the account already has a draft; the account's row is locked so two at once cannot pass."""
    db.session.execute(select(User.id).where(User.id == user.id).with_for_update())
    draft = db.session.scalar(
        select(Seller.id)
        .join(SellerMember)
        .where(SellerMember.user_id == user.id, Seller.status == SellerStatus.DRAFT)
        .limit(1)
    )
    if draft is not None:
        raise SellerError({"": _("You already have a draft application. Continue it from your seller page.")})


def _check_editable(seller: Seller) -> None:
    if seller.status not in EDITABLE:
        raise SellerError({"name": _("This application has been sent and can no longer be changed.")})


def submit_application(*, user: User, seller_id: int) -> Seller:
    """Send a complete draft (or corrected rejected application) to the union for review."""
    seller = seller_for_member(user, seller_id)
    _check_editable(seller)
    missing = check_complete(seller)
    if missing:
        raise SellerError(missing)
    apply_transition(seller, action="submit", actor_id=user.id)
    db.session.commit()
    return seller


def delete_document(*, user: User, seller_id: int, document_id: int) -> None:
    """Remove a document from an application that can still be changed."""
    seller = seller_for_member(user, seller_id)
    _check_editable(seller)
    document = db.session.scalar(
        select(SellerDocument).where(SellerDocument.id == document_id, SellerDocument.seller_id == seller.id)
    )
    if document is None:
        raise NotFound(_("This page does not exist."))
    key = document.storage_key
    db.session.delete(document)
    db.session.commit()
    docs.private_storage().delete(key)  # after the commit: a failed delete leaves a file the sweep removes


def readable_document(*, user: User, document_id: int) -> tuple[SellerDocument, bytes]:
    """A document and its bytes for union staff or a member of its seller; NotFound for anyone else."""
    document = db.session.get(SellerDocument, document_id)
    if document is None or not _may_read(user, document.seller_id):
        raise NotFound(_("This page does not exist."))
    try:
        return document, docs.private_storage().open(document.storage_key)
    except FileNotFoundError:
        raise NotFound(_("This page does not exist.")) from None


def _may_read(user: User, seller_id: int) -> bool:
    if not user.is_authenticated:
        return False
    if user.role == "staff":
        return True
    count = db.session.scalar(
        select(func.count(SellerMember.id)).where(SellerMember.seller_id == seller_id, SellerMember.user_id == user.id)
    )
    return bool(count)
