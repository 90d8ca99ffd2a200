"""Report benchmark: each yearly report on PostgreSQL with a million order lines, median of several runs.

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1/bench_reports \\
        .venv/bin/python bench/reports.py --lines 1000000 --runs 5

The database named by BENCH_DATABASE_URL is emptied and filled: use a scratch database. The shop
has 15 outlets, 200 sellers, 2,000 products with 4,000 variants and a three-level category tree;
orders of three lines each spread over 2024 and 2025 (nine in ten handed over, one in a hundred
refunded in part, some goods brought back), written by INSERT … SELECT so the fill takes a minute
or two. Each report of the back office is then built for the year 2025 (all outlets, then one
outlet), exactly as its page builds it, and the median time is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from app import create_app  # noqa: E402
from app.config import TestConfig, database_url  # noqa: E402
from app.core.extensions import db  # noqa: E402
from app.reports import specs  # noqa: E402
from app.reports.facts import Scope  # noqa: E402

OUTLETS, SELLERS, PRODUCTS, VARIANTS_PER_PRODUCT = 15, 200, 2000, 2
KINDS = ("cooperative", "cooperative_group", "linkage_group", "household", "individual")

FILL = [
    # Three top-level categories, each with three children, each with two grandchildren.
    """INSERT INTO categories (id, parent_id, slug, name_vi, name_en, position)
       SELECT g, NULL, 'goc-' || g, 'Danh mục ' || g, 'Category ' || g, g FROM generate_series(1, 3) g""",
    """INSERT INTO categories (id, parent_id, slug, name_vi, name_en, position)
       SELECT 3 + g, 1 + (g - 1) % 3, 'con-' || g, 'Nhóm ' || g, 'Group ' || g, g FROM generate_series(1, 9) g""",
    """INSERT INTO categories (id, parent_id, slug, name_vi, name_en, position)
       SELECT 12 + g, 4 + (g - 1) % 9, 'chau-' || g, 'Loại ' || g, 'Kind ' || g, g FROM generate_series(1, 18) g""",
    """INSERT INTO outlets (id, slug, name, short_name, street, province_code, ward_code, latitude, longitude, phone,
         hours, opens_at, closes_at, offers_pickup, offers_delivery, delivery_fee_vnd, priority, is_active, created_at)
       SELECT g, 'cua-hang-' || g, 'Cửa hàng tiêu thụ số ' || g, 'Cửa hàng ' || g, 'Số ' || g, 75, 25210,
         10.9 + g / 100.0, 106.8 + g / 100.0, '0251382' || lpad(g::text, 4, '0'), '', '07:00', '20:00', true, true,
         20000, g, true, now() FROM generate_series(1, :outlets) g""",
    """INSERT INTO sellers (id, slug, name, kind, status, representative, phone, province_code, ward_code, street,
         members_count, women_members_count, story, is_featured, created_by_staff, created_at, updated_at, decided_at)
       SELECT g, 'nguoi-ban-' || g, 'Người bán ' || g, (ARRAY['cooperative','cooperative_group','linkage_group',
         'household','individual'])[1 + g % 5], CASE WHEN g % 20 = 0 THEN 'pending' ELSE 'approved' END,
         'Chị ' || g, '0912000' || lpad(g::text, 3, '0'), CASE WHEN g % 4 = 0 THEN 1 ELSE 75 END, 25210, '',
         20 + g % 30, 8 + g % 12, '', false, false, now(), now(), timestamp '2024-01-01' + g * interval '3 days'
       FROM generate_series(1, :sellers) g""",
    """INSERT INTO products (id, seller_id, category_id, slug, name, summary, description, unit, sold_by_weight,
         status, is_hidden, needs_review, is_featured, sold_count, search_text, created_at, updated_at)
       SELECT g, 1 + g % :sellers, 13 + g % 18, 'san-pham-' || g, 'Sản phẩm ' || g, '', '', 'kg', true, 'active',
         false, false, false, 0, '', now(), now() FROM generate_series(1, :products) g""",
    """INSERT INTO variants (id, product_id, seller_id, sku, label, price_vnd, weight_grams, position, is_active,
         created_at, updated_at)
       SELECT g, 1 + (g - 1) / 2, 1 + (1 + (g - 1) / 2) % :sellers, 'SKU-' || g, 'Gói ' || g,
         1000 * (10 + g % 90), 100 * (1 + g % 20), 0, true, now(), now()
       FROM generate_series(1, :products * 2) g""",
    # Orders over two years; 90 % handed over, 5 % cancelled, the rest still open.
    """INSERT INTO orders (id, number, idempotency_key, contact_name, contact_phone, contact_email, fulfilment,
         pickup_outlet_id, subtotal_vnd, delivery_fee_vnd, total_vnd, status, payment_method, routing_note, locale,
         created_at, updated_at)
       SELECT g, 'PN-' || lpad(g::text, 8, '0'), 'bench-' || g, 'Khách ' || g, '0912345678', 'khach@example.vn',
         CASE WHEN g % 3 = 0 THEN 'delivery' ELSE 'pickup' END, 1 + g % :outlets, 0, 0, 0,
         CASE WHEN g % 20 = 0 THEN 'cancelled' WHEN g % 20 = 1 THEN 'preparing' ELSE 'completed' END,
         (ARRAY['cash','cash','vietqr','vietqr','stripe'])[1 + g % 5], '', 'vi',
         timestamptz '2024-01-01 00:00+07' + (g::float / :orders) * interval '730 days',
         timestamptz '2024-01-01 00:00+07' + (g::float / :orders) * interval '730 days'
       FROM generate_series(1, :orders) g""",
    """INSERT INTO shipments (id, order_id, outlet_id, status, pickup_code, delivery_fee_vnd, created_at, updated_at,
         completed_at)
       SELECT o.id, o.id, o.pickup_outlet_id, o.status, lpad((o.id % 1000000)::text, 6, '0'), 0, o.created_at,
         o.created_at, CASE WHEN o.status = 'completed' THEN o.created_at + (2 + o.id % 70) * interval '1 hour' END
       FROM orders o""",
    """INSERT INTO order_lines (order_id, shipment_id, variant_id, seller_id, product_name, variant_label, sku,
         unit_price_vnd, quantity, line_total_vnd)
       SELECT o.id, o.id, v.id, v.seller_id, 'Sản phẩm', v.label, v.sku, v.price_vnd, 1 + (o.id + k) % 4,
         v.price_vnd * (1 + (o.id + k) % 4)
       FROM orders o CROSS JOIN generate_series(1, 3) k
       JOIN variants v ON v.id = 1 + (o.id * 7 + k * 131) % (:products * 2)""",
    """UPDATE orders o SET subtotal_vnd = s.total, total_vnd = s.total
       FROM (SELECT order_id, sum(line_total_vnd) total FROM order_lines GROUP BY order_id) s
       WHERE s.order_id = o.id""",
    """INSERT INTO payments (order_id, method, amount_vnd, paid_vnd, refunded_vnd, status, created_at, updated_at)
       SELECT id, payment_method, total_vnd, total_vnd, 0, 'paid', created_at, created_at FROM orders
       WHERE status <> 'cancelled'""",
    # One order in a hundred refunded in part, a week after the order.
    """INSERT INTO refunds (payment_id, amount_vnd, reason, status, idempotency_key, created_at)
       SELECT p.id, greatest(1, p.paid_vnd / 3), 'Hàng dập', 'succeeded', 'refund-' || p.id,
         p.created_at + interval '7 days' FROM payments p WHERE p.order_id % 100 = 2""",
    "UPDATE payments p SET refunded_vnd = r.amount_vnd, status = 'partially_refunded' FROM refunds r "
    "WHERE r.payment_id = p.id",
    # Some goods brought back: one unit of the first line of one order in two hundred.
    """INSERT INTO stock_records (variant_id, outlet_id, on_hand, reserved, updated_at)
       SELECT v.id, o.id, 50, 0, now() FROM variants v CROSS JOIN outlets o""",
    """INSERT INTO stock_movements (stock_record_id, kind, on_hand_delta, reserved_delta, order_id, note, created_at)
       SELECT DISTINCT ON (l.order_id) r.id, 'returned', 1, 0, l.order_id, '', s.completed_at + interval '2 days'
       FROM order_lines l JOIN shipments s ON s.id = l.shipment_id
       JOIN stock_records r ON r.variant_id = l.variant_id AND r.outlet_id = s.outlet_id
       WHERE l.order_id % 200 = 3 AND s.completed_at IS NOT NULL
       ORDER BY l.order_id, l.id""",
]


def make_app():
    url = database_url(os.environ.get("BENCH_DATABASE_URL", ""))
    if not url or not url.startswith("postgresql"):
        raise SystemExit("Set BENCH_DATABASE_URL to a scratch PostgreSQL database.")

    class BenchConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = url
        MAIL_BACKEND = "memory"

    return create_app(BenchConfig)


def fill(lines: int) -> None:
    orders = lines // 3
    params = {"outlets": OUTLETS, "sellers": SELLERS, "products": PRODUCTS, "orders": orders}
    db.drop_all()
    db.create_all()
    started = time.perf_counter()
    for statement in FILL:
        step = time.perf_counter()
        db.session.execute(text(statement), {k: v for k, v in params.items() if f":{k}" in statement})
        db.session.commit()
        print(f"  {time.perf_counter() - step:6.1f} s  {' '.join(statement.split()[:3])}", flush=True)
    for table in ("categories", "outlets", "sellers", "products", "variants", "orders", "shipments", "order_lines"):
        db.session.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        )
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    count = db.session.execute(text("SELECT count(*) FROM order_lines")).scalar()
    print(f"filled {count:,} order lines in {time.perf_counter() - started:.0f} s")


def time_reports(runs: int, outlet_id: int | None) -> list[tuple[str, float]]:
    scope = Scope(start=date(2025, 1, 1), end=date(2025, 12, 31), outlet_id=outlet_id)
    results = []
    for spec in specs.for_audience(specs.STAFF):
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            spec.build(scope, "vi")
            times.append(time.perf_counter() - started)
            db.session.rollback()
        results.append((spec.slug, statistics.median(times)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="reuse the data already in the database")
    args = parser.parse_args()
    app = make_app()
    with app.app_context(), app.test_request_context():
        if not args.keep:
            fill(args.lines)
        for label, outlet_id in (("all outlets", None), ("outlet 1", 1)):
            print(f"\nyear 2025, {label}: median of {args.runs} runs", flush=True)
            for slug, seconds in time_reports(args.runs, outlet_id):
                print(f"  {slug:28} {seconds:6.2f} s", flush=True)


if __name__ == "__main__":
    main()
