"""`{% load filter_forms %}{{ field|filter_field }}`: one field of a list's GET filter form,
as Bootstrap markup built in Python (label, control, help text, errors).

The read-only lists' filter forms offer up to a hundred options (every area, every
category); crispy-forms rendered each option through Django's widget templates, which cost
5–8 ms of a 25 ms list page. Selects are built here; other inputs keep Django's own widget
rendering (value formatting, `maxlength`, `type`) with Bootstrap's classes and the same ARIA
links crispy-forms gave: help text and errors are named by `aria-describedby`.
"""

from html import escape

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _select(field: BoundField, attrs: dict) -> str:
    value = field.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value or "")}
    options = []
    for choice, label in field.field.choices:
        choice = "" if choice is None else str(choice)
        selected = " selected" if choice in chosen else ""
        options.append(f'<option value="{escape(choice)}"{selected}>{escape(str(label))}</option>')
    attributes = "".join(f' {name}="{escape(str(v))}"' for name, v in attrs.items())
    return f'<select name="{escape(field.html_name)}"{attributes}>{"".join(options)}</select>'


@register.filter
def filter_field(field: BoundField) -> SafeString:
    widget = field.field.widget
    described_by = []
    errors = ""
    if field.errors:
        errors_id = f"{field.auto_id}_error"
        described_by.append(errors_id)
        errors = f'<div id="{errors_id}" class="invalid-feedback">' + "".join(
            f"<p><strong>{escape(str(e))}</strong></p>" for e in field.errors
        )
        errors += "</div>"
    help_text = ""
    if field.help_text:
        help_id = f"{field.auto_id}_helptext"
        described_by.append(help_id)
        help_text = f'<div id="{help_id}" class="form-text">{escape(str(field.help_text))}</div>'
    is_select = isinstance(widget, forms.Select) and not isinstance(widget, forms.SelectMultiple)
    attrs = {"class": ("form-select" if is_select else "form-control")}
    if field.errors:
        attrs["class"] += " is-invalid"
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if is_select:
        control = _select(field, {**attrs, "id": field.auto_id})
    else:
        control = str(field.as_widget(attrs=attrs))
    label = escape(str(field.label))
    return mark_safe(  # noqa: S308 - every value above is escaped or rendered by Django
        f'<div id="div_{field.auto_id}" class="mb-3">'
        f'<label for="{field.id_for_label}" class="form-label">{label}</label>'
        f"{control}{errors}{help_text}</div>"
    )
