"""The PDFs of a situation report and of a joint picture, for the meeting.

Each is the page's content without navigation, forms or buttons, built from the same scoped
querysets as the page (the topics' access modules): a city reader's PDF never holds a police-only
incident, an object out of reach is a 404, and each download is an audit event.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from accounts import audit
from incidents import access as incidents_access
from measures import access as measures_access
from reports import access as reports_access
from reports.comparison import compare
from tryggportal.lib.pdf import download_name, render_document


def pdf_response(request: HttpRequest, template: str, context: dict, filename: str):
    content = render_document(template, context, request.user)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


def report_context(user, report) -> dict:
    return {
        "report": report,
        "incidents": list(incidents_access.incidents_for_report(user, report)),
        "measures": list(
            measures_access.measures_visible_to(user).filter(proposed_in=report).for_list()
        ),
    }


def picture_context(user, area, period) -> dict:
    by_side = {r.side: r for r in reports_access.joint_picture_reports(user, area, period)}
    return {
        "area": area,
        "period": period,
        # Every difference the page marks, by the page's own function.
        **compare(by_side),
        "picture": reports_access.get_joint_picture(area, period),
        "incidents": list(incidents_access.incidents_for_picture(user, area, period)),
        "measures": list(measures_access.measures_for_picture(user, area, period)),
    }


def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = reports_access.get_report_for_user(request.user, pk)
    context = report_context(request.user, report)
    audit.record(request, "export", report, label=f"{report} (PDF)")
    name = download_name(
        _("Situation report"), report.area.slug, report.period_start, report.get_side_display()
    )
    return pdf_response(request, "documents/report_pdf.html", context, name)


def joint_picture_pdf(request: HttpRequest, slug: str, period_key: str) -> HttpResponse:
    area, period = reports_access.get_joint_picture_period_for_user(request.user, slug, period_key)
    context = picture_context(request.user, area, period)
    label = f"{area}: joint picture {period.key} (PDF)"
    audit.record(request, "export", context["picture"] or area, label=label)
    name = download_name(_("Joint picture"), area.slug, period.key)
    return pdf_response(request, "documents/picture_pdf.html", context, name)
