"""Command-line tasks: `flask --app wsgi create-staff EMAIL`, `deactivate-user EMAIL`, `seed-demo`, `media sweep`."""

from __future__ import annotations

import click
from flask import Flask, current_app

from app.accounts.services import AccountError, create_staff, deactivate_user
from app.catalog import media as catalog_media
from app.catalog.search_index import rebuild_words
from app.core.errors import NotFound
from app.core.extensions import db
from app.core.storage import LocalStorage, get_storage, sweep
from app.core.validation import password_problem
from app.sellers import documents


def register_cli(app: Flask) -> None:
    register_media_cli(app)

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


def register_media_cli(app: Flask) -> None:
    @app.cli.group("media")
    def media_group() -> None:
        """Stored files: product photos under MEDIA_ROOT and the sellers' private documents."""

    @media_group.command("sweep")
    @click.option("--older-than-hours", default=24.0, show_default=True, help="Spare files younger than this.")
    @click.option("--dry-run", is_flag=True, help="List what would be removed; remove nothing.")
    def media_sweep(older_than_hours: float, dry_run: bool) -> None:
        """Remove stored files that no row refers to (deleted rows, interrupted uploads); safe to run from cron."""
        grace = older_than_hours * 3600
        photos = get_storage()
        if not isinstance(photos, LocalStorage):
            raise click.ClickException("media sweep works on a local MEDIA_ROOT only.")
        keys = catalog_media.referenced_keys()
        gone_photos = sweep(
            photos, lambda key: catalog_media.is_referenced(key, keys), older_than_seconds=grace, dry_run=dry_run
        )
        kept_documents = documents.referenced_keys()
        gone_documents = sweep(
            documents.private_storage(), kept_documents.__contains__, older_than_seconds=grace, dry_run=dry_run
        )
        for key in gone_photos + gone_documents:
            click.echo(("would remove " if dry_run else "removed ") + key)
        verb = "Would remove" if dry_run else "Removed"
        click.echo(f"{verb} {len(gone_photos)} photo files and {len(gone_documents)} document files.")
