"""Command-line tasks: `flask --app wsgi create-staff EMAIL`, `deactivate-user EMAIL`, `seed-demo`."""

from __future__ import annotations

import click
from flask import Flask, current_app

from app.accounts.services import AccountError, create_staff, deactivate_user
from app.catalog.search_index import rebuild_words
from app.core.errors import NotFound
from app.core.extensions import db
from app.core.validation import password_problem


def register_cli(app: Flask) -> None:
    @app.cli.command("create-staff")
    @click.argument("email")
    @click.option("--name", default="Cán bộ Hội", help="Full name of the staff member.")
    @click.password_option(help="Password (asked for when not given).")
    def create_staff_command(email: str, name: str, password: str) -> None:
        """Create the first union staff account (or promote an existing one)."""
        if password_problem(password):
            raise click.ClickException("The password is too weak: use at least 8 varied characters.")
        try:
            user = create_staff(email=email, password=password, full_name=name)
        except AccountError as exc:
            raise click.ClickException(exc.message) from None
        click.echo(f"Union staff account ready: {user.email}")

    @app.cli.command("search-words")
    def search_words_command() -> None:
        """Rebuild the vocabulary that corrects misspelt searches from the products' search text."""
        with db.engine.begin() as connection:
            added, removed = rebuild_words(connection)
        click.echo(f"Search vocabulary rebuilt: {added} words added, {removed} removed.")

    @app.cli.command("deactivate-user")
    @click.argument("email")
    @click.option("--reason", required=True, help="Why the account is closed (kept in the audit trail).")
    def deactivate_user_command(email: str, reason: str) -> None:
        """Close an account: it cannot sign in any more and every open session of it ends now."""
        try:
            user = deactivate_user(email=email, actor_id=None, reason=reason)
        except NotFound as exc:
            raise click.ClickException(exc.message) from None
        click.echo(f"Account closed and signed out everywhere: {user.email}")

    @app.cli.command("seed-demo")
    @click.option("--if-empty", is_flag=True, help="Do nothing when the database already has products.")
    def seed_demo_command(if_empty: bool) -> None:
        """Fill the database with the union's demo outlets, sellers, products and accounts."""
        # Imported on use: the demo data and its picture drawing are large and only this command needs them.
        from app.seed import SeedRefused, seed_demo

        if current_app.config["ENV_NAME"] == "production":
            raise click.ClickException("Demo data is refused in production.")
        try:
            report = seed_demo(only_if_empty=if_empty)
        except SeedRefused as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(report)
