from django.urls import path

from . import picture_views, views

# Included at the site's root, so each address is written in full.
urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/", views.report_new, name="report_new"),
    path("reports/new/autosave/", views.report_autosave_new, name="report_autosave_new"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/autosave/", views.report_autosave, name="report_autosave"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/share/", views.report_share, name="report_share"),
    path("reports/<int:pk>/acknowledge/", views.report_acknowledge, name="report_acknowledge"),
    path(
        "areas/<slug:slug>/picture/<str:period_key>/",
        picture_views.joint_picture,
        name="joint_picture",
    ),
    path(
        "areas/<slug:slug>/picture/<str:period_key>/summary/",
        picture_views.joint_picture_summary,
        name="joint_picture_summary",
    ),
    path(
        "areas/<slug:slug>/picture/<str:period_key>/sign/",
        picture_views.joint_picture_sign,
        name="joint_picture_sign",
    ),
]
