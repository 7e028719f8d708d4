def swedish_by_default(get_response):
    """Make Swedish the default whatever the browser asks for.

    LocaleMiddleware would otherwise follow Accept-Language; users choose English with the
    language switch (a cookie, and their saved preference), not through browser settings.
    """

    def middleware(request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return get_response(request)

    return middleware
