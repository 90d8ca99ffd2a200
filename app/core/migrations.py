"""`flask db …`: Flask-Migrate's commands, with Alembic loaded only when one of them runs.

Flask-Migrate imports Alembic (and with it Mako and Pygments), about 10 MB a web worker never
uses. The app registers a ``db`` group that binds Flask-Migrate the first time one of its
commands is asked for; code that imported ``flask_migrate`` itself (the migration tests) gets it
bound at once, so ``flask_migrate.upgrade()`` works there as it always did.
"""

from __future__ import annotations

import sys

import click
from flask import Flask

from app.config import ROOT
from app.core.extensions import db

DIRECTORY = ROOT / "migrations"


def bind_migrations(app: Flask) -> None:
    """Bind Flask-Migrate to the app (it also puts its own ``db`` group on ``app.cli``)."""
    if "migrate" in app.extensions:
        return
    # Alembic loads here, only in a process that migrates (the module docstring says why).
    from flask_migrate import Migrate

    Migrate(app, db, directory=str(DIRECTORY))


class MigrationCommands(click.Group):
    """The ``db`` group of ``flask``: Flask-Migrate's own commands, bound when first asked for."""

    def __init__(self, app: Flask) -> None:
        super().__init__("db", help="Perform database migrations (Alembic, through Flask-Migrate).")
        self.app = app

    def _commands(self) -> click.Group:
        bind_migrations(self.app)
        # Flask-Migrate's click group, loaded with Alembic by bind_migrations just above.
        from flask_migrate.cli import db as commands

        return commands

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        # Its options (-d, -x) and its callback, which hands them to the commands through ``g``.
        commands = self._commands()
        self.params, self.callback = commands.params, commands.callback
        return super().make_context(info_name, args, parent, **extra)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return self._commands().list_commands(ctx)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return self._commands().get_command(ctx, name)


def init_migrations(app: Flask) -> None:
    if "flask_migrate" in sys.modules:  # this process migrates anyway: bind now
        bind_migrations(app)
    else:
        app.cli.add_command(MigrationCommands(app))
