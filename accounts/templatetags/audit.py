"""`{% load audit %}{% audit_history report %}`: an object's own history from the audit log.

Include it only on a page the reader may already see the object on; the page's access check
is the history's access check.
"""

from django import template

from accounts.audit import history

register = template.Library()


@register.inclusion_tag("accounts/audit_history.html")
def audit_history(obj, limit: int = 50):
    return {"events": history(obj, limit)}
