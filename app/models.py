"""Every table of every domain, imported in one place for Alembic and the shell."""

from app.accounts.models import Address, NoticePreference, Notification, User
from app.catalog.models import Category, DraftImage, Product, ProductCertification, ProductImage, Variant
from app.consignments.models import Consignment, ConsignmentLine
from app.core.audit import AuditEvent
from app.core.uploads import UploadRecord
from app.orders.models import (
    Cart,
    CartLine,
    CheckoutDraft,
    FavouriteProduct,
    FavouriteSeller,
    Order,
    OrderLine,
    OrderNote,
    Shipment,
)
from app.outlets.models import (
    Outlet,
    OutletStaff,
    OutletWard,
    StockMovement,
    StockRecord,
)
from app.payments.models import (
    Payment,
    PaymentEvent,
    Refund,
    SellerPayout,
    StatementImport,
    StatementLine,
    TransferConfirmation,
)
from app.reviews.models import Review, ReviewPhoto
from app.sellers.models import (
    Seller,
    SellerChangeRequest,
    SellerDocument,
    SellerImage,
    SellerInvitation,
    SellerMember,
)

__all__ = [
    "Address",
    "AuditEvent",
    "Cart",
    "CartLine",
    "Category",
    "CheckoutDraft",
    "Consignment",
    "DraftImage",
    "ConsignmentLine",
    "FavouriteProduct",
    "FavouriteSeller",
    "NoticePreference",
    "Notification",
    "Order",
    "OrderLine",
    "OrderNote",
    "Outlet",
    "OutletStaff",
    "OutletWard",
    "Payment",
    "PaymentEvent",
    "Product",
    "ProductCertification",
    "ProductImage",
    "Refund",
    "Review",
    "ReviewPhoto",
    "Seller",
    "SellerChangeRequest",
    "SellerDocument",
    "SellerInvitation",
    "SellerImage",
    "SellerMember",
    "SellerPayout",
    "Shipment",
    "StatementImport",
    "StatementLine",
    "StockMovement",
    "StockRecord",
    "TransferConfirmation",
    "UploadRecord",
    "User",
    "Variant",
]
