"""The outlet desk: shipments to prepare and hand over at the union's sales-outlet shops."""

from flask import Blueprint

bp = Blueprint("outlets", __name__)

from app.outlet_desk import views  # noqa: E402,F401
