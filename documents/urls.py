from django.urls import path

from . import exports, markings, pdfs

# Included at the site's root: these sit beside the pages they print or export.
urlpatterns = [
    path("reports/<int:pk>/pdf/", pdfs.report_pdf, name="report_pdf"),
    path(
        "areas/<slug:slug>/picture/<str:period_key>/pdf/",
        pdfs.joint_picture_pdf,
        name="joint_picture_pdf",
    ),
    path("reports/<int:pk>/secrecy/", markings.report_secrecy, name="report_secrecy"),
    path("incidents/<int:pk>/secrecy/", markings.incident_secrecy, name="incident_secrecy"),
    path("measures/<int:pk>/secrecy/", markings.measure_secrecy, name="measure_secrecy"),
    path(
        "areas/<slug:slug>/picture/<str:period_key>/secrecy/",
        markings.picture_secrecy,
        name="picture_secrecy",
    ),
    path("reports/export.<str:fmt>", exports.report_export, name="report_export"),
    path("incidents/export.<str:fmt>", exports.incident_export, name="incident_export"),
    path("measures/export.<str:fmt>", exports.measure_export, name="measure_export"),
]
