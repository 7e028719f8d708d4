"""Keep what was typed when a form is posted after the session has expired.

A view marked `@keeps_posted_form` that receives a POST from a signed-out browser does not
lose the text: `KeptFormMiddleware` (placed before LoginRequiredMiddleware, after
CsrfViewMiddleware so only genuine posts are kept) stores the posted fields — never the CSRF
token — in the new anonymous session under the address posted to, and sends the browser to
sign in with `next` back to that address. Signing in keeps the session's data, so the form
page can `pop_kept_form(request, path)` and show the restored text for review.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, QueryDict

SESSION_KEY = "kept_forms"
MAX_KEPT_CHARS = 200_000  # several full reports; anything larger is not a typed form


def keeps_posted_form(view_func):
    """Mark a form view whose posted text survives an expired session."""
    view_func.keeps_posted_form = True
    return view_func


class KeptFormMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            request.method != "POST"
            or request.user.is_authenticated
            or not getattr(view_func, "keeps_posted_form", False)
        ):
            return None
        fields = {k: request.POST.getlist(k) for k in request.POST if k != "csrfmiddlewaretoken"}
        if sum(len(v) for values in fields.values() for v in values) <= MAX_KEPT_CHARS:
            kept = request.session.get(SESSION_KEY, {})
            kept[request.path] = fields
            request.session[SESSION_KEY] = kept
        return redirect_to_login(request.path)


def pop_kept_form(request: HttpRequest, path: str) -> QueryDict | None:
    """The fields kept for a form posted to `path` while signed out, once; else None."""
    kept = request.session.get(SESSION_KEY)
    if not kept or path not in kept:
        return None
    fields = kept.pop(path)
    request.session[SESSION_KEY] = kept
    data = QueryDict(mutable=True)
    for name, values in fields.items():
        data.setlist(name, values)
    return data
