"""`{% lang_sv %}` on the element that holds text a user wrote: ` lang="sv"` when the interface
is in another language, so that a screen reader reads Swedish free text with a Swedish voice
(WCAG 3.1.2, language of parts).

People write in the portal in Swedish, their language of work, whatever language they read the
interface in. In the Swedish interface the page's own `<html lang="sv">` says it already, so
nothing is added. Load it with `{% load written %}` (registered in settings.TEMPLATES).
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

WRITTEN_IN = "sv"


@register.simple_tag
def lang_sv() -> str:
    if (get_language() or "").split("-")[0] == WRITTEN_IN:
        return ""
    return mark_safe(f' lang="{WRITTEN_IN}"')
