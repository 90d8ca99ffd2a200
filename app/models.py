"""Every table of every domain, imported in one place for Alembic and the shell."""

from app.accounts.models import Notification, User
from app.catalog.models import Category, DraftImage, Product, ProductCertification, ProductImage, Variant
from app.consignments.models import Consignment, ConsignmentLine
from app.core.audit import AuditEvent
from app.orders.models import Cart, CartLine, Order, OrderLine, OrderNote, Shipment
from app.outlets.models import (
    Outlet,
    OutletStaff,
    OutletWard,
    StockMovement,
    StockRecord,
)
from app.payments.models import Payment, PaymentEvent, Refund, SellerPayout, StatementImport, StatementLine
from app.sellers.models import Seller, SellerChangeRequest, SellerDocument, SellerImage, SellerMember

__all__ = [
    "AuditEvent",
    "Cart",
    "CartLine",
    "Category",
    "Consignment",
    "DraftImage",
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
    "SellerChangeRequest",
    "SellerDocument",
    "SellerImage",
    "SellerMember",
    "SellerPayout",
    "Shipment",
    "StatementImport",
    "StatementLine",
    "StockMovement",
    "StockRecord",
    "User",
    "Variant",
]
