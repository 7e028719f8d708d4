from django.urls import path

from . import views

urlpatterns = []

# --- Places, incidents and measures ---
# Included at the site's root (before `areas/`), so each address here is written in full.
urlpatterns += [
    path("areas/<slug:slug>/places/", views.place_list, name="place_list"),
    path("areas/<slug:slug>/places/new/", views.place_form, name="place_new"),
    path("areas/<slug:slug>/places/<int:pk>/edit/", views.place_form, name="place_edit"),
    path("incidents/", views.incident_list, name="incident_list"),
    path("incidents/new/", views.incident_form, name="incident_new"),
    path("incidents/import/", views.incident_import, name="incident_import"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident_detail"),
    path("incidents/<int:pk>/edit/", views.incident_form, name="incident_edit"),
    path("measures/", views.measure_list, name="measure_list"),
    path("measures/new/", views.measure_form, name="measure_new"),
    path("measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/edit/", views.measure_form, name="measure_edit"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/new/", views.agreement_form, name="agreement_new"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.agreement_form, name="agreement_edit"),
    path("agreements/<int:agreement_pk>/promises/new/", views.promise_form, name="promise_new"),
    path(
        "agreements/<int:agreement_pk>/promises/<int:pk>/edit/",
        views.promise_form,
        name="promise_edit",
    ),
    path("promises/<slug:slug>/", views.promise_public, name="promise_public"),
]

# --- Situation reports ---
urlpatterns += [
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/", views.report_new, name="report_new"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/share/", views.report_share, name="report_share"),
    path("reports/<int:pk>/acknowledge/", views.report_acknowledge, name="report_acknowledge"),
    path("areas/<slug:slug>/picture/<str:period_key>/", views.joint_picture, name="joint_picture"),
    path(
        "areas/<slug:slug>/picture/<str:period_key>/summary/",
        views.joint_picture_summary,
        name="joint_picture_summary",
    ),
    path(
        "areas/<slug:slug>/picture/<str:period_key>/sign/",
        views.joint_picture_sign,
        name="joint_picture_sign",
    ),
]
