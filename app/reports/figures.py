"""The union's yearly figures, each as one table: grouped SQL over the sales facts, a fixed number of queries.

Every sales table comes from one statement over one set of facts: the groups and a total row that SQL
counts itself, never by adding the groups up in Python, so the tests can check that the groups reconcile
with it (sum over outlets = total, to the đồng).
"""

from __future__ import annotations

import re
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, case, func, literal, null, select, text, tuple_, union_all
from sqlalchemy.orm import aliased

from app.core.audit import AuditEvent
from app.core.extensions import db
from app.core.text import fold
from app.core.vocab import Fulfilment, OrderStatus, PaymentMethod, SellerKind, SellerStatus
from app.orders.models import Order, Shipment
from app.outlets.models import Outlet
from app.reports.facts import (
    Scope,
    dialect,
    hours_between,
    join_category,
    local_month,
    measures,
    per_order_measures,
    sales_facts,
    scoped,
)
from app.reports.facts import shipment_in_scope as _shipment_in_scope
from app.reports.tables import Column, Table, hours, kg, percent, tonnes
from app.sellers.models import Seller

CASHLESS = (PaymentMethod.VIETQR.value, PaymentMethod.STRIPE.value)
WORK_MEM_RE = re.compile(r"\d{1,5}(kB|MB|GB)")
QUICK_HOURS = 24


def _sales_columns(first: Column, *extra: Column) -> list[Column]:
    return [
        first,
        *extra,
        Column("orders", _("Orders handed over")),
        Column("units", _("Units")),
        Column("gross_vnd", _("Goods handed over"), "money"),
        Column("refund_vnd", _("Refunds"), "money"),
        Column("net_vnd", _("Net sales"), "money"),
    ]


def _sales_row(name, orders, units, grams, gross, refunds, **extra) -> dict:
    gross, refunds = int(gross or 0), int(refunds or 0)
    return {
        "name": name or "",
        **extra,
        "orders": int(orders or 0),
        "units": int(units or 0),
        "grams": int(grams or 0),
        "gross_vnd": gross,
        "refund_vnd": refunds,
        "net_vnd": gross - refunds,
    }


def _grouped(scope: Scope, build, *, order: bool = False, seller: bool = False) -> tuple[list, dict]:
    """One statement: the groups, then the total row, each counted by SQL from the same facts.

    ``build(stmt, facts)`` adds its joins and returns the statement with the grouping keys. Facts are
    first summed per (group, order), then per group; the total comes from GROUPING SETS on PostgreSQL
    and from a UNION ALL over the same per-order rows on SQLite. The total is never the groups added up
    in Python, so the tests can compare the two.
    """
    facts = sales_facts(scope)
    stmt, keys = build(scoped(select(), facts, scope, order=order, seller=seller), facts)
    roomy_sorts()
    named = [key.label(f"key{i}") for i, key in enumerate(keys)]
    per_order = stmt.add_columns(*named, facts.c.order_id, *per_order_measures(facts)).group_by(*keys, facts.c.order_id)
    rows, summed = [], None
    for row in db.session.execute(_with_total(per_order, len(keys))):
        *values, is_total = row
        if is_total:
            summed = _sales_row(_("Total"), *values[len(keys) :])
        else:
            rows.append(values)
    return rows, summed


def roomy_sorts() -> None:
    """On PostgreSQL, give this transaction's sorts and hashes REPORT_WORK_MEM, so a year of facts is
    grouped in memory instead of spilling to disk (SET LOCAL ends with the transaction)."""
    if dialect() == "postgresql":
        memory = current_app.config["REPORT_WORK_MEM"]
        if not WORK_MEM_RE.fullmatch(memory):
            raise ValueError("REPORT_WORK_MEM must look like 64MB")
        db.session.execute(text(f"SET LOCAL work_mem = '{memory}'"))


def _with_total(per_order, n_keys: int):
    if dialect() == "postgresql":
        inner = per_order.subquery("per_order")
        keys = [inner.c[f"key{i}"] for i in range(n_keys)]
        if not keys:
            return select(*measures(inner), literal(1))
        grouped = select(*keys, *measures(inner), func.grouping(keys[0]))
        return grouped.group_by(func.grouping_sets(tuple_(*keys), tuple_()))
    inner = per_order.cte("per_order")
    keys = [inner.c[f"key{i}"] for i in range(n_keys)]
    groups = select(*keys, *measures(inner), literal(0)).group_by(*keys) if keys else None
    total = select(*(null() for _key in keys), *measures(inner), literal(1))
    return union_all(groups, total) if groups is not None else total


def _total(scope: Scope) -> dict:
    """The period's sales in the scope, in one row."""
    return _grouped(scope, lambda stmt, facts: (stmt, []))[1]


def sales_by_month(scope: Scope) -> Table:
    def build(stmt, facts):
        return stmt, [local_month(facts.c.at).label("month")]

    groups, total = _grouped(scope, build)
    found = {month: rest for month, *rest in groups}
    rows = [_sales_row(_month_name(m), *found.get(m, (0, 0, 0, 0, 0)), month=m) for m in months(scope.start, scope.end)]
    return Table(_sales_columns(Column("name", _("Month"), "text")), rows, [total], "net_vnd")


def months(start: date, end: date) -> list[str]:
    """Every 'YYYY-MM' from start's month to end's month."""
    out, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _month_name(month: str) -> str:
    year, number = month.split("-")
    return _("%(month)s/%(year)s", month=number, year=year)


def outlet_name():
    """The short name shoppers read, or the full name when there is none."""
    return func.coalesce(func.nullif(Outlet.short_name, ""), Outlet.name)


def _by_name(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (fold(r["name"]), r.get("key") or 0))


def sales_by_outlet(scope: Scope) -> Table:
    def build(stmt, facts):
        return stmt.join(Outlet, Outlet.id == facts.c.outlet_id), [Outlet.id, outlet_name()]

    groups, total = _grouped(scope, build)
    rows = _by_name([_sales_row(name, *rest, key=key) for key, name, *rest in groups])
    return Table(_sales_columns(Column("name", _("Outlet"), "text")), rows, [total], "net_vnd")


def sales_by_seller(scope: Scope) -> Table:
    kinds = SellerKind.labels(short=True)
    groups, total = _grouped(scope, lambda stmt, facts: (stmt, [Seller.id, Seller.name, Seller.kind]), seller=True)
    rows = _by_name(
        [_sales_row(name, *rest, key=key, kind=str(kinds.get(kind, kind))) for key, name, kind, *rest in groups]
    )
    columns = _sales_columns(Column("name", _("Seller"), "text"), Column("kind", _("Kind"), "text"))
    return Table(columns, rows, [total], "net_vnd")


def _by_category(scope: Scope, locale: str) -> tuple[list[dict], dict]:
    def build(stmt, facts):
        stmt, root = join_category(stmt, facts)
        return stmt, [root.id, root.name_en if locale == "en" else root.name_vi, root.position]

    groups, total = _grouped(scope, build)
    rows = [_sales_row(name, *rest, key=key, position=position) for key, name, position, *rest in groups]
    return sorted(rows, key=lambda r: (r["position"], r["key"])), total


def sales_by_category(scope: Scope, locale: str = "vi") -> Table:
    rows, total = _by_category(scope, locale)
    return Table(_sales_columns(Column("name", _("Category"), "text")), rows, [total], "net_vnd")


def _weight_columns(first: Column) -> list[Column]:
    return [
        first,
        Column("units", _("Units")),
        Column("kg", _("Weight (kg)"), "kg"),
        Column("t", _("Tonnes"), "tonnes"),
    ]


def _weighed(row: dict) -> dict:
    return {**row, "kg": kg(row["grams"]), "t": tonnes(row["grams"])}


def weight_by_category(scope: Scope, locale: str = "vi") -> Table:
    rows, total = _by_category(scope, locale)
    return Table(
        _weight_columns(Column("name", _("Category"), "text")), [_weighed(r) for r in rows], [_weighed(total)], "kg"
    )


def weight_by_outlet(scope: Scope) -> Table:
    table = sales_by_outlet(scope)
    rows = [_weighed(r) for r in table.rows]
    return Table(_weight_columns(Column("name", _("Outlet"), "text")), rows, [_weighed(table.footer[0])], "kg")


def _share_table(scope: Scope, column, labels: dict, first_heading: str, extra_footer) -> Table:
    """Orders handed over and net sales by one column of the order (payment method, pickup or delivery)."""

    groups, total = _grouped(scope, lambda stmt, facts: (stmt, [column]), order=True)
    found = {key: _sales_row(str(labels.get(key, key)), *rest, key=key) for key, *rest in groups}
    rows = [found[key] for key in labels if key in found]
    for row in [*rows, total]:
        row["orders_share"] = percent(row["orders"], total["orders"])
        row["net_share"] = percent(row["net_vnd"], total["net_vnd"])
    columns = [
        Column("name", first_heading, "text"),
        Column("orders", _("Orders handed over")),
        Column("orders_share", _("Share of orders"), "percent"),
        Column("net_vnd", _("Net sales"), "money"),
        Column("net_share", _("Share of đồng"), "percent"),
    ]
    return Table(columns, rows, [total, *extra_footer(rows, total)], "net_share")


def payment_methods(scope: Scope) -> Table:
    """Orders and đồng by payment method, and the share paid without cash."""

    def cashless(rows: list[dict], total: dict) -> list[dict]:
        orders = sum(r["orders"] for r in rows if r["key"] in CASHLESS)
        net = sum(r["net_vnd"] for r in rows if r["key"] in CASHLESS)
        return [
            {
                "name": _("Without cash (transfer and card)"),
                "orders": orders,
                "orders_share": percent(orders, total["orders"]),
                "net_vnd": net,
                "net_share": percent(net, total["net_vnd"]),
            }
        ]

    labels = PaymentMethod.labels(short=True)
    return _share_table(scope, Order.payment_method, labels, _("Payment method"), cashless)


def pickup_or_delivery(scope: Scope) -> Table:
    return _share_table(scope, Order.fulfilment, Fulfilment.labels(), _("How shoppers got their goods"), lambda *_: [])


def hand_over_times(scope: Scope) -> Table:
    """Per outlet: shipments handed over in the period and the hours from order to hand-over."""
    first, last = scope.bounds()
    took = hours_between(Shipment.completed_at, Order.created_at)
    figures = (
        func.count(Shipment.id),
        func.coalesce(func.sum(took), 0),
        func.coalesce(func.max(took), 0),
        func.coalesce(func.sum(case((took <= QUICK_HOURS, 1), else_=0)), 0),
    )
    conditions = [
        Shipment.status.in_(("completed", "refunded")),
        Shipment.completed_at >= first,
        Shipment.completed_at < last,
        Order.status != OrderStatus.CANCELLED,
    ]
    if scope.outlet_id:
        conditions.append(Shipment.outlet_id == scope.outlet_id)
    in_scope = _shipment_in_scope(scope)
    if in_scope is not None:
        conditions.append(in_scope)
    base = select().select_from(Shipment).join(Order, Order.id == Shipment.order_id).where(and_(*conditions))
    grouped = (
        base.join(Outlet, Outlet.id == Shipment.outlet_id)
        .add_columns(Outlet.id, outlet_name(), *figures)
        .group_by(Outlet.id, Outlet.short_name, Outlet.name)
        .order_by(outlet_name(), Outlet.id)
    )
    rows = [_time_row(name, *rest, key=key) for key, name, *rest in db.session.execute(grouped)]
    total = _time_row(_("Total"), *db.session.execute(base.add_columns(*figures)).one())
    columns = [
        Column("name", _("Outlet"), "text"),
        Column("shipments", _("Shipments handed over")),
        Column("average_hours", _("Average hours from order to hand-over"), "hours"),
        Column("longest_hours", _("Longest (hours)"), "hours"),
        Column("quick", _("Within 24 hours")),
        Column("quick_share", _("Share within 24 hours"), "percent"),
    ]
    return Table(columns, rows, [total], "average_hours")


def _time_row(name, count, total_hours, longest, quick, **extra) -> dict:
    count = int(count or 0)
    return {
        "name": name,
        **extra,
        "shipments": count,
        "hours_total": float(total_hours or 0),
        "average_hours": hours(float(total_hours or 0) / count if count else 0),
        "longest_hours": hours(float(longest or 0)),
        "quick": int(quick or 0),
        "quick_share": percent(int(quick or 0), count),
    }


def _first_approvals():
    return (
        select(AuditEvent.subject_id.label("seller"), func.min(AuditEvent.created_at).label("at"))
        .where(AuditEvent.subject_type == "seller", AuditEvent.action == "seller.approve")
        .group_by(AuditEvent.subject_id)
        .subquery("first_approvals")
    )


def sellers(scope: Scope) -> Table:
    """Sellers by kind and status, members and women members of approved sellers, new sellers of the period."""
    first, last = scope.bounds()
    approvals = aliased(_first_approvals())
    approved = Seller.status == SellerStatus.APPROVED
    approved_at = func.coalesce(approvals.c.at, case((approved, Seller.decided_at)))
    counts = [func.coalesce(func.sum(case((Seller.status == s, 1), else_=0)), 0) for s in SellerStatus.codes()]
    figures = (
        *counts,
        func.coalesce(func.sum(case((approved, Seller.members_count), else_=0)), 0),
        func.coalesce(func.sum(case((approved, Seller.women_members_count), else_=0)), 0),
        func.coalesce(func.sum(case((and_(approved_at >= first, approved_at < last), 1), else_=0)), 0),
    )
    base = select().select_from(Seller).outerjoin(approvals, approvals.c.seller == Seller.id)
    if scope.seller_kind:
        base = base.where(Seller.kind == scope.seller_kind)
    if scope.province_code:
        base = base.where(Seller.province_code == scope.province_code)
    found = {
        kind: rest for kind, *rest in db.session.execute(base.add_columns(Seller.kind, *figures).group_by(Seller.kind))
    }
    keys = [*SellerStatus.codes(), "members", "women_members", "new"]
    labels = SellerKind.labels()
    zero = [0] * len(keys)
    kinds = [scope.seller_kind] if scope.seller_kind else SellerKind.codes()
    rows = [
        {"name": str(labels[k]), "key": k, **dict(zip(keys, map(int, found.get(k, zero)), strict=True))} for k in kinds
    ]
    total_figures = db.session.execute(base.add_columns(*figures)).one()
    total = {"name": _("Total"), **dict(zip(keys, map(int, total_figures), strict=True))}
    status_labels = SellerStatus.labels()
    columns = [
        Column("name", _("Kind"), "text"),
        *(Column(s, str(status_labels[s])) for s in SellerStatus.codes()),
        Column("members", _("Members of approved sellers")),
        Column("women_members", _("Women members")),
        Column("new", _("Newly approved in the period")),
    ]
    return Table(columns, rows, [total], "approved")
