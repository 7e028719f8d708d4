"""The secrecy marking on a page, with one line (one query):

{% load secrecy %}
{% secrecy_marking report %}                    a report, incident or measure
{% picture_secrecy_marking area period picture %} a joint picture (`picture` may be None)

Shows "Sekretess enligt … OSL", who marked it and when, and for whoever may change the object
a small form to set, change or remove it. `{% secrecy_line obj %}` is the marking alone, for
PDFs.

A table or document that shows many objects marks them all with one query:
{% with_markings incidents as incidents %}   each gets `secrecy_marking` (or None)
{% include "documents/secrecy_badge.html" with marking=incident.secrecy_marking %}
"""

from django import template
from django.db import models
from django.urls import reverse

from documents.forms import SecrecyMarkingForm
from documents.markings import REJECTED, can_mark, marking_url
from documents.models import SecrecyMarking
from reports import access as reports_access

register = template.Library()


def _context(request, marking, can_change: bool, url: str) -> dict:
    form = None
    rejected = request.session.get(REJECTED)
    if rejected and rejected["url"] == url:
        del request.session[REJECTED]
    else:
        rejected = None
    if can_change:
        if rejected:  # refused input comes back as typed, with its error
            form = SecrecyMarkingForm(data=rejected["data"])
            form.is_valid()
        else:
            form = SecrecyMarkingForm(initial={"provision": marking.provision if marking else ""})
    return {"marking": marking, "form": form, "url": url}


@register.inclusion_tag("documents/secrecy_marking.html", takes_context=True)
def secrecy_marking(context, obj) -> dict:
    request = context["request"]
    marking = SecrecyMarking.objects.for_object(obj)
    return _context(request, marking, can_mark(request.user, obj), marking_url(obj))


@register.inclusion_tag("documents/secrecy_marking.html", takes_context=True)
def picture_secrecy_marking(context, area, period, picture) -> dict:
    request = context["request"]
    marking = SecrecyMarking.objects.for_object(picture) if picture else None
    url = reverse("picture_secrecy", args=[area.slug, period.key])
    return _context(
        request, marking, reports_access.can_work_on_joint_picture(request.user, area), url
    )


@register.inclusion_tag("documents/secrecy_line.html")
def secrecy_line(obj) -> dict:
    return {"marking": SecrecyMarking.objects.for_object(obj) if obj else None}


@register.simple_tag
def with_markings(*objects) -> list:
    """`{% with_markings incidents as incidents %}` or `{% with_markings city police as _ %}`:
    the objects, each with its `secrecy_marking` (one query per model)."""
    if len(objects) == 1 and not isinstance(objects[0], models.Model):
        objects = objects[0] or []
    by_model = {}
    for obj in objects:
        if obj is not None:
            by_model.setdefault(type(obj), []).append(obj)
    for same in by_model.values():
        SecrecyMarking.objects.attach(same)
    return list(objects)
