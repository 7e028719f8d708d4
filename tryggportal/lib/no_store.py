"""Keep downloads and secrets out of the browser's cache: `Cache-Control: private, no-store`.

A PDF, CSV or XLSX file, and the JSON a page fetches (the measure picker, autosave), may hold
police data; a browser (or a proxy) would otherwise keep a copy on disk, where the next person
at a shared computer finds it. `no_store_downloads` marks every such answer in one place, by
what it is rather than by which view made it: an attachment (`Content-Disposition`) or one of
the download content types. Pages that show a secret (the authenticator's secret at enrolment,
backup codes, an enrolment code) say so with the `@no_store` decorator.
"""

from functools import wraps

from django.utils.cache import patch_cache_control

DOWNLOAD_TYPES = {
    "application/pdf",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/json",
}


def mark_no_store(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def is_download(response) -> bool:
    content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return "Content-Disposition" in response or content_type in DOWNLOAD_TYPES


def no_store_downloads(get_response):
    """Middleware: every download leaves no copy in the browser's cache."""

    def middleware(request):
        response = get_response(request)
        if is_download(response):
            mark_no_store(response)
        return response

    return middleware


def no_store(view_func):
    """Decorator for a view whose page shows a secret: no copy in any cache."""

    @wraps(view_func)
    def view(request, *args, **kwargs):
        return mark_no_store(view_func(request, *args, **kwargs))

    return view
