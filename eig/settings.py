"""Settings of the EIG program management system.

One module, configured from environment variables only. With no variable set, the product runs
on its embedded default: SQLite, one process, e-mail printed to the console, debug on. Production
sets at least DJANGO_SECRET_KEY, DJANGO_DEBUG=false, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
A bad value stops the start-up with a message naming the variable.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} is required.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true or false).")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

_DEV_SECRET_KEY = "insecure-development-key-only-for-the-embedded-default"  # noqa: S105
SECRET_KEY = env_str("DJANGO_SECRET_KEY", _DEV_SECRET_KEY if DEBUG else None)
if not DEBUG and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a random value of 50 characters or more.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is required when DJANGO_DEBUG is false.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    # Our apps first, so that their templates and commands take precedence.
    "eig",
    "core.proconnect",
    "cohorts",
    "projects",
    "selection",
    "alumni",
    "evaluation",
    "cms",
    # State design system
    "dsfr",
    "widget_tweaks",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # API documentation served from our own static files, not from a CDN.
    "ninja",
    # History of every change to program data
    "simple_history",
    # Background tasks (evaluation reports): the database backend and its worker
    "django_tasks",
    "django_tasks_db",
    # Accounts: e-mail login, MFA, ProConnect (see the "Accounts" section below)
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy of the path's area on every page, cached copies included, and
    # "Cache-Control: private, no-store" on the pages that may show personal data (core/headers.py)
    "core.headers.ContentSecurityPolicyMiddleware",
    "core.headers.PrivatePageMiddleware",
    # 400 on a NUL or control character, or an integer beyond 64 bits, in the path or query.
    "core.bounds.InputBoundsMiddleware",
    # Anonymous visitors' cached public pages, served before the rest runs (core/cache.py).
    "core.cache.PublicPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.accounts.StaffRequiresTOTPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # The request's Wagtail site, found once per frame version (cms/middleware.py).
    "cms.middleware.SiteForRequestMiddleware",
]

ROOT_URLCONF = "eig.urls"
WSGI_APPLICATION = "eig.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                # django-dsfr's site_config, read only when used (cms/context_processors.py).
                "cms.context_processors.site_config",
            ],
            # French typography filters (date_fr, typo_fr, after_promotion) in every template.
            "builtins": ["core.templatetags.french"],
        },
    },
]

# Database: SQLite by default, anything dj-database-url understands through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A jury score written while a report renders: readers never block the writer (WAL), a
    # writer waits for the lock rather than failing at once ("database is locked"), and a
    # transaction takes the write lock when it begins, so it cannot fail halfway.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# static/ may be empty, and git keeps no empty folder: add it only when it exists.
STATICFILES_DIRS = [path for path in [BASE_DIR / "static"] if path.is_dir()]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
# Attachments of challenge proposals, served only through the application after a rights check,
# never by the web server (projects/models/call.py). Default: a sibling "<MEDIA_ROOT>-private".
if os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT"):
    EIG_PRIVATE_MEDIA_ROOT = Path(os.environ["DJANGO_PRIVATE_MEDIA_ROOT"])
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            # Hashed and compressed, the design system's files left as published (SRI).
            else "core.staticfiles.StaticFilesStorage"
        )
    },
}

# E-mail: console by default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "EIG <ne-pas-repondre@eig.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Cache: local memory for the embedded default (one process), Redis when REDIS_URL is set.
# Without Redis in production, the database (table made by `manage.py createcachetable`): the
# login throttling counts attempts in the cache, which every process must share.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        if DEBUG
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "eig_cache",
        }
    )
}

# Public pages are cached for anonymous visitors this many seconds at most (core/cache.py); every
# publication or change of program data makes the cached copies stale at once. 0 disables it.
EIG_PUBLIC_CACHE_SECONDS = env_int("EIG_PUBLIC_CACHE_SECONDS", 300)

# Security: strict in production, relaxed only for the embedded default.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp, through core.headers.ContentSecurityPolicyMiddleware;
# docs/configuration.md, "Content-Security-Policy"). The public site and the spaces load
# nothing but their own files: no inline script unless it carries the request's nonce
# (nonce="{{ request.csp_nonce }}"), no inline style, no other host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        # The ProConnect origin is added below when ProConnect is set: its login and logout
        # forms post here, then redirect there.
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Areas with their own policy, by path prefix (the first that matches wins). Wagtail's admin
# writes inline scripts and styles; its page previews are frames of the admin itself. The API
# documentation (/api/docs) needs none: Swagger UI is served from our static files, its
# settings are a JSON data block, and it styles its elements through the DOM, which the
# site's policy allows (tests/e2e/test_content_security_policy.py).
EIG_CONTENT_SECURITY_POLICY_AREAS = {
    "/admin/": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint logs every laid-out page of a report at INFO: keep its warnings only.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# Wagtail
WAGTAIL_SITE_NAME = "Entrepreneurs d'intérêt général"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # On PostgreSQL: French stemming, accents ignored (cms migration 0004). SQLite's
        # full-text index ignores accents by itself.
        **(
            {"SEARCH_CONFIG": "eig_french"}
            if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
            else {}
        ),
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
# The admin calls no other host: no avatars from Gravatar, no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Background tasks (django-tasks). In debug, the default runs each task immediately, in the
# process that enqueues it. TASKS_BACKEND=database stores tasks in the database, for the worker
# started with `manage.py db_worker` (see docs/reports.md): production requires it, so that a
# report or an e-mail is never computed inside a web request.
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate" if DEBUG else "database")
if TASKS_BACKEND not in {"immediate", "database"}:
    raise ImproperlyConfigured(f"TASKS_BACKEND={TASKS_BACKEND!r} is not 'immediate' or 'database'.")
if not DEBUG and TASKS_BACKEND != "database":
    raise ImproperlyConfigured(
        "TASKS_BACKEND must be 'database' when DJANGO_DEBUG is false: "
        "background work must not run inside web requests."
    )
if TASKS_BACKEND == "immediate":
    # Tasks run in the request: their "running" and "successful" lines would fill the console
    # (failures are still logged). The database worker keeps them, one per task.
    LOGGING["loggers"]["django_tasks"] = {"level": "WARNING"}
# A running report whose heartbeat is older than this is taken as interrupted (worker stopped
# mid-render): the reports page and run_schedule mark it failed, to be restarted in one click.
EIG_REPORT_STALLED_MINUTES = env_int("EIG_REPORT_STALLED_MINUTES", 15)
if EIG_REPORT_STALLED_MINUTES < 1:
    raise ImproperlyConfigured("EIG_REPORT_STALLED_MINUTES must be 1 or more.")
# Finished rows of the task queue (successful or failed) are deleted by run_schedule after this
# many days; queued duplicates of Wagtail's reference-index update are pruned at once.
EIG_TASK_RESULTS_KEEP_DAYS = env_int("EIG_TASK_RESULTS_KEEP_DAYS", 14)
if not 1 <= EIG_TASK_RESULTS_KEEP_DAYS <= 30:
    raise ImproperlyConfigured("EIG_TASK_RESULTS_KEEP_DAYS must be between 1 and 30.")
# Tasks whose arguments carry personal data (addresses, names): their row is deleted as soon
# as they succeed (core/erasure.py), a failed one after EIG_TASK_RESULTS_KEEP_DAYS.
EIG_PERSONAL_TASKS = ("core.emails.send_templated_email_task",)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["default"],
    }
}

# --- Accounts (django-allauth) ------------------------------------------------------------------
# E-mail login with mandatory verification, TOTP required for staff (core/accounts.py), throttled
# logins, and ProConnect for public agents when its three variables are set (core/proconnect/).
AUTHENTICATION_BACKENDS = [
    # First: only staff get Wagtail's admin access, whatever their groups (core/accounts.py).
    "core.accounts.StaffOnlyAdminBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = reverse_lazy("account_login")
WAGTAIL_PASSWORD_RESET_ENABLED = False
ACCOUNT_ADAPTER = "core.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
# A password reset for an address without an account sends nothing (the page reads the same).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[EIG] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Throttling, counted in the cache (docs/configuration.md, "Login protection"). Failed password
# logins are limited per account ("key", the e-mail) with growing waits: 5 in 5 minutes, 10 in an
# hour, 20 in a day; and per client address, loosely, since a whole administration may share one.
# A throttled login answers 429; the owner can still sign in with a code sent by e-mail.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "20/5m/ip,100/h/ip,5/5m/key,10/h/key,20/d/key",
    "signup": "10/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "request_login_code": "20/m/ip,3/m/key",
}
# Sign in with a code sent by e-mail, open even while password attempts are throttled. Staff
# still give their second factor (TOTP) after the code.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 5 * 60
# The owner of an account whose password attempts are throttled is told at most once an hour.
EIG_LOGIN_ALERT_INTERVAL = env_int("EIG_LOGIN_ALERT_INTERVAL", 3600)
# Behind a reverse proxy, the client's address is the last one it adds to X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int(
    "DJANGO_TRUSTED_PROXY_COUNT", 1 if env_bool("DJANGO_BEHIND_PROXY", False) else 0
)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "EIG"
SOCIALACCOUNT_ADAPTER = "core.proconnect.adapter.SocialAccountAdapter"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False
PROCONNECT_CLIENT_ID = os.environ.get("PROCONNECT_CLIENT_ID", "")
PROCONNECT_CLIENT_SECRET = os.environ.get("PROCONNECT_CLIENT_SECRET", "")
PROCONNECT_SERVER_URL = os.environ.get("PROCONNECT_SERVER_URL", "").rstrip("/")
_proconnect_set = [
    bool(value) for value in (PROCONNECT_CLIENT_ID, PROCONNECT_CLIENT_SECRET, PROCONNECT_SERVER_URL)
]
if any(_proconnect_set) and not all(_proconnect_set):
    raise ImproperlyConfigured(
        "PROCONNECT_CLIENT_ID, PROCONNECT_CLIENT_SECRET and PROCONNECT_SERVER_URL go together."
    )
SOCIALACCOUNT_PROVIDERS = {
    "proconnect": {
        "APPS": (
            [
                {
                    "client_id": PROCONNECT_CLIENT_ID,
                    "secret": PROCONNECT_CLIENT_SECRET,
                    "settings": {"server_url": PROCONNECT_SERVER_URL},
                }
            ]
            if all(_proconnect_set)
            else []
        ),
        "EMAIL_AUTHENTICATION": True,
    }
}
if PROCONNECT_SERVER_URL:
    _proconnect_origin = "{0.scheme}://{0.netloc}".format(urlsplit(PROCONNECT_SERVER_URL))
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(_proconnect_origin)
    for _directives in EIG_CONTENT_SECURITY_POLICY_AREAS.values():
        _directives["form-action"].append(_proconnect_origin)
# --- End of Accounts ----------------------------------------------------------------------------

# Credit owed for the program's public data (Licence Ouverte / Open Licence, Etalab).
EIG_DATA_CREDIT = (
    "Programme Entrepreneurs d'Intérêt Général — Etalab / DINUM, site-eig, mis à jour le 2022-09-05"
)
EIG_DATA_LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
