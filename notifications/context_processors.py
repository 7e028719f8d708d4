"""The unread notification count in the header, on every page."""

from django.http import HttpRequest

from . import services


def unread_notifications(request: HttpRequest) -> dict:
    """From the cache only, never a query: every page's query count stays as it was.

    Every write (a new notification, marking read) and the notifications page itself store
    the count, so it is missing only until one of those happens (e.g. after Redis restarts).
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": services.unread_count_cached(user=user)}
