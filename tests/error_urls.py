"""The portal's addresses plus two that fail on purpose, for tests/test_error_pages.py."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.urls import path

from tryggportal.urls import urlpatterns as portal


@login_not_required
def bad_request(request):
    raise SuspiciousOperation("a malformed request")


def server_error(request):
    raise RuntimeError("a bug")


urlpatterns = [
    *portal,
    path("test-errors/400/", bad_request),
    path("test-errors/500/", server_error),
]
