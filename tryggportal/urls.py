"""The site's addresses: each app's urls.py, included here; nothing else."""

from django.contrib import admin
from django.urls import include, path

from . import audit_log, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accounts/", include("accounts.urls")),
    path("audit/", audit_log.audit_log, name="audit_log"),
    path("areas/", include("districts.urls")),
    # These apps' addresses sit under several prefixes (/areas/<slug>/places/, /reports/,
    # /areas/<slug>/picture/…), so each writes them in full.
    path("", include("reports.urls")),
    path("", include("incidents.urls")),
    path("", include("measures.urls")),
    path("", include("documents.urls")),
    path("notifications/", include("notifications.urls")),
    path("conferences/", include("conferences.urls")),
    path("situation-pictures/", include("situation_pictures.urls")),
    path("dashboard/", include("dashboards.urls")),
    path("admin/", admin.site.urls),
]
