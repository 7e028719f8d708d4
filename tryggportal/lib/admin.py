"""The Django admin under the rules of the pages (DESIGN: a police-only incident never reaches
a city user in any form, a city administrator included).

Every ModelAdmin of the portal's apps is a `ScopedAdmin` and names the rule of its rows:
`scope = staticmethod(incidents_visible_to)` (from its app's access module); an inline names its
own the same way, and `other_scopes` names those of models shown only inside the admin's objects
(a report's assessments). Its lists, change pages, searches, filters' counts, choices and
raw-id labels hold only what those scopes let the signed-in administrator see (the side of the
administrator's user decides, a superuser's too); a related model's scope is found through the
admin site's registry (`ScopedAdminSite.scopes`). A delete whose cascade or protection reaches
anything the administrator may not see is refused (403 with a plain message) instead of listing
it, for the delete page and the "delete selected" action alike. `ScopedAdminSite` keeps "Recent
actions" to objects the administrator still sees.

A leaf: it imports no app (each app's admin.py imports it).
"""

from django.contrib import admin
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.admin.utils import NestedObjects
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import router
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext as _


def scopes_of(site) -> dict:
    """Each model whose rows some administrators may not see, with the function giving a
    user's scoped queryset of it: the admin lists, opens, offers as a choice and counts in a
    delete confirmation only what these give."""
    return site.scopes() if isinstance(site, ScopedAdminSite) else {}


def scope_of(site, model):
    """The function giving a user's visible rows of `model`, or None when every row may be
    shown to whoever may use the model's admin."""
    return scopes_of(site).get(model)


def visible(site, model, user):
    scope = scope_of(site, model)
    return model._default_manager.all() if scope is None else scope(user)


def log_entries_visible_to(site, user, entries=None):
    """Admin history rows about objects the user may see (rows about other models as they
    are). The user's own deletions stay: they deleted what they saw then."""
    entries = LogEntry.objects.all() if entries is None else entries
    for model, scope in scopes_of(site).items():
        ids = scope(user).annotate(log_id=Cast("pk", CharField())).values("log_id")
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        entries = entries.exclude(
            Q(content_type=content_type)
            & ~Q(object_id__in=ids)
            & ~Q(action_flag=DELETION, user=user)
        )
    return entries


def hidden_dependants(site, objs, user) -> bool:
    """Whether deleting `objs` would delete, protect against deleting or change anything the
    user may not see (what the delete confirmation would otherwise list or count)."""
    objs = list(objs)
    if not objs:
        return False
    collector = NestedObjects(using=router.db_for_write(type(objs[0])))
    collector.collect(objs)
    reached: dict = {}
    for model, instances in collector.model_objs.items():
        reached.setdefault(model, set()).update(o.pk for o in instances)
    for obj in collector.protected:
        reached.setdefault(type(obj), set()).add(obj.pk)
    for (field, _value), batches in collector.field_updates.items():  # SET_NULL and the like
        for batch in batches:
            reached.setdefault(field.model, set()).update(o.pk for o in batch)
    for model, pks in reached.items():
        if model is LogEntry:
            seen = log_entries_visible_to(site, user, LogEntry.objects.filter(pk__in=pks))
        elif scope_of(site, model) is not None:
            seen = visible(site, model, user).filter(pk__in=pks)
        else:
            continue
        if seen.count() != len(pks):
            return True
    return False


class ScopedRawIdWidget(ForeignKeyRawIdWidget):
    """A raw-id field names the object typed into it only when the user may see it."""

    def __init__(self, rel, admin_site, *, user, **kwargs):
        super().__init__(rel, admin_site, **kwargs)
        self.user = user

    def label_and_url_for_value(self, value):
        key = self.rel.get_related_field().name
        try:
            seen = (
                visible(self.admin_site, self.rel.model, self.user).filter(**{key: value}).exists()
            )
        except (ValueError, TypeError):
            seen = False
        return super().label_and_url_for_value(value) if seen else ("", "")


class ScopedMixin:
    """Rows, and choices of related objects (select boxes, filter_horizontal, raw-id labels),
    that the user may not see are never shown, offered or named; for ModelAdmins and inlines
    (`class SomeInline(ScopedMixin, admin.TabularInline)`) alike. `scope`: the rule of the
    model's rows (a function of the user giving the rows they may see), None when every row
    may be shown to whoever may use the admin."""

    scope = None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        model = db_field.remote_field.model
        if scope_of(self.admin_site, model) is not None:
            kwargs.setdefault("queryset", visible(self.admin_site, model, request.user))
            if db_field.name in self.raw_id_fields:
                kwargs["widget"] = ScopedRawIdWidget(
                    db_field.remote_field,
                    self.admin_site,
                    user=request.user,
                    using=kwargs.get("using"),
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        model = db_field.remote_field.model
        if scope_of(self.admin_site, model) is not None:
            kwargs.setdefault("queryset", visible(self.admin_site, model, request.user))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if scope_of(self.admin_site, self.model) is None:
            return queryset
        return queryset.filter(
            pk__in=visible(self.admin_site, self.model, request.user).values("pk")
        )


class ScopedAdmin(ScopedMixin, admin.ModelAdmin):
    """The portal's ModelAdmin (see the module's text). `other_scopes`: {model: scope} of
    models without an admin of their own whose rows this admin's objects carry (shown in
    inlines or counted in a delete confirmation)."""

    other_scopes: dict = {}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form
        # A related object the user may not see stays what it is when the form is saved
        # (a measure proposed in the other side's draft), without being offered or named.
        for name, field in form.base_fields.items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model is None or scope_of(self.admin_site, model) is None:
                continue
            current = getattr(obj, f"{name}_id", None)
            if current is not None:
                field.queryset = field.queryset | model._default_manager.filter(pk=current)
        return form

    def get_deleted_objects(self, objs, request):
        if hidden_dependants(self.admin_site, objs, request.user):
            raise PermissionDenied(
                _(
                    "This cannot be deleted here: data that you do not have access to depends "
                    "on it. Ask an administrator who has access to all of its data."
                )
            )
        return super().get_deleted_objects(objs, request)


class ScopedAdminSite(admin.AdminSite):
    """The default admin site: "Recent actions" names only what the administrator sees."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._extra_scopes: dict = {}

    def add_scope(self, model, scope) -> None:
        """The scope of a model that no registered admin shows (nor names in `other_scopes`)."""
        self._extra_scopes[model] = scope

    def scopes(self) -> dict:
        """{model: scope} of every model whose rows some administrators may not see: each
        registered admin's own, its inlines' and its `other_scopes`."""
        found = dict(self._extra_scopes)
        for model, model_admin in self._registry.items():
            for inline in getattr(model_admin, "inlines", ()):
                if getattr(inline, "scope", None) is not None:
                    found[inline.model] = inline.scope
            found.update(getattr(model_admin, "other_scopes", {}))
            if getattr(model_admin, "scope", None) is not None:
                found[model] = model_admin.scope
        return found

    def get_log_entries(self, request):
        entries = super().get_log_entries(request)
        if not request.user.is_active or not request.user.is_staff:  # the sign-in page
            return entries.none()
        return log_entries_visible_to(self, request.user, entries)
