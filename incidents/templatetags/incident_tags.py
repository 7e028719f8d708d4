"""Partials that other pages include with one line, scoped to the signed-in user by access.py:

{% load incident_tags %}
{% report_incidents report %}            a report's incidents (its area and period)
{% picture_incidents area period %}      the joint picture's incidents
{% picture_measures area period %}       the joint picture's open and due measures
"""

from django import template

from tryggportal import access

register = template.Library()


@register.inclusion_tag("incidents/incident_table.html", takes_context=True)
def report_incidents(context, report) -> dict:
    return {"incidents": list(access.incidents_for_report(context["request"].user, report))}


@register.inclusion_tag("incidents/incident_table.html", takes_context=True)
def picture_incidents(context, area, period) -> dict:
    user = context["request"].user
    return {"incidents": list(access.incidents_for_picture(user, area, period))}


@register.inclusion_tag("incidents/measure_table.html", takes_context=True)
def picture_measures(context, area, period) -> dict:
    user = context["request"].user
    return {"measures": list(access.measures_for_picture(user, area, period))}


@register.inclusion_tag("incidents/measure_proposed.html", takes_context=True)
def report_measures(context, report) -> dict:
    """The measures proposed in a report, and a link to propose one for its area's members."""
    user = context["request"].user
    measures = access.measures_visible_to(user).filter(proposed_in=report).for_list()
    return {
        "measures": list(measures),
        "report": report,
        "can_propose": access.logging_areas_for(user).filter(pk=report.area_id).exists(),
    }
