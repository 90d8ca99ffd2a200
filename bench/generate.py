"""Generate the benchmark data set: a big, realistic, deterministic shop.

    .venv/bin/python bench/generate.py [--scale 1] [--database-url URL] [--replace]

At full size (``--scale 1``): 100,000 products (~1.7 variants each, photos, certifications)
of 1,000 sellers (mostly approved, some suspended or waiting), the category tree, 15 outlets
with ~730,000 stock records and a stock ledger that adds up to every figure (the app's
``flask stock verify`` checks it), 60,000 shoppers, 200,000 orders with 1,000,000 lines, their
shipments and payments. The same seed gives the same data on every run and every database.

The database comes from ``--database-url``, else BENCH_DATABASE_URL, else the SQLite file
bench/data/bench.db. A PostgreSQL database is created when missing (trust auth on
127.0.0.1). The schema is built by the project's Alembic migrations, then every table is
filled with bulk Core ``insert()`` executemany through the app's metadata.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import math
import random
import subprocess
import sys
import time
from array import array
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import names as N  # noqa: E402
from bench.common import (  # noqa: E402
    DATA,
    ROOT,
    app_env,
    describe,
    fold,
    has_products,
    is_sqlite,
    make_app,
    migrate,
    pg_create_database,
    pg_database_exists,
    resolve_url,
    search_document,
    slugify,
    sqlite_path,
    tables,
    timed,
    verify_stock,
    words,
)

SEED = 20231
ANCHOR = datetime(2026, 11, 30, tzinfo=UTC)  # "now" of the data set: fixed, so every run is the same
FULL = {"sellers": 1_000, "products": 100_000, "buyers": 60_000, "orders": 200_000}
LINES_PER_ORDER = (range(1, 11), (9, 12, 13, 13, 12, 11, 9, 8, 7, 6))  # 5.0 lines per order on average
VARIANTS_PER_PRODUCT = ((1, 2, 3, 4), (50, 33, 12, 5))
QUANTITIES = ((1, 2, 3, 4, 5), (60, 25, 10, 3, 2))
BATCH = 10_000
PICKUP_SHARE = 0.55
SPLIT_SHARE = 0.15
PRICEY_VND = 1_000_000
BENCH_PASSWORD = "matkhau-bench"
RECEIVED_NOTE = "Hàng ký gửi ban đầu"


def vnd(amount: float) -> int:
    """A price rounded to the nearest 500 đồng, at least 500."""
    return max(500, int(round(amount / 500) * 500))


def pick(rng: random.Random, pairs) -> object:
    """One value of (value, weight) pairs."""
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


class Catalog:
    """Everything but the orders, as rows ready for insert(), plus compact arrays for the orders."""

    def __init__(self, scale: float, seed: int):
        self.rng = random.Random(seed)
        self.scale = scale
        self.count = {k: max(v, 1) for k, v in self.sized().items()}
        self.rows: dict[str, list[dict]] = {}
        self.wards = self._wards()
        self.password_hash = self._password_hash()

    def sized(self) -> dict[str, int]:
        sizes = {key: int(round(n * self.scale)) for key, n in FULL.items()}
        sizes["sellers"] = max(sizes["sellers"], 20)
        sizes["products"] = max(sizes["products"], 50)
        sizes["buyers"] = max(sizes["buyers"], 50)
        return sizes

    @staticmethod
    def _wards() -> list[tuple[int, str]]:
        from vietnam_provinces import ProvinceCode, Ward

        return sorted((int(w.code), w.name) for w in Ward.iter_by_province(ProvinceCode(N.PROVINCE_CODE)))

    @staticmethod
    def _password_hash() -> str:
        from werkzeug.security import generate_password_hash

        return generate_password_hash(BENCH_PASSWORD)

    # helpers -------------------------------------------------------------------------------

    def when(self, days_back_max: float, days_back_min: float = 0.0) -> datetime:
        """A moment between the two ages (days before the anchor), in shop hours (6–22 h local)."""
        day = self.rng.uniform(days_back_min, days_back_max)
        start = ANCHOR - timedelta(days=math.floor(day) + 1)
        local_seconds = self.rng.randint(6 * 3600, 22 * 3600)
        return start + timedelta(seconds=local_seconds - 7 * 3600)

    def person(self, woman: bool = True) -> tuple[str, str, str]:
        """(full name, surname, given name)."""
        surname = pick(self.rng, N.SURNAMES)
        if woman:
            middle, given = self.rng.choice(N.WOMEN_MIDDLE), self.rng.choice(N.WOMEN_GIVEN)
        else:
            middle, given = self.rng.choice(N.MEN_MIDDLE), self.rng.choice(N.MEN_GIVEN)
        return f"{surname} {middle} {given}", surname, given

    @staticmethod
    def phone(n: int) -> str:
        """A distinct mobile number for every n below ten million."""
        return N.MOBILE_PREFIXES[n % len(N.MOBILE_PREFIXES)] + f"{(n * 2654435761) % 10**7:07d}"

    @staticmethod
    def place(ward_name: str) -> str:
        for prefix in ("Phường ", "Xã ", "Đặc khu "):
            if ward_name.startswith(prefix):
                return ward_name[len(prefix) :]
        return ward_name

    # building ------------------------------------------------------------------------------

    def build(self) -> None:
        self.categories()
        self.outlets()
        self.sellers_and_staff()
        self.products()
        self.stock()

    def categories(self) -> None:
        rows, self.category_id, self.category_words = [], {}, {}
        ids = itertools.count(1)
        for position, top in enumerate(N.CATEGORIES):
            top_id = next(ids)
            rows.append(
                {"id": top_id, "parent_id": None, "slug": top.slug, "name_vi": top.name_vi,
                 "name_en": top.name_en, "position": position}
            )  # fmt: skip
            self.category_id[top.slug] = top_id
            self.category_words[top.slug] = words(top.name_vi) + words(top.name_en)
            for child_position, child in enumerate(top.children):
                child_id = next(ids)
                rows.append(
                    {"id": child_id, "parent_id": top_id, "slug": child.slug, "name_vi": child.name_vi,
                     "name_en": child.name_en, "position": child_position}
                )  # fmt: skip
                self.category_id[child.slug] = child_id
                self.category_words[child.slug] = (
                    words(child.name_vi) + words(child.name_en) + self.category_words[top.slug]
                )
        self.rows["categories"] = rows
        self.note_words = {slug: words(note) for slug, note in N.CATEGORY_NOTES.items()}

    def outlets(self) -> None:
        outlets, areas = [], []
        created = ANCHOR - timedelta(days=5 * 365)
        for i, spec in enumerate(N.OUTLETS, 1):
            outlets.append(
                {"id": i, "slug": slugify(f"cua hang {spec.town}"), "name": f"{N.OUTLET_NAME} {spec.town}",
                 "street": spec.street, "province_code": N.PROVINCE_CODE, "ward_code": spec.ward_code,
                 "latitude": spec.latitude, "longitude": spec.longitude, "phone": spec.phone, "hours": spec.hours,
                 "opens_at": spec.opens_at, "closes_at": spec.closes_at, "offers_pickup": True,
                 "offers_delivery": spec.offers_delivery, "delivery_fee_vnd": spec.delivery_fee_vnd,
                 "priority": spec.priority, "is_active": True, "created_at": created}
            )  # fmt: skip
            areas += [{"outlet_id": i, "ward_code": code} for code in sorted(set(spec.area))]
        self.rows["outlets"], self.rows["outlet_wards"] = outlets, areas
        self.outlet_specs = dict(enumerate(N.OUTLETS, 1))
        self.home_outlets: dict[int, list[int]] = {}
        for code, _name in self.wards:
            self.home_outlets[code] = [i for i, s in self.outlet_specs.items() if code in s.area or code == s.ward_code]
        self.delivery_wards = sorted({c for s in N.OUTLETS if s.offers_delivery for c in s.area})

    def new_user(self, role: str, full_name: str, given: str, surname: str, created: datetime) -> dict:
        uid = len(self.rows["users"]) + 1
        local = f"{fold(given)}.{fold(surname)}{uid}".replace(" ", "")
        row = {
            "id": uid, "email": f"{local}@example.vn", "phone": self.phone(uid), "full_name": full_name,
            "password_hash": self.password_hash, "role": role, "locale": "vi" if self.rng.random() < 0.95 else "en",
            "is_active_account": True, "created_at": created, "last_login_at": None,
        }  # fmt: skip
        self.rows["users"].append(row)
        return row

    def sellers_and_staff(self) -> None:
        self.rows["users"] = []
        self.staff_ids = []
        for _ in range(3):
            name, surname, given = self.person()
            self.staff_ids.append(self.new_user("staff", name, given, surname, self.when(1000, 900))["id"])
        self.rows["outlet_staff"] = []
        for outlet_id in self.outlet_specs:
            name, surname, given = self.person()
            user = self.new_user("outlet", name, given, surname, self.when(1000, 800))
            self.rows["outlet_staff"].append({"id": outlet_id, "outlet_id": outlet_id, "user_id": user["id"]})

        goods_by_slug = {g.category: g for g in N.GOODS}
        trades = [(g.category, g.weight) for g in N.GOODS]
        sellers, members, slugs = [], [], set()
        self.seller_status, self.seller_trade, self.seller_ward, self.seller_name = {}, {}, {}, {}
        kinds = [(k, w) for k, w, _p, _m in N.SELLER_KINDS]
        patterns = {k: (p, m) for k, _w, p, m in N.SELLER_KINDS}
        for sid in range(1, self.count["sellers"] + 1):
            kind = pick(self.rng, kinds)
            status = pick(self.rng, N.SELLER_STATUSES)
            trade = pick(self.rng, trades)
            ward_code, ward_name = self.rng.choice(self.wards)
            place = self.place(ward_name)
            person, surname, given = self.person()
            trade_name, goods_words = N.TRADES[trade]
            pattern, (low, high) = patterns[kind]
            name = pattern.format(
                trade=trade_name, trade_lower=trade_name[0].lower() + trade_name[1:], place=place, given=given,
                person=person,
            )[:160]  # fmt: skip
            slug = base = slugify(name, 150)
            for n in itertools.count(2):
                if slug not in slugs:
                    break
                slug = f"{base}-{n}"
            slugs.add(slug)
            members_count = self.rng.randint(low, high)
            women = (
                members_count
                if kind == "individual"
                else self.rng.randint(max(1, members_count * 6 // 10), members_count)
            )
            created = self.when(5 * 365, 2 * 365)
            story = self.rng.choice(N.STORIES).format(
                org=name, goods=goods_words, goods_cap=goods_words[0].upper() + goods_words[1:],
                year=created.year, members=members_count,
            )  # fmt: skip
            decided = created + timedelta(days=self.rng.randint(1, 10))
            owner = self.new_user("seller", person, given, surname, created)
            reason = None
            if status == "suspended":
                reason = self.rng.choice(N.SUSPEND_REASONS)
            elif status == "rejected":
                reason = self.rng.choice(N.REJECT_REASONS)
            sellers.append(
                {"id": sid, "slug": slug, "name": name, "kind": kind, "status": status, "status_reason": reason,
                 "representative": person, "phone": self.phone(10**6 + sid), "email": owner["email"],
                 "province_code": N.PROVINCE_CODE, "ward_code": ward_code,
                 "street": f"{self.rng.choice(N.HAMLETS)}, {ward_name}",
                 "registration_no": f"3{self.rng.randint(600000000, 899999999)}" if kind == "cooperative" else None,
                 "members_count": members_count, "women_members_count": women, "story": story,
                 "is_featured": status == "approved" and self.rng.random() < 0.03, "created_by_staff": False,
                 "submitted_at": None if status == "draft" else created,
                 "decided_at": None if status in ("draft", "pending") else decided,
                 "created_at": created, "updated_at": decided}
            )  # fmt: skip
            members.append(
                {"id": sid, "seller_id": sid, "user_id": owner["id"], "is_owner": True, "created_at": created}
            )
            self.seller_status[sid], self.seller_trade[sid] = status, trade
            self.seller_ward[sid], self.seller_name[sid] = (ward_code, ward_name), name
        self.rows["sellers"], self.rows["seller_members"] = sellers, members
        self.goods_by_slug = goods_by_slug

        self.first_buyer = len(self.rows["users"]) + 1
        for _ in range(self.count["buyers"]):
            woman = self.rng.random() < 0.78
            name, surname, given = self.person(woman)
            self.new_user("shopper", name, given, surname, self.when(3 * 365, 0))
        self.buyer_cum = list(itertools.accumulate(self.rng.paretovariate(1.5) for _ in range(self.count["buyers"])))

    def products(self) -> None:
        rng = self.rng
        selling = [sid for sid, st in self.seller_status.items() if st in ("approved", "suspended")]
        weights = list(itertools.accumulate(rng.paretovariate(1.3) for _ in selling))
        goods_weights = [(g.category, g.weight) for g in N.GOODS]
        products, certs, variants, images, slugs = [], [], [], [], set()
        # compact columns the orders need
        self.p_seller, self.p_sellable, self.p_name, self.p_popularity = array("i", [0]), [False], [""], [0.0]
        self.p_created: list[datetime] = [ANCHOR]
        self.v_product, self.v_price = array("i", [0]), array("i", [0])
        self.v_label, self.v_sku, self.v_active = [""], [""], [False]
        vid = itertools.count(1)
        iid = itertools.count(1)
        for pid in range(1, self.count["products"] + 1):
            sid = selling[bisect.bisect(weights, rng.random() * weights[-1])]
            leaf = self.seller_trade[sid] if rng.random() < 0.75 else pick(rng, goods_weights)
            goods = self.goods_by_slug[leaf]
            ward_code, ward_name = self.seller_ward[sid]
            place = self.place(ward_name)
            base = rng.choice(goods.names)
            parts = [base, rng.choice(goods.qualifiers)]
            if rng.random() < 0.6:
                parts.append(place)
            name = " ".join(p for p in parts if p)[:200]
            slug = first = slugify(name, 180)
            for n in itertools.count(2):
                if slug not in slugs:
                    break
                slug = f"{first}-{n}"
            slugs.add(slug)
            summary = rng.choice(goods.summaries).format(name=base, place=place)[:300]
            status = pick(rng, (("active", 92), ("archived", 4), ("draft", 4)))
            codes = sorted({code for code, share in goods.certs if rng.random() < share})
            ocop = None
            if rng.random() < goods.ocop:
                ocop = pick(rng, ((3, 60), (4, 33), (5, 7)))
                codes = sorted({*codes, "ocop"})
            labels = [N.CERT_WORDS[c] for c in codes if c in N.CERT_WORDS]
            if ocop:
                labels.append(f"Sản phẩm OCOP {ocop} sao.")
            origin = " ".join(
                [f"Sản phẩm của {self.seller_name[sid]} ({ward_name}, tỉnh Đồng Nai).", *labels]
            )  # fmt: skip
            note = N.CATEGORY_NOTES.get(leaf, "")
            description = "\n\n".join(p for p in (summary, note, origin) if p)
            summary_words = words(summary)
            search_text = search_document(
                words(name),
                summary_words + summary_words + self.note_words.get(leaf, []) + words(origin)
                + self.category_words[leaf],
            )  # fmt: skip
            hidden = status == "active" and rng.random() < 0.005
            created = self.when(3 * 365, 0)
            products.append(
                {"id": pid, "seller_id": sid, "category_id": self.category_id[leaf], "slug": slug, "name": name,
                 "summary": summary, "description": description, "unit": goods.unit,
                 "sold_by_weight": goods.unit == "kg", "origin_province_code": N.PROVINCE_CODE,
                 "origin_ward_code": ward_code, "ocop_stars": ocop, "status": status, "is_hidden": hidden,
                 "hidden_reason": "Ảnh sản phẩm chưa đúng với hàng thật; chờ người bán cập nhật." if hidden else None,
                 "needs_review": status == "draft", "is_featured": status == "active" and rng.random() < 0.004,
                 "sold_count": 0, "search_text": search_text, "created_at": created, "updated_at": created}
            )  # fmt: skip
            certs += [{"product_id": pid, "code": c} for c in codes]
            # variants
            scheme = goods.variants
            count = min(pick(rng, zip(*VARIANTS_PER_PRODUCT, strict=True)), len(scheme))
            start = rng.randint(0, len(scheme) - count)
            low, high = goods.price
            price = math.exp(rng.uniform(math.log(low), math.log(high)))
            initials = "".join(w[0] for w in slugify(base).split("-") if w).upper()[:8]
            for position, (label, grams, factor) in enumerate(scheme[start : start + count]):
                v = next(vid)
                v_price = vnd(price + 10000) if factor is None else vnd(price * factor)
                sku = f"{initials}-{pid}-{slugify(label).upper()}"[:40]
                active = rng.random() < 0.97 or position == 0
                variants.append(
                    {"id": v, "product_id": pid, "seller_id": sid, "sku": sku, "label": label, "price_vnd": v_price,
                     "weight_grams": grams, "position": position, "is_active": active, "created_at": created,
                     "updated_at": created}
                )  # fmt: skip
                self.v_product.append(pid)
                self.v_price.append(v_price)
                self.v_label.append(label)
                self.v_sku.append(sku)
                self.v_active.append(active)
            # The sort key the app keeps on every save (app/catalog/sort_keys.py): lowest price on sale.
            on_sale = [row["price_vnd"] for row in variants[len(variants) - count :] if row["is_active"]]
            products[-1]["min_price_vnd"] = min(on_sale, default=None)
            for position in range(pick(rng, ((0, 5), (1, 60), (2, 25), (3, 10)))):
                key = hashlib.sha256(f"bench:{pid}:{position}".encode()).hexdigest()[:24]
                images.append(
                    {"id": next(iid), "product_id": pid, "storage_key": key, "width": 1280, "height": 1280,
                     "alt": name, "position": position, "created_at": created}
                )  # fmt: skip
            self.p_seller.append(sid)
            self.p_sellable.append(status == "active" and not hidden)
            self.p_name.append(name)
            self.p_popularity.append(rng.paretovariate(1.16))
            self.p_created.append(created)
        self.rows.update(products=products, product_certifications=certs, variants=variants, product_images=images)
        self.products_by_id = products

    def stock(self) -> None:
        """Stock records: each variant of a non-draft product at 3–6 outlets, the seller's nearby shops first."""
        rng = self.rng
        outlet_ids = list(self.outlet_specs)
        self.r_variant, self.r_outlet = array("i", [0]), array("b", [0])
        per_outlet: dict[int, list[int]] = {o: [] for o in outlet_ids}
        per_outlet_weight: dict[int, list[float]] = {o: [] for o in outlet_ids}
        for v in range(1, len(self.v_product)):
            pid = self.v_product[v]
            if self.products_by_id[pid - 1]["status"] == "draft":
                continue
            home = self.home_outlets.get(self.seller_ward[self.p_seller[pid]][0], [])
            wanted = rng.randint(3, 6)
            others = [o for o in outlet_ids if o not in home]
            chosen = home[:wanted] + rng.sample(others, max(0, min(len(others), wanted - len(home))))
            sellable = self.p_sellable[pid] and self.v_active[v]
            weight = self.p_popularity[pid] / (1 + 0.5 * (v - self._first_variant(v)))
            for o in chosen:
                self.r_variant.append(v)
                self.r_outlet.append(o)
                if sellable:
                    per_outlet[o].append(len(self.r_variant) - 1)
                    per_outlet_weight[o].append(weight)
        self.outlet_records = per_outlet
        self.outlet_cum = {o: list(itertools.accumulate(w)) for o, w in per_outlet_weight.items()}

    def _first_variant(self, v: int) -> int:
        pid = self.v_product[v]
        while v > 1 and self.v_product[v - 1] == pid:
            v -= 1
        return v


class Orders:
    """200,000 orders (at full size) placed over a year, their lines allocated to outlets' stock."""

    def __init__(self, catalog: Catalog, seed: int):
        self.c = catalog
        self.rng = random.Random(seed + 1)
        records = len(catalog.r_variant)
        self.sold, self.reserved, self.returned = (
            array("i", [0] * records),
            array("i", [0] * records),
            array("i", [0] * records),
        )
        self.first_use: dict[int, datetime] = {}
        self.product_first: dict[int, datetime] = {}
        self.buyer_first: dict[int, datetime] = {}
        self.last_use: dict[int, datetime] = {}
        # per order
        self.o_created: list[datetime] = []
        self.o_status: list[str] = []
        self.o_method: list[str] = []
        self.o_pickup = array("b")
        self.o_user = array("i")
        self.o_ward = array("i")
        self.o_closed: list[datetime | None] = []
        self.o_lines_end = array("i")  # lines of order k are [end[k-1], end[k])
        self.o_ships_end = array("i")
        # per shipment
        self.s_outlet = array("b")
        # per line
        self.l_record = array("i")
        self.l_qty = array("b")
        self.l_ship = array("i")  # shipment index

    def build(self) -> None:
        c, rng = self.c, self.rng
        n = c.count["orders"]
        ages = sorted((365 * (1 - math.sqrt(rng.random())) for _ in range(n)), reverse=True)
        pickup_outlets = [(o, 100 / s.priority) for o, s in c.outlet_specs.items()]
        pickup_outlets = [(o, w) for o, w in pickup_outlets if c.outlet_records[o]]
        by_ward = {
            code: [o for o, s in sorted(c.outlet_specs.items(), key=lambda i: i[1].priority)
                   if s.offers_delivery and code in s.area and c.outlet_records[o]]
            for code in c.delivery_wards
        }  # fmt: skip
        wards = [code for code, outlets in by_ward.items() if outlets]
        buyers = c.count["buyers"]
        for age in ages:
            created = c.when(age, max(0.0, age - 1))
            method = pick(rng, (("cash", 55), ("vietqr", 35), ("stripe", 10)))
            pickup = rng.random() < PICKUP_SHARE
            user = 0
            if rng.random() < 0.7:
                user = c.first_buyer + bisect.bisect(c.buyer_cum, rng.random() * c.buyer_cum[-1])
                user = min(user, c.first_buyer + buyers - 1)
            lines = rng.choices(*LINES_PER_ORDER)[0]
            if pickup:
                ward, outlets = 0, [pick(rng, pickup_outlets)]
            else:
                ward = rng.choice(wards)
                outlets = by_ward[ward][:1]
                if len(by_ward[ward]) > 1 and lines > 1 and rng.random() < SPLIT_SHARE:
                    outlets.append(by_ward[ward][1])
            status, closed = self.status(age, created, method, pickup)
            if user:
                self.buyer_first.setdefault(user, created)
            chosen: set[int] = set()
            for k, outlet in enumerate(outlets):
                self.s_outlet.append(outlet)
                ship = len(self.s_outlet) - 1
                count = lines if len(outlets) == 1 else (lines + 1) // 2 if k == 0 else lines // 2
                pool, cum = c.outlet_records[outlet], c.outlet_cum[outlet]
                for _ in range(count * 3):
                    if count == 0:
                        break
                    record = pool[bisect.bisect(cum, rng.random() * cum[-1])]
                    variant = c.r_variant[record]
                    if variant in chosen:
                        continue
                    chosen.add(variant)
                    count -= 1
                    self.product_first.setdefault(c.v_product[variant], created)
                    qty = rng.choices(*QUANTITIES)[0]
                    if c.v_price[variant] >= PRICEY_VND:
                        qty = 1
                    self.l_record.append(record)
                    self.l_qty.append(qty)
                    self.l_ship.append(ship)
                    self.use(record, qty, status, created, closed)
            self.o_created.append(created)
            self.o_status.append(status)
            self.o_method.append(method)
            self.o_pickup.append(pickup)
            self.o_user.append(user)
            self.o_ward.append(ward)
            self.o_closed.append(closed)
            self.o_lines_end.append(len(self.l_record))
            self.o_ships_end.append(len(self.s_outlet))

    def status(self, age: float, created: datetime, method: str, pickup: bool) -> tuple[str, datetime | None]:
        """The order's status now and when it was closed (completed, cancelled, refunded)."""
        rng = self.rng
        if age > 3:
            roll = rng.random()
            if roll < 0.90:
                return "completed", created + timedelta(hours=rng.uniform(2, 72))
            if roll < 0.98:
                return "cancelled", created + timedelta(hours=rng.uniform(0.2, 30))
            return "refunded", created + timedelta(hours=rng.uniform(80, 240))
        options = [("confirmed", 30), ("preparing", 20), ("ready_for_pickup" if pickup else "out_for_delivery", 15)]
        if method != "cash":
            options.append(("awaiting_payment", 25))
        options += [("completed", 15 if age > 1 else 3), ("cancelled", 5)]
        status = pick(rng, options)
        if status == "completed":
            return status, created + timedelta(hours=rng.uniform(2, 20))
        if status == "cancelled":
            return status, created + timedelta(hours=rng.uniform(0.2, 10))
        return status, None

    def use(self, record: int, qty: int, status: str, created: datetime, closed: datetime | None) -> None:
        if status in ("completed", "refunded"):
            self.sold[record] += qty
            if status == "refunded":
                self.returned[record] += qty
        elif status != "cancelled":
            self.reserved[record] += qty
        first = self.first_use.get(record)
        if first is None or created < first:
            self.first_use[record] = created
        last = closed or created
        if record not in self.last_use or self.last_use[record] < last:
            self.last_use[record] = last


class Writer:
    """Inserts the rows through the app's tables, in foreign-key order, with bulk executemany."""

    def __init__(self, app, catalog: Catalog, orders: Orders, timings: dict[str, float]):
        self.app, self.c, self.o, self.timings = app, catalog, orders, timings
        self.t = tables(app)
        self.counts: Counter = Counter()

    def insert(self, conn, name: str, rows) -> None:
        table, batch, n = self.t[name], [], 0
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                conn.execute(table.insert(), batch)
                n += len(batch)
                batch = []
        if batch:
            conn.execute(table.insert(), batch)
            n += len(batch)
        self.counts[name] += n

    def write(self, engine) -> None:
        c = self.c
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA synchronous = OFF")
                conn.exec_driver_sql("PRAGMA cache_size = -262144")
            steps = [
                ("categories, outlets, users, sellers", self.people),
                ("products (+ search index)", lambda conn: self.insert(conn, "products", c.rows["products"])),
                ("variants, certifications, images", self.catalog_rest),
                ("stock records + receipts", self.stock),
                ("orders, shipments", self.orders),
                ("order lines", self.lines),
                ("stock ledger of the orders", self.ledger),
                ("payments, events, refunds", self.payments),
            ]
            for label, step in steps:
                with timed(f"insert {label}", self.timings):
                    step(conn)
                    conn.commit()

    def people(self, conn) -> None:
        c = self.c
        for name in ("categories", "outlets", "outlet_wards", "users", "outlet_staff", "sellers", "seller_members"):
            self.insert(conn, name, c.rows[name])

    def catalog_rest(self, conn) -> None:
        for name in ("variants", "product_certifications", "product_images"):
            self.insert(conn, name, self.c.rows[name])

    def stock(self, conn) -> None:
        c, o, rng = self.c, self.o, random.Random(SEED + 2)
        self.received = array("i", [0] * len(c.r_variant))
        records, receipts = [], []
        for r in range(1, len(c.r_variant)):
            v = c.r_variant[r]
            if o.sold[r] or o.reserved[r]:
                extra = rng.randint(0, 12 if c.v_price[v] >= PRICEY_VND else 60)
            else:
                extra = 0 if rng.random() < 0.1 else rng.randint(1, 12 if c.v_price[v] >= PRICEY_VND else 60)
            received = o.sold[r] + o.reserved[r] + extra
            first = o.first_use.get(r)
            product_created = c.p_created[c.v_product[v]]
            if first is None:
                at = product_created + timedelta(days=rng.uniform(0, 10))
                at = min(at, ANCHOR - timedelta(hours=1))
            else:
                at = first - timedelta(days=rng.uniform(1, 10))
            updated = max(at, o.last_use.get(r, at))
            records.append(
                {"id": r, "variant_id": v, "outlet_id": c.r_outlet[r], "on_hand": received - o.sold[r] + o.returned[r],
                 "reserved": o.reserved[r], "updated_at": updated}
            )  # fmt: skip
            if received:
                receipts.append(
                    {"stock_record_id": r, "kind": "received", "on_hand_delta": received, "reserved_delta": 0,
                     "order_id": None, "consignment_id": None, "actor_id": None, "note": RECEIVED_NOTE,
                     "created_at": at}
                )  # fmt: skip
            self.received[r] = received
        self.insert(conn, "stock_records", records)
        del records
        self.insert(conn, "stock_movements", receipts)

    # orders --------------------------------------------------------------------------------

    def order_ranges(self):
        """(order index, lines range, shipments range) for every order."""
        o = self.o
        line_start = ship_start = 0
        for k in range(len(o.o_created)):
            yield k, range(line_start, o.o_lines_end[k]), range(ship_start, o.o_ships_end[k])
            line_start, ship_start = o.o_lines_end[k], o.o_ships_end[k]

    def totals(self):
        """Per order: (subtotal, fee, per shipment subtotal) computed once and cached."""
        if hasattr(self, "_totals"):
            return self._totals
        c, o = self.c, self.o
        result = []
        for k, lines, ships in self.order_ranges():
            per_ship = dict.fromkeys(ships, 0)
            for li in lines:
                per_ship[o.l_ship[li]] += c.v_price[c.r_variant[o.l_record[li]]] * o.l_qty[li]
            fees = {
                s: 0 if o.o_pickup[k] else c.outlet_specs[o.s_outlet[s]].delivery_fee_vnd for s in ships
            }  # fmt: skip
            result.append((sum(per_ship.values()), sum(fees.values()), per_ship, fees))
        self._totals = result
        return result

    def orders(self, conn) -> None:
        c, o, rng = self.c, self.o, random.Random(SEED + 3)
        users = c.rows["users"]
        totals = self.totals()
        ward_names = dict(c.wards)
        order_rows, ship_rows = [], []
        for k, lines, ships in self.order_ranges():
            oid = k + 1
            created, status, method = o.o_created[k], o.o_status[k], o.o_method[k]
            subtotal, fee, per_ship, fees = totals[k]
            user_id = o.o_user[k] or None
            if user_id:
                user = users[user_id - 1]
                name, phone, email = user["full_name"], user["phone"], user["email"]
            else:
                name, surname, given = c.person(rng.random() < 0.78)
                phone = c.phone(2 * 10**6 + oid)
                email = f"{fold(given)}.{fold(surname)}.{oid}@example.vn".replace(" ", "")
            pickup = bool(o.o_pickup[k])
            outlet_names = [f"{N.OUTLET_NAME} {c.outlet_specs[o.s_outlet[s]].town}" for s in ships]
            n_items = len(lines)
            if pickup:
                note = f"Nhận tại {outlet_names[0]}, nơi có đủ cả {n_items} mặt hàng"
            elif len(ships) == 1:
                km = f"{rng.uniform(0.5, 18):.1f}".replace(".", ",")
                note = f"Cửa hàng gần nhất có đủ cả {n_items} mặt hàng, cách {km} km"
            else:
                units = [sum(o.l_qty[li] for li in lines if o.l_ship[li] == s) for s in ships]
                parts = ", ".join(f"{nm} ({u} đơn vị)" for nm, u in zip(outlet_names, units, strict=True))
                note = f"Không cửa hàng nào có đủ cả {n_items} mặt hàng; chia thành {len(ships)} lần giao: {parts}"
            closed = o.o_closed[k]
            updated = closed or created + timedelta(minutes=rng.randint(1, 600))
            updated = min(updated, ANCHOR)
            ward = o.o_ward[k] or None
            order_rows.append(
                {"id": oid, "number": f"PN-{created:%y}-{oid:06d}",
                 "idempotency_key": f"bench-{oid:07d}-{rng.getrandbits(64):016x}", "user_id": user_id,
                 "contact_name": name, "contact_phone": phone, "contact_email": email,
                 "fulfilment": "pickup" if pickup else "delivery",
                 "pickup_outlet_id": o.s_outlet[ships[0]] if pickup else None,
                 "delivery_province_code": None if pickup else N.PROVINCE_CODE, "delivery_ward_code": ward,
                 "delivery_street": None if pickup else
                 f"Số {rng.randint(1, 300)} đường {rng.choice(N.STREETS)}, {ward_names.get(ward, '')}"[:200],
                 "subtotal_vnd": subtotal, "delivery_fee_vnd": fee, "total_vnd": subtotal + fee, "status": status,
                 "payment_method": method, "routing_note": note,
                 "cancel_reason": "Khách đổi ý, hủy đơn." if status == "cancelled" else None,
                 "locale": "vi", "expires_at": created + timedelta(days=1) if method != "cash" else None,
                 "created_at": created, "updated_at": updated}
            )  # fmt: skip
            for s in ships:
                cash = per_ship[s] + fees[s] if method == "cash" and status in ("completed", "refunded") else None
                ship_rows.append(
                    {"id": s + 1, "order_id": oid, "outlet_id": o.s_outlet[s], "status": status,
                     "pickup_code": f"{rng.randrange(10**6):06d}", "delivery_fee_vnd": fees[s],
                     "cash_received_vnd": cash, "created_at": created, "updated_at": updated,
                     "completed_at": closed if status in ("completed", "refunded") else None}
                )  # fmt: skip
            if len(order_rows) >= BATCH:
                self.insert(conn, "orders", order_rows)
                self.insert(conn, "shipments", ship_rows)
                order_rows, ship_rows = [], []
        self.insert(conn, "orders", order_rows)
        self.insert(conn, "shipments", ship_rows)

    def lines(self, conn) -> None:
        c, o = self.c, self.o

        def rows():
            line_id = 0
            for k, lines, _ships in self.order_ranges():
                for li in lines:
                    line_id += 1
                    v = c.r_variant[o.l_record[li]]
                    price, qty = c.v_price[v], o.l_qty[li]
                    pid = c.v_product[v]
                    yield {
                        "id": line_id, "order_id": k + 1, "shipment_id": o.l_ship[li] + 1, "variant_id": v,
                        "seller_id": c.p_seller[pid], "product_name": c.p_name[pid], "variant_label": c.v_label[v],
                        "sku": c.v_sku[v], "unit_price_vnd": price, "quantity": qty, "line_total_vnd": price * qty,
                    }  # fmt: skip

        self.insert(conn, "order_lines", rows())

    def ledger(self, conn) -> None:
        o = self.o

        def move(record, kind, on_hand, reserved, order_id, at, note=""):
            return {
                "stock_record_id": record, "kind": kind, "on_hand_delta": on_hand, "reserved_delta": reserved,
                "order_id": order_id, "consignment_id": None, "actor_id": None, "note": note, "created_at": at,
            }  # fmt: skip

        def rows():
            for k, lines, _ships in self.order_ranges():
                oid, created, status, closed = k + 1, o.o_created[k], o.o_status[k], o.o_closed[k]
                for li in lines:
                    record, qty = o.l_record[li], o.l_qty[li]
                    yield move(record, "reserved", 0, qty, oid, created)
                    if status in ("completed", "refunded"):
                        yield move(record, "sold", -qty, -qty, oid, closed)
                        if status == "refunded":
                            yield move(record, "returned", qty, 0, oid, closed + timedelta(hours=1), "refund")
                    elif status == "cancelled":
                        yield move(record, "released", 0, -qty, oid, closed, "Khách đổi ý, hủy đơn.")

        self.insert(conn, "stock_movements", rows())

    def payments(self, conn) -> None:
        o, rng = self.o, random.Random(SEED + 4)
        totals = self.totals()
        payments, events, refunds = [], [], []
        for k in range(len(o.o_created)):
            oid, created, status, method, closed = k + 1, o.o_created[k], o.o_status[k], o.o_method[k], o.o_closed[k]
            subtotal, fee, _per_ship, _fees = totals[k]
            total = subtotal + fee
            if total <= 0:
                continue
            paid_at = None
            if status in ("completed", "refunded"):
                paid_at = closed if method == "cash" else created + timedelta(minutes=rng.randint(2, 120))
            elif status in ("confirmed", "preparing", "ready_for_pickup", "out_for_delivery") and method != "cash":
                paid_at = created + timedelta(minutes=rng.randint(2, 60))
            if paid_at is not None:
                p_status = "refunded" if status == "refunded" else "paid"
            elif status == "cancelled":
                p_status = "expired" if method != "cash" and rng.random() < 0.5 else "cancelled"
            else:
                p_status = "pending"
            paid = total if paid_at is not None else 0
            reference = None
            if method == "stripe":
                reference = f"cs_test_{hashlib.sha256(f'cs:{oid}'.encode()).hexdigest()[:24]}"
            payments.append(
                {"id": oid, "order_id": oid, "method": method, "amount_vnd": total, "paid_vnd": paid,
                 "refunded_vnd": paid if status == "refunded" else 0, "status": p_status,
                 "provider_reference": reference, "paid_at": paid_at, "created_at": created,
                 "updated_at": closed or paid_at or created}
            )  # fmt: skip
            events.append(self.event(oid, method, "created", total, created))
            if paid_at is not None:
                kind = {"cash": "cash_collected", "vietqr": "bank_transfer", "stripe": "stripe_paid"}[method]
                events.append(self.event(oid, method, kind, total, paid_at))
            if p_status == "expired":
                events.append(self.event(oid, method, "expired", None, closed))
            if status == "refunded":
                events.append(self.event(oid, method, "goods_returned", total, closed + timedelta(hours=1)))
                refunds.append(
                    {"id": len(refunds) + 1, "payment_id": oid, "amount_vnd": total,
                     "reason": "Hàng không đúng mô tả, khách trả lại.", "status": "succeeded",
                     "provider_reference": None, "idempotency_key": f"refund-bench-{oid}",
                     "created_by_id": self.c.staff_ids[0], "created_at": closed}
                )  # fmt: skip
            if len(payments) >= BATCH:
                self.insert(conn, "payments", payments)
                self.insert(conn, "payment_events", events)
                payments, events = [], []
        self.insert(conn, "payments", payments)
        self.insert(conn, "payment_events", events)
        self.insert(conn, "refunds", refunds)

    @staticmethod
    def event(payment_id, provider, kind, amount, at) -> dict:
        return {
            "payment_id": payment_id, "provider": provider, "provider_event_id": None, "kind": kind,
            "amount_vnd": amount, "actor_id": None, "data": None, "created_at": at,
        }  # fmt: skip


def settle_dates(catalog: Catalog, orders: Orders) -> None:
    """Nothing is sold before it was listed, nobody buys before signing up; units sold per product."""
    rng = random.Random(SEED + 5)
    sellers = {row["id"]: row for row in catalog.rows["sellers"]}
    for product in catalog.rows["products"]:
        created = max(product["created_at"], sellers[product["seller_id"]]["created_at"] + timedelta(days=1))
        first = orders.product_first.get(product["id"])
        if first is not None:
            created = min(created, first - timedelta(days=rng.uniform(12, 60)))
        product["created_at"] = product["updated_at"] = created
        catalog.p_created[product["id"]] = created
    for name in ("variants", "product_images"):
        for row in catalog.rows[name]:
            row["created_at"] = catalog.p_created[row["product_id"]]
            if "updated_at" in row:
                row["updated_at"] = row["created_at"]
    sold = Counter()
    line = 0
    for k, end in enumerate(orders.o_lines_end):
        if orders.o_status[k] in ("completed", "refunded"):
            for li in range(line, end):
                sold[catalog.v_product[catalog.r_variant[orders.l_record[li]]]] += orders.l_qty[li]
        line = end
    for product in catalog.rows["products"]:
        product["sold_count"] = sold[product["id"]]
    users = catalog.rows["users"]
    for user_id, first in orders.buyer_first.items():
        if users[user_id - 1]["created_at"] > first:
            users[user_id - 1]["created_at"] = first - timedelta(days=rng.uniform(0, 30))


def finish(app, timings: dict[str, float], analyze: bool) -> None:
    """Sequences past the explicit ids and fresh planner statistics (PostgreSQL), ANALYZE on request (SQLite)."""
    from sqlalchemy import text

    eng = app.extensions["sqlalchemy"].engine
    if eng.dialect.name == "postgresql":
        with timed("sequences", timings), eng.begin() as conn:
            for name, table in tables(app).items():
                if "id" in table.c and table.c.id.primary_key and len(table.primary_key.columns) == 1:
                    sequence = f"pg_get_serial_sequence('{name}', 'id')"
                    conn.execute(text(f"SELECT setval({sequence}, COALESCE(MAX(id), 0) + 1, false) FROM {name}"))
        with timed("VACUUM ANALYZE", timings), eng.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("VACUUM ANALYZE")
    elif analyze:
        with timed("ANALYZE", timings), eng.begin() as conn:
            conn.exec_driver_sql("ANALYZE")


def rebuild_search_words(url: str) -> None:
    """The words that correct misspelt searches, from the products' search text (the app's own command)."""
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "search-words"],
        cwd=ROOT,
        env=app_env(url),
        check=True,
        timeout=1800,
        stdout=subprocess.DEVNULL,
    )


def prepare_database(url: str, replace: bool) -> None:
    if is_sqlite(url):
        path = sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or any(Path(f"{path}{s}").exists() for s in ("-wal", "-shm", "-journal")):
            if not replace:
                raise SystemExit(f"{path} exists: pass --replace to generate it again.")
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        if pg_database_exists(url) and has_products(url) and not replace:
            raise SystemExit(f"{describe(url)} already holds products: pass --replace to empty it.")
        pg_create_database(url, replace=replace)


def generate(url: str, *, scale: float = 1.0, replace: bool = False, seed: int = SEED, analyze: bool = False,
             verify: bool = True) -> dict[str, float]:  # fmt: skip
    """Create the schema on ``url`` and fill it; returns the timings of each step."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    print(f"Generating the benchmark data set (scale {scale:g}, seed {seed}) into {describe(url)}", flush=True)
    prepare_database(url, replace)
    with timed("schema (alembic upgrade)", timings):
        migrate(url)
    catalog = Catalog(scale, seed)
    with timed("build catalog in memory", timings):
        catalog.build()
    orders = Orders(catalog, seed)
    with timed("place orders in memory", timings):
        orders.build()
    settle_dates(catalog, orders)
    app = make_app(url, STATEMENT_TIMEOUT_MS=0)  # bulk inserts and VACUUM take their time
    with app.app_context():
        writer = Writer(app, catalog, orders, timings)
        writer.write(app.extensions["sqlalchemy"].engine)
        finish(app, timings, analyze)
        app.extensions["sqlalchemy"].engine.dispose()
    with timed("search vocabulary (flask search-words)", timings):
        rebuild_search_words(url)
    total = time.perf_counter() - started
    timings["total"] = total
    counts = writer.counts
    variants = counts["variants"] / max(1, counts["products"])
    print(
        f"Rows: {counts['products']:,} products, {counts['variants']:,} variants ({variants:.2f} per product), "
        f"{counts['product_images']:,} images, {counts['sellers']:,} sellers, {counts['users']:,} users, "
        f"{counts['stock_records']:,} stock records, {counts['stock_movements']:,} ledger rows, "
        f"{counts['orders']:,} orders, {counts['order_lines']:,} order lines, {counts['shipments']:,} shipments, "
        f"{counts['payments']:,} payments ({sum(counts.values()):,} rows in all)"
    )
    print(f"Generated in {total:.1f} s ({total / 60:.1f} min)", flush=True)
    if verify:
        with timed("flask stock verify", timings):
            ok, message = verify_stock(url)
        print(f"  stock verify: {message}")
        if not ok:
            raise SystemExit("The stock ledger does not add up.")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size (default 1)")
    parser.add_argument("--database-url", help=f"default: BENCH_DATABASE_URL, else sqlite:///{DATA}/bench.db")
    parser.add_argument("--replace", action="store_true", help="drop and rebuild an existing database")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--analyze", action="store_true", help="run ANALYZE on SQLite too (PostgreSQL always)")
    parser.add_argument("--no-verify", action="store_true", help="skip `flask stock verify` afterwards")
    args = parser.parse_args()
    if args.scale <= 0:
        parser.error("--scale must be above 0")
    generate(
        resolve_url(args.database_url), scale=args.scale, replace=args.replace, seed=args.seed,
        analyze=args.analyze, verify=not args.no_verify,
    )  # fmt: skip


if __name__ == "__main__":
    main()
