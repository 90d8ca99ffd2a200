"""A big catalog for bounded-time tests: ~20,000 products written with bulk Core inserts in seconds.

The shape follows bench/generate.py at a fifth of its size: 200 sellers (most approved), a
two-level category tree, 15 outlets each stocking about a quarter of the items, 1–3 items per
product, a few per cent archived, draft or hidden, OCOP stars and certifications on some,
buyers' ratings on a third, and search documents made of a small vocabulary, so a common word
matches thousands of products. The same seed gives the same rows on SQLite and PostgreSQL.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, MetaData, func, select

from app.catalog.search_index import install, rebuild_words, uninstall
from app.core.text import search_document

SEED = 2026
PRODUCTS = 20_000
SELLERS = 200
OUTLETS = 15
BATCH = 5_000
NOW = datetime(2026, 11, 30, tzinfo=UTC)
KINDS = ("cooperative", "cooperative_group", "linkage_group", "household", "individual")
TREE = {  # top category → its children, with the words their products are named from
    "rau-cu-qua": ("rau-an-la", "cu-qua", "trai-cay"),
    "dac-san": ("yen-sao", "nam", "hat-dieu"),
    "do-uong": ("ca-phe", "tra"),
    "may-mac": ("ao-thun", "gang-tay"),
}
NAMES = {
    "rau-an-la": ("Rau muống", "Rau cải ngọt", "Cải thìa", "Rau dền"),
    "cu-qua": ("Khoai lang", "Bí đỏ", "Cà rốt"),
    "trai-cay": ("Xoài cát", "Sầu riêng", "Chôm chôm", "Bưởi da xanh"),
    "yen-sao": ("Yến sào tinh chế", "Nước yến", "Tổ yến thô"),
    "nam": ("Nấm đông trùng hạ thảo", "Nấm rơm"),
    "hat-dieu": ("Hạt điều rang muối", "Hạt điều vỏ lụa"),
    "ca-phe": ("Cà phê rang xay", "Cà phê hạt"),
    "tra": ("Trà xanh", "Trà atiso"),
    "ao-thun": ("Áo thun cotton", "Áo thun in hoa"),
    "gang-tay": ("Găng tay cao su",),
}
PLACES = ("Đồng Xoài", "Bình Long", "Phước Long", "Lộc Ninh", "Bù Đăng", "Chơn Thành")


@dataclass(frozen=True)
class BigCatalog:
    """What the tests ask for: slugs and words that reach the big parts of the data."""

    top_category: str
    leaf_category: str
    outlet: str
    seller: str
    product: str
    products: int


def build(connection: Connection, metadata: MetaData) -> BigCatalog:
    """Fill an empty schema (the app's tables) with the big catalog, in a few bulk inserts."""
    rng = random.Random(SEED)
    t = metadata.tables
    has_sort_keys = "min_price_vnd" in t["products"].c  # the catalog's sort keys, where they exist
    categories, leaves = _categories()
    sellers = [
        {"id": i, "slug": f"nguoi-ban-{i}", "name": f"HTX Phụ nữ số {i}", "kind": KINDS[i % len(KINDS)],
         "status": "approved" if i % 10 else "suspended", "representative": "Lê Thị Mai", "phone": "0912345678",
         "province_code": 75, "ward_code": 25210, "created_at": NOW - timedelta(days=900)}
        for i in range(1, SELLERS + 1)
    ]  # fmt: skip
    outlets = [
        {"id": i, "slug": f"cua-hang-{i}", "name": f"Cửa hàng số {i}", "street": "Đường Phú Riềng Đỏ",
         "province_code": 75, "ward_code": 25210, "priority": i}
        for i in range(1, OUTLETS + 1)
    ]  # fmt: skip
    products, variants, certs, stock = [], [], [], []
    seller_ids = range(1, SELLERS + 1)
    cumulative = list(itertools.accumulate(1 / i for i in seller_ids))  # a few big sellers, many small ones
    for pid in range(1, PRODUCTS + 1):
        leaf = rng.choice(leaves)
        name = f"{rng.choice(NAMES[leaf['slug']])} {rng.choice(PLACES)} {pid}"
        status = rng.choices(("active", "archived", "draft"), (92, 4, 4))[0]
        ocop = rng.choice((3, 3, 4, 5)) if rng.random() < 0.2 else None
        codes = sorted(
            {c for c, share in (("vietgap", 0.25), ("organic", 0.05), ("haccp", 0.04)) if rng.random() < share}
        )
        rated = rng.randint(1, 40) if rng.random() < 0.3 else 0
        created = NOW - timedelta(days=rng.uniform(0, 1000))
        summary = f"{name}: hàng của chị em phụ nữ {rng.choice(PLACES)}, giao trong ngày."
        product = {
            "id": pid, "seller_id": rng.choices(seller_ids, cum_weights=cumulative)[0], "category_id": leaf["id"],
            "slug": f"san-pham-{pid}", "name": name, "summary": summary, "description": summary,
            "unit": "kg", "ocop_stars": ocop, "status": status, "is_hidden": status == "active" and rng.random() < 0.01,
            "needs_review": False, "is_featured": rng.random() < 0.005, "sold_count": int(rng.paretovariate(1.2)) - 1,
            "rating_count": rated, "rating_sum": rated * rng.randint(2, 5) if rated else 0,
            "search_text": search_document(name, summary, leaf["name_vi"], leaf["parent_vi"]),
            "created_at": created, "updated_at": created,
        }  # fmt: skip
        prices = []
        for position in range(rng.choice((1, 1, 2, 3))):
            vid = len(variants) + 1
            price = int(math.exp(rng.uniform(math.log(10_000), math.log(3_000_000))) // 500 * 500)
            active = position == 0 or rng.random() < 0.95
            prices += [price] if active else []
            variants.append(
                {"id": vid, "product_id": pid, "seller_id": product["seller_id"], "sku": f"SP-{pid}-{position}",
                 "label": f"Gói {position + 1}", "price_vnd": price, "weight_grams": 500, "position": position,
                 "is_active": active, "created_at": created, "updated_at": created}
            )  # fmt: skip
            for outlet_id in rng.sample(range(1, OUTLETS + 1), rng.randint(2, 5)):
                on_hand = rng.choice((0, rng.randint(1, 40)))
                stock.append(
                    {"id": len(stock) + 1, "variant_id": vid, "outlet_id": outlet_id, "on_hand": on_hand,
                     "reserved": min(on_hand, rng.choice((0, 0, 1))), "updated_at": created}
                )  # fmt: skip
        if has_sort_keys:
            product["min_price_vnd"] = min(prices)
            product["rating_rank"] = product["rating_sum"] * 1000 // rated if rated else 0
        products.append(product)
        certs += [{"product_id": pid, "code": c} for c in [*codes, *(["ocop"] if ocop else [])]]
    uninstall(connection)  # the search index is built once after the rows: faster than row by row
    for name, rows in (
        ("categories", categories), ("sellers", sellers), ("outlets", outlets), ("products", products),
        ("variants", variants), ("product_certifications", certs), ("stock_records", stock),
    ):  # fmt: skip
        for start in range(0, len(rows), BATCH):
            connection.execute(t[name].insert(), rows[start : start + BATCH])
    install(connection)
    rebuild_words(connection)  # the vocabulary that corrects misspelt searches
    busiest = connection.execute(
        select(t["products"].c.seller_id).group_by(t["products"].c.seller_id).order_by(func.count().desc()).limit(1)
    ).scalar_one()
    return BigCatalog(
        top_category="rau-cu-qua", leaf_category="trai-cay", outlet="cua-hang-1", seller=f"nguoi-ban-{busiest}",
        product=next(p["slug"] for p in products if p["status"] == "active" and not p["is_hidden"]),
        products=len(products),
    )  # fmt: skip


def _categories() -> tuple[list[dict], list[dict]]:
    rows, leaves = [], []
    for position, (top, children) in enumerate(TREE.items()):
        top_id = len(rows) + 1
        top_vi = top.replace("-", " ")
        rows.append(
            {"id": top_id, "parent_id": None, "slug": top, "name_vi": top_vi, "name_en": top, "position": position}
        )
        for child_position, child in enumerate(children):
            row = {"id": len(rows) + 1, "parent_id": top_id, "slug": child, "name_vi": child.replace("-", " "),
                   "name_en": child, "position": child_position}  # fmt: skip
            rows.append(row)
            leaves.append({**row, "parent_vi": top_vi})
    return rows, leaves
