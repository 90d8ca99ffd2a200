"""One vocabulary per concept: every status, method, kind, unit and mode the shop stores, with its words.

Each is a ``StrEnum``: its members are the codes the database holds (they compare equal to plain
strings), and ``label`` gives the words a person reads in the current language. Models, forms,
services, templates (through the ``label`` filter), reports and the API all use these, so a code is
spelled once and worded once.
"""

from __future__ import annotations

from enum import StrEnum

from flask import current_app
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l


class Vocabulary(StrEnum):
    """A stored code with the words people read for it."""

    @property
    def label(self) -> str:
        return str(_LABELS[type(self)][self])

    @classmethod
    def codes(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)

    @classmethod
    def labels(cls, *, short: bool = False) -> dict[str, LazyString | str]:
        """{code: words}, translated when shown (safe at module level); ``short`` for cards and filters."""
        table = (_SHORT_LABELS.get(cls) if short else None) or _LABELS[cls]
        return {member.value: table[member] for member in cls}

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(code, words) pairs for a select box, in declaration order."""
        return [(member.value, member.label) for member in cls]

    @classmethod
    def label_of(cls, code: str | None) -> str:
        """The words for a stored code; the code itself when it is unknown (never an error on a page)."""
        try:
            return cls(code).label
        except ValueError:
            return code or ""


class OrderStatus(Vocabulary):
    PLACED = "placed"
    AWAITING_PAYMENT = "awaiting_payment"
    CONFIRMED = "confirmed"
    PREPARING = "preparing"
    READY_FOR_PICKUP = "ready_for_pickup"
    OUT_FOR_DELIVERY = "out_for_delivery"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


class Fulfilment(Vocabulary):
    PICKUP = "pickup"
    DELIVERY = "delivery"


class PaymentMethod(Vocabulary):
    CASH = "cash"
    VIETQR = "vietqr"
    STRIPE = "stripe"

    @property
    def short_label(self) -> str:
        return str(_SHORT_LABELS[PaymentMethod][self])

    @classmethod
    def offered(cls) -> list[PaymentMethod]:
        """Cash always; VietQR when the union's account is set; card when both Stripe keys are set."""
        methods = [cls.CASH]
        if current_app.config.get("VIETQR_ACCOUNT_NO"):
            methods.append(cls.VIETQR)
        if card_is_configured():
            methods.append(cls.STRIPE)
        return methods


def card_is_configured() -> bool:
    """Card payments need both the Stripe secret key and the webhook secret."""
    config = current_app.config
    return bool(config.get("STRIPE_SECRET_KEY") and config.get("STRIPE_WEBHOOK_SECRET"))


class PaymentStatus(Vocabulary):
    PENDING = "pending"
    PAID = "paid"
    FAILED = "failed"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"
    PARTIALLY_REFUNDED = "partially_refunded"


class RefundStatus(Vocabulary):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class SellerKind(Vocabulary):
    COOPERATIVE = "cooperative"
    COOPERATIVE_GROUP = "cooperative_group"
    LINKAGE_GROUP = "linkage_group"
    HOUSEHOLD = "household"
    INDIVIDUAL = "individual"

    @property
    def short_label(self) -> str:
        """The short words on product cards and filters ("Cooperative" rather than "Cooperative (HTX)")."""
        return str(_SHORT_LABELS[SellerKind][self])


class SellerStatus(Vocabulary):
    DRAFT = "draft"
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class ProductStatus(Vocabulary):
    DRAFT = "draft"
    ACTIVE = "active"
    ARCHIVED = "archived"


class Unit(Vocabulary):
    KG = "kg"
    BOX = "box"
    PIECE = "piece"
    BAG = "bag"
    BOTTLE = "bottle"
    JAR = "jar"
    PACK = "pack"


class Certification(Vocabulary):
    VIETGAP = "vietgap"
    ORGANIC = "organic"
    GLOBALGAP = "globalgap"
    HACCP = "haccp"
    OCOP = "ocop"


class InvitationStatus(Vocabulary):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class ApprovalStatus(Vocabulary):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class SellerLineState(Vocabulary):
    """Where a line of her goods stands, in a seller's words (from its shipment's status)."""

    AWAITING_PAYMENT = "awaiting_payment"
    PAID = "paid"
    PREPARING = "preparing"
    HANDED_OVER = "handed_over"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


class RequestStatus(Vocabulary):
    """A request waiting for union staff (a change of a seller's legal details)."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Role(Vocabulary):
    SHOPPER = "shopper"
    SELLER = "seller"
    OUTLET = "outlet"
    STAFF = "staff"


class NoticeKind(Vocabulary):
    """What a notice is about; order and service notices cannot be turned off."""

    ORDER = "order"
    SERVICE = "service"
    FAVOURITE = "favourite"
    REVIEW = "review"

    @property
    def optional(self) -> bool:
        return self in (NoticeKind.FAVOURITE, NoticeKind.REVIEW)


class ReviewStars(Vocabulary):
    """The stars a buyer gives (1–5), with the words shown beside them."""

    ONE = "1"
    TWO = "2"
    THREE = "3"
    FOUR = "4"
    FIVE = "5"


_LABELS: dict[type[Vocabulary], dict[Vocabulary, LazyString | str]] = {
    OrderStatus: {
        OrderStatus.PLACED: _l("Placed"),
        OrderStatus.AWAITING_PAYMENT: _l("Awaiting payment"),
        OrderStatus.CONFIRMED: _l("Confirmed"),
        OrderStatus.PREPARING: _l("Preparing"),
        OrderStatus.READY_FOR_PICKUP: _l("Ready for pickup"),
        OrderStatus.OUT_FOR_DELIVERY: _l("Out for delivery"),
        OrderStatus.COMPLETED: _l("Completed"),
        OrderStatus.CANCELLED: _l("Cancelled"),
        OrderStatus.REFUNDED: _l("Refunded"),
    },
    Fulfilment: {Fulfilment.PICKUP: _l("Pickup"), Fulfilment.DELIVERY: _l("Delivery")},
    PaymentMethod: {
        PaymentMethod.CASH: _l("Cash on pickup or delivery"),
        PaymentMethod.VIETQR: _l("Bank transfer by VietQR"),
        PaymentMethod.STRIPE: _l("Card (Visa, Mastercard, JCB)"),
    },
    PaymentStatus: {
        PaymentStatus.PENDING: _l("Waiting for payment"),
        PaymentStatus.PAID: _l("Paid"),
        PaymentStatus.FAILED: _l("Payment failed"),
        PaymentStatus.EXPIRED: _l("Time to pay ended"),
        PaymentStatus.CANCELLED: _l("Cancelled"),
        PaymentStatus.REFUNDED: _l("Refunded"),
        PaymentStatus.PARTIALLY_REFUNDED: _l("Partly refunded"),
    },
    RefundStatus: {
        RefundStatus.PENDING: _l("Waiting"),
        RefundStatus.SUCCEEDED: _l("Refunded"),
        RefundStatus.FAILED: _l("Refund failed"),
    },
    SellerKind: {
        SellerKind.COOPERATIVE: _l("Cooperative (HTX)"),
        SellerKind.COOPERATIVE_GROUP: _l("Cooperative group (tổ hợp tác)"),
        SellerKind.LINKAGE_GROUP: _l("Women's linkage group (tổ liên kết)"),
        SellerKind.HOUSEHOLD: _l("Household business"),
        SellerKind.INDIVIDUAL: _l("Woman entrepreneur (individual)"),
    },
    SellerStatus: {
        SellerStatus.DRAFT: _l("Draft"),
        SellerStatus.PENDING: _l("Waiting for review"),
        SellerStatus.APPROVED: _l("Approved"),
        SellerStatus.REJECTED: _l("Needs changes"),
        SellerStatus.SUSPENDED: _l("Suspended"),
    },
    ProductStatus: {
        ProductStatus.DRAFT: _l("Draft"),
        ProductStatus.ACTIVE: _l("On sale"),
        ProductStatus.ARCHIVED: _l("Archived"),
    },
    Unit: {
        Unit.KG: _l("kg"),
        Unit.BOX: _l("box"),
        Unit.PIECE: _l("piece"),
        Unit.BAG: _l("bag"),
        Unit.BOTTLE: _l("bottle"),
        Unit.JAR: _l("jar"),
        Unit.PACK: _l("pack"),
    },
    Certification: {
        Certification.VIETGAP: "VietGAP",
        Certification.ORGANIC: _l("Organic"),
        Certification.GLOBALGAP: "GlobalGAP",
        Certification.HACCP: "HACCP",
        Certification.OCOP: "OCOP",
    },
    InvitationStatus: {
        InvitationStatus.PENDING: _l("Waiting for her answer"),
        InvitationStatus.ACCEPTED: _l("Accepted"),
        InvitationStatus.DECLINED: _l("Declined"),
        InvitationStatus.WITHDRAWN: _l("Withdrawn"),
    },
    ApprovalStatus: {
        ApprovalStatus.PENDING: _l("Waiting for a second staff member"),
        ApprovalStatus.APPROVED: _l("Approved"),
        ApprovalStatus.REJECTED: _l("Refused"),
    },
    SellerLineState: {
        SellerLineState.AWAITING_PAYMENT: _l("Awaiting payment"),
        SellerLineState.PAID: _l("Paid or confirmed"),
        SellerLineState.PREPARING: _l("Being prepared"),
        SellerLineState.HANDED_OVER: _l("Handed over to the shopper"),
        SellerLineState.CANCELLED: _l("Cancelled"),
        SellerLineState.REFUNDED: _l("Refunded"),
    },
    RequestStatus: {
        RequestStatus.PENDING: _l("Waiting for the union"),
        RequestStatus.APPROVED: _l("Approved"),
        RequestStatus.REJECTED: _l("Not accepted"),
    },
    Role: {
        Role.SHOPPER: _l("Shopper"),
        Role.SELLER: _l("Seller"),
        Role.OUTLET: _l("Outlet staff"),
        Role.STAFF: _l("Union staff"),
    },
    NoticeKind: {
        NoticeKind.ORDER: _l("Order updates"),
        NoticeKind.SERVICE: _l("Your account, shop and the union's decisions"),
        NoticeKind.FAVOURITE: _l("Favourites back in stock"),
        NoticeKind.REVIEW: _l("Replies to your reviews"),
    },
    ReviewStars: {
        ReviewStars.ONE: _l("Very poor"),
        ReviewStars.TWO: _l("Poor"),
        ReviewStars.THREE: _l("Fair"),
        ReviewStars.FOUR: _l("Good"),
        ReviewStars.FIVE: _l("Excellent"),
    },
}
_SHORT_LABELS: dict[type[Vocabulary], dict] = {}
_SHORT_LABELS[PaymentMethod] = {
    PaymentMethod.CASH: _l("Cash"),
    PaymentMethod.VIETQR: _l("Bank transfer (VietQR)"),
    PaymentMethod.STRIPE: _l("Card"),
}
_SHORT_LABELS[SellerKind] = {
    SellerKind.COOPERATIVE: _l("Cooperative"),
    SellerKind.COOPERATIVE_GROUP: _l("Cooperative group"),
    SellerKind.LINKAGE_GROUP: _l("Linkage group"),
    SellerKind.HOUSEHOLD: _l("Household business"),
    SellerKind.INDIVIDUAL: _l("Woman entrepreneur"),
}

VOCABULARIES: dict[str, type[Vocabulary]] = {
    cls.__name__: cls
    for cls in (
        OrderStatus,
        Fulfilment,
        PaymentMethod,
        PaymentStatus,
        RefundStatus,
        SellerKind,
        SellerStatus,
        ProductStatus,
        Unit,
        Certification,
        InvitationStatus,
        ApprovalStatus,
        SellerLineState,
        RequestStatus,
        Role,
        NoticeKind,
        ReviewStars,
    )
}


def label(code: str | None, vocabulary: str, *, short: bool = False) -> str:
    """The template filter: ``{{ order.status|label("OrderStatus") }}``."""
    cls = VOCABULARIES[vocabulary]
    try:
        member = cls(code)
    except ValueError:
        return code or ""
    return member.short_label if short and hasattr(member, "short_label") else member.label
