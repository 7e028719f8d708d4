from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from incidents import views as incident_views

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    # Incidents, places, measures, reports: full addresses in incidents/urls.py; before
    # `areas/` because places live at /areas/<slug>/places/.
    path("", include("incidents.urls")),
    path("areas/", include("districts.urls")),
    path("admin/", admin.site.urls),
]

# --- Dashboards ---
urlpatterns += [path("dashboard/", include("dashboards.urls"))]

# --- Security, audit and public pages ---
urlpatterns += [
    path("audit/", account_views.audit_log, name="audit_log"),
    path("privacy/", account_views.privacy, name="privacy"),
    path("accessibility/", account_views.accessibility, name="accessibility"),
]

# --- Conferences ---
urlpatterns += [path("conferences/", include("conferences.urls"))]

# --- Reminders and notifications ---
urlpatterns += [
    path("notifications/", incident_views.notification_list, name="notification_list"),
    path(
        "notifications/<int:pk>/read/", incident_views.notification_read, name="notification_read"
    ),
    path(
        "notifications/read-all/",
        incident_views.notifications_read_all,
        name="notifications_read_all",
    ),
]
