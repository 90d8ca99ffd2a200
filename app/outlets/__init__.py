from flask import Blueprint

bp = Blueprint("outlets", __name__)

# The views are attached by importing app.outlets.views (see register_blueprints), not here:
# outlets.models is imported by the catalog and orders, and the views import those domains back.
