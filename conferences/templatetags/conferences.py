"""`{% load conferences %}`: `{{ priority|stale_on:today }}` flags a priority still proposed
after its decision date (`Priority.is_stale`)."""

from django import template

register = template.Library()


@register.filter
def stale_on(priority, today) -> bool:
    return bool(today) and priority.is_stale(today)
