"""Consign the demo goods to outlets: a stock record per (variant, outlet) and its ledger entry.

A record is only ever created here, never changed: once it exists its figures belong to the
orders and consignments of the running shop, and re-seeding must not rewrite them. The first
consignment goes through the stock ledger service, like every other stock change.
"""

from __future__ import annotations

import random
from collections import Counter

from sqlalchemy import select

from app.catalog.models import Product, Variant
from app.core.extensions import db
from app.outlets import stock as ledger
from app.outlets.models import Outlet, StockRecord
from app.sellers.models import Seller

RECEIVED_NOTE = "Hàng ký gửi ban đầu"
PRICEY_VND = 1_000_000  # a shop keeps only a few boxes of goods this dear


def choose_outlets(variant: Variant, seller: Seller, outlets: list[Outlet]) -> list[Outlet]:
    """Where this variant is consigned: the seller's nearby shops first, then a few others."""
    rng = random.Random(f"outlets:{variant.sku}")  # nosec B311: seeded for repeatable demo data, not security
    home = [o for o in outlets if seller.ward_code in o.delivery_ward_codes or seller.ward_code == o.ward_code]
    others = [o for o in outlets if o not in home]
    wanted = rng.randint(3, 6)
    return home[:wanted] + rng.sample(others, max(0, min(len(others), wanted - len(home))))


def opening_quantity(variant: Variant, outlet: Outlet) -> int:
    """A plausible first consignment, the same on every run."""
    rng = random.Random(f"on-hand:{variant.sku}:{outlet.slug}")  # nosec B311: seeded for repeatable demo data, not security
    if rng.random() < 0.1:
        return 0
    return rng.randint(1, 12) if variant.price_vnd >= PRICEY_VND else rng.randint(1, 60)


def stock_outlets(products: list[Product], outlets: list[Outlet], added: Counter) -> None:
    """Create the missing stock records of active variants and receive their first consignment."""
    existing = set(db.session.execute(select(StockRecord.variant_id, StockRecord.outlet_id)).tuples())
    opening: list[tuple[StockRecord, int]] = []
    for product in products:
        if product.status != "active":
            continue
        for variant in (v for v in product.variants if v.is_active):
            for outlet in choose_outlets(variant, product.seller, outlets):
                if (variant.id, outlet.id) in existing:
                    continue
                record = StockRecord(variant_id=variant.id, outlet_id=outlet.id, on_hand=0, reserved=0)
                db.session.add(record)
                existing.add((variant.id, outlet.id))
                opening.append((record, opening_quantity(variant, outlet)))
    db.session.flush()  # the ledger needs the records' ids
    for record, quantity in opening:
        if quantity:  # an empty shelf has nothing to explain: the ledger refuses zero receipts
            ledger.receive(record, quantity, note=RECEIVED_NOTE)
            added["stock movements"] += 1
    if opening:
        added["stock records"] += len(opening)
