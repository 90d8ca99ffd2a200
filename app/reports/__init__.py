"""Reports: the union's impact figures for a period, as a page and a CSV file."""

from flask import Blueprint

bp = Blueprint("reports", __name__)

from app.reports import pages, views  # noqa: E402,F401
