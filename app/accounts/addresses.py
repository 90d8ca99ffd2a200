"""Saved addresses: a shopper keeps a few, one of them the default, and picks one at checkout.

Every look-up is by (her id, address id): another shopper's address is simply not found.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from app.accounts.models import Address, User
from app.core import places
from app.core.errors import FieldErrors, NotFound
from app.core.extensions import db
from app.core.validation import normalise_mobile

MAX_ADDRESSES = 10


class AddressError(FieldErrors):
    code = "address"


@dataclass(frozen=True)
class AddressData:
    recipient: str
    phone: str
    province_code: int | None
    ward_code: int | None
    street: str
    is_default: bool = False


def addresses_of(user: User) -> list[Address]:
    """Her addresses, the default first, then the newest."""
    return list(
        db.session.scalars(
            select(Address)
            .where(Address.user_id == user.id)
            .order_by(Address.is_default.desc(), Address.created_at.desc(), Address.id.desc())
        )
    )


def address_of(user: User, address_id: int | None) -> Address:
    """One of her addresses; anyone else's (or none) is not found."""
    address = db.session.scalar(select(Address).where(Address.id == address_id, Address.user_id == user.id))
    if address is None:
        raise NotFound(_("This address does not exist."))
    return address


def default_address(user: User) -> Address | None:
    return db.session.scalar(
        select(Address).where(Address.user_id == user.id).order_by(Address.is_default.desc(), Address.id).limit(1)
    )


def check(data: AddressData) -> AddressData:
    """Normalise an address, refusing what cannot be right (every problem at once)."""
    errors: dict[str, str] = {}
    recipient, street = (data.recipient or "").strip(), (data.street or "").strip()
    if not 2 <= len(recipient) <= 120:
        errors["recipient"] = _("Enter the name of the person receiving the order.")
    phone = normalise_mobile(data.phone or "")
    if phone is None:
        errors["phone"] = _("Enter a Vietnamese mobile number: 0 followed by 9 digits (03, 05, 07, 08, 09…), or +84.")
    if not places.province_name(data.province_code):
        errors["province_code"] = _("Choose a province from the list.")
    elif places.ward_province(data.ward_code) != data.province_code:
        errors["ward_code"] = _("This ward or commune is not in the chosen province. Choose it from the list.")
    if not 3 <= len(street) <= 200:
        errors["street"] = _("Enter the house number and street.")
    if errors:
        raise AddressError(errors=errors)
    return AddressData(recipient, phone, data.province_code, data.ward_code, street, bool(data.is_default))


def save_address(*, user: User, data: AddressData, address_id: int | None = None) -> Address:
    """Add an address or change one of hers; the first one (or one marked so) becomes the default."""
    data = check(data)
    if address_id is None:
        count = db.session.scalar(select(func.count(Address.id)).where(Address.user_id == user.id)) or 0
        if count >= MAX_ADDRESSES:
            raise AddressError(_("You can keep at most %(n)s addresses. Delete one first.", n=MAX_ADDRESSES))
        address = Address(user_id=user.id)
        db.session.add(address)
        make_default = data.is_default or count == 0
    else:
        address = address_of(user, address_id)
        make_default = data.is_default or address.is_default
    address.recipient, address.phone, address.street = data.recipient, data.phone, data.street
    address.province_code, address.ward_code = data.province_code, data.ward_code
    db.session.flush()
    if make_default:
        _make_default(user, address)
    db.session.commit()
    return address


def set_default(*, user: User, address_id: int) -> Address:
    address = address_of(user, address_id)
    _make_default(user, address)
    db.session.commit()
    return address


def delete_address(*, user: User, address_id: int) -> None:
    """Delete one of her addresses; when it was the default, the newest other one takes its place."""
    address = address_of(user, address_id)
    was_default = address.is_default
    db.session.delete(address)
    db.session.flush()
    if was_default and (successor := default_address(user)) is not None:
        _make_default(user, successor)
    db.session.commit()


def _make_default(user: User, address: Address) -> None:
    db.session.execute(
        update(Address).where(Address.user_id == user.id, Address.id != address.id).values(is_default=False)
    )
    address.is_default = True


def one_line(address: Address) -> str:
    """ "12 Phú Riềng Đỏ, Phường Đồng Xoài, Đồng Nai" """
    return ", ".join(
        part
        for part in (address.street, places.ward_name(address.ward_code), places.province_name(address.province_code))
        if part
    )
