from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from notifications import access

from . import services

NOTIFICATIONS_PER_PAGE = 25


def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = access.notifications_visible_to(request.user).for_list()
    page = Paginator(notifications, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    unread = services.unread_count_refresh(user=request.user)
    context = {"page": page, "unread": unread, "query": ""}
    return render(request, "notifications/notification_list.html", context)


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = access.get_notification_for_user(request.user, pk)
    services.notification_mark_read(notification=notification, user=request.user)
    if request.POST.get("open"):
        return redirect(notification.link)
    return redirect(_notifications_page(request))


@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    marked = services.notifications_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d notification marked as read.",
            "%(count)d notifications marked as read.",
            marked,
        )
        % {"count": marked},
    )
    return redirect(_notifications_page(request))


def _notifications_page(request: HttpRequest) -> str:
    """Back to the page of the list the user was on."""
    page = request.POST.get("page", "")
    url = reverse("notification_list")
    return f"{url}?page={page}" if page.isdigit() else url
