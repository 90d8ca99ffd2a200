"""Every table of every domain, imported in one place for Alembic and the shell."""

from app.accounts.models import Notification, User
from app.catalog.models import Category, Product, ProductCertification, ProductImage, Variant
from app.consignments.models import Consignment, ConsignmentLine
from app.core.audit import AuditEvent
from app.core.uploads import UploadRecord
from app.orders.models import Cart, CartLine, Order, OrderLine, OrderNote, Shipment
from app.outlets.models import (
    Outlet,
    OutletStaff,
    OutletWard,
    StockMovement,
    StockRecord,
)
from app.payments.models import Payment, PaymentEvent, Refund, StatementImport, StatementLine
from app.sellers.models import Seller, SellerDocument, SellerMember

__all__ = [
    "AuditEvent",
    "Cart",
    "CartLine",
    "Category",
    "Consignment",
    "ConsignmentLine",
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
    "Seller",
    "SellerDocument",
    "SellerMember",
    "Shipment",
    "StatementImport",
    "StatementLine",
    "StockMovement",
    "StockRecord",
    "UploadRecord",
    "User",
    "Variant",
]
