"""`{% load report_tags %}{{ reports|report_rows }}`: the report list's rows (reports/tables.py)."""

from django import template

from reports.tables import report_rows_html

register = template.Library()


@register.filter
def report_rows(reports):
    return report_rows_html(reports)
