"""Single sign-on routes: off to the provider, back with its answer; the sign-out offer."""

from __future__ import annotations

from dataclasses import dataclass

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user
from werkzeug.wrappers import Response

from inclusion.auth import devices, oidc, sso_services
from inclusion.auth.models import User
from inclusion.auth.oidc import Provider
from inclusion.extensions import limiter
from inclusion.permissions import public
from inclusion.ui.redirects import safe_next_url

sso = Blueprint("sso", __name__)

# Session keys: where to go after signing in, and the provider session to offer to end.
NEXT_KEY = "sso_next"
SESSION_KEY = "sso"


@dataclass(frozen=True)
class SignOutOffer:
    label: str
    url: str


def _sign_in_limit_per_address() -> str:
    return current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"]


def _provider_or_404(name: str) -> Provider:
    provider = oidc.provider_named(name)
    if provider is None:
        abort(404)
    return provider


def _public_url(endpoint: str, **values: str) -> str:
    """The address registered with the provider: PUBLIC_BASE_URL, not the request's host."""
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + url_for(endpoint, **values)


@sso.route("/sign-in/with/<name>")
@public
@limiter.limit(_sign_in_limit_per_address)
def start(name: str):
    if current_user.is_authenticated:
        return redirect(url_for("pages.dashboard"))
    provider = _provider_or_404(name)
    session[NEXT_KEY] = safe_next_url(request.args.get("next"))
    try:
        return oidc.redirect_to_provider(provider, _public_url("sso.callback", name=name))
    except oidc.ProtocolFailure as failure:
        sso_services.record_protocol_failure(provider, failure.reason)
        kind = "unreachable" if failure.reason == "provider unreachable" else "failed"
        return _refused(provider, kind, 503)


@sso.route("/sign-in/with/<name>/callback")
@public
@limiter.limit(_sign_in_limit_per_address)
def callback(name: str):
    provider = _provider_or_404(name)
    try:
        identity = oidc.verified_identity(provider)
        user = sso_services.sign_in(provider, identity)
    except oidc.ProtocolFailure as failure:
        sso_services.record_protocol_failure(provider, failure.reason)
        return _refused(provider, "cancelled" if failure.cancelled else "failed", 400)
    except sso_services.SsoRefused as refused:
        return _refused(provider, refused.kind, 403)
    return _signed_in(user, provider, identity.id_token)


def _signed_in(user: User, provider: Provider, id_token: str) -> Response:
    """The password path's completion (a fresh session, this browser remembered as the
    person's device), then the provider session to offer to end at sign-out."""
    from inclusion.auth.views import start_session  # views imports this module

    next_url = session.get(NEXT_KEY) or url_for("pages.dashboard")
    start_session(user)
    session[SESSION_KEY] = {"provider": provider.name, "id_token": id_token}
    response = redirect(next_url)
    devices.remember_device(request, response, user.id)
    return response


def _refused(provider: Provider, kind: str, status: int) -> tuple[str, int]:
    title = "You cannot sign in with this account" if status == 403 else "Sign-in did not work"
    if kind == "unknown_person":
        title = "You do not have an account yet"
    page = render_template("auth/sso_refused.html", title=title, provider=provider, kind=kind)
    return page, status


def provider_sign_out() -> SignOutOffer | None:
    """Call before the portal session ends: the provider's own sign-out, if it has one."""
    held = session.pop(SESSION_KEY, None)
    provider = oidc.provider_named(held.get("provider", "")) if isinstance(held, dict) else None
    if provider is None:
        return None
    return_to = _public_url("auth.sign_in")
    url = oidc.end_session_url(provider, str(held.get("id_token", "")), return_to)
    return SignOutOffer(provider.label, url) if url else None


def signed_out_page(offer: SignOutOffer) -> Response:
    page = render_template("auth/sso_signed_out.html", title="You have signed out", offer=offer)
    return Response(page, mimetype="text/html")


@sso.app_context_processor
def _sso_providers() -> dict:
    return {"sso_providers": oidc.configured_providers}
