"""OpenID Connect providers from settings, each with Authlib's Flask client.

Authlib runs the protocol: the authorisation code flow with PKCE (S256); `state`, `nonce` and
the code verifier kept in the person's session; the ID token's signature checked against the
provider's JWKS (fetched once and cached, fetched again when a token names a key id the cache
does not hold: key rotation) and its issuer, audience, expiry and nonce against the discovery
document and the request. This module turns any failure into one `ProtocolFailure` with a
short reason for the security log.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.flask_client import FlaskOAuth2App, OAuth
from flask import Flask, current_app
from joserfc.errors import ClaimError, ExpiredTokenError, InvalidKeyIdError, JoseError
from werkzeug.wrappers import Response

from inclusion.config import ConfigurationError

OAUTH_EXTENSION = "authlib.integrations.flask_client"
PROVIDERS_EXTENSION = "inclusion.oidc_providers"
DISCOVERY_SUFFIX = "/.well-known/openid-configuration"
# Seconds of clock difference allowed between the provider and the portal.
CLOCK_LEEWAY_SECONDS = 60
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_REQUIRED = ("name", "label", "discovery_url", "client_id", "email_domains")
_ERROR_REASONS: tuple[tuple[type[Exception], str], ...] = (
    (MismatchingStateError, "state did not match"),
    (InvalidKeyIdError, "unknown key id"),
    (ExpiredTokenError, "id token expired"),
    (requests.RequestException, "provider unreachable"),
)
_CLAIM_REASONS = {"nonce": "nonce did not match", "aud": "wrong audience", "iss": "wrong issuer"}


@dataclass(frozen=True)
class Provider:
    name: str
    label: str
    discovery_url: str
    client_id: str
    email_domains: tuple[str, ...]
    scopes: str = "openid email profile"
    verified_email_claim: str = "email_verified"

    @property
    def secret_variable(self) -> str:
        return f"OIDC_{self.name.upper().replace('-', '_')}_CLIENT_SECRET"

    def covers(self, email: str) -> bool:
        return "*" in self.email_domains or email_domain(email) in self.email_domains


@dataclass(frozen=True)
class Identity:
    """What a provider vouched for, once every check on its ID token has passed."""

    issuer: str
    subject: str
    email: str
    email_verified: bool
    id_token: str


class ProtocolFailure(Exception):
    """The provider's answer cannot be trusted (or the person cancelled at the provider)."""

    def __init__(self, reason: str, cancelled: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.cancelled = cancelled


def email_domain(email: str) -> str:
    return email.strip().lower().rpartition("@")[2]


def parse_providers(setting: str | list[dict[str, Any]]) -> list[Provider]:
    """OIDC_PROVIDERS: a JSON list, the path of a file holding one, or (in tests) a list."""
    providers = [_provider(entry) for entry in _entries(setting)]
    names = [provider.name for provider in providers]
    if len(set(names)) != len(names):
        raise ConfigurationError("OIDC_PROVIDERS names each provider once")
    return providers


def _entries(setting: str | list[dict[str, Any]]) -> list[dict[str, Any]]:
    if isinstance(setting, list):
        return setting
    text = setting.strip()
    if not text:
        return []
    if not text.startswith(("[", "{")):
        text = _file_text(Path(text))
    try:
        entries = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigurationError(f"OIDC_PROVIDERS is not valid JSON: {error}") from error
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ConfigurationError("OIDC_PROVIDERS must be a JSON list of objects")
    return entries


def _file_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigurationError(f"OIDC_PROVIDERS names a file it cannot read: {path}") from error


def _provider(entry: dict[str, Any]) -> Provider:
    missing = [key for key in _REQUIRED if not entry.get(key)]
    if missing:
        raise ConfigurationError(f"An OIDC_PROVIDERS entry lacks {', '.join(missing)}")
    if not _NAME.match(str(entry["name"])):
        raise ConfigurationError("An OIDC provider name is 1-40 lower-case letters, digits or -")
    domains = tuple(str(domain).strip().lower() for domain in entry["email_domains"])
    scopes = str(entry.get("scopes", "openid email profile"))
    if "openid" not in scopes.split():
        raise ConfigurationError(f"OIDC provider {entry['name']}: scopes must include openid")
    return Provider(
        name=str(entry["name"]),
        label=str(entry["label"]),
        discovery_url=str(entry["discovery_url"]),
        client_id=str(entry["client_id"]),
        email_domains=domains,
        scopes=scopes,
        verified_email_claim=str(entry.get("verified_email_claim", "email_verified")),
    )


def configure_oidc(app: Flask) -> None:
    """One Authlib client per provider; a provider without its secret stops the start."""
    providers = parse_providers(app.config.get("OIDC_PROVIDERS", ""))
    app.extensions[PROVIDERS_EXTENSION] = {provider.name: provider for provider in providers}
    oauth = OAuth(app)
    for provider in providers:
        oauth.register(
            provider.name,
            client_id=provider.client_id,
            client_secret=_secret(provider),
            server_metadata_url=provider.discovery_url,
            client_kwargs={
                "scope": provider.scopes,
                "code_challenge_method": "S256",
                "default_timeout": app.config["OIDC_TIMEOUT_SECONDS"],
            },
        )


def _secret(provider: Provider) -> str:
    secret = os.environ.get(provider.secret_variable, "")
    if not secret:
        raise ConfigurationError(
            f"Set {provider.secret_variable}: the client secret for OIDC provider {provider.name}"
        )
    return secret


def configured_providers() -> list[Provider]:
    return list(current_app.extensions.get(PROVIDERS_EXTENSION, {}).values())


def provider_named(name: str) -> Provider | None:
    return current_app.extensions.get(PROVIDERS_EXTENSION, {}).get(name)


def _client(provider: Provider) -> FlaskOAuth2App:
    return current_app.extensions[OAUTH_EXTENSION].create_client(provider.name)


def redirect_to_provider(provider: Provider, callback_url: str) -> Response:
    """Send the person to the provider; state, nonce and code verifier wait in the session."""
    try:
        _checked_metadata(provider)
        return _client(provider).authorize_redirect(callback_url)
    except (requests.RequestException, ValueError) as error:
        raise ProtocolFailure("provider unreachable") from error


def verified_identity(provider: Provider) -> Identity:
    """Exchange the code for tokens and check the ID token, or ProtocolFailure saying why."""
    try:
        metadata = _checked_metadata(provider)
        token = _client(provider).authorize_access_token(
            leeway=CLOCK_LEEWAY_SECONDS, claims_options=_claims_options(provider, metadata)
        )
    except (AuthlibBaseError, JoseError, requests.RequestException, ValueError) as error:
        raise ProtocolFailure(_reason(error), cancelled=_cancelled(error)) from error
    claims = token.get("userinfo")
    if not claims:
        raise ProtocolFailure("no id token")
    return Identity(
        issuer=str(claims["iss"]),
        subject=str(claims["sub"]),
        email=str(claims.get("email") or "").strip().lower(),
        email_verified=claims.get(provider.verified_email_claim) is True,
        id_token=str(token["id_token"]),
    )


def _claims_options(provider: Provider, metadata: dict[str, Any]) -> dict[str, Any]:
    """The issuer the discovery document names, and our client id among the audiences.

    Authlib checks the audience only through `azp` unless told, so it is told here: a token
    issued to another client is refused even if it names this one as authorised party.
    """
    return {
        "iss": {"essential": True, "values": [metadata["issuer"]]},
        "aud": {"essential": True, "values": [provider.client_id]},
    }


def _checked_metadata(provider: Provider) -> dict[str, Any]:
    """The discovery document, which must name the issuer it was published under."""
    metadata = _client(provider).load_server_metadata()
    expected = provider.discovery_url.removesuffix(DISCOVERY_SUFFIX)
    if not same_issuer(str(metadata.get("issuer", "")), expected):
        raise ProtocolFailure("discovery document names another issuer")
    return metadata


def same_issuer(first: str, second: str) -> bool:
    """Equal once a trailing slash and the scheme's default port (":443") are set aside."""

    def plain(address: str) -> tuple[str, str, str]:
        parts = urlsplit(address.strip())
        default = {"https": 443, "http": 80}.get(parts.scheme)
        host = parts.hostname or ""
        netloc = host if parts.port in (None, default) else f"{host}:{parts.port}"
        return parts.scheme, netloc, parts.path.rstrip("/")

    return plain(first) == plain(second)


def _cancelled(error: Exception) -> bool:
    return isinstance(error, OAuthError) and error.error == "access_denied"


def _reason(error: Exception) -> str:
    for kind, reason in _ERROR_REASONS:
        if isinstance(error, kind):
            return reason
    if isinstance(error, OAuthError):
        return f"provider answered {error.error}"[:80]
    if isinstance(error, ClaimError):
        return _CLAIM_REASONS.get(error.claim, f"id token claim {error.claim} refused")
    if isinstance(error, JoseError):
        return f"id token {error.error}".replace("_", " ")
    return f"unexpected {type(error).__name__}"


def end_session_url(provider: Provider, id_token: str, return_to: str) -> str | None:
    """The provider's end-session address for this person, when it publishes one."""
    try:
        metadata = _checked_metadata(provider)
        if not metadata.get("end_session_endpoint"):
            return None
        logout = _client(provider).create_logout_url(
            post_logout_redirect_uri=return_to,
            id_token_hint=id_token,
            client_id=provider.client_id,
        )
    except (ProtocolFailure, requests.RequestException, ValueError):
        return None
    return logout["url"]
