"""A real OpenID Connect provider (oidc-provider-mock) on loopback, in a thread of the test.

It serves discovery, JWKS, authorisation and token endpoints like any provider. For the checks a
well-behaved provider never trips, the test can make it misbehave: forge claims into its next ID
token (re-signed with its own key), sign the next one with a key it does not publish, or rotate
its published key.

Real providers name their signing key in each ID token's header (`kid`), which is how a
client notices a rotation; this one leaves it out, so every ID token it issues is re-signed
here with the same key and its key id added.
"""

from __future__ import annotations

import json
import threading
import time
import warnings
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import oidc_provider_mock
import requests
from flask import Response, g, request
from joserfc import jwt
from joserfc.jwk import RSAKey
from werkzeug.serving import BaseWSGIServer, make_server

CLIENT_ID = "inclusion-portal-test"
CLIENT_SECRET = "loopback-secret"


class LoopbackProvider:
    def __init__(self) -> None:
        self.app = oidc_provider_mock.app(require_nonce=True)
        self.forged_claims: dict[str, Any] = {}
        self.signing_key: RSAKey | None = None
        self.jwks_requests = 0
        # Changes to the discovery document it publishes (None removes an entry).
        self.discovery_changes: dict[str, Any] = {}
        self._storage: Any = None
        self.app.before_request(self._remember_storage)
        self.app.after_request(self._after)
        self.server: BaseWSGIServer = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def settings(self, name: str = "loopback", label: str = "Loopback ID", **extra: Any) -> dict:
        return {
            "name": name,
            "label": label,
            "discovery_url": self.discovery_url,
            "client_id": CLIENT_ID,
            "email_domains": ["school.example.org"],
        } | extra

    def add_user(self, subject: str, email: str, verified: bool = True) -> None:
        claims = {"email": email, "email_verified": verified, "name": subject.title()}
        response = requests.put(f"{self.issuer}/users/{subject}", json=claims, timeout=5)
        response.raise_for_status()

    def authorize(self, authorize_url: str, subject: str, **tamper: str) -> str:
        """The person signs in at the provider; returns the redirect back to the portal."""
        answer = requests.post(
            _with_params(authorize_url, **tamper), data={"sub": subject}, allow_redirects=False
        )
        assert answer.status_code == 302, answer.text[:300]
        return answer.headers["Location"]

    def deny(self, authorize_url: str) -> str:
        answer = requests.post(authorize_url, data={"action": "deny"}, allow_redirects=False)
        return answer.headers["Location"]

    def rotate_key(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from authlib import jose

            self._storage.jwk = jose.RSAKey.generate_key(is_private=True)

    def current_kid(self) -> str:
        return self._storage.jwk.as_dict()["kid"]

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)

    def _remember_storage(self) -> None:
        self._storage = g.oidc_provider_mock_storage

    def _after(self, response: Response) -> Response:
        if request.path == "/jwks":
            self.jwks_requests += 1
        if request.path.endswith("/openid-configuration") and self.discovery_changes:
            body = response.get_json() | self.discovery_changes
            response.set_data(json.dumps({k: v for k, v in body.items() if v is not None}))
        if request.path == "/oauth2/token" and response.status_code == 200:
            body = response.get_json()
            body["id_token"] = self._forged(body["id_token"])
            response.set_data(json.dumps(body))
            self.forged_claims, self.signing_key = {}, None
        return response

    def _forged(self, id_token: str) -> str:
        own_key = RSAKey.import_key(self._storage.jwk.as_dict(is_private=True))
        token = jwt.decode(id_token, own_key)
        key = self.signing_key or own_key
        claims = token.claims | self.forged_claims
        return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)


def _with_params(url: str, **params: str) -> str:
    parts = urlsplit(url)
    query = parse_qs(parts.query) | {key: [value] for key, value in params.items()}
    return urlunsplit(parts._replace(query=urlencode(query, doseq=True)))


def replace_param(url: str, **params: str) -> str:
    return _with_params(url, **params)


def an_hour_ago() -> int:
    return int(time.time()) - 3600
