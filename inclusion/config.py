"""Configuration classes, chosen by INCLUSION_ENV and filled from environment variables."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"
DEFAULT_SECRET_KEY = "dev-only-secret-key-change-me"
# Keys that are public (in this repository, its tests or common examples): never in production.
KNOWN_SECRET_KEYS = {
    DEFAULT_SECRET_KEY,
    "test-secret-key",
    "changeme",
    "change-me",
    "secret",
    "dev",
    "development",
}
MIN_SECRET_KEY_LENGTH = 32
LOCAL_BASE_URL = "http://127.0.0.1:5000"


def _env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _sqlite_url(filename: str) -> str:
    return f"sqlite:///{INSTANCE_DIR / filename}"


class Config:
    ENV_NAME = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", _sqlite_url("inclusion.sqlite"))
    # pre-ping lets the pool replace connections a database restart has broken.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SERVICE_NAME = "Inclusion Portal"
    # Every emailed or printed link starts with it; production requires it (https).
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", LOCAL_BASE_URL)
    # How many reverse proxies in front of the app set X-Forwarded-For/-Proto/-Host (ProxyFix).
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", 0))
    # App processes serving requests (gunicorn reads the same variable for its worker count).
    WEB_CONCURRENCY = int(os.environ.get("WEB_CONCURRENCY", 1))
    # "json" (one JSON object a line) or "text"; production defaults to json.
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
    COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "Somerset Council")
    COUNCIL_LA_CODE = os.environ.get("COUNCIL_LA_CODE", "933")
    LOCAL_OFFER_URL = os.environ.get(
        "LOCAL_OFFER_URL", "https://www.somerset.gov.uk/children-families-and-education/"
    )
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 5 * 1024 * 1024))
    MAX_FORM_MEMORY_SIZE = 500_000
    # Official data files (DfE, GIAS) may be larger than any other request.
    MAX_IMPORT_BYTES = int(os.environ.get("MAX_IMPORT_BYTES", 100 * 1024 * 1024))
    # Uploads larger than this are imported by a background job, with a progress page.
    IMPORT_IN_REQUEST_BYTES = int(os.environ.get("IMPORT_IN_REQUEST_BYTES", 2 * 1024 * 1024))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # With REDIS_URL set, background jobs go to an RQ queue; without it, a worker thread.
    REDIS_URL = os.environ.get("REDIS_URL", "")
    WEBSITE_CHECK_INTERVAL_MINUTES = 60
    WEBSITE_CHECK_ALLOW_LOOPBACK = _env_flag("WEBSITE_CHECK_ALLOW_LOOPBACK")
    WEBSITE_CHECK_TIMEOUT_SECONDS = float(os.environ.get("WEBSITE_CHECK_TIMEOUT_SECONDS", 10))
    WEBSITE_CHECK_MAX_PAGES = int(os.environ.get("WEBSITE_CHECK_MAX_PAGES", 40))
    WEBSITE_CHECK_DELAY_SECONDS = float(os.environ.get("WEBSITE_CHECK_DELAY_SECONDS", 1.0))
    WEBSITE_CHECK_DEADLINE_SECONDS = float(os.environ.get("WEBSITE_CHECK_DEADLINE_SECONDS", 180))
    # The council's hosts (comma-separated), and the Local Offer's old addresses that redirect.
    LOCAL_OFFER_HOSTS = os.environ.get("LOCAL_OFFER_HOSTS", "")
    LOCAL_OFFER_PREFIXES = os.environ.get("LOCAL_OFFER_PREFIXES", "")
    COUNCIL_CONTACT_URL = os.environ.get("COUNCIL_CONTACT_URL", "https://www.somerset.gov.uk/")
    # The accessibility statement's contact details (the council's inclusion team).
    ACCESSIBILITY_CONTACT_EMAIL = os.environ.get(
        "ACCESSIBILITY_CONTACT_EMAIL", "inclusion.portal@somerset.example.org"
    )
    ACCESSIBILITY_CONTACT_PHONE = os.environ.get("ACCESSIBILITY_CONTACT_PHONE", "01632 960 123")
    RATELIMIT_ENABLED = True
    SIGN_IN_LIMIT_PER_ADDRESS = os.environ.get("SIGN_IN_LIMIT_PER_ADDRESS", "20 per minute")
    SIGN_IN_LIMIT_PER_ACCOUNT = os.environ.get("SIGN_IN_LIMIT_PER_ACCOUNT", "10 per minute")
    # Requests with made-up or revoked API keys from one address, before the answer is 429.
    API_KEY_REFUSALS_PER_ADDRESS = os.environ.get("API_KEY_REFUSALS_PER_ADDRESS", "10 per minute")
    # Single sign-on (OpenID Connect): a JSON list of providers, or the path of a JSON file
    # holding one (docs/deployment.md). Each provider's client secret has its own variable.
    OIDC_PROVIDERS = os.environ.get("OIDC_PROVIDERS", "")
    OIDC_TIMEOUT_SECONDS = float(os.environ.get("OIDC_TIMEOUT_SECONDS", 10))
    # Email domains (comma-separated) whose people must use single sign-on, not a password.
    PASSWORD_SIGN_IN_OFF_DOMAINS = os.environ.get("PASSWORD_SIGN_IN_OFF_DOMAINS", "")
    # Per-account back-off (docs/decisions/0002-sign-in-back-off.md): after this many wrong
    # passwords in a row, new devices wait BACKOFF_SECONDS, doubling up to BACKOFF_MAX_MINUTES.
    SIGN_IN_FREE_FAILURES = int(os.environ.get("SIGN_IN_FREE_FAILURES", 5))
    SIGN_IN_BACKOFF_SECONDS = int(os.environ.get("SIGN_IN_BACKOFF_SECONDS", 30))
    SIGN_IN_BACKOFF_MAX_MINUTES = int(os.environ.get("SIGN_IN_BACKOFF_MAX_MINUTES", 15))
    # A browser that signed in to an account is "known" to it for this long.
    KNOWN_DEVICE_DAYS = int(os.environ.get("KNOWN_DEVICE_DAYS", 180))
    CHANGE_PASSWORD_LIMIT = os.environ.get("CHANGE_PASSWORD_LIMIT", "5 per 15 minutes")
    PASSWORD_MIN_LENGTH = 10
    SET_PASSWORD_LINK_HOURS = int(os.environ.get("SET_PASSWORD_LINK_HOURS", 72))
    PASSWORD_RESET_LINK_MINUTES = int(os.environ.get("PASSWORD_RESET_LINK_MINUTES", 60))
    RESET_LIMIT_PER_ADDRESS = os.environ.get("RESET_LIMIT_PER_ADDRESS", "10 per hour")
    RESET_LIMIT_PER_ACCOUNT = os.environ.get("RESET_LIMIT_PER_ACCOUNT", "5 per hour")
    # However often the form is sent, one account gets at most this many reset emails an hour.
    RESET_EMAILS_PER_ACCOUNT_PER_HOUR = int(os.environ.get("RESET_EMAILS_PER_ACCOUNT_PER_HOUR", 3))
    # Email: GOV.UK Notify when NOTIFY_API_KEY is set, else SMTP when SMTP_HOST is set, else
    # (demo mode only) the outbox at /admin/outbox. See inclusion/notifications/.
    NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
    NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
    NOTIFY_TEMPLATE_INVITATION = os.environ.get("NOTIFY_TEMPLATE_INVITATION", "")
    NOTIFY_TEMPLATE_PASSWORD_RESET = os.environ.get("NOTIFY_TEMPLATE_PASSWORD_RESET", "")
    NOTIFY_TEMPLATE_PASSWORD_CHANGED = os.environ.get("NOTIFY_TEMPLATE_PASSWORD_CHANGED", "")
    # The annual round's messages (inclusion/round/): one Notify template each.
    NOTIFY_TEMPLATE_AUDIT_OPENED = os.environ.get("NOTIFY_TEMPLATE_AUDIT_OPENED", "")
    NOTIFY_TEMPLATE_AUDIT_DUE_SOON = os.environ.get("NOTIFY_TEMPLATE_AUDIT_DUE_SOON", "")
    NOTIFY_TEMPLATE_AUDIT_OVERDUE = os.environ.get("NOTIFY_TEMPLATE_AUDIT_OVERDUE", "")
    NOTIFY_TEMPLATE_ADVISER_REMINDER = os.environ.get("NOTIFY_TEMPLATE_ADVISER_REMINDER", "")
    NOTIFY_TEMPLATE_AUDIT_SUBMITTED = os.environ.get("NOTIFY_TEMPLATE_AUDIT_SUBMITTED", "")
    NOTIFY_TEMPLATE_AUDIT_RETURNED = os.environ.get("NOTIFY_TEMPLATE_AUDIT_RETURNED", "")
    NOTIFY_TEMPLATE_AUDIT_SIGNED_OFF = os.environ.get("NOTIFY_TEMPLATE_AUDIT_SIGNED_OFF", "")
    NOTIFY_TEMPLATE_RATING_CHALLENGED = os.environ.get("NOTIFY_TEMPLATE_RATING_CHALLENGED", "")
    NOTIFY_TEMPLATE_PAIRING_RECORDED = os.environ.get("NOTIFY_TEMPLATE_PAIRING_RECORDED", "")
    NOTIFY_TEMPLATE_RECORDS_NEED_ATTENTION = os.environ.get(
        "NOTIFY_TEMPLATE_RECORDS_NEED_ATTENTION", ""
    )
    NOTIFY_TEMPLATE_REPORT_REVIEW_DUE = os.environ.get("NOTIFY_TEMPLATE_REPORT_REVIEW_DUE", "")
    SMTP_HOST = os.environ.get("SMTP_HOST", "")
    SMTP_PORT = int(os.environ.get("SMTP_PORT", 587))
    SMTP_USERNAME = os.environ.get("SMTP_USERNAME", "")
    SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD", "")
    SMTP_STARTTLS = _env_flag("SMTP_STARTTLS", True)
    # A private relay's certificate authority (PEM file); the system's trust store otherwise.
    SMTP_CA_FILE = os.environ.get("SMTP_CA_FILE", "")
    SMTP_TIMEOUT_SECONDS = float(os.environ.get("SMTP_TIMEOUT_SECONDS", 20))
    MAIL_FROM = os.environ.get("MAIL_FROM", "Inclusion Portal <no-reply@inclusion.example.org>")
    # A failed send is tried again after 1, 4, 16, 64 minutes, then marked failed.
    EMAIL_MAX_ATTEMPTS = int(os.environ.get("EMAIL_MAX_ATTEMPTS", 5))
    EMAIL_RETRY_BASE_SECONDS = int(os.environ.get("EMAIL_RETRY_BASE_SECONDS", 60))
    DEMO_MODE = False
    # Pupil-derived counts below this are shown as "c" (DfE's symbol), with secondary suppression.
    # The JSON API (flask-smorest): the OpenAPI document at /api/v1/openapi.json, no
    # third-party documentation UI (our CSP allows no scripts from elsewhere).
    API_TITLE = "Inclusion Portal API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    API_SPEC_OPTIONS = {
        "info": {
            "description": "Schools, audits, checklist results and suppressed aggregates. "
            "Authenticate with an API key (Authorization: Bearer <key>) or a portal session."
        },
        "security": [{"apiKey": []}],
    }
    ETAG_DISABLED = False
    SUPPRESSION_THRESHOLD = int(os.environ.get("SUPPRESSION_THRESHOLD", 5))
    # The notional SEN budget threshold in pounds a pupil a year (provision map, spend bands).
    SEN_NOTIONAL_THRESHOLD = int(os.environ.get("SEN_NOTIONAL_THRESHOLD", 6000))
    # The council's criteria for an EHC needs assessment evidence pack (ehc_criteria.py):
    # reviewed cycles, of which some with specialist advice, and provision at the threshold.
    EHC_MIN_REVIEWED_CYCLES = int(os.environ.get("EHC_MIN_REVIEWED_CYCLES", 2))
    EHC_MIN_SPECIALIST_CYCLES = int(os.environ.get("EHC_MIN_SPECIALIST_CYCLES", 1))
    EHC_PROVISION_AT_THRESHOLD = _env_flag("EHC_PROVISION_AT_THRESHOLD", True)
    # Above this many schools a dashboard page lists no school (all England would be a 60 MB
    # page); the spreadsheet and each partnership's own dashboard still have every school.
    DASHBOARD_SCHOOL_LIST_LIMIT = int(os.environ.get("DASHBOARD_SCHOOL_LIST_LIMIT", 1000))
    # Council-wide pages worked out at once across every process (inclusion/turns.py).
    COUNCIL_WIDE_AT_ONCE = int(os.environ.get("COUNCIL_WIDE_AT_ONCE", 1))
    # How long one waits for its turn before being told the figures are busy.
    COUNCIL_WIDE_WAIT_SECONDS = float(os.environ.get("COUNCIL_WIDE_WAIT_SECONDS", 60))
    # Background jobs run this much nicer than pages, so they never slow a person down.
    JOB_NICENESS = int(os.environ.get("JOB_NICENESS", 10))
    ALLOW_SQLITE_IN_PRODUCTION = _env_flag("ALLOW_SQLITE_IN_PRODUCTION")


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    DEMO_MODE = True


class TestConfig(Config):
    ENV_NAME = "test"
    REDIS_URL = ""
    # Tests run queued jobs themselves, in the test's transaction.
    JOB_RUNNER = "deferred"
    TESTING = True
    SECRET_KEY = "test-secret-key"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    DEMO_MODE = True


class ProductionConfig(Config):
    ENV_NAME = "production"
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "")
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


class ConfigurationError(RuntimeError):
    """The portal refuses to start with settings that would be unsafe."""


def config_for_environment() -> type[Config]:
    """The configuration INCLUSION_ENV names. Unset means production, with all its checks:
    a forgotten variable must never serve the public development key and demo mode. Local
    development says INCLUSION_ENV=development (make run does)."""
    name = os.environ.get("INCLUSION_ENV", "").strip().lower() or "production"
    if name not in CONFIGS:
        raise ConfigurationError(f"INCLUSION_ENV must be one of {sorted(CONFIGS)}, not {name!r}")
    return CONFIGS[name]


def check_production_safety(settings: dict) -> None:
    """Refuse unsafe production settings; the message says what to set."""
    if settings.get("ENV_NAME") != "production":
        return
    try:
        for check in (_check_secret_key, _check_public_base_url, _check_rate_limit_storage):
            check(settings)
        _check_flags(settings)
    except ConfigurationError as error:
        if not os.environ.get("INCLUSION_ENV", "").strip():
            raise ConfigurationError(
                f"{error} (INCLUSION_ENV is unset, so production's checks apply; "
                "set INCLUSION_ENV=development to run the local demo)"
            ) from error
        raise


def _check_secret_key(settings: dict) -> None:
    key = settings.get("SECRET_KEY") or ""
    if isinstance(key, str):
        key = key.encode("utf-8")
    if key.decode("utf-8", "replace") in KNOWN_SECRET_KEYS:
        raise ConfigurationError("Set SECRET_KEY: production refuses a known default key.")
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 10:
        raise ConfigurationError(
            f"SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} random bytes' worth, e.g. "
            'python -c "import secrets; print(secrets.token_urlsafe(48))"'
        )


def _check_public_base_url(settings: dict) -> None:
    url = str(settings.get("PUBLIC_BASE_URL") or "")
    if not url.startswith("https://") or len(url) <= len("https://"):
        raise ConfigurationError(
            "Set PUBLIC_BASE_URL to the portal's public https:// address: every emailed or "
            "printed link is built from it."
        )


def _check_rate_limit_storage(settings: dict) -> None:
    storage = str(settings.get("RATELIMIT_STORAGE_URI", ""))
    if storage.startswith("memory://") and int(settings.get("WEB_CONCURRENCY") or 1) > 1:
        raise ConfigurationError(
            "With WEB_CONCURRENCY above 1, each process would count sign-in attempts alone: "
            "set RATELIMIT_STORAGE_URI to Redis (redis://host:6379/0)."
        )


def _check_flags(settings: dict) -> None:
    if settings.get("DEMO_MODE"):
        raise ConfigurationError("DEMO_MODE is for local demos; production refuses it.")
    if settings.get("WEBSITE_CHECK_ALLOW_LOOPBACK"):
        raise ConfigurationError(
            "WEBSITE_CHECK_ALLOW_LOOPBACK is for tests; production refuses it."
        )
    uri = str(settings.get("SQLALCHEMY_DATABASE_URI", ""))
    if uri.startswith("sqlite") and not settings.get("ALLOW_SQLITE_IN_PRODUCTION"):
        raise ConfigurationError(
            "Production needs PostgreSQL (DATABASE_URL); set ALLOW_SQLITE_IN_PRODUCTION=1 "
            "to run on SQLite deliberately."
        )
