"""Bench-only middleware: counts the SQL queries of each request into an X-Query-Count header.

Enabled only when BENCH_QUERY_COUNT is set (see tryggportal/settings.py); `make bench` sets it
for the gunicorn it starts, so query counts come from the same real requests that are timed.
"""

from django.db import connections


def query_count(get_response):
    def middleware(request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counter):
            response = get_response(request)
        response["X-Query-Count"] = str(count)
        return response

    return middleware
