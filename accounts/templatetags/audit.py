"""`{% load audit %}{% audit_history report %}`: an object's own history from the audit log.

Include it only on a page the reader may already see the object on; the page's access check
is the history's access check. The page shows the latest ten events, and the latest fifty
when asked (`?history=all`, the link under the table): a report read every week gathers
dozens of rows, and rendering fifty on every view of it cost a tenth of the page.
"""

from django import template

from accounts.audit import history

register = template.Library()

SHOWN = 10


@register.inclusion_tag("accounts/audit_history.html", takes_context=True)
def audit_history(context, obj, limit: int = 50):
    request = context.get("request")
    full = request is not None and request.GET.get("history") == "all"
    shown = limit if full else min(SHOWN, limit)
    events = history(obj, shown + 1)  # one more tells whether there is more to show
    return {"events": events[:shown], "more": not full and len(events) > shown, "full": full}
