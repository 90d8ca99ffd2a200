"""Union staff run the outlets: open, change, close and reopen them, and say who works there.

An outlet is closed only when nothing is left to do there: open shipments handed over or cancelled,
consigned stock sent back, consignments on their way confirmed. Every change is in the audit trail.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.accounts.services import find_by_identifier
from app.consignments.models import Consignment
from app.core import audit, places
from app.core.errors import FieldErrors, NotFound
from app.core.extensions import db
from app.core.slugs import unique_slug
from app.core.text import fold
from app.core.vocab import Role
from app.orders.addresses import SERVED_PROVINCES
from app.orders.models import Shipment
from app.orders.status import OPEN_STATUSES
from app.outlets.models import Outlet, OutletStaff, OutletWard, StockRecord

PROVINCE = SERVED_PROVINCES[0]
# Vietnam lies within these bounds (mainland and islands); a point outside is a typing mistake.
VIETNAM_LATITUDE = (8.0, 23.5)
VIETNAM_LONGITUDE = (102.0, 117.5)
TIME_RE = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
PHONE_RE = re.compile(r"(?:0|\+84)\d{9,10}")  # mobiles have 9 digits after the 0, landlines 10
MAX_FEE = 1_000_000


class OutletError(FieldErrors):
    code = "outlet"


@dataclass(frozen=True)
class OutletData:
    name: str
    short_name: str
    street: str
    ward_code: int | None
    latitude: float | None
    longitude: float | None
    phone: str = ""
    hours: str = ""
    opens_at: str = "07:00"
    closes_at: str = "20:00"
    offers_pickup: bool = True
    offers_delivery: bool = True
    delivery_fee_vnd: int = 20000
    priority: int = 100
    delivery_wards: tuple[int, ...] = ()

    @classmethod
    def from_outlet(cls, outlet: Outlet) -> OutletData:
        fields = {k: getattr(outlet, k) for k in cls.__dataclass_fields__ if k != "delivery_wards"}
        return cls(**fields, delivery_wards=tuple(sorted(outlet.delivery_ward_codes)))


def _same_name(column, name: str, outlet_id: int | None) -> bool:
    """Another outlet already uses this name (ignoring case, accents and spaces)."""
    wanted = " ".join(fold(name).split())
    others = db.session.scalars(select(column).where(Outlet.id != (outlet_id or 0)))
    return any(" ".join(fold(other or "").split()) == wanted for other in others)


def check(data: OutletData, outlet_id: int | None = None) -> dict[str, str]:
    """Every problem with the data, by field, in the reader's language."""
    errors: dict[str, str] = {}
    if not data.name.strip():
        errors["name"] = _("Give the outlet's name.")
    elif _same_name(Outlet.name, data.name, outlet_id):
        errors["name"] = _("Another outlet already has this name.")
    if data.short_name.strip() and _same_name(Outlet.short_name, data.short_name, outlet_id):
        errors["short_name"] = _("Another outlet already has this short name.")
    if not data.street.strip():
        errors["street"] = _("Enter the house number and street.")
    if not data.ward_code:
        errors["ward_code"] = _("Choose the ward or commune.")
    elif places.ward_province(data.ward_code) != PROVINCE:
        errors["ward_code"] = _("This ward is not in %(province)s.", province=places.province_name(PROVINCE))
    errors.update(_check_place(data))
    if data.phone.strip() and not PHONE_RE.fullmatch(re.sub(r"[\s.\-()]", "", data.phone)):
        errors["phone"] = _("Enter a phone number: 0 followed by 9 or 10 digits (a landline has 10), or +84.")
    for key in ("opens_at", "closes_at"):
        if not TIME_RE.fullmatch(getattr(data, key)):
            errors[key] = _("Write the time as hh:mm, for example 07:30.")
    if "opens_at" not in errors and "closes_at" not in errors and data.opens_at >= data.closes_at:
        errors["closes_at"] = _("The closing time must be after the opening time.")
    if not 0 <= data.delivery_fee_vnd <= MAX_FEE:
        errors["delivery_fee_vnd"] = _("The delivery fee must be between 0 and 1.000.000 đồng.")
    if not 0 <= data.priority <= 1000:
        errors["priority"] = _("The priority must be between 0 and 1000.")
    if not data.offers_pickup and not data.offers_delivery:
        errors["offers_pickup"] = _("An outlet offers pickup, delivery or both.")
    return errors


def _check_place(data: OutletData) -> dict[str, str]:
    errors: dict[str, str] = {}
    if (data.latitude is None) != (data.longitude is None):
        errors["longitude" if data.longitude is None else "latitude"] = _("Give both coordinates, or neither.")
    if data.latitude is not None and not -90 <= data.latitude <= 90:
        errors["latitude"] = _("A latitude lies between -90 and 90.")
    elif data.latitude is not None and not VIETNAM_LATITUDE[0] <= data.latitude <= VIETNAM_LATITUDE[1]:
        errors["latitude"] = _("This latitude is outside Vietnam (8 to 23.5).")
    if data.longitude is not None and not -180 <= data.longitude <= 180:
        errors["longitude"] = _("A longitude lies between -180 and 180.")
    elif data.longitude is not None and not VIETNAM_LONGITUDE[0] <= data.longitude <= VIETNAM_LONGITUDE[1]:
        errors["longitude"] = _("This longitude is outside Vietnam (102 to 117.5).")
    outside = [code for code in data.delivery_wards if places.ward_province(code) != PROVINCE]
    if outside:
        errors["delivery_wards"] = _(
            "These wards are not in %(province)s: %(codes)s.",
            province=places.province_name(PROVINCE),
            codes=", ".join(map(str, outside)),
        )
    elif data.offers_delivery and not data.delivery_wards:
        errors["delivery_wards"] = _("Choose the wards this outlet delivers to, or turn delivery off.")
    return errors


def outlet_detail(outlet_id: int) -> Outlet:
    outlet = db.session.scalar(
        select(Outlet)
        .where(Outlet.id == outlet_id)
        .options(selectinload(Outlet.areas), selectinload(Outlet.staff).selectinload(OutletStaff.user))
    )
    if outlet is None:
        raise NotFound(_("This outlet was not found."))
    return outlet


def all_outlets() -> list[Outlet]:
    """Every outlet, open ones first, with its staff."""
    return list(
        db.session.scalars(
            select(Outlet)
            .options(selectinload(Outlet.staff).selectinload(OutletStaff.user), selectinload(Outlet.areas))
            .order_by(Outlet.is_active.desc(), Outlet.name)
        )
    )


def _apply(outlet: Outlet, data: OutletData) -> None:
    for key, value in asdict(data).items():
        if key == "delivery_wards":
            continue
        setattr(outlet, key, value.strip() if isinstance(value, str) else value)
    outlet.phone = " ".join(data.phone.split())  # kept as written: "0251 3822 468" reads best
    outlet.province_code = PROVINCE
    wanted = set(data.delivery_wards)
    outlet.areas = [a for a in outlet.areas if a.ward_code in wanted] + [
        OutletWard(ward_code=code) for code in sorted(wanted - outlet.delivery_ward_codes)
    ]


def create_outlet(*, staff: User, data: OutletData) -> Outlet:
    """Open a new outlet."""
    errors = check(data)
    if errors:
        raise OutletError(errors=errors)
    outlet = Outlet(slug=unique_slug(Outlet.slug, data.name, fallback="cua-hang", max_length=120), areas=[])
    _apply(outlet, data)
    db.session.add(outlet)
    db.session.flush()
    audit.record(actor_id=staff.id, action="outlet.create", subject_type="outlet", subject_id=outlet.id)
    db.session.commit()
    return outlet


def update_outlet(*, staff: User, outlet_id: int, data: OutletData) -> Outlet:
    """Change an outlet's details; the audit row lists what changed."""
    outlet = outlet_detail(outlet_id)
    errors = check(data, outlet_id)
    if errors:
        raise OutletError(errors=errors)
    before = asdict(OutletData.from_outlet(outlet))
    _apply(outlet, data)
    after = asdict(OutletData.from_outlet(outlet))
    changed = sorted(k for k in after if after[k] != before[k])
    if changed:
        audit.record(
            actor_id=staff.id,
            action="outlet.update",
            subject_type="outlet",
            subject_id=outlet.id,
            details={"changed": changed},
        )
    db.session.commit()
    return outlet


@dataclass(frozen=True)
class OpenWork:
    shipments: int
    stock_lines: int
    stock_units: int
    consignments: int

    @property
    def any(self) -> bool:
        return bool(self.shipments or self.stock_units or self.consignments)

    def words(self) -> list[str]:
        """What must happen before the outlet can close, one sentence per kind of work."""
        out = []
        if self.shipments:
            out.append(_("%(n)s open shipments must be handed over or cancelled.", n=self.shipments))
        if self.stock_units:
            out.append(
                _(
                    "%(units)s units of %(lines)s products are still consigned here: the sellers must take them back.",
                    units=self.stock_units,
                    lines=self.stock_lines,
                )
            )
        if self.consignments:
            out.append(_("%(n)s consignments on their way must be confirmed or cancelled.", n=self.consignments))
        return out


def open_work(outlet_id: int) -> OpenWork:
    """Shipments still open, consigned stock still on the shelves, consignments still on their way."""
    shipments = db.session.scalar(
        select(func.count(Shipment.id)).where(Shipment.outlet_id == outlet_id, Shipment.status.in_(OPEN_STATUSES))
    )
    lines, units = db.session.execute(
        select(func.count(StockRecord.id), func.coalesce(func.sum(StockRecord.on_hand), 0)).where(
            StockRecord.outlet_id == outlet_id, StockRecord.on_hand > 0
        )
    ).one()
    consignments = db.session.scalar(
        select(func.count(Consignment.id)).where(Consignment.outlet_id == outlet_id, Consignment.status == "sent")
    )
    return OpenWork(int(shipments or 0), int(lines), int(units), int(consignments or 0))


def deactivate_outlet(*, staff: User, outlet_id: int, reason: str) -> Outlet:
    """Close an outlet to shoppers; refused, with what must happen first, while work is open there."""
    outlet = outlet_detail(outlet_id)
    reason = (reason or "").strip()
    if not reason:
        raise OutletError(_("Write why the outlet closes."), field="reason")
    work = open_work(outlet.id)
    if work.any:
        raise OutletError(
            errors={"": _("This outlet cannot close yet."), **{f"work-{i}": w for i, w in enumerate(work.words())}}
        )
    outlet.is_active = False
    audit.record(
        actor_id=staff.id, action="outlet.deactivate", subject_type="outlet", subject_id=outlet.id, reason=reason
    )
    db.session.commit()
    return outlet


def reactivate_outlet(*, staff: User, outlet_id: int) -> Outlet:
    outlet = outlet_detail(outlet_id)
    outlet.is_active = True
    audit.record(actor_id=staff.id, action="outlet.reactivate", subject_type="outlet", subject_id=outlet.id)
    db.session.commit()
    return outlet


def add_staff(*, staff: User, outlet_id: int, email: str) -> OutletStaff:
    """Give an existing account work at this outlet (one outlet per person)."""
    outlet = outlet_detail(outlet_id)
    person = find_by_identifier((email or "").strip())
    if person is None:
        raise OutletError(_("No account uses this email or phone number. Ask her to register first."), field="email")
    if person.role == Role.STAFF:
        raise OutletError(_("Union staff cannot also be outlet staff."), field="email")
    current = db.session.scalar(select(OutletStaff).where(OutletStaff.user_id == person.id))
    if current is not None:
        where = outlet.name if current.outlet_id == outlet.id else db.session.get(Outlet, current.outlet_id).name
        raise OutletError(
            _("%(name)s already works at %(outlet)s.", name=person.full_name, outlet=where), field="email"
        )
    link = OutletStaff(outlet_id=outlet.id, user_id=person.id)
    db.session.add(link)
    person.role = Role.OUTLET
    audit.record(
        actor_id=staff.id,
        action="outlet.staff_add",
        subject_type="outlet",
        subject_id=outlet.id,
        details={"person": person.full_name, "user_id": person.id},
    )
    db.session.commit()
    return link


def remove_staff(*, staff: User, outlet_id: int, user_id: int) -> None:
    """Take a person off this outlet's staff; her account becomes a shopper's again."""
    link = db.session.scalar(
        select(OutletStaff).where(OutletStaff.outlet_id == outlet_id, OutletStaff.user_id == user_id)
    )
    if link is None:
        raise NotFound(_("This person does not work at this outlet."))
    person = db.session.get(User, user_id)
    db.session.delete(link)
    if person.role == Role.OUTLET:
        person.role = Role.SHOPPER
    audit.record(
        actor_id=staff.id,
        action="outlet.staff_remove",
        subject_type="outlet",
        subject_id=outlet_id,
        details={"person": person.full_name, "user_id": person.id},
    )
    db.session.commit()
