"""The pages a marketplace must publish (Decree 52/2013 and 85/2021 on e-commerce, Decree 13/2023 on
personal data): the privacy notice, the operating rules and how to complain. Linked from the footer."""

from __future__ import annotations

from flask import render_template

from app.accounts import bp
from app.accounts.services import PRIVACY_NOTICE_VERSION


@bp.get("/chinh-sach-bao-ve-du-lieu")
def privacy_notice():
    return render_template("accounts/legal/privacy.html", version=PRIVACY_NOTICE_VERSION)


@bp.get("/quy-che-hoat-dong")
def operating_rules():
    return render_template("accounts/legal/rules.html")


@bp.get("/khieu-nai")
def complaints():
    return render_template("accounts/legal/complaints.html")
