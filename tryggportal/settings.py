"""Tryggportal settings: one file, everything that differs between machines from the environment.

With no DATABASE_URL the portal runs on a SQLite file in the project, and with no REDIS_URL
Celery runs tasks eagerly in-process, so `make run` needs no server.
"""

import ipaddress
from datetime import date, timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "tryggportal.apps.ScopedAdminConfig",  # django.contrib.admin, scoped (tryggportal/lib/admin.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "districts",
    "reports",
    "incidents",
    "measures",
    "notifications",
    "conferences",
    "situation_pictures",
    "dashboards",
    "documents",
    "reorganisation",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Downloads (PDF, CSV, XLSX, JSON) leave no copy in the browser's cache: Cache-Control.
    "tryggportal.lib.no_store.no_store_downloads",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.swedish_by_default",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before LoginRequiredMiddleware: a report form posted after the session expired is kept.
    "tryggportal.lib.kept_forms.KeptFormMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.middleware.permissions_policy",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tryggportal.urls"
WSGI_APPLICATION = "tryggportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.unread_notifications",
            ],
            # `{% lang_sv %}` marks the text users write as Swedish in the English interface;
            # {% error_summary form %} is the summary at the top of a form after a failed save.
            "libraries": {
                "filter_forms": "tryggportal.lib.filter_forms",
                "written": "tryggportal.lib.written",
                "form_errors": "tryggportal.lib.form_errors",
            },
        },
    },
    # The hot fragments (list rows, dashboard tables) where Django's engine is too slow:
    # Jinja2 with autoescape on, its own directory, included by the Django templates through
    # tryggportal/lib/fragments.py. Second, so that `render()` finds Django's templates first.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "tryggportal.jinja2.environment",
            "autoescape": True,
            "trim_blocks": True,
            "lstrip_blocks": True,
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# The embedded SQLite default under concurrent writes: readers never block the writer (WAL), a
# writer waits up to 20 s for another instead of failing, and each transaction takes the write
# lock when it begins, so two read-then-write transactions queue instead of answering
# "database is locked". PostgreSQL needs none of this.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
    # The incidents' window index carries extra columns (INCLUDE) for PostgreSQL's index-only
    # scans; SQLite builds the same index without them, which is all the warning says.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tryggportal",
        }
    }
else:
    # One process's memory (as `make run` is): the rate limits, the header's unread count and
    # the dashboards' cached bodies are each process's own. Several web processes share Redis.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tryggportal",
        }
    }

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it counts failed sign-ins and refuses a locked-out user before any check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: the console in development, SMTP in production (EMAIL_URL, e.g. smtp+tls://user:pw@host:587).
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL", default="consolemail://" if DEBUG else "smtp://127.0.0.1:25"
)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Tryggportal <noreply@tryggportal.local>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis is the broker when REDIS_URL is set; without it tasks run eagerly in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# The queue tasks are sent to when none is named (tests give their worker a queue of its own).
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
# --- Reminders and notifications ---
# Celery beat's whole schedule, in one place: the reminder sweep daily at 07:00 Stockholm time
# (CELERY_TIMEZONE, so summer time moves it with the clock, not with UTC).
CELERY_BEAT_SCHEDULE = {
    "send-reminders": {
        "task": "notifications.tasks.send_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Conference priorities past their decision date and still undecided: the development
    # leads are told once each.
    "notify-undecided-priorities": {
        "task": "conferences.tasks.notify_undecided_priorities",
        "schedule": crontab(hour=7, minute=10),
    },
    # The next yearly situation picture due soon: the development leads are told once.
    "notify-situation-picture-due": {
        "task": "situation_pictures.tasks.notify_situation_picture_due",
        "schedule": crontab(hour=7, minute=20),
    },
    # Security: audit events older than AUDIT_RETENTION_DAYS go, nightly.
    "purge-audit": {"task": "accounts.tasks.purge_audit", "schedule": crontab(hour=3, minute=30)},
}

# The yearly situation picture and action plan (lag (2023:196) 4 §): the next version is due
# this many months after one is decided; the development leads are reminded, once, this many
# days before.
SITUATION_PICTURE_INTERVAL_MONTHS = env.int("SITUATION_PICTURE_INTERVAL_MONTHS", default=24)
SITUATION_PICTURE_REMIND_DAYS = env.int("SITUATION_PICTURE_REMIND_DAYS", default=60)

# The reverse proxies in front of the portal (addresses or networks, comma-separated): the
# TLS-terminating proxy of docker-compose.yml (deploy/Caddyfile). Only a request from one of
# them has its X-Forwarded-For read (tryggportal/lib/client_address.py: rate limits,
# django-axes and the audit log) and its X-Forwarded-Proto believed. The proxy must overwrite
# X-Forwarded-Proto with the scheme it served, and append the peer to X-Forwarded-For (or
# overwrite it), whatever the client sent; and the portal must be reachable only through it.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
try:
    for _proxy in TRUSTED_PROXIES:
        ipaddress.ip_network(_proxy.strip(), strict=False)
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from error

# Production hardening; `manage.py check --deploy` is clean with DEBUG off and SECRET_KEY set.
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint tells each step of each PDF at INFO ("Step 5 - Creating layout - Page 1"):
    # seven lines a document, a third of the production log. Its warnings stay.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# --- Security: sign-in protection, sessions, headers, audit ---
# Lock-out: 5 failed sign-ins for one user name from one address lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins go to the audit log instead
AXES_VERBOSE = False
# The client's address behind a trusted proxy (TRUSTED_PROXIES), as rate limits and the
# audit log see it; a user name holding an identity number is kept masked.
AXES_CLIENT_IP_CALLABLE = "tryggportal.lib.client_address.client_address"
AXES_USERNAME_CALLABLE = "accounts.audit.axes_username"
AXES_SENSITIVE_PARAMETERS = ["username"]  # the stored POST data of a failed attempt

# Two-factor sign-in (TOTP): required for police users and admins, optional for the others.
OTP_TOTP_ISSUER = "Tryggportal"
# The admin shows neither TOTP secrets nor backup codes (see accounts/recovery.py).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Sessions end after SESSION_IDLE_SECONDS without a request and SESSION_COOKIE_AGE after sign-in.
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
# A draft's form saves itself this long after the first change (and when the page is left).
REPORT_AUTOSAVE_SECONDS = env.int("REPORT_AUTOSAVE_SECONDS", default=30)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=10 * 60 * 60)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A refused form gets the portal's page (in the layout and the user's language), not Django's.
CSRF_FAILURE_VIEW = "tryggportal.views.csrf_failure"

# Content Security Policy (django-csp 4): no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
    },
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Rate limits on posts (tryggportal/lib/rate_limit.py) are counted in the cache under this
# prefix; the tests give each test a prefix of its own, since CI's Redis outlives a test run.
RATE_LIMIT_KEY_PREFIX = "rate-limit"
# The dashboards' bodies are cached this long under the data version every write bumps
# (tryggportal/lib/data_version.py, dashboards/cache.py); 0 turns the cache off. The tests
# give each test a version key of its own, as for the rate limits.
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=600)
DATA_VERSION_KEY = "data-version"

# The accessibility statement (/accessibility/, the DOS law): who answers questions about
# accessibility, and the day the statement was last checked against the portal (change it with
# each review). The demo's phone number is in 031-390 06 00–99, kept by PTS for fiction.
ACCESSIBILITY_CONTACT_EMAIL = env.str(
    "ACCESSIBILITY_CONTACT_EMAIL", default="tillganglighet@tryggportal.local"
)
ACCESSIBILITY_CONTACT_PHONE = env.str("ACCESSIBILITY_CONTACT_PHONE", default="031-390 06 00")
ACCESSIBILITY_STATEMENT_REVIEWED = date(2026, 12, 2)

# Audit log: rows older than this are removed by `manage.py purge_audit` (run it daily).
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=730)

# --- Benchmarks ---
# `make bench` counts each request's SQL queries into a response header; never on otherwise.
if env.bool("BENCH_QUERY_COUNT", default=False):
    MIDDLEWARE.insert(0, "bench.middleware.query_count")
