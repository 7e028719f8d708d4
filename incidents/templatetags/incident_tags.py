"""Partials that other pages include with one line, scoped to the signed-in user by access.py:

{% load incident_tags %}
{% report_incidents report %}            a report's incidents (its area and period)
{% picture_incidents area period %}      the joint picture's incidents
"""

from django import template

from incidents import access
from incidents.tables import incident_rows_html

register = template.Library()


@register.filter
def incident_rows(incidents):
    """`{{ incidents|incident_rows }}`: the incident table's rows (see incidents/tables.py)."""
    return incident_rows_html(incidents)


@register.inclusion_tag("incidents/incident_table.html", takes_context=True)
def report_incidents(context, report) -> dict:
    return {"incidents": list(access.incidents_for_report(context["request"].user, report))}


@register.inclusion_tag("incidents/incident_table.html", takes_context=True)
def picture_incidents(context, area, period) -> dict:
    user = context["request"].user
    return {"incidents": list(access.incidents_for_picture(user, area, period))}
