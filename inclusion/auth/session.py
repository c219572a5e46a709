"""Flask-Login wiring: sessions are keyed on a per-user id that a password change renews."""

from __future__ import annotations

from flask import Flask

from inclusion.auth.models import User
from inclusion.extensions import login_manager


def configure_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to continue"
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(_load_user)


def _load_user(session_id: str) -> User | None:
    from inclusion.auth.services import user_by_session_id

    user = user_by_session_id(session_id)
    return user if user is not None and user.active else None
