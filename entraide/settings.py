"""Entraide settings: the only settings module, read from the environment.

Every variable is listed with its default in README.md and .env.example.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from lib.env import env_bool, env_float, env_int, env_list, env_str
from lib.log_filters import REQUEST_LOGGERS

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Set SECRET_KEY (or DJANGO_DEBUG=1 for local development).")
    # Fixed, so that a restart of the development server keeps sessions; never used with
    # debug off.
    SECRET_KEY = "dev-only-not-secret-entraide-development-key-never-in-production"

# Earlier keys, while what they signed lives on: sessions (an hour), a conversation's access
# token (an hour), password reset links (two hours). Six-word receipts use their own key
# (ENTRAIDE_RECEIPT_KEY, below): rotating SECRET_KEY changes nothing for them.
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "lib",  # here, for its runserver (room for a burst) to sit between these two's
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "triage",
    "accounts",
    "audit",
    "regions",
    "networks",
    "recruitment",
    "support",
    "records",
    "reports",
    "directory",
    "public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lib.middleware.PrivacyHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lib.clean_input.CleanInputMiddleware",  # no NUL byte or control character past here
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A conversation or note whose key no master key unwraps: a clear page, not a 500.
    "lib.middleware.KeyUnavailableMiddleware",
]

ROOT_URLCONF = "entraide.urls"
WSGI_APPLICATION = "entraide.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lib.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # A connection the database cut (a restart, a failover) is noticed before a page uses it.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default takes bursts: writers queue (IMMEDIATE, a busy timeout) instead of
    # answering "database is locked", and readers never wait for them (WAL). Tests use a file
    # too, so that parallel people meet the same locks as in `make run`.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"entraide-test-{os.getpid()}.sqlite3")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Staff accounts: Argon2 passwords, TOTP for everyone, a 60-minute idle timeout.
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 60) * 60
SESSION_SAVE_EVERY_REQUEST = True  # the age counts from the last request: an idle timeout
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
OTP_TOTP_ISSUER = "Entraide"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# Mail: printed on the console in development; SMTP in production.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds before the task worker gives up on a mail server that does not answer (and tries
# again later): mail is never sent from a request or a worker pass.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Entraide <ne-pas-repondre@entraide.invalid>")

# Background tasks (outgoing mail, lib/mail.py). In production a row written in the transaction
# of the change that sends it, run by `manage.py db_worker`; in development run in the web
# process once the transaction commits, so `make run` needs no second process. The tests send
# at once (conftest.py), except those of the queue itself.
TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "lib.tasks.ImmediateOnCommitBackend" if DEBUG else "django_tasks_db.DatabaseBackend",
        )
    }
}

# Languages: French first, English complete. URLs carry the language (/fr/, /en/).
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "America/Montreal")

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security. The public pages set no cookie; staff sessions (issue 3) use secure cookies.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
# Never a referrer to another site; same-site forms keep their Origin, which CSRF checks need.
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "lib.error_views.csrf_failure"  # with the crisis strip and the quick exit

# Master keys wrapping each conversation's data key (Fernet keys, comma-separated, newest
# first; generate one with `python -c "from cryptography.fernet import Fernet;
# print(Fernet.generate_key().decode())"`). Development falls back to a fixed, public key.
DEVELOPMENT_MASTER_KEY = "ZGV2ZWxvcG1lbnQtb25seS1rZXktbmV2ZXItaW4tcHI="
ENTRAIDE_MASTER_KEYS = env_list("ENTRAIDE_MASTER_KEYS", [DEVELOPMENT_MASTER_KEY] if DEBUG else [])
if not ENTRAIDE_MASTER_KEYS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set ENTRAIDE_MASTER_KEYS (or DJANGO_DEBUG=1 for development).")

# The receipt key finds a request from its six words (the locator), derives the words from the
# form's token and recognises a form sent twice (support/receipts.py). Earlier values go in
# ENTRAIDE_RECEIPT_KEY_FALLBACKS for 90 days, while receipts made with them live. Development
# falls back to a fixed, public value: the development SECRET_KEY, which keyed receipts before.
DEVELOPMENT_RECEIPT_KEY = "dev-only-not-secret-entraide-development-key-never-in-production"
ENTRAIDE_RECEIPT_KEY = env_str("ENTRAIDE_RECEIPT_KEY", DEVELOPMENT_RECEIPT_KEY if DEBUG else "")
if not ENTRAIDE_RECEIPT_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set ENTRAIDE_RECEIPT_KEY (or DJANGO_DEBUG=1 for development).")
ENTRAIDE_RECEIPT_KEY_FALLBACKS = env_list("ENTRAIDE_RECEIPT_KEY_FALLBACKS", [])

# The site's address, for links in emails sent without a web request (the worker).
ENTRAIDE_SITE_URL = env_str("ENTRAIDE_SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")

# Crisis triage reads with the lexicon and a local sentence model (triage/); TRIAGE_MODEL=0
# leaves the lexicon alone, as when the model cannot load.
TRIAGE_MODEL = env_bool("TRIAGE_MODEL", True)
TRIAGE_CLASSIFIER_FILE = BASE_DIR / "triage" / "classifier.json"

# The request form under load (support/capacity.py): each web process does the costly work of
# this many requests at a time (triage, the receipt's hash, matching); a request that cannot
# expect to start it within ENTRAIDE_REQUEST_WAIT seconds of reaching the server is not
# created, and the form answers at once "send it again in a minute", with what was typed and
# the crisis lines. One second keeps the request's answer under two in production; in
# development (`make run`, one process, SQLite) a burst waits for its turn instead.
ENTRAIDE_REQUESTS_AT_ONCE = max(1, env_int("ENTRAIDE_REQUESTS_AT_ONCE", 2))
ENTRAIDE_REQUEST_WAIT = max(0.1, env_float("ENTRAIDE_REQUEST_WAIT", 30.0 if DEBUG else 1.0))

# Where the quick-exit control sends a person: a neutral, common page.
QUICK_EXIT_URL = env_str("QUICK_EXIT_URL", "https://www.google.com/search?q=m%C3%A9t%C3%A9o")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refused request's path (a mistyped poster code) says who sought help: see lib/log_filters.
    "filters": {"without_request_path": {"()": "lib.log_filters.WithoutRequestPath"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["without_request_path"]},
        "null": {"class": "logging.NullHandler"},  # no handler at all would mean stderr
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Request lines can carry search words typed by a person in distress: never log them.
    "loggers": {
        "django.server": {"handlers": ["null"], "propagate": False},
        # At DEBUG, a failed template lookup logs the whole context: conversations and notes.
        "django.template": {"level": "INFO"},
        **{name: {"filters": ["without_request_path"]} for name in REQUEST_LOGGERS},
    },
}
