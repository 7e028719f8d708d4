"""Included at `dashboard/` by tryggportal/urls.py; the names stay unprefixed."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:table>.csv", views.dashboard_csv, name="dashboard_csv"),
    path("area/<slug:slug>/", views.area_dashboard, name="area_dashboard"),
    path("area/<slug:slug>/<slug:table>.csv", views.area_dashboard_csv, name="area_dashboard_csv"),
]
