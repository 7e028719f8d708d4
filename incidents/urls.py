from django.urls import path

from . import views

# Included at the site's root, so each address is written in full.
urlpatterns = [
    path("areas/<slug:slug>/places/", views.place_list, name="place_list"),
    path("areas/<slug:slug>/places/new/", views.place_form, name="place_new"),
    path("areas/<slug:slug>/places/<int:pk>/edit/", views.place_form, name="place_edit"),
    path("incidents/", views.incident_list, name="incident_list"),
    path("incidents/new/", views.incident_form, name="incident_new"),
    path("incidents/import/", views.incident_import, name="incident_import"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident_detail"),
    path("incidents/<int:pk>/edit/", views.incident_form, name="incident_edit"),
]
