from django.urls import path

from . import exports, pdfs

# Included at the site's root: these sit beside the pages they print or export.
urlpatterns = [
    path("reports/<int:pk>/pdf/", pdfs.report_pdf, name="report_pdf"),
    path(
        "areas/<slug:slug>/picture/<str:period_key>/pdf/",
        pdfs.joint_picture_pdf,
        name="joint_picture_pdf",
    ),
    path("reports/export.<str:fmt>", exports.report_export, name="report_export"),
    path("incidents/export.<str:fmt>", exports.incident_export, name="incident_export"),
    path("measures/export.<str:fmt>", exports.measure_export, name="measure_export"),
]
