"""Absolute URLs: always on SITE_URL, never on the Host header a request claims.

Links that leave the site (emails, Stripe's return addresses, canonical URLs, the API) are built
here, in a request or from the command line alike; a forged ``Host: evil.example`` changes nothing.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app


def site_url() -> str:
    """SITE_URL without its trailing slash: "https://cho.hoiphunu.vn"."""
    return current_app.config["SITE_URL"].rstrip("/")


def absolute(path: str) -> str:
    """The public URL of a path on this site."""
    return site_url() + (path if path.startswith("/") else "/" + path)


def external_url(endpoint: str, **values) -> str:
    """``url_for(endpoint, **values)`` as an absolute URL on SITE_URL."""
    site = urlsplit(site_url())
    adapter = current_app.url_map.bind(site.netloc, url_scheme=site.scheme or "https", script_name=site.path or "/")
    return adapter.build(endpoint, values, force_external=True)


def keep_secret_from_referrer(response):
    """A page whose address holds a secret (a signed order link, a reset token) tells no other page
    where it came from: its links and assets are requested without a Referer header."""
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
