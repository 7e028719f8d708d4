"""The error summary at the top of every form after a failed save (WCAG 3.3.1, 3.3.3).

    {% load form_errors %}
    <form method="post" novalidate>
      {% csrf_token %}
      {% error_summary form %}              forms and formsets, any number: {% error_summary form items %}

It renders templates/form_error_summary.html: a heading that counts the problems and one line
per error, each a link to its field ("Label: message") so that the link moves the focus there
(static/js/site.js focuses the summary on page load and the field on a link). Errors that
belong to no field (a form's or formset's own) are listed as text, or linked to the first field
of the formset row they concern. Registered as a template library in settings.TEMPLATES.
"""

from django import forms, template
from django.utils.translation import gettext

register = template.Library()


def field_target(bound_field) -> str:
    """The id a link to this field should point at: its input, or a radio group's first radio."""
    if bound_field.id_for_label:
        return bound_field.id_for_label
    return f"{bound_field.auto_id}_0" if bound_field.auto_id else ""


def _label(bound_field) -> str:
    return str(bound_field.label or bound_field.name).rstrip(":")


def row_name(form: forms.BaseForm, number: int) -> str:
    """A formset row as its fieldset's legend names it (conference_parts_form.html and
    situation_picture_form.html): the saved row itself, or "New row 2"."""
    instance = getattr(form, "instance", None)
    if instance is not None and instance.pk:
        return str(instance)
    return gettext("New row %(number)s") % {"number": number}


def _form_items(form: forms.BaseForm, row: str = "") -> list[dict]:
    visible = form.visible_fields()
    first = f"#{field_target(visible[0])}" if visible else ""
    items = [{"href": first if row else "", "text": e} for e in form.non_field_errors()]
    for bound_field in form.hidden_fields():  # e.g. a version stamp: no field to go to
        items += [{"href": "", "text": e} for e in bound_field.errors]
    for bound_field in visible:
        target, label = field_target(bound_field), _label(bound_field)
        items += [
            # A message that names its field already (the identity number guard's) stays whole.
            {"href": f"#{target}" if target else "", "text": e if label in e else f"{label}: {e}"}
            for e in bound_field.errors
        ]
    if row:  # "Rubrik" is in every row: say which one
        items = [{**item, "text": f"{row}: {item['text']}"} for item in items]
    return items


def error_items(*forms_or_formsets) -> list[dict]:
    """Every error of these forms and formsets, in page order, as {"href", "text"}."""
    items = []
    for thing in forms_or_formsets:
        if thing is None or not getattr(thing, "is_bound", False):
            continue
        if isinstance(thing, forms.BaseFormSet):
            items += [{"href": "", "text": e} for e in thing.non_form_errors()]
            for number, form in enumerate(thing.forms, start=1):
                items += _form_items(form, row_name(form, number))
        else:
            items += _form_items(thing)
    return items


@register.inclusion_tag("form_error_summary.html")
def error_summary(*forms_or_formsets) -> dict:
    return {"errors": error_items(*forms_or_formsets)}
