from django.contrib import admin
from django.urls import include, path

from districts import views as district_views

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("areas/", include("districts.urls")),
    path("admin/", admin.site.urls),
]

# --- Dashboards ---
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


# --- Conferences ---
urlpatterns += [path("conferences/", include("conferences.urls"))]
