"""A live server on a free port and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import shutil
import threading

import pytest
from werkzeug.serving import make_server

from app import create_app
from app.config import TestConfig
from app.core.extensions import db

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def live_app(tmp_path):
    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'live.db'}"
        MEDIA_ROOT = str(tmp_path / "media")
        WTF_CSRF_ENABLED = True

    application = create_app(Config)
    with application.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, application, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    application.config["LIVE_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield application
    server.shutdown()
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
