"""The Jinja2 environment of the hot fragments (templates/jinja2/, settings.TEMPLATES).

Where a fragment repeats a row fifty or a thousand times, Django's template engine spends
milliseconds on the lookups and filters; Jinja2 compiles a template to Python and spends a
fraction of that, with autoescape on, so escaping stays the engine's job. A Django template
includes such a fragment through a filter of its app (tryggportal/lib/fragments.py). What the
fragments may use beside Jinja2's own:

    _("…"), gettext, ngettext, pgettext   Django's translations, in the active language
    url("name", *args)                    django.urls.reverse
    static("path")                        the static file's address
    lang_sv()                             ` lang="sv"` on text users wrote (tryggportal/lib/written.py)
    value|strftime("%Y-%m-%d %H:%M")      a date or time, in the local time zone (Python's
                                          strftime: a fifth of Django's `date` format's cost)
    text|truncatechars(120)               Django's `truncatechars` (Truncator), quick when it fits
"""

import datetime as dt
import unicodedata

from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from jinja2 import Environment

from tryggportal.lib.written import lang_sv


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    # Old-style gettext: a translation is plain text that autoescape escapes, as Django does.
    env.install_gettext_translations(translation)
    env.globals.update(url=url, static=static, lang_sv=lang_sv)
    env.filters.update(strftime=strftime, truncatechars=truncatechars)
    return env


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def strftime(value: dt.date | dt.datetime | None, format_string: str) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = timezone.localtime(value)
    return value.strftime(format_string)


def truncatechars(value, length: int) -> str:
    """Django's Truncator, which counts a string's characters one by one; a text that fits
    (most do) is returned as Truncator would return it, without that walk."""
    text = unicodedata.normalize("NFC", str(value))
    if len(text) <= length:
        return text
    return Truncator(text).chars(length)
