"""Keep what was typed when a form is posted after the session has expired.

A view marked `@keeps_posted_form` that receives a POST from a signed-out browser does not
lose the text: `KeptFormMiddleware` (placed before LoginRequiredMiddleware, after
CsrfViewMiddleware so only genuine posts are kept) stores the posted fields — never the CSRF
token — in the new anonymous session under the address posted to, and sends the browser to
sign in with `next` back to that address. Signing in keeps the session's data, so the form
page can `pop_kept_form(request, path)` and show the restored text for review.

A kept form belongs to the user whose session ended: when SessionTimeoutMiddleware signs a user
out it calls `remember_owner`, so the new signed-out session knows whose forms it may keep. At
sign-in (`claim_kept_forms`, on Django's user_logged_in) the forms stay only when the owner is
the one signing in; kept forms of another user, or of nobody (the session ended some other way,
or nobody was signed in), are dropped. On a shared computer, a form typed by one user is never
given to the next one who signs in.

Anyone can post signed out, so what is kept is bounded: only for an address that resolves to a
marked view (Django calls `process_view` with the resolved view only) and, where the view says
how to tell (`@keeps_posted_form(exists=…)`), names an object that exists; at most
MAX_KEPT_FORMS forms per session (the newest), each at most MAX_KEPT_CHARS characters; and at
most KEPT_FORMS_PER_ADDRESS.limit forms per address and hour, since every post without a
session cookie makes a new session row. Beyond these the form is not kept; the visitor is sent
to sign in all the same.
"""

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, QueryDict

from tryggportal.lib.rate_limit import RateLimit

SESSION_KEY = "kept_forms"
OWNER_KEY = "kept_forms_owner"  # the id of the user whose session ended (see `remember_owner`)
MAX_KEPT_FORMS = 3  # a person has one form open, perhaps a few tabs; the newest are kept
MAX_KEPT_CHARS = 80_000  # names and values: a report with every text field full (15 × 5,000)
KEPT_FORMS_PER_ADDRESS = RateLimit("kept-form", limit=20, window=60 * 60)


def keeps_posted_form(view_func=None, *, exists: Callable[..., bool] | None = None):
    """Mark a form view whose posted text survives an expired session.

    `exists(**view_kwargs)`, when given, tells whether the address names a real object; a form
    posted to one that does not is not kept. Used bare (`@keeps_posted_form`) or with it.
    """

    def mark(func):
        func.keeps_posted_form = exists or (lambda **_kwargs: True)
        return func

    return mark(view_func) if view_func is not None else mark


def _size(fields: dict[str, list[str]]) -> int:
    return sum(len(name) + sum(len(value) for value in values) for name, values in fields.items())


class KeptFormMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        exists = getattr(view_func, "keeps_posted_form", None)
        if request.method != "POST" or request.user.is_authenticated or exists is None:
            return None
        fields = {k: request.POST.getlist(k) for k in request.POST if k != "csrfmiddlewaretoken"}
        if (
            _size(fields) <= MAX_KEPT_CHARS
            and not KEPT_FORMS_PER_ADDRESS.blocked_until(request)
            and exists(**view_kwargs)
        ):
            KEPT_FORMS_PER_ADDRESS.hit(request)
            kept = request.session.get(SESSION_KEY, {})
            kept.pop(request.path, None)  # posted again: now the newest
            kept[request.path] = fields
            request.session[SESSION_KEY] = dict(list(kept.items())[-MAX_KEPT_FORMS:])
        return redirect_to_login(request.path)


def remember_owner(request: HttpRequest, user_id: int) -> None:
    """The session of `user_id` has just ended (the new, signed-out session is `request`'s):
    forms posted from now on are theirs."""
    request.session[OWNER_KEY] = user_id


def claim_kept_forms(request: HttpRequest, user) -> None:
    """At sign-in: keep the session's kept forms only when they belong to `user`."""
    if request.session.get(OWNER_KEY) != user.pk:
        request.session.pop(SESSION_KEY, None)
        request.session.pop(OWNER_KEY, None)


def pop_kept_form(request: HttpRequest, path: str) -> QueryDict | None:
    """The fields the signed-in user posted to `path` while signed out, once; else None."""
    kept = request.session.get(SESSION_KEY)
    if not kept or path not in kept:
        return None
    if request.session.get(OWNER_KEY) != request.user.pk:
        del request.session[SESSION_KEY]  # never someone else's (see `claim_kept_forms`)
        return None
    fields = kept.pop(path)
    request.session[SESSION_KEY] = kept
    data = QueryDict(mutable=True)
    for name, values in fields.items():
        data.setlist(name, values)
    return data
