"""A Jinja2 fragment (templates/jinja2/) as a value for a Django template.

The hot rows of the lists and the dashboards' tables are Jinja2 templates (see
tryggportal/jinja2.py); each app's template filter hands them here. Jinja2 escapes every value
it prints (autoescape), so its output is safe HTML for the Django template that shows it.
"""

from django.template import engines
from django.utils.safestring import SafeString, mark_safe


def render(template_name: str, context: dict) -> SafeString:
    html = engines["jinja2"].get_template(template_name).render(context)
    return mark_safe(html)  # noqa: S308 - Jinja2 has escaped every value (autoescape on)


def labels(choices) -> dict:
    """A choices class's labels by value, translated once for a whole table."""
    return {value: str(label) for value, label in choices.choices}
