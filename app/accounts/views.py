"""Account pages: thin views over accounts.services."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user
from flask_login.config import COOKIE_NAME

from app.accounts import bp, services
from app.accounts.forms import ChangePasswordForm, LoginForm, RegisterForm, ResetPasswordForm, ResetRequestForm
from app.core import signals
from app.core.extensions import limiter
from app.core.forms import EmptyForm
from app.core.i18n import locale_code
from app.core.urls import keep_secret_from_referrer


def _safe_next(target: str | None) -> str:
    """Only redirect to a path on this site after login."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("catalog.home")


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_limit() -> str:
    return current_app.config["ACCOUNT_RATE_LIMIT"]


def _register_limit() -> str:
    return current_app.config["REGISTER_RATE_LIMIT"]


def _account_typed() -> str:
    """The account a sign-in or reset form names (counted whether or not it exists)."""
    return services.rate_limit_key(request.form.get("identifier") or request.form.get("email"))


def _failed(response) -> bool:
    """A sign-in that did not go through: it answered with the form again instead of a redirect."""
    return response.status_code != 302


RESET_TOKEN_KEY = "reset_token"  # nosec B105: a session key's name, not a secret


def _after_login(user) -> None:
    """Tell the other domains (the guest's cart, kept in the session, joins the account's; guest
    orders placed with her verified email join her orders)."""
    linked = sum(a for a in signals.all_answers(signals.signed_in, user, guest=session) if isinstance(a, int))
    if linked:
        flash(ngettext("%(num)s earlier order joined your account.", "%(num)s earlier orders joined your account.",
                       linked), "success")  # fmt: skip


@bp.route("/dang-ky", methods=["GET", "POST"])
@limiter.limit(_register_limit, methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("catalog.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = services.register_user(
                full_name=form.full_name.data,
                email=form.email.data,
                phone=form.phone.data,
                password=form.password.data,
                locale=locale_code(),
                consent=form.consent.data,
            )
        except services.AccountError as exc:
            getattr(form, exc.field or "email").errors.append(exc.message)
        else:
            login_user(user)
            _after_login(user)
            flash(_("Welcome, %(name)s! Your account is ready.", name=user.full_name), "success")
            flash(_("We have sent a link to %(email)s: open it to confirm your email.", email=user.email), "info")
            return redirect(url_for("catalog.home"))
    return render_template("accounts/register.html", form=form)


@bp.route("/dang-nhap", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_account_limit, methods=["POST"], key_func=_account_typed, deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(identifier=form.identifier.data, password=form.password.data)
        except services.AccountError as exc:
            form.identifier.errors.append(exc.message)
        else:
            login_user(user, remember=form.remember.data)
            _after_login(user)
            flash(_("You are signed in."), "success")
            return redirect(_safe_next(request.args.get("next")))
    return render_template("accounts/login.html", form=form)


@bp.route("/dang-xuat", methods=["POST"])
def logout():
    if EmptyForm().validate_on_submit():
        if current_user.is_authenticated:
            services.sign_out_everywhere(user=current_user)  # the cookies she leaves behind open nothing
        logout_user()
        flash(_("You are signed out."), "info")
    return redirect(url_for("catalog.home"))


@bp.route("/tai-khoan/dang-xuat-moi-noi", methods=["POST"])
@login_required
def sign_out_everywhere():
    if EmptyForm().validate_on_submit():
        services.sign_out_everywhere(user=current_user)
        logout_user()
        flash(_("You are signed out on every device. Sign in again here."), "info")
        return redirect(url_for("accounts.login"))
    return redirect(url_for("accounts.account"))


@bp.route("/tai-khoan")
@login_required
def account():
    return render_template("accounts/account.html", sign_out_form=EmptyForm(), button=EmptyForm())


@bp.get("/xac-nhan-email/<token>")
def verify_email(token: str):
    result = services.verify_email(token)
    if result is None:
        flash(_("This link is invalid or has expired. Sign in and ask for a new one."), "error")
        return redirect(url_for("accounts.account" if current_user.is_authenticated else "accounts.login"))
    flash(_("Thank you: your email address is confirmed."), "success")
    if result[1]:
        flash(ngettext("%(num)s earlier order joined your account.", "%(num)s earlier orders joined your account.",
                       result[1]), "success")  # fmt: skip
    return redirect(url_for("accounts.account" if current_user.is_authenticated else "accounts.login"))


@bp.post("/tai-khoan/gui-lai-xac-nhan")
@login_required
@limiter.limit(_login_limit)
def resend_verification():
    if EmptyForm().validate_on_submit():
        services.send_verification(user=current_user)
        flash(_("We have sent a link to %(email)s: open it to confirm your email.", email=current_user.email), "info")
    return redirect(url_for("accounts.account"))


@bp.route("/tai-khoan/mat-khau", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(user=current_user, current=form.current.data, new=form.password.data)
        except services.AccountError as exc:
            form.current.errors.append(exc.message)
        else:
            # Other devices are signed out; this one carries on under the new session version.
            remembered = bool(request.cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME)))
            login_user(current_user._get_current_object(), remember=remembered)
            flash(_("Your password has been changed. Other devices are signed out."), "success")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/quen-mat-khau", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_account_limit, methods=["POST"], key_func=_account_typed)
def forgot_password():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(email=form.email.data)
        flash(_("If an account uses this email, we have sent it a link to choose a new password."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/dat-lai-mat-khau/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    if request.method == "GET":
        # Keep the token out of the address bar, later log lines and Referer headers: the session holds it.
        session[RESET_TOKEN_KEY] = token
        return keep_secret_from_referrer(redirect(url_for("accounts.reset_password_form")))
    return _reset_page(token)


@bp.route("/dat-lai-mat-khau", methods=["GET", "POST"])
def reset_password_form():
    return _reset_page(session.get(RESET_TOKEN_KEY))


def _reset_page(token: str | None):
    user = services.user_for_reset_token(token)
    if user is None:
        session.pop(RESET_TOKEN_KEY, None)
        flash(_("This link is invalid or has expired. Please ask for a new one."), "error")
        return redirect(url_for("accounts.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.reset_password(user=user, password=form.password.data)
        session.pop(RESET_TOKEN_KEY, None)
        flash(_("Your new password is set. You can sign in now."), "success")
        return redirect(url_for("accounts.login"))
    return keep_secret_from_referrer(make_response(render_template("accounts/reset_password.html", form=form)))
