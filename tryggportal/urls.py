"""The site's addresses: each app's urls.py, included here; nothing else."""

from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accounts/", include("accounts.urls")),
    path("audit/", account_views.audit_log, name="audit_log"),
    path("areas/", include("districts.urls")),
    # These apps' addresses sit under several prefixes (/areas/<slug>/places/, /reports/,
    # /areas/<slug>/picture/…), so each writes them in full.
    path("", include("reports.urls")),
    path("", include("incidents.urls")),
    path("", include("measures.urls")),
    path("notifications/", include("notifications.urls")),
    path("conferences/", include("conferences.urls")),
    path("admin/", admin.site.urls),
]

# --- Dashboards ---
from districts import views as district_views  # noqa: E402  (moves to dashboards/urls.py)

urlpatterns += [
    path("dashboard/", district_views.dashboard, name="dashboard"),
    path("dashboard/<slug:table>.csv", district_views.dashboard_csv, name="dashboard_csv"),
    path("dashboard/area/<slug:slug>/", district_views.area_dashboard, name="area_dashboard"),
    path(
        "dashboard/area/<slug:slug>/<slug:table>.csv",
        district_views.area_dashboard_csv,
        name="area_dashboard_csv",
    ),
]
