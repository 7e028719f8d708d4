"""`{% load area_tags %}{{ areas|area_rows }}`: the area list's rows (districts/tables.py)."""

from django import template

from districts.tables import area_rows_html

register = template.Library()


@register.filter
def area_rows(areas):
    return area_rows_html(areas)
