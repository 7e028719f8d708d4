"""`{% load report_tags %}`: the report list's rows, and the area page's report history.

{{ reports|report_rows }}           the report list's rows (reports/tables.py)
{% area_report_history area %}     shared reports per year across the area's history, as far as
                                   the signed-in user reaches (districts' area page)
"""

from django import template

from reports import access
from reports.tables import report_rows_html

register = template.Library()


@register.filter
def report_rows(reports):
    return report_rows_html(reports)


@register.inclusion_tag("reports/area_report_history.html", takes_context=True)
def area_report_history(context, area) -> dict:
    return {"history": access.report_history_for_user(context["request"].user, area)}
