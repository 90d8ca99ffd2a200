"""Command-line tasks: `flask --app wsgi orders expire` and `flask --app wsgi stock verify`."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from flask_babel import force_locale

from app.orders.services import expire_unpaid
from app.outlets.stock import verify

orders_cli = AppGroup("orders", help="Order tasks.")
stock_cli = AppGroup("stock", help="Stock ledger tasks.")


@orders_cli.command("expire")
def expire_command() -> None:
    """Cancel unpaid orders whose payment window has passed and release their stock (run every minute)."""
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):  # no request to choose a language from
        numbers = expire_unpaid()
    click.echo(f"Expired {len(numbers)} unpaid order(s){': ' + ', '.join(numbers) if numbers else '.'}")


@stock_cli.command("verify")
def verify_command() -> None:
    """Compare every stock figure with the sum of its ledger; exit 1 when any differs."""
    differences = verify()
    for d in differences:
        click.echo(
            f"stock record {d.stock_record_id} (variant {d.variant_id}, outlet {d.outlet_id}): "
            f"on hand {d.on_hand} vs ledger {d.ledger_on_hand}, reserved {d.reserved} vs ledger {d.ledger_reserved}"
        )
    if differences:
        raise click.ClickException(f"{len(differences)} stock record(s) differ from the ledger.")
    click.echo("Every stock record matches its ledger.")


def register(app: Flask) -> None:
    app.cli.add_command(orders_cli)
    app.cli.add_command(stock_cli)
