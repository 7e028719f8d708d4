"""Partials that other pages include with one line, scoped to the signed-in user by access.py:

{% load measure_tags %}
{% picture_measures area period %}       the joint picture's open and due measures
{% report_measures report %}             the measures proposed in a report
"""

from django import template

from incidents import access as incidents_access
from measures import access

register = template.Library()


@register.inclusion_tag("measures/measure_table.html", takes_context=True)
def picture_measures(context, area, period) -> dict:
    user = context["request"].user
    return {"measures": list(access.measures_for_picture(user, area, period))}


@register.inclusion_tag("measures/measure_proposed.html", takes_context=True)
def report_measures(context, report) -> dict:
    """The measures proposed in a report, and a link to propose one for its area's members."""
    user = context["request"].user
    measures = access.measures_visible_to(user).filter(proposed_in=report).for_list()
    return {
        "measures": list(measures),
        "report": report,
        "can_propose": incidents_access.can_log_in_area(user, report.area),
    }
