from flask import Blueprint

bp = Blueprint("accounts", __name__)

from app.accounts import account_views, legal, views  # noqa: E402,F401
